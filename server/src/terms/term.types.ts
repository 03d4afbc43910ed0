import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { toRoman } from '../common/roman';
import { Node } from '../common/node.type';
import type { TargetEntity } from './target.entity';
import type { TermEntity } from './term.entity';

export enum Comparator {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
}
registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'AT_LEAST: value ≥ target meets it; AT_MOST: value ≤ target meets it',
});

/** A congress term, e.g. district congress no. XXII, 2020–2025. */
@ObjectType({ implements: Node })
export class Term extends Node {
  @Field(() => Int)
  congressNumber: number;

  @Field({ description: 'The congress number in Roman numerals, as the resolutions write it ("XXII")' })
  congressRoman: string;

  @Field(() => Int)
  startYear: number;

  @Field(() => Int)
  endYear: number;

  @Field()
  title: string;

  localId: number;
  unitId: number;
}

@ObjectType({ implements: Node })
export class Target extends Node {
  @Field({ description: 'Period the target is set for, e.g. 2025 or 2021..2025' })
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => Comparator)
  comparator: Comparator;

  @Field(() => String, { nullable: true })
  note: string | null;

  localId: number;
  termId: number;
  indicatorId: number;
}

export function presentTerm(e: TermEntity): Term {
  return {
    __typename: 'Term',
    id: toGlobalId('Term', e.id),
    localId: e.id,
    unitId: e.unitId,
    congressNumber: e.congressNumber,
    congressRoman: toRoman(e.congressNumber),
    startYear: e.startYear,
    endYear: e.endYear,
    title: e.title,
  } as Term;
}

export function presentTarget(e: TargetEntity): Target {
  return {
    __typename: 'Target',
    id: toGlobalId('Target', e.id),
    localId: e.id,
    termId: e.termId,
    indicatorId: e.indicatorId,
    period: e.period,
    value: e.value,
    comparator: e.comparator as Comparator,
    note: e.note,
  } as Target;
}
