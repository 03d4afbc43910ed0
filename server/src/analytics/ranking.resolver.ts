import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { RankedValue } from './ranking.types';

@Resolver(() => RankedValue)
export class RankingResolver {
  @Query(() => [RankedValue], {
    description: "The province's districts active at the period that have a non-FORECAST value at exactly that period, best first by the indicator's direction; ties share a rank (1, 2, 2, 4)",
  })
  async ranking(
    @Ctx() ctx: Context,
    @Arg('provinceCode', () => String) provinceCode: string,
    @Arg('indicatorCode', () => String) indicatorCode: string,
    @Arg('period', () => String) period: string,
  ): Promise<RankedValue[]> {
    const { ranked, units } = await ctx.services.analytics.ranking(provinceCode, indicatorCode, period);
    for (const u of units) ctx.loaders.unit.prime(u.localId, u);
    return ranked;
  }
}
