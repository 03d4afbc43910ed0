import { Arg, Query, Resolver } from 'type-graphql';
import { RankedValue } from './ranking.types';
import { Lifecycle, scoped } from 'tsyringe';
import { AnalyticsService } from './analytics.service';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import { listOf } from '../common/complexity';
import { AdminLevel } from '../admin-units/admin-unit.types';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => RankedValue)
export class RankingResolver {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly unitLoaders: AdminUnitLoaders,
  ) {}

  @Query(() => [RankedValue], {
    complexity: listOf(200), // up to ~30 districts or ~200 communes (166 in Thanh Hóa)
    description:
      "The province's districts or communes active at the period's end that have a non-FORECAST value at exactly that period, best first by the indicator's direction; ties share a rank (1, 2, 2, 4)",
  })
  async ranking(
    @Arg('provinceCode', () => String) provinceCode: string,
    @Arg('indicatorCode', () => String) indicatorCode: string,
    @Arg('period', () => String) period: string,
    @Arg('level', () => AdminLevel, {
      nullable: true,
      description:
        "DISTRICT or COMMUNE (PROVINCE is INVALID_RANKING_LEVEL); by default the level below the province at the period's end: districts before the July 2025 reorganisation, communes after",
    })
    level?: AdminLevel | null,
  ): Promise<RankedValue[]> {
    const { ranked, units } = await this.analytics.ranking(provinceCode, indicatorCode, period, level ?? null);
    for (const u of units) this.unitLoaders.byId.prime(u.localId, u);
    return ranked;
  }
}
