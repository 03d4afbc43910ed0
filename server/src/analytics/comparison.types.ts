import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AdminLevel } from '../admin-units/admin-unit.types';
import { Connection } from '../common/connection';
import { ObservationStatus } from '../observations/observation.types';
import { Comparator } from '../terms/term.types';
import { AchievementBand } from './progress.types';

// simpleResolvers: plain properties use graphql-js's default resolver (no per-field wrapper), which
// matters for 23,000 rows × 17 fields; the nested unit/indicator/observation keep their resolvers.
@ObjectType({
  description:
    'One district or commune × indicator × period of a province-wide comparison: a flat row for a PivotTable',
  simpleResolvers: true,
})
export class ComparisonRow {
  @Field({ description: 'District or commune code' })
  unitCode: string;

  @Field({ description: 'District or commune short name, e.g. "Hà Trung"' })
  unitName: string;

  @Field(() => AdminLevel, { description: 'DISTRICT or COMMUNE: the row is ranked among the units of this level' })
  unitLevel: AdminLevel;

  @Field()
  indicatorCode: string;

  @Field()
  indicatorName: string;

  @Field({ description: 'Unit of measure of the indicator' })
  measure: string;

  @Field()
  period: string;

  @Field(() => Int, { description: 'Year the period ends in (a PivotTable column)' })
  year: number;

  @Field(() => Float)
  value: number;

  @Field(() => ObservationStatus)
  status: ObservationStatus;

  @Field(() => Float, {
    nullable: true,
    description: 'The target this value is measured against (see docs/api.md: Analytics)',
  })
  target: number | null;

  @Field(() => String, { nullable: true })
  targetPeriod: string | null;

  @Field(() => Comparator, { nullable: true })
  comparator: Comparator | null;

  @Field(() => Float, { nullable: true, description: 'As Progress.ratio, exact' })
  ratio: number | null;

  @Field(() => AchievementBand, { nullable: true, description: 'As Progress.band; null without a target' })
  band: AchievementBand | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "As ranking(): among the province's units of the row's level (districts or communes) active at the period's end; null for FORECAST rows and for a unit that did not exist at the period's end",
  })
  rank: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Number of units of the row's level ranked at this indicator and period",
  })
  rankOf: number | null;

  @Field({ description: 'True for a value derived from the units this one succeeded (boundaries CURRENT)' })
  derived: boolean;

  @Field({ description: 'False when a derived value is an approximation (see Observation.complete)' })
  complete: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Codes of the units a derived value combines ("35, 36, 37"); null for a stored value',
  })
  contributors: string | null;

  unitId: number;
  indicatorId: number;
  observationId: number | null;
  contributorIds: number[];
  updatedAt: Date | null;
  startMonth: number;
  endMonth: number;
  /** ISO date of the boundaries (CURRENT), or null. */
  boundariesOn: string | null;
}

@ObjectType({ description: 'Rows ordered by indicator code, period, unit code', simpleResolvers: true })
export class ComparisonConnection extends Connection('Comparison', () => ComparisonRow, { simpleResolvers: true }) {
  @Field(() => Int, { description: 'Rows over all pages' })
  totalCount: number;
}
