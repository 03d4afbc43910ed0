import { Arg, Query, Resolver, Ctx } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Indicator } from './indicator.types';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'The indicator catalogue; search ignores diacritics and case' })
  indicators(
    @Ctx() ctx: Context,
    @Arg('category', () => String, { nullable: true }) category?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
  ): Promise<Indicator[]> {
    return ctx.services.indicators.list({ category, search });
  }

  @Query(() => Indicator, { nullable: true })
  indicator(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<Indicator | null> {
    return ctx.services.indicators.byCode(code);
  }
}
