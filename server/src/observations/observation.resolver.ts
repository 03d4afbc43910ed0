import type { GraphQLResolveInfo } from 'graphql';
import { Arg, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { Indicator } from '../indicators/indicator.types';
import { ObservationConnection } from './observation-connection.types';
import { ObservationTable } from './observation-table.types';
import { ObservationFilter } from './observation.inputs';
import { Boundaries, Observation, ObservationRevision } from './observation.types';
import { DateResolver } from 'graphql-scalars';
import { BoundaryReadService } from './boundary-read.service';
import { boundariesDate, BOUNDARIES_DOC, ON_DOC } from './boundaries-args';

import { Lifecycle, scoped } from 'tsyringe';
import { ObservationService } from './observation.service';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { ObservationLoaders } from './observation.loaders';
import { ObservationTableService } from './observation-table.service';
import { OBSERVATION_TABLE_COLUMNS } from '../../../schema/contract/observation-table';
import { listOf, perPage, tableOf } from '../common/complexity';
import { selects } from '../common/selection';

/**
 * What the nested fields of an observation read of it. Typed as an interface, not the Observation
 * class: type-graphql copies a root into a new instance of a parameter's class on every call.
 */
interface ObservationRoot {
  unitId: number;
  indicatorId: number;
  period: string;
  contributorIds: number[];
}

/** Fills `into` with the objects of the distinct ids the nodes refer to (one batched load). */
async function fill<T>(
  into: Map<number, T>,
  ids: Iterable<number>,
  load: (ids: number[]) => Promise<(T | null | Error)[]>,
): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !into.has(id));
  if (!missing.length) return;
  const found = await load(missing);
  missing.forEach((id, i) => {
    const v = found[i];
    if (v && !(v instanceof Error)) into.set(id, v);
  });
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Observation)
export class ObservationResolver {
  /** This request's units and indicators by id, filled by `observations` for the rows of its page. */
  private readonly units = new Map<number, AdminUnit>();
  private readonly indicators = new Map<number, Indicator>();

  constructor(
    private readonly observationsService: ObservationService,
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly indicatorLoaders: IndicatorLoaders,
    private readonly observationLoaders: ObservationLoaders,
    private readonly boundaryReads: BoundaryReadService,
  ) {}

  @Query(() => ObservationConnection, {
    description: 'Observations matching every given filter field, in a stable order, paginated',
    complexity: perPage,
  })
  async observations(
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 1000, description: 'At most 50,000' }) first: number,
    @Info() info: GraphQLResolveInfo,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('boundaries', () => Boundaries, { defaultValue: Boundaries.AS_REPORTED, description: BOUNDARIES_DOC })
    boundaries: Boundaries = Boundaries.AS_REPORTED,
    @Arg('on', () => DateResolver, { nullable: true, description: ON_DOC }) on?: Date | null,
  ): Promise<ObservationConnection> {
    const day = boundariesDate(boundaries, on);
    const connection = day
      ? await this.boundaryReads.connection(filter, day, first, after)
      : await this.observationsService.connection(filter, first, after);
    // The page's units and indicators, loaded once (distinct ids) when selected, so `unit` and
    // `indicator` answer every row from a map without a promise per row.
    const selected = (field: string) => selects(info, ['nodes', field]) || selects(info, ['edges', 'node', field]);
    const nodes: ObservationRoot[] = connection.nodes;
    if (selected('unit'))
      await fill(
        this.units,
        nodes.map((o) => o.unitId),
        (ids) => this.unitLoaders.byId.loadMany(ids),
      );
    if (selected('indicator'))
      await fill(
        this.indicators,
        nodes.map((o) => o.indicatorId),
        (ids) => this.indicatorLoaders.byId.loadMany(ids),
      );
    return connection;
  }

  @FieldResolver(() => [AdminUnit], {
    description: 'The units whose values a derived value combines; empty for a stored value',
    complexity: listOf(5),
  })
  async contributors(@Root() o: ObservationRoot): Promise<AdminUnit[]> {
    return (await this.unitLoaders.byId.loadMany(o.contributorIds)) as AdminUnit[];
  }

  /** Synchronous when `observations` has loaded the page's units (the usual case): no promise per row. */
  @FieldResolver(() => AdminUnit)
  unit(@Root() o: ObservationRoot): AdminUnit | Promise<AdminUnit> {
    return this.units.get(o.unitId) ?? this.unitLoaders.byId.load(o.unitId).then((u) => u!);
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() o: ObservationRoot): Indicator | Promise<Indicator> {
    return this.indicators.get(o.indicatorId) ?? this.indicatorLoaders.byId.load(o.indicatorId).then((i) => i!);
  }

  @FieldResolver(() => [ObservationRevision], {
    description: 'Every write to this value, newest first (the first is the current one)',
    complexity: listOf(10),
  })
  revisions(@Root() o: ObservationRoot): Promise<ObservationRevision[]> {
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
  constructor(
    private readonly observationTableService: ObservationTableService,
    private readonly boundaryReads: BoundaryReadService,
  ) {}

  @Query(() => ObservationTable, {
    description:
      'The observations of `observations`, same filter, order and cursors, as compact rows: use it for bulk pulls',
    // Every cell of every row: the rows are one JSON value, so the selection cannot say how big it is.
    complexity: tableOf(OBSERVATION_TABLE_COLUMNS.length),
  })
  observationTable(
    @Arg('filter', () => ObservationFilter) filter: ObservationFilter,
    @Arg('first', () => Int, { defaultValue: 10000, description: 'At most 50,000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('boundaries', () => Boundaries, { defaultValue: Boundaries.AS_REPORTED, description: BOUNDARIES_DOC })
    boundaries: Boundaries = Boundaries.AS_REPORTED,
    @Arg('on', () => DateResolver, { nullable: true, description: ON_DOC }) on?: Date | null,
  ): Promise<ObservationTable> {
    const day = boundariesDate(boundaries, on);
    return day
      ? this.boundaryReads.table(filter, day, first, after)
      : this.observationTableService.page(filter, first, after);
  }

  @FieldResolver(() => Int, { description: 'Number of observations matching the filter, over all pages' })
  totalCount(@Root() t: ObservationTable): Promise<number> {
    return t.count();
  }
}
