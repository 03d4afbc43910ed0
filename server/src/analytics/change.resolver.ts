import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { parsePeriod } from '../common/period';
import { Observation } from '../observations/observation.types';
import { computeChange } from './change';
import { Change } from './change.types';
import { Lifecycle, scoped } from 'tsyringe';
import { ObservationLoaders } from '../observations/observation.loaders';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Observation)
export class ObservationChangeResolver {
  constructor(private readonly observationLoaders: ObservationLoaders) {}

  @FieldResolver(() => Change, {
    nullable: true,
    description:
      'This value against the same unit × indicator at another period (any status); null when there is no value there or it is zero',
  })
  async relativeTo(@Root() o: Observation, @Arg('period', () => String) period: string): Promise<Change | null> {
    const p = parsePeriod(period, ['period']);
    const base = await this.observationLoaders.byKey.load({
      unitId: o.unitId,
      indicatorId: o.indicatorId,
      period: p.text,
    });
    if (!base) return null;
    const c = computeChange(o.value, o.endMonth, base.value, base.endMonth);
    return c && { base, ...c };
  }
}
