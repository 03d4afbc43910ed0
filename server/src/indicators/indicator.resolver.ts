import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Indicator } from './indicator.types';
import { Lifecycle, scoped } from 'tsyringe';
import { IndicatorLoaders } from './indicator.loaders';
import { IndicatorService } from './indicator.service';
import { listOf } from '../common/complexity';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Indicator)
export class IndicatorResolver {
  constructor(
    private readonly indicatorsService: IndicatorService,
    private readonly indicatorLoaders: IndicatorLoaders,
  ) {}

  @Query(() => [Indicator], {
    description: 'The indicator catalogue; search ignores diacritics and case',
    complexity: listOf(100),
  })
  indicators(
    @Arg('category', () => String, { nullable: true }) category?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
  ): Promise<Indicator[]> {
    return this.indicatorsService.list({ category, search });
  }

  @Query(() => Indicator, { nullable: true })
  indicator(@Arg('code', () => String) code: string): Promise<Indicator | null> {
    return this.indicatorsService.byCode(code);
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description: 'The indicator a WEIGHTED_MEAN is weighted by; null for the other rules',
  })
  weightIndicator(@Root() i: Indicator): Promise<Indicator | null> {
    return i.weightIndicatorId === null ? Promise.resolve(null) : this.indicatorLoaders.byId.load(i.weightIndicatorId);
  }
}
