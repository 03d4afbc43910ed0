import { injectable } from 'tsyringe';
import { readDateTime } from '../db/sql';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { IndicatorService } from '../indicators/indicator.service';
import type { ObservationFilter } from './observation.inputs';
import { ObservationService } from './observation.service';
import { encodeCursor } from './observation.service';
import { OBSERVATION_TABLE_COLUMNS, type ObservationTable, type ObservationTableRow } from './observation-table.types';

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
  constructor(
    private readonly observations: ObservationService,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
  ) {}

  async page(filter: ObservationFilter, first: number, after: string | null | undefined): Promise<ObservationTable> {
    // The page from the observation table alone (its own index, id order), then the codes of its
    // distinct units and indicators: a join let MariaDB start from indicator and sort the whole
    // table for a filter without units.
    const { rows: page, hasNextPage, count } = await this.observations.page(filter, first, after);
    const [units, indicators] = await Promise.all([
      this.units.byIds([...new Set(page.map((r) => Number(r.unit_id)))]),
      this.indicators.byIds([...new Set(page.map((r) => Number(r.indicator_id)))]),
    ]);
    const isoInstant = isoInstants();
    const rows = page.map((r): ObservationTableRow => {
      const unit = units.get(Number(r.unit_id))!;
      return [
        unit.code,
        indicators.get(Number(r.indicator_id))!.code,
        r.period,
        Number(r.value),
        r.status,
        r.source,
        r.note,
        Number(r.version),
        isoInstant(r.updated_at),
        r.updated_by,
        unit.id,
        false,
        true,
        null,
      ];
    });
    const last = page.at(-1);
    return {
      columns: [...OBSERVATION_TABLE_COLUMNS],
      rows,
      pageInfo: { hasNextPage, endCursor: last ? encodeCursor(Number(last.id)) : (after ?? null) },
      count,
    } as ObservationTable;
  }
}
