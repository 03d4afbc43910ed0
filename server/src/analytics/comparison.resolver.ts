import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { Indicator } from '../indicators/indicator.types';
import { Observation } from '../observations/observation.types';
import { ComparisonConnection, ComparisonRow } from './comparison.types';
import { Lifecycle, scoped } from 'tsyringe';
import { ComparisonService } from './comparison.service';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { ObservationLoaders } from '../observations/observation.loaders';
import { perPage } from '../common/complexity';
import { DateResolver } from 'graphql-scalars';
import { Boundaries } from '../observations/observation.types';
import { boundariesDate, BOUNDARIES_DOC, ON_DOC } from '../observations/boundaries-args';
import { presentDerived } from '../observations/boundary-read.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => ComparisonRow)
export class ComparisonResolver {
  constructor(
    private readonly comparison: ComparisonService,
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly indicatorLoaders: IndicatorLoaders,
    private readonly observationLoaders: ObservationLoaders,
  ) {}

  @Query(() => ComparisonConnection, {
    complexity: perPage,
    description:
      'Province-wide long table for a PivotTable: one row per district or commune × indicator × period with a value, with target, ratio, band and rank (among the units of its level). ' +
      'Filters narrow it (AND); without indicatorCodes every indicator, without periods/years every period.',
  })
  async provinceComparison(
    @Arg('provinceCode', () => String) provinceCode: string,
    @Arg('indicatorCodes', () => [String], { nullable: true }) indicatorCodes?: string[] | null,
    @Arg('periods', () => [String], { nullable: true, description: 'Exact periods' }) periods?: string[] | null,
    @Arg('fromYear', () => Int, { nullable: true, description: 'Periods that start in or after this year' })
    fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Periods that end in or before this year' })
    toYear?: number | null,
    @Arg('includeForecasts', () => Boolean, { defaultValue: false, description: 'Also FORECAST values (never ranked)' })
    includeForecasts?: boolean,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most 50,000' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('boundaries', () => Boundaries, { defaultValue: Boundaries.AS_REPORTED, description: BOUNDARIES_DOC })
    boundaries: Boundaries = Boundaries.AS_REPORTED,
    @Arg('on', () => DateResolver, { nullable: true, description: ON_DOC }) on?: Date | null,
  ): Promise<ComparisonConnection> {
    const day = boundariesDate(boundaries, on);
    const { units, indicators, ...connection } = await this.comparison.connection({
      provinceCode,
      indicatorCodes,
      periods,
      fromYear,
      toYear,
      includeForecasts,
      first: first ?? 1000,
      after,
      on: day,
    });
    for (const u of units) this.unitLoaders.byId.prime(u.localId, u);
    for (const i of indicators) this.indicatorLoaders.byId.prime(i.localId, i);
    return connection;
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() r: ComparisonRow): Promise<AdminUnit> {
    return (await this.unitLoaders.byId.load(r.unitId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() r: ComparisonRow): Promise<Indicator> {
    return (await this.indicatorLoaders.byId.load(r.indicatorId))!;
  }

  @FieldResolver(() => Observation, {
    description: 'The full observation (source, note, version, revisions, relativeTo)',
  })
  async observation(@Root() r: ComparisonRow): Promise<Observation> {
    if (r.observationId === null)
      return presentDerived({ ...r, updatedAt: r.updatedAt ?? new Date(0) }, r.boundariesOn ?? '');
    return (await this.observationLoaders.byId.load(r.observationId))!;
  }
}
