import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { UserError } from '../common/user-error.type';

@InputType()
export class PeriodLockInput {
  @Field({ description: 'Province, district or commune code' })
  unitCode: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The unit's id (AdminUnit.id), needed when unitCode names two units in the period (37 in 2025: old and merged Ninh Bình); must be a unit with that code that existed in the period",
  })
  unitId?: string | null;

  @Field({
    description: 'The approved period; it locks every period inside it (a year locks its halves, quarters and months)',
  })
  period: string;
}

@ObjectType()
export class PeriodLockPayload {
  @Field()
  unitCode: string;

  @Field(() => ID, { nullable: true, description: "The unit's id (AdminUnit.id); null when the input was refused" })
  unitId: string | null;

  @Field()
  period: string;

  @Field({
    description:
      'Whether writes at this unit and period are locked after the mutation (also true when an enclosing period is approved)',
  })
  locked: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When this exact period was approved' })
  lockedAt: Date | null;

  @Field(() => String, { nullable: true })
  lockedBy: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ description: 'An approved period of a unit: values inside it are read-only until unapproved' })
export class PeriodLock {
  @Field()
  unitCode: string;

  @Field(() => ID, { description: "The unit's id (AdminUnit.id)" })
  unitId: string;

  @Field()
  period: string;

  @Field(() => DateTimeResolver)
  lockedAt: Date;

  @Field(() => String, { nullable: true })
  lockedBy: string | null;
}
