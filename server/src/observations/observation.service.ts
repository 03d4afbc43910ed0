import { injectable } from 'tsyringe';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { badInput } from '../common/errors';
import { assertPageSize } from '../common/paging';
import { inChunks, namedTupleIn } from '../db/sql';
import { IndicatorService } from '../indicators/indicator.service';
import { applyScope, ObservationScopeService } from './observation-scope';
import { ObservationRevisionEntity } from './observation-revision.entity';
import { ObservationEntity } from './observation.entity';
import type { ObservationFilter } from './observation.inputs';
import type { ObservationConnection } from './observation-connection.types';
import { Observation, ObservationRevision, observationKey, parseObservationKey, presentObservation, presentRevision } from './observation.types';

export const MAX_PAGE = 50_000;

export const encodeCursor = (id: number) => Buffer.from(`o:${id}`).toString('base64url');
export function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badInput('INVALID_CURSOR', 'after is not a cursor returned by this API', ['after']);
  return Number(m[1]);
}

@injectable()
export class ObservationService {
  constructor(
    private readonly ds: DataSource,
    // The default serves `new ObservationService(ds)` call sites; a container passes it.
    private readonly scopes: ObservationScopeService = new ObservationScopeService(new AdminUnitService(ds), new IndicatorService(ds)),
  ) {}

  /**
   * A page of observations in a stable order (by internal id, so inserts never shift a page
   * already read). `after` is the endCursor of the previous page.
   */
  async connection(filter: ObservationFilter, first: number, after: string | null | undefined): Promise<ObservationConnection> {
    assertPageSize(first, MAX_PAGE);
    const afterId = after ? decodeCursor(after) : 0;
    const where = await this.filterQuery(filter);
    const rows = await where().andWhere('o.id > :afterId', { afterId }).orderBy('o.id', 'ASC').take(first + 1).getMany();
    const page = rows.slice(0, first).map(presentObservation);
    const edges = page.map((node) => ({ cursor: encodeCursor(node.localId), node }));
    return {
      edges,
      nodes: page,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : (after ?? null) },
      count: () => where().getCount(),
    } as ObservationConnection;
  }

  /** Validates the filter once (fields under `filter`) and returns a factory of query builders (alias `o`) narrowed to it. */
  async filterQuery(f: ObservationFilter): Promise<() => SelectQueryBuilder<ObservationEntity>> {
    const scope = await this.scopes.resolve(f, ['filter']);
    return () => applyScope(this.ds.getRepository(ObservationEntity).createQueryBuilder('o'), scope);
  }

  async byIds(ids: readonly number[]): Promise<Map<number, Observation>> {
    const rows = ids.length ? await this.ds.getRepository(ObservationEntity).findBy({ id: In([...ids]) }) : [];
    return new Map(rows.map((r) => [r.id, presentObservation(r)]));
  }

  /** Revisions of many observation keys in bounded queries, newest first. */
  async revisionsByKeys(keys: readonly string[]): Promise<Map<string, ObservationRevision[]>> {
    const out = new Map<string, ObservationRevision[]>(keys.map((k) => [k, []]));
    for (const chunk of inChunks(keys, 3)) {
      const where = namedTupleIn(this.ds, ['r.unit_id', 'r.indicator_id', 'r.period'], chunk.map(parseObservationKey));
      const rows = await this.ds.getRepository(ObservationRevisionEntity).createQueryBuilder('r').where(where.sql, where.params).orderBy('r.version', 'DESC').getMany();
      for (const r of rows) out.get(observationKey(r.unitId, r.indicatorId, r.period))?.push(presentRevision(r));
    }
    return out;
  }
}
