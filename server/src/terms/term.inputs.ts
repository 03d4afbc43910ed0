import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { Comparator, Term } from './term.types';

@InputType()
export class CreateTermInput {
  @Field({
    description:
      'The province, district or commune whose congress set the resolution (a commune formed on 2025-07-01 starts with congress I)',
  })
  unitCode: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The unit's id (AdminUnit.id), to choose between units that share the code; by default the unit with the code that existed longest during the term's years",
  })
  unitId?: string | null;

  @Field(() => Int, { description: 'The congress number, e.g. 22 for "lần thứ XXII"' })
  congressNumber: number;

  @Field(() => Int)
  startYear: number;

  @Field(() => Int)
  endYear: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Default: "Nghị quyết Đại hội Đảng bộ huyện … lần thứ XXII, nhiệm kỳ 2020–2025" (tỉnh …, xã …, phường … by the unit\'s name)',
  })
  title?: string | null;
}

@ObjectType()
export class TermPayload extends Payload('term', () => Term) {}

@InputType()
export class TargetInput {
  @Field()
  indicatorCode: string;

  @Field({ description: "A period inside the term's years, e.g. 2025 or 2021..2025" })
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => Comparator)
  comparator: Comparator;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class SetTargetsInput {
  @Field(() => ID)
  termId: string;

  @Field(() => [TargetInput], {
    description: "The term's complete list of targets: it replaces the current one (at most 1000)",
  })
  targets: TargetInput[];
}

@ObjectType()
export class SetTargetsPayload extends Payload('term', () => Term) {}
