/**
 * The long (pivot-ready) layout: one row per unit × indicator × period, so a PivotTable over it
 * never double-counts (the contract keeps one current value per key). Names and unit of measure
 * are there for the pivot and the reader; only codes, period and content are read back. The
 * trailing version column shows which server row a line came from; the diff does not trust it
 * (the baseline is the only source of versions), because a row copied from elsewhere carries
 * a version that is not its own.
 */
import type { Cell, CellKey, Catalog, LongTable, RawField, ReadOnlyColumn, SheetEntry, UnitInfo } from '../model';
import { buildCatalog, cellFromObservation, cellKey, STATUS_LABELS_VI } from '../model';
import { comparePeriods } from '../period';
import type { ServerObservation } from '../wire';
import type { FormatGrid, Grid, GridReadResult, GridValue, ReadonlyGrid } from './grid';
import { cellAt, findColumns, formatAt, isBlankCell, toGridValue } from './grid';
import { LONG_COLUMNS, LONG_HEADERS, type LongColumn } from '../../../../schema/contract/long-table';

export { LONG_COLUMNS, LONG_HEADERS, type LongColumn };

/**
 * Columns the adapter formats as text ("@") before values land: Excel keeps "001" and `2023-07`
 * as typed, and a name or note starting with =, +, - or @ stays text instead of becoming a
 * formula (#NAME?). Only the value and the version are numbers.
 */
export const LONG_TEXT_COLUMNS: readonly LongColumn[] = LONG_COLUMNS.filter((c) => c !== 'value' && c !== 'version');
/** Rendered from the catalogue, never read as data: edits there are reported (READ_ONLY_EDITED). */
export const LONG_READ_ONLY_COLUMNS = ['unitName', 'indicatorName', 'unitOfMeasure'] as const satisfies readonly (
  LongColumn | ReadOnlyColumn
)[];
/**
 * Columns the adapter should hide (kept last so hiding them does not shift the others). The unit's
 * id says which unit a row is when its code names two in the period (37 in 2025).
 */
export const LONG_HIDDEN_COLUMNS: readonly LongColumn[] = ['version', 'unitId'];

const REQUIRED: readonly LongColumn[] = ['unitCode', 'indicatorCode', 'period', 'value'];

/** Sorts unit, indicator, period; two units with one code (37 in 2025): the older first. */
function cellOrder(catalog: Catalog): (a: Cell, b: Cell) => number {
  const since = new Map<string, string>();
  for (const u of catalog.units) if (u.id) since.set(u.id, u.validFrom ?? '0000-00-00');
  const rank = (c: Cell) => (c.unitId ? `${since.get(c.unitId) ?? '~'}|${c.unitId}` : '');
  return (a, b) => {
    if (a.unitCode !== b.unitCode) return a.unitCode < b.unitCode ? -1 : 1;
    if (a.indicatorCode !== b.indicatorCode) return a.indicatorCode < b.indicatorCode ? -1 : 1;
    const byPeriod = comparePeriods(a.period, b.period);
    if (byPeriod !== 0) return byPeriod;
    const ra = rank(a);
    const rb = rank(b);
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  };
}

/**
 * Server observations → long table, sorted unit, indicator, period. Should a paginated pull
 * return a key twice, the higher version wins rather than producing a duplicate row.
 */
export function longTableFromObservations(
  observations: readonly ServerObservation[],
  catalog?: Partial<Catalog>,
): LongTable {
  const byKey = new Map<string, Cell>();
  for (const o of observations) {
    const cell = cellFromObservation(o);
    const id = cellKey(cell);
    const seen = byKey.get(id);
    if (!seen || (seen.version ?? -1) < (cell.version ?? -1)) byKey.set(id, cell);
  }
  const built = buildCatalog(observations, catalog);
  return { layout: 'long', catalog: built, cells: [...byKey.values()].sort(cellOrder(built)) };
}

function contentValue(cell: Cell, field: 'value' | 'status' | 'source' | 'note'): GridValue {
  if (cell.raw && field in cell.raw) return toGridValue(cell.raw[field]);
  // Statuses are shown as the Vietnamese labels the column's drop-down offers (both are read back).
  return field === 'status' ? STATUS_LABELS_VI[cell.status] : cell[field];
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * A row's unit name. When the catalogue holds two units with the row's code (old and merged Ninh
 * Bình, both "Tỉnh Ninh Bình"), the name says which: "… (đến 30/06/2025)", "… (từ 01/07/2025)".
 */
export function unitNamer(catalog: Catalog): (key: CellKey) => string | null {
  const byCode = new Map<string, UnitInfo>();
  const byId = new Map<string, UnitInfo>();
  const idsOfCode = new Map<string, Set<string>>();
  for (const u of catalog.units) {
    if (!byCode.has(u.code) || !u.id) byCode.set(u.code, u);
    if (!u.id) continue;
    byId.set(u.id, u);
    const ids = idsOfCode.get(u.code) ?? new Set<string>();
    ids.add(u.id);
    idsOfCode.set(u.code, ids);
  }
  return (key) => {
    const u = (key.unitId ? byId.get(key.unitId) : undefined) ?? byCode.get(key.unitCode);
    const name = u?.name ?? byCode.get(key.unitCode)?.name ?? null;
    if (!u?.id || name === null || (idsOfCode.get(key.unitCode)?.size ?? 0) < 2) return name;
    if (u.validTo) return `${name} (đến ${dmy(u.validTo)})`;
    if (u.validFrom) return `${name} (từ ${dmy(u.validFrom)})`;
    return name;
  };
}

/** Header + one row per cell, in the table's order; `extraRows` are appended verbatim. */
export function renderLongGrid(table: LongTable, extraRows: readonly (readonly GridValue[])[] = []): Grid {
  const unitName = unitNamer(table.catalog);
  const indicators = new Map(table.catalog.indicators.map((i) => [i.code, i]));
  const grid: Grid = [LONG_COLUMNS.map((c) => LONG_HEADERS[c])];
  for (const cell of table.cells) {
    const ind = indicators.get(cell.indicatorCode);
    const row: Record<LongColumn, GridValue> = {
      unitCode: cell.unitCode,
      unitName: unitName(cell),
      indicatorCode: cell.indicatorCode,
      indicatorName: ind?.name ?? null,
      unitOfMeasure: ind?.unit ?? null,
      period: cell.period,
      value: contentValue(cell, 'value'),
      status: contentValue(cell, 'status'),
      source: contentValue(cell, 'source'),
      note: contentValue(cell, 'note'),
      version: cell.version,
      unitId: cell.unitId ?? null,
    };
    grid.push(LONG_COLUMNS.map((c) => row[c]));
  }
  for (const extra of extraRows) grid.push(LONG_COLUMNS.map((_, i) => extra[i] ?? null));
  return grid;
}

export function buildLongGrid(observations: readonly ServerObservation[], catalog?: Partial<Catalog>): Grid {
  return renderLongGrid(longTableFromObservations(observations, catalog));
}

/**
 * Grid → sheet entries, one per non-blank row. Rows typed at the bottom are read like any other:
 * whether a key is new is the diff's business (it has the baseline).
 */
export function readLongGrid(grid: ReadonlyGrid, formats?: FormatGrid): GridReadResult {
  const header = grid[0] ?? [];
  const cols = findColumns(header, LONG_HEADERS);
  const missing = REQUIRED.filter((c) => cols[c] === undefined).map((c) => LONG_HEADERS[c]);
  if (missing.length > 0) {
    return { ok: false, message: `The sheet lacks the column(s) ${missing.join(', ')}.`, missingColumns: missing };
  }
  const readCols: LongColumn[] = ['unitCode', 'indicatorCode', 'period', 'value', 'status', 'source', 'note'];
  const entries: SheetEntry[] = [];
  for (let row = 1; row < grid.length; row++) {
    if (readCols.every((c) => isBlankCell(cellAt(grid, row, cols[c])))) continue;
    const field = (c: LongColumn): RawField => {
      const col = cols[c];
      return { raw: cellAt(grid, row, col), at: col === undefined ? null : { row, col } };
    };
    const valueCol = cols.value as number;
    const format = formatAt(formats, row, valueCol);
    const readOnly = LONG_READ_ONLY_COLUMNS.flatMap((c) => {
      const col = cols[c];
      return col === undefined ? [] : [{ column: c, raw: cellAt(grid, row, col), at: { row, col } }];
    });
    const entry: SheetEntry = {
      unitCode: field('unitCode'),
      ...(cols.unitId !== undefined ? { unitId: field('unitId') } : {}),
      indicatorCode: field('indicatorCode'),
      period: field('period'),
      value: { raw: cellAt(grid, row, valueCol), at: { row, col: valueCol }, ...(format ? { format } : {}) },
      ...(cols.status !== undefined ? { status: field('status') } : {}),
      ...(cols.source !== undefined ? { source: field('source') } : {}),
      ...(cols.note !== undefined ? { note: field('note') } : {}),
      ...(readOnly.length > 0 ? { readOnly } : {}),
    };
    entries.push(entry);
  }
  return { ok: true, entries };
}
