import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { assertPageSize, filterList } from '../common/paging';
import { inChunks, namedTupleIn, sqlDateTime } from '../db/sql';
import { In } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { badInput } from '../common/errors';
import { parsePeriod } from '../common/period';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { assertYear } from '../common/year';
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

export class ObservationService {
  constructor(private readonly ds: DataSource) {}

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

  /** Validates the filter once and returns a factory of query builders (alias `o`) carrying its conditions. */
  async filterQuery(f: ObservationFilter): Promise<() => SelectQueryBuilder<ObservationEntity>> {
    const conditions: [string, Record<string, unknown>][] = [];
    const list = <T>(values: T[] | null | undefined, field: string) => filterList(values, ['filter', field]);
    const unitCodes = list(f.unitCodes, 'unitCodes');
    if (unitCodes) {
      const units = unitCodes.length ? await this.ds.getRepository(AdminUnitEntity).findBy({ code: In(unitCodes) }) : [];
      const unknown = unitCodes.filter((c) => !units.some((u) => u.code === c));
      if (unknown.length) throw badInput('UNKNOWN_UNIT', `Unknown unit code(s): ${unknown.slice(0, 10).join(', ')}`, ['filter', 'unitCodes']);
      conditions.push(['o.unit_id IN (:...unitIds)', { unitIds: units.length ? units.map((u) => u.id) : [-1] }]);
    }
    if (f.provinceCode !== null && f.provinceCode !== undefined) {
      const province = await this.ds.getRepository(AdminUnitEntity).findOneBy({ code: f.provinceCode, level: 'PROVINCE' });
      if (!province) throw badInput('UNKNOWN_UNIT', `No province has code "${f.provinceCode}"`, ['filter', 'provinceCode']);
      conditions.push(['o.unit_id IN (SELECT pu.id FROM admin_unit pu WHERE pu.parent_id = :provinceId)', { provinceId: province.id }]);
    }
    const indicatorCodes = list(f.indicatorCodes, 'indicatorCodes');
    if (indicatorCodes) {
      const found = indicatorCodes.length ? await this.ds.getRepository(IndicatorEntity).findBy({ code: In(indicatorCodes) }) : [];
      const unknown = indicatorCodes.filter((c) => !found.some((i) => i.code === c));
      if (unknown.length) throw badInput('UNKNOWN_INDICATOR', `Unknown indicator code(s): ${unknown.slice(0, 10).join(', ')}`, ['filter', 'indicatorCodes']);
      conditions.push(['o.indicator_id IN (:...indicatorIds)', { indicatorIds: found.length ? found.map((i) => i.id) : [-1] }]);
    }
    const periods = list(f.periods, 'periods');
    if (periods) {
      periods.forEach((p) => parsePeriod(p, ['filter', 'periods']));
      conditions.push(['o.period IN (:...periods)', { periods: periods.length ? periods : [''] }]);
    }
    if (f.fromYear !== null && f.fromYear !== undefined) {
      assertYear(f.fromYear, 'fromYear');
      conditions.push(['o.start_month >= :fromMonth', { fromMonth: f.fromYear * 12 }]);
    }
    if (f.toYear !== null && f.toYear !== undefined) {
      assertYear(f.toYear, 'toYear');
      if (f.fromYear != null && f.fromYear > f.toYear) throw badInput('INVALID_YEAR', 'fromYear must not be after toYear', ['filter', 'fromYear']);
      conditions.push(['o.end_month <= :toMonth', { toMonth: f.toYear * 12 + 11 }]);
    }
    const statuses = list(f.statuses, 'statuses');
    if (statuses) conditions.push(['o.status IN (:...statuses)', { statuses: statuses.length ? statuses : [''] }]);
    if (f.updatedSince !== null && f.updatedSince !== undefined) {
      if (Number.isNaN(f.updatedSince.getTime())) throw badInput('INVALID_DATETIME', 'updatedSince is not a valid date-time', ['filter', 'updatedSince']);
      conditions.push(['o.updated_at >= :since', { since: sqlDateTime(f.updatedSince) }]);
    }
    return () => {
      const qb = this.ds.getRepository(ObservationEntity).createQueryBuilder('o');
      for (const [sql, params] of conditions) qb.andWhere(sql, params);
      return qb;
    };
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
