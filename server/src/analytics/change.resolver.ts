import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { parsePeriod } from '../common/period';
import type { Context } from '../graphql/context';
import { Observation, observationKey } from '../observations/observation.types';
import { computeChange } from './change';
import { Change } from './change.types';

@Resolver(() => Observation)
export class ObservationChangeResolver {
  @FieldResolver(() => Change, {
    nullable: true,
    description: 'This value against the same unit × indicator at another period (any status); null when there is no value there or it is zero',
  })
  async relativeTo(@Root() o: Observation, @Ctx() ctx: Context, @Arg('period', () => String) period: string): Promise<Change | null> {
    const p = parsePeriod(period, ['period']);
    const base = await ctx.loaders.observationByKey.load(observationKey(o.unitId, o.indicatorId, p.text));
    if (!base) return null;
    const c = computeChange(o.value, o.endMonth, base.value, base.endMonth);
    return c && { base, ...c };
  }
}
