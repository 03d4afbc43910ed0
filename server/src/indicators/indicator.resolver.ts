import { Arg, Query, Resolver } from 'type-graphql';
import { Indicator } from './indicator.types';
import { Lifecycle, scoped } from 'tsyringe';
import { IndicatorService } from './indicator.service';
import { listOf } from '../common/complexity';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Indicator)
export class IndicatorResolver {
  constructor(private readonly indicatorsService: IndicatorService) {}

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
}
