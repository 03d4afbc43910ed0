import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { ObservationStatus } from '../observations/observation.types';
import { Comparator } from '../terms/term.types';
import { AchievementBand } from './progress.types';

// simpleResolvers: plain properties use graphql-js's default resolver (no per-field wrapper), which
// matters for 23,000 rows × 17 fields; the nested unit/indicator/observation keep their resolvers.
@ObjectType({
  description: 'One district × indicator × period of a province-wide comparison: a flat row for a PivotTable',
  simpleResolvers: true,
})
export class ComparisonRow {
  @Field({ description: 'District code' })
  unitCode: string;

  @Field({ description: 'District short name, e.g. "Hà Trung"' })
  unitName: string;

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
      "As ranking(): among the districts active at the period; null for FORECAST rows and for a district that no longer existed at the period's end",
  })
  rank: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of districts ranked at this indicator and period' })
  rankOf: number | null;

  unitId: number;
  indicatorId: number;
  observationId: number;
}

@ObjectType({ description: 'Rows ordered by indicator code, period, district code', simpleResolvers: true })
export class ComparisonConnection extends Connection('Comparison', () => ComparisonRow, { simpleResolvers: true }) {
  @Field(() => Int, { description: 'Rows over all pages' })
  totalCount: number;
}
