import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import type { Context } from '../graphql/context';
import { Indicator } from '../indicators/indicator.types';
import { Observation } from '../observations/observation.types';
import { ComparisonConnection, ComparisonRow } from './comparison.types';

@Resolver(() => ComparisonRow)
export class ComparisonResolver {
  @Query(() => ComparisonConnection, {
    description: 'Province-wide long table for a PivotTable: one row per district × indicator × period with a value, with target, ratio, band and rank. '
      + 'Filters narrow it (AND); without indicatorCodes every indicator, without periods/years every period.',
  })
  async provinceComparison(
    @Ctx() ctx: Context,
    @Arg('provinceCode', () => String) provinceCode: string,
    @Arg('indicatorCodes', () => [String], { nullable: true }) indicatorCodes?: string[] | null,
    @Arg('periods', () => [String], { nullable: true, description: 'Exact periods' }) periods?: string[] | null,
    @Arg('fromYear', () => Int, { nullable: true, description: 'Periods that start in or after this year' }) fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Periods that end in or before this year' }) toYear?: number | null,
    @Arg('includeForecasts', () => Boolean, { defaultValue: false, description: 'Also FORECAST values (never ranked)' }) includeForecasts?: boolean,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most 50,000' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ComparisonConnection> {
    const { units, indicators, ...connection } = await ctx.services.analytics.comparison.connection({
      provinceCode, indicatorCodes, periods, fromYear, toYear, includeForecasts, first: first ?? 1000, after,
    });
    for (const u of units) ctx.loaders.unit.prime(u.localId, u);
    for (const i of indicators) ctx.loaders.indicator.prime(i.localId, i);
    return connection;
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() r: ComparisonRow, @Ctx() ctx: Context): Promise<AdminUnit> {
    return (await ctx.loaders.unit.load(r.unitId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() r: ComparisonRow, @Ctx() ctx: Context): Promise<Indicator> {
    return (await ctx.loaders.indicator.load(r.indicatorId))!;
  }

  @FieldResolver(() => Observation, { description: 'The full observation (source, note, version, revisions, relativeTo)' })
  async observation(@Root() r: ComparisonRow, @Ctx() ctx: Context): Promise<Observation> {
    return (await ctx.loaders.observation.load(r.observationId))!;
  }
}
