import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AdminLevel } from '../admin-units/admin-unit.types';
import { ObservationStatus } from '../observations/observation.types';

@ObjectType({
  description:
    "A province figure computed from its units one level down (districts before 1 July 2025, communes after) by the indicator's aggregation rule, beside the figure the province reported",
  simpleResolvers: true,
})
export class RollUpRow {
  @Field()
  indicatorCode: string;

  @Field()
  indicatorName: string;

  @Field({ description: 'Unit of measure of the indicator' })
  measure: string;

  @Field()
  period: string;

  @Field(() => Int, { description: 'Year the period ends in' })
  year: number;

  @Field(() => AdminLevel, {
    description: 'The level rolled up: DISTRICT while the province had districts at the period’s end, else COMMUNE',
  })
  level: AdminLevel;

  @Field(() => Float, {
    nullable: true,
    description:
      "The province's own figure (with boundaries CURRENT, possibly derived from the provinces it came from); null when it reported none",
  })
  reported: number | null;

  @Field(() => ObservationStatus, { nullable: true })
  reportedStatus: ObservationStatus | null;

  @Field({ description: 'True when `reported` is derived from predecessor provinces (boundaries CURRENT)' })
  reportedDerived: boolean;

  @Field(() => Float, {
    nullable: true,
    description:
      'The units’ values combined by the rule (SUM; WEIGHTED_MEAN by the weight indicator); null for NONE or when no unit reported',
  })
  rolledUp: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'reported − rolledUp, exact at the stored scale; null unless both exist',
  })
  difference: number | null;

  @Field(() => Int, { description: 'Units of the level in the province at the period’s end' })
  units: number;

  @Field(() => Int, { description: 'Of them, those with a value (and, for WEIGHTED_MEAN, a weight) at the period' })
  reporting: number;

  @Field({
    description:
      'False when rolledUp leaves a unit out (no value or weight) or includes a derived value that is itself incomplete',
  })
  complete: boolean;
}
