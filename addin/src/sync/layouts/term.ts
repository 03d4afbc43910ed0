/**
 * The term sheet, laid out like the district reports: one unit's congress term, a row per target
 * indicator (code, name, unit of measure, target, comparator), a column per year of the term with
 * that year's value, then the server's progress ratio and band. Only the year cells are data the
 * user edits; target, comparator and progress are read-only (targets change through `setTargets`,
 * progress is computed by the server) and are ignored on read-back. Versions, statuses, sources
 * and notes are not in the grid: they live in the baseline, keyed like every other cell.
 */
import type { Cell, CellKey, Catalog, IndicatorInfo, ReadOnlyColumn, SheetEntry, TermRow, TermTable } from '../model';
import { buildCatalog, cellFromObservation, cellKey, emptyCell, keyOf } from '../model';
import { normalizePeriodCell, parsePeriod, periodMonths } from '../period';
import type { AchievementBand, ProgressInfo, ServerObservation, TargetInfo, TermInfo } from '../wire';
import type { FormatGrid, Grid, GridReadResult, GridValue, ReadonlyGrid } from './grid';
import { cellAt, findColumns, formatAt, isBlankCell, toGridValue } from './grid';

export const TERM_HEADERS = {
  code: 'Mã',
  name: 'Chỉ tiêu',
  unitOfMeasure: 'Đơn vị tính',
  target: 'Mục tiêu',
  comparator: 'So sánh',
  ratio: 'Tỷ lệ đạt',
  band: 'Mức đạt',
} as const;

export const COMPARATOR_SYMBOLS = { AT_LEAST: '≥', AT_MOST: '≤' } as const;

export const BAND_LABELS_VI: Readonly<Record<AchievementBand, string>> = {
  MET: 'Đạt',
  ABOVE_80: 'Trên 80%',
  FROM_50_TO_80: '50–80%',
  BELOW_50: 'Dưới 50%',
  NO_DATA: 'Chưa có số liệu',
};

export interface TermSheetSource {
  readonly term: TermInfo;
  readonly targets: readonly TargetInfo[];
  readonly observations: readonly ServerObservation[];
  readonly progress?: readonly ProgressInfo[];
}

/**
 * An indicator may have several targets in a term (a 2025 level and a 2021..2025 total); the row
 * shows the one that ends last, the longer on a tie — the same choice the server makes for
 * progress — so there is still exactly one row, hence one cell, per indicator and year.
 */
function pickTarget(a: TargetInfo, b: TargetInfo): TargetInfo {
  const pa = parsePeriod(a.period);
  const pb = parsePeriod(b.period);
  if (!pa || !pb) return pa ? a : b;
  const ma = periodMonths(pa);
  const mb = periodMonths(pb);
  if (ma.last !== mb.last) return ma.last > mb.last ? a : b;
  return ma.first <= mb.first ? a : b;
}

export function termTableFrom(src: TermSheetSource): TermTable {
  const { term } = src;
  const chosen = new Map<string, TargetInfo>();
  for (const t of src.targets) {
    const seen = chosen.get(t.indicator.code);
    chosen.set(t.indicator.code, seen ? pickTarget(seen, t) : t);
  }
  const progress = new Map((src.progress ?? []).map((p) => [p.indicatorCode, p]));
  const rows: TermRow[] = [...chosen.values()].map((t) => ({
    indicatorCode: t.indicator.code,
    target: { period: t.period, value: t.value, comparator: t.comparator },
    ratio: progress.get(t.indicator.code)?.ratio ?? null,
    band: progress.get(t.indicator.code)?.band ?? null,
  }));
  // The term's own unit only: its code may also name another unit in the term's years (37 in 2025).
  const unitId = term.unitId ?? null;
  const observed = new Map<string, ServerObservation>();
  for (const o of src.observations) {
    if (o.unit.code !== term.unitCode || (unitId && o.unit.id && o.unit.id !== unitId)) continue;
    observed.set(cellKey(termKey(term, o.indicator.code, o.period)), o);
  }
  const cells: Cell[] = [];
  const shown: ServerObservation[] = [];
  for (const row of rows) {
    for (let year = term.startYear; year <= term.endYear; year++) {
      const key = termKey(term, row.indicatorCode, String(year));
      const o = observed.get(cellKey(key));
      if (o) shown.push(o);
      cells.push(o ? { ...cellFromObservation(o), ...key } : emptyCell(key));
    }
  }
  const given: Partial<Catalog> = {
    units: [{ code: term.unitCode, name: term.unitName, ...(unitId ? { id: unitId } : {}) }],
    indicators: [...chosen.values()].map((t) => ({
      code: t.indicator.code,
      name: t.indicator.name,
      unit: t.indicator.unit,
      decimals: t.indicator.decimals ?? null,
    })),
  };
  return { layout: 'term', term, rows, cells, catalog: buildCatalog(shown, given) };
}

/** The key of a term-sheet cell: always the term's unit (by id when known). */
export function termKey(term: TermInfo, indicatorCode: string, period: string): CellKey {
  return keyOf({ unitCode: term.unitCode, unitId: term.unitId ?? null, indicatorCode, period });
}

/** The term's years, plus any year a carried cell needs (a refresh never drops a user's value). */
export function termYears(table: TermTable): number[] {
  const years = new Set<number>();
  for (let y = table.term.startYear; y <= table.term.endYear; y++) years.add(y);
  for (const c of table.cells) {
    const p = parsePeriod(c.period);
    if (p?.kind === 'YEAR') years.add(p.year);
  }
  return [...years].sort((a, b) => a - b);
}

/** Rows: the target rows, then any indicator that has cells but no target row. */
export function rowsToShow(table: TermTable): TermRow[] {
  const rows = [...table.rows];
  const listed = new Set(rows.map((r) => r.indicatorCode));
  for (const c of table.cells) {
    if (listed.has(c.indicatorCode)) continue;
    listed.add(c.indicatorCode);
    rows.push({ indicatorCode: c.indicatorCode, target: null, ratio: null, band: null });
  }
  return rows;
}

/** The read-only cells of a term row as rendered (the sheet's columns of the same names). */
export interface TermRowShown {
  readonly indicatorName: string | null;
  readonly unitOfMeasure: string | null;
  readonly target: number | null;
  readonly comparator: string | null;
  readonly ratio: number | null;
  readonly band: string | null;
}

export function termRowShown(row: TermRow, ind: Pick<IndicatorInfo, 'name' | 'unit'> | undefined): TermRowShown {
  return {
    indicatorName: ind?.name ?? null,
    unitOfMeasure: ind?.unit ?? null,
    target: row.target?.value ?? null,
    comparator: row.target ? COMPARATOR_SYMBOLS[row.target.comparator] : null,
    ratio: row.ratio,
    band: row.band ? BAND_LABELS_VI[row.band] : null,
  };
}

/** Term-sheet header key → the read-only column it shows. */
const TERM_READ_ONLY: ReadonlyArray<readonly [keyof typeof TERM_HEADERS, ReadOnlyColumn]> = [
  ['name', 'indicatorName'],
  ['unitOfMeasure', 'unitOfMeasure'],
  ['target', 'target'],
  ['comparator', 'comparator'],
  ['ratio', 'ratio'],
  ['band', 'band'],
];

export function renderTermGrid(table: TermTable): Grid {
  const years = termYears(table);
  const indicators = new Map(table.catalog.indicators.map((i) => [i.code, i]));
  const cells = new Map(table.cells.map((c) => [cellKey(c), c]));
  const h = TERM_HEADERS;
  const grid: Grid = [[h.code, h.name, h.unitOfMeasure, h.target, h.comparator, ...years.map(String), h.ratio, h.band]];
  for (const row of rowsToShow(table)) {
    const shown = termRowShown(row, indicators.get(row.indicatorCode));
    const values: GridValue[] = years.map((year) => {
      const cell = cells.get(cellKey(termKey(table.term, row.indicatorCode, String(year))));
      if (!cell) return null;
      return cell.raw && 'value' in cell.raw ? toGridValue(cell.raw.value) : cell.value;
    });
    grid.push([
      row.indicatorCode,
      shown.indicatorName,
      shown.unitOfMeasure,
      shown.target,
      shown.comparator,
      ...values,
      shown.ratio,
      shown.band,
    ]);
  }
  return grid;
}

export function buildTermGrid(src: TermSheetSource): Grid {
  return renderTermGrid(termTableFrom(src));
}

/**
 * Grid → one entry per (indicator row, year column). Year columns are the headers that read as a
 * year (Excel may have turned "2023" into the number 2023); a year column the user deleted simply
 * yields no entries, which the diff reports as missing rather than as deletions.
 */
export function readTermGrid(
  grid: ReadonlyGrid,
  unitCode: string,
  unitId: string | null = null,
  formats?: FormatGrid,
): GridReadResult {
  const header = grid[0] ?? [];
  const cols = findColumns(header, TERM_HEADERS);
  if (cols.code === undefined) {
    return {
      ok: false,
      message: `The sheet lacks the column ${TERM_HEADERS.code}.`,
      missingColumns: [TERM_HEADERS.code],
    };
  }
  const codeCol = cols.code;
  const yearCols: number[] = [];
  header.forEach((h, col) => {
    if (col === codeCol || isBlankCell(h)) return;
    const p = normalizePeriodCell(h);
    if (p.ok && parsePeriod(p.period)?.kind === 'YEAR') yearCols.push(col);
  });
  const entries: SheetEntry[] = [];
  for (let row = 1; row < grid.length; row++) {
    const code = cellAt(grid, row, codeCol);
    if (isBlankCell(code) && yearCols.every((c) => isBlankCell(cellAt(grid, row, c)))) continue;
    // The row's read-only cells travel with its first year only, so each is checked once.
    const readOnly = TERM_READ_ONLY.flatMap(([h, column]) => {
      const col = cols[h];
      return col === undefined ? [] : [{ column, raw: cellAt(grid, row, col), at: { row, col } }];
    });
    yearCols.forEach((col, i) => {
      const format = formatAt(formats, row, col);
      entries.push({
        unitCode: { raw: unitCode, at: null },
        ...(unitId ? { unitId: { raw: unitId, at: null } } : {}),
        indicatorCode: { raw: code, at: { row, col: codeCol } },
        period: { raw: header[col], at: { row: 0, col } },
        value: { raw: cellAt(grid, row, col), at: { row, col }, ...(format ? { format } : {}) },
        ...(i === 0 && readOnly.length > 0 ? { readOnly } : {}),
      });
    });
  }
  return { ok: true, entries };
}
