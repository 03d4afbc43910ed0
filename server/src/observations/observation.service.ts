import { injectable } from 'tsyringe';
import { DataSource, In, type EntityTarget, type SelectQueryBuilder } from 'typeorm';
import { badInput } from '../common/errors';
import { assertPageSize, pageOf } from '../common/paging';
import { inChunks, instantReader, namedTupleIn, readDateTime } from '../db/sql';
import { applyScope, ObservationScopeService, scopeIsEmpty, type ObservationScope } from './observation-scope';
import { ObservationRevisionEntity } from './observation-revision.entity';
import { ObservationEntity } from './observation.entity';
import type { ObservationFilter } from './observation.inputs';
import type { ObservationConnection } from './observation-connection.types';
import {
  keyText,
  Observation,
  ObservationRevision,
  type ObservationKey,
  presentObservation,
  presentRevision,
  StoredObservation,
  type ObservationRow,
} from './observation.types';

export const MAX_PAGE = 50_000;

/** A row keyed like an observation. */
interface KeyedRow {
  unitId: number;
  indicatorId: number;
  period: string;
}

/** What reads of many observations at once need of each (no entity per row). */
export interface ObservationValue extends KeyedRow {
  id: number;
  startMonth: number;
  endMonth: number;
  value: number;
  status: string;
  updatedAt: Date;
}

/** The columns of an ObservationRow. */
const ROW_COLUMNS = [
  'id',
  'unit_id',
  'indicator_id',
  'period',
  'start_month',
  'end_month',
  'value',
  'status',
  'source',
  'note',
  'version',
  'updated_at',
  'updated_by',
] as const;

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
    private readonly scopes: ObservationScopeService,
  ) {}

  /**
   * A page of observations in a stable order (by internal id, so inserts never shift a page
   * already read). `after` is the endCursor of the previous page.
   */
  async connection(
    filter: ObservationFilter,
    first: number,
    after: string | null | undefined,
  ): Promise<ObservationConnection> {
    const { rows, hasNextPage, count } = await this.page(filter, first, after);
    const instant = instantReader();
    const nodes = rows.map((r) => new StoredObservation(r, instant(r.updated_at)));
    return Object.assign(
      pageOf(nodes, (node) => encodeCursor(node.localId), hasNextPage, after),
      { count },
    ) as unknown as ObservationConnection;
  }

  /**
   * One page of observation rows, raw (no entity per row), in id order: the statement reads the
   * observation table alone, so its plan is the observation's own index or primary key on either
   * database (no join order for the planner to get wrong; see test/integration/observation-plans).
   */
  async page(
    filter: ObservationFilter,
    first: number,
    after: string | null | undefined,
  ): Promise<{ rows: ObservationRow[]; hasNextPage: boolean; count: () => Promise<number> }> {
    const { query, count } = await this.pageQuery(filter, first, after);
    const raw: ObservationRow[] = await query.getRawMany();
    const hasNextPage = raw.length > first;
    if (hasNextPage) raw.length = first;
    return { rows: raw, hasNextPage, count };
  }

  /** The statement of `page` (one more row than `first`, to know whether another page follows) and the count of its filter. */
  async pageQuery(
    filter: ObservationFilter,
    first: number,
    after: string | null | undefined,
  ): Promise<{ query: SelectQueryBuilder<ObservationEntity>; count: () => Promise<number> }> {
    assertPageSize(first, MAX_PAGE);
    const afterId = after ? decodeCursor(after) : 0;
    const where = await this.filterQuery(filter);
    const query = where()
      .select(ROW_COLUMNS.map((c) => `o.${c} AS ${c}`))
      .andWhere('o.id > :afterId', { afterId })
      .orderBy('o.id', 'ASC')
      .limit(first + 1);
    return { query, count: () => where().getCount() };
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

  /** Observations by key, in a Map by keyText (unknown keys are absent): one statement per MAX_PARAMETERS / 3 keys. */
  async byKeys(keys: readonly ObservationKey[]): Promise<Map<string, Observation>> {
    const rows = await this.rowsByKeys(ObservationEntity, keys);
    return new Map(rows.map((r) => [keyText(r), presentObservation(r)]));
  }

  /**
   * The observations of these units for one indicator and period, by keyText: rows read raw and
   * presented as StoredObservation (no entity per row), one statement per MAX_PARAMETERS units.
   * A ranking's read: all its keys share the indicator and the period.
   */
  async ofUnitsAt(unitIds: readonly number[], indicatorId: number, period: string): Promise<Map<string, Observation>> {
    const out = new Map<string, Observation>();
    for (const units of inChunks(unitIds)) {
      const rows = await this.stored(
        this.rows()
          .where('o.indicator_id = :indicatorId AND o.period = :period', { indicatorId, period })
          .andWhere('o.unit_id IN (:...units)', { units }),
      );
      for (const o of rows) out.set(keyText(o), o);
    }
    return out;
  }

  /** The observation table's columns of the rows a query will select, read raw. */
  private rows() {
    return this.ds
      .getRepository(ObservationEntity)
      .createQueryBuilder('o')
      .select(ROW_COLUMNS.map((c) => `o.${c} AS ${c}`));
  }

  /** Raw rows presented as StoredObservation: no entity per row (hydration was most of a scorecard's CPU). */
  private async stored(query: ReturnType<ObservationService['rows']>): Promise<Observation[]> {
    const instant = instantReader();
    const rows: ObservationRow[] = await query.getRawMany();
    return rows.map((r) => new StoredObservation(r, instant(r.updated_at)) as Observation);
  }

  /** Revisions of many observation keys, newest first: one statement per MAX_PARAMETERS / 3 keys. */
  async revisionsByKeys(keys: readonly ObservationKey[]): Promise<Map<string, ObservationRevision[]>> {
    const out = new Map<string, ObservationRevision[]>(keys.map((k) => [keyText(k), []]));
    for (const r of await this.rowsByKeys(ObservationRevisionEntity, keys, 'version')) {
      out.get(keyText(r))?.push(presentRevision(r));
    }
    return out;
  }

  /** Rows of an entity keyed by unit × indicator × period, for observation keys (tuple IN), newest `newestBy` first. */
  private async rowsByKeys<T extends KeyedRow>(
    entity: EntityTarget<T>,
    keys: readonly ObservationKey[],
    newestBy?: keyof T & string,
  ): Promise<T[]> {
    const rows: T[] = [];
    for (const chunk of inChunks(keys, 3)) {
      const where = namedTupleIn(
        this.ds,
        ['k.unit_id', 'k.indicator_id', 'k.period'],
        chunk.map((k) => [k.unitId, k.indicatorId, k.period]),
      );
      const qb = this.ds.getRepository(entity).createQueryBuilder('k').where(where.sql, where.params);
      if (newestBy) qb.orderBy(`k.${newestBy}`, 'DESC');
      for (const r of await qb.getMany()) rows.push(r);
    }
    return rows;
  }

  /** Every observation (any status) of the units × indicators that lies within the months. */
  async ofUnitsAndIndicators(
    unitIds: readonly number[],
    indicatorIds: readonly number[],
    months: { startMonth: number; endMonth: number },
  ): Promise<Observation[]> {
    const rows: Observation[] = [];
    // Units and indicators share a statement's parameters: half each.
    for (const units of inChunks(unitIds, 2)) {
      for (const indicators of inChunks(indicatorIds, 2)) {
        const part = await this.stored(
          this.rows()
            .where('o.unit_id IN (:...units)', { units })
            .andWhere('o.indicator_id IN (:...indicators)', { indicators })
            .andWhere('o.start_month >= :lo AND o.end_month <= :hi', { lo: months.startMonth, hi: months.endMonth }),
        );
        for (const o of part) rows.push(o);
      }
    }
    return rows;
  }

  /** The observations of a scope as plain values, read raw in one statement (none when the scope names an empty list). */
  async valuesInScope(scope: ObservationScope): Promise<ObservationValue[]> {
    if (scopeIsEmpty(scope)) return [];
    const qb = this.ds
      .createQueryBuilder()
      .select('o.id', 'id')
      .addSelect('o.unit_id', 'unitId')
      .addSelect('o.indicator_id', 'indicatorId')
      .addSelect('o.period', 'period')
      .addSelect('o.start_month', 'startMonth')
      .addSelect('o.end_month', 'endMonth')
      .addSelect('o.value', 'value')
      .addSelect('o.status', 'status')
      .addSelect('o.updated_at', 'updatedAt')
      .from(ObservationEntity, 'o');
    const raw: Record<string, unknown>[] = await applyScope(qb, scope).getRawMany();
    return raw.map((r) => ({
      id: Number(r.id),
      unitId: Number(r.unitId),
      indicatorId: Number(r.indicatorId),
      period: String(r.period),
      startMonth: Number(r.startMonth),
      endMonth: Number(r.endMonth),
      value: Number(r.value),
      status: String(r.status),
      updatedAt: readDateTime(r.updatedAt),
    }));
  }
}
