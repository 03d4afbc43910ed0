import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import type { Context } from '../graphql/context';
import { Indicator } from '../indicators/indicator.types';
import { ObservationConnection } from './observation-connection.types';
import { ObservationTable } from './observation-table.types';
import { ObservationFilter } from './observation.inputs';
import { Observation, ObservationRevision, observationKey } from './observation.types';

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationConnection, { description: 'Observations matching every given filter field, in a stable order, paginated' })
  observations(
    @Ctx() ctx: Context,
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most 50,000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ObservationConnection> {
    return ctx.services.observations.connection(filter, first, after);
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() o: Observation, @Ctx() ctx: Context): Promise<AdminUnit> {
    return (await ctx.loaders.unit.load(o.unitId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() o: Observation, @Ctx() ctx: Context): Promise<Indicator> {
    return (await ctx.loaders.indicator.load(o.indicatorId))!;
  }

  @FieldResolver(() => [ObservationRevision], { description: 'Every write to this value, newest first (the first is the current one)' })
  revisions(@Root() o: Observation, @Ctx() ctx: Context): Promise<ObservationRevision[]> {
    return ctx.loaders.revisions.load(observationKey(o.unitId, o.indicatorId, o.period));
  }
}

@Resolver(() => ObservationConnection)
export class ObservationConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of observations matching the filter, over all pages' })
  totalCount(@Root() c: ObservationConnection): Promise<number> {
    return c.count();
  }
}

@Resolver(() => ObservationTable)
export class ObservationTableResolver {
  @Query(() => ObservationTable, { description: 'The observations of `observations`, same filter, order and cursors, as compact rows: use it for bulk pulls' })
  observationTable(
    @Ctx() ctx: Context,
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 10000, description: 'At most 50,000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ObservationTable> {
    return ctx.services.observationTable.page(filter, first, after);
  }

  @FieldResolver(() => Int, { description: 'Number of observations matching the filter, over all pages' })
  totalCount(@Root() t: ObservationTable): Promise<number> {
    return t.count();
  }
}
