import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { Indicator } from '../indicators/indicator.types';
import { ObservationConnection } from './observation-connection.types';
import { ObservationTable } from './observation-table.types';
import { ObservationFilter } from './observation.inputs';
import { Observation, ObservationRevision } from './observation.types';
import { Lifecycle, scoped } from 'tsyringe';
import { ObservationService } from './observation.service';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { ObservationLoaders } from './observation.loaders';
import { ObservationTableService } from './observation-table.service';
import { listOf, perPage } from '../common/complexity';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Observation)
export class ObservationResolver {
  constructor(
    private readonly observationsService: ObservationService,
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly indicatorLoaders: IndicatorLoaders,
    private readonly observationLoaders: ObservationLoaders,
  ) {}

  @Query(() => ObservationConnection, {
    description: 'Observations matching every given filter field, in a stable order, paginated',
    complexity: perPage,
  })
  observations(
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most 50,000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ObservationConnection> {
    return this.observationsService.connection(filter, first, after);
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() o: Observation): Promise<AdminUnit> {
    return (await this.unitLoaders.byId.load(o.unitId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() o: Observation): Promise<Indicator> {
    return (await this.indicatorLoaders.byId.load(o.indicatorId))!;
  }

  @FieldResolver(() => [ObservationRevision], {
    description: 'Every write to this value, newest first (the first is the current one)',
    complexity: listOf(10),
  })
  revisions(@Root() o: Observation): Promise<ObservationRevision[]> {
    return this.observationLoaders.revisions.load({ unitId: o.unitId, indicatorId: o.indicatorId, period: o.period });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => ObservationConnection)
export class ObservationConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of observations matching the filter, over all pages' })
  totalCount(@Root() c: ObservationConnection): Promise<number> {
    return c.count();
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => ObservationTable)
export class ObservationTableResolver {
  constructor(private readonly observationTableService: ObservationTableService) {}

  @Query(() => ObservationTable, {
    description:
      'The observations of `observations`, same filter, order and cursors, as compact rows: use it for bulk pulls',
    complexity: perPage,
  })
  observationTable(
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 10000, description: 'At most 50,000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ObservationTable> {
    return this.observationTableService.page(filter, first, after);
  }

  @FieldResolver(() => Int, { description: 'Number of observations matching the filter, over all pages' })
  totalCount(@Root() t: ObservationTable): Promise<number> {
    return t.count();
  }
}
