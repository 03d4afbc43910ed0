import { injectable } from 'tsyringe';
import { assertPageSize } from '../common/paging';
import { readDateTime } from '../db/sql';
import { toGlobalId } from '../common/global-id';
import { typenameOf } from '../admin-units/admin-unit.types';
import type { ObservationFilter } from './observation.inputs';
import { ObservationService } from './observation.service';
import { MAX_PAGE, decodeCursor, encodeCursor } from './observation.service';
import { OBSERVATION_TABLE_COLUMNS, type ObservationTable, type ObservationTableRow } from './observation-table.types';

interface RawRow {
  id: number;
  unit_id: number;
  unit_level: string;
  unit_code: string;
  indicator_code: string;
  period: string;
  value: string | number;
  status: string;
  source: string | null;
  note: string | null;
  version: number;
  updated_at: Date | string;
  updated_by: string | null;
}

/**
 * SQLite returns DATETIME as "YYYY-MM-DD HH:MM:SS.SSS" (UTC); MySQL (timezone Z) as a Date.
 * Memoised per page: a bulk push stamps thousands of rows with one instant.
 */
function isoInstants() {
  const seen = new Map<number | string, string>();
  return (v: Date | string) => {
    const key = v instanceof Date ? v.getTime() : v;
    let iso = seen.get(key);
    if (iso === undefined) seen.set(key, (iso = readDateTime(v).toISOString()));
    return iso;
  };
}

/** Bulk reads in the compact table encoding: one SQL statement per page, codes joined in SQL. */
@injectable()
export class ObservationTableService {
  constructor(private readonly observations: ObservationService) {}

  async page(filter: ObservationFilter, first: number, after: string | null | undefined): Promise<ObservationTable> {
    assertPageSize(first, MAX_PAGE);
    const afterId = after ? decodeCursor(after) : 0;
    const where = await this.observations.filterQuery(filter);
    const raw: RawRow[] = await where()
      .innerJoin('admin_unit', 'u', 'u.id = o.unit_id')
      .innerJoin('indicator', 'i', 'i.id = o.indicator_id')
      .select([
        'o.id AS id',
        'u.id AS unit_id',
        'u.level AS unit_level',
        'u.code AS unit_code',
        'i.code AS indicator_code',
        'o.period AS period',
        'o.value AS value',
        'o.status AS status',
        'o.source AS source',
        'o.note AS note',
        'o.version AS version',
        'o.updated_at AS updated_at',
        'o.updated_by AS updated_by',
      ])
      .andWhere('o.id > :afterId', { afterId })
      .orderBy('o.id', 'ASC')
      .limit(first + 1)
      .getRawMany();
    const page = raw.slice(0, first);
    const isoInstant = isoInstants();
    const rows = page.map((r): ObservationTableRow => [
      r.unit_code,
      r.indicator_code,
      r.period,
      Number(r.value),
      r.status,
      r.source,
      r.note,
      Number(r.version),
      isoInstant(r.updated_at),
      r.updated_by,
      toGlobalId(typenameOf(r.unit_level), Number(r.unit_id)),
      false,
      true,
      null,
    ]);
    const last = page.at(-1);
    return {
      columns: [...OBSERVATION_TABLE_COLUMNS],
      rows,
      pageInfo: { hasNextPage: raw.length > first, endCursor: last ? encodeCursor(last.id) : (after ?? null) },
      count: () => where().getCount(),
    } as ObservationTable;
  }
}
