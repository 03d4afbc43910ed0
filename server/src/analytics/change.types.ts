import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Observation } from '../observations/observation.types';

@ObjectType({
  description: 'An observation against the same unit × indicator at another period ("gấp 1,41 lần năm 2020")',
})
export class Change {
  @Field(() => Observation)
  base: Observation;

  @Field(() => Float, { description: 'value / base.value, exact: the double nearest the exact quotient' })
  ratio: number;

  @Field(() => Float, { description: 'value − base.value, exact at 6 decimals' })
  difference: number;

  @Field(() => Int, {
    nullable: true,
    description: "Whole years between the two periods' ends (negative when base is later); null when not whole",
  })
  years: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'ratio^(1/years) − 1: constant annual growth forward in time (positive when the later value is larger, also with a later base), 15 significant digits; null when years is null, the base is ≤ 0 or the value < 0',
  })
  cagr: number | null;
}
