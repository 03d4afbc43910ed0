/**
 * Where a layout sits in its sheet, and what a (re)write may touch. The user owns the sheet: a
 * title row or two above the header, a column of their own (values, formulas) beside the add-in's
 * must survive a refresh. So the header row is found by its labels rather than assumed at A1, the
 * add-in's columns are found by their header labels, and a refresh writes only those columns of
 * the data rows. Positions read from the located grid are shifted back to sheet positions
 * (`shiftEntries`), so marks, writes and conflicts land on the cell the user sees.
 */
import type { SheetEntry, SheetPos, Table } from '../model';
import type { GridValue, ReadonlyGrid } from './grid';

/** A grid as rendered by a layout: header row, then data rows. */
type Rendered = ReadonlyArray<ReadonlyArray<GridValue>>;
import { isBlankCell } from './grid';
import { LONG_HEADERS } from './long';
import { TERM_HEADERS } from './term';

export type LayoutName = Table['layout'];

/** Rows searched for the header: room for a title block above it, not a whole sheet's scan. */
export const HEADER_SCAN_ROWS = 20;

/** A rectangle of the sheet, 0-based. */
export interface SheetRect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** The labels that make a row a layout's header: all `required`, and the more of `known` the better. */
const SIGNATURES: Readonly<Record<LayoutName, { required: readonly string[]; known: readonly string[] }>> = {
  long: {
    required: [LONG_HEADERS.unitCode, LONG_HEADERS.indicatorCode, LONG_HEADERS.period, LONG_HEADERS.value],
    known: Object.values(LONG_HEADERS),
  },
  term: { required: [TERM_HEADERS.code], known: Object.values(TERM_HEADERS) },
};

/** Whether a header label names one of the layout's own columns (for a term sheet: any year). */
function ownsLabel(layout: LayoutName, text: string): boolean {
  return SIGNATURES[layout].known.some((l) => headerText(l) === text) || (layout === 'term' && /^\d{4}$/.test(text));
}

/** A header cell as comparable text; Excel may hand a year header back as the number 2023. */
export function headerText(raw: unknown): string {
  if (typeof raw === 'number') return String(raw);
  if (typeof raw !== 'string') return '';
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The sheet position of the layout's header: the row among the first `scanRows` holding every
 * required label (the one with most known labels, the upper on a tie), and its first non-blank
 * column. Null when no row qualifies.
 */
export function findHeader(grid: ReadonlyGrid, layout: LayoutName, scanRows = HEADER_SCAN_ROWS): SheetPos | null {
  const sig = SIGNATURES[layout];
  const required = sig.required.map(headerText);
  const known = new Set(sig.known.map(headerText));
  let best: { row: number; score: number } | null = null;
  for (let row = 0; row < Math.min(grid.length, scanRows); row++) {
    const labels = new Set((grid[row] ?? []).map(headerText));
    if (!required.every((l) => labels.has(l))) continue;
    const score = [...labels].filter((l) => known.has(l)).length;
    if (!best || score > best.score) best = { row, score };
  }
  if (!best) return null;
  const col = (grid[best.row] ?? []).findIndex((c) => !isBlankCell(c));
  return { row: best.row, col: Math.max(0, col) };
}

/**
 * The columns of a located grid's header that are the layout's own (by label): where marks may be
 * cleared without touching a column the user added.
 */
export function layoutColumns(header: ReadonlyArray<unknown>, layout: LayoutName): number[] {
  const cols: number[] = [];
  header.forEach((cell, col) => {
    if (ownsLabel(layout, headerText(cell))) cols.push(col);
  });
  return cols;
}

/** The part of `grid` whose top-left is `origin`: what the layout readers expect (row 0 = header). */
export function gridFrom(grid: ReadonlyGrid, origin: SheetPos): ReadonlyGrid {
  if (origin.row === 0 && origin.col === 0) return grid;
  return grid.slice(origin.row).map((r) => r.slice(origin.col));
}

/**
 * The layout's grid inside a sheet read from A1. Without a recognisable header the whole sheet is
 * handed on, so the reader reports which columns are missing.
 */
export function locateGrid(
  sheet: ReadonlyGrid,
  layout: LayoutName,
): { readonly origin: SheetPos; readonly grid: ReadonlyGrid; readonly found: boolean } {
  const origin = findHeader(sheet, layout);
  if (!origin) return { origin: { row: 0, col: 0 }, grid: sheet, found: false };
  return { origin, grid: gridFrom(sheet, origin), found: true };
}

/** Entries read from a located grid, with their positions turned into sheet positions. */
export function shiftEntries(entries: readonly SheetEntry[], origin: SheetPos): SheetEntry[] {
  if (origin.row === 0 && origin.col === 0) return [...entries];
  const at = (p: SheetPos | null) => (p ? { row: p.row + origin.row, col: p.col + origin.col } : null);
  const field = <F extends { readonly at: SheetPos | null }>(f: F | undefined): F | undefined =>
    f && { ...f, at: at(f.at) };
  return entries.map((e) => ({
    ...e,
    unitCode: field(e.unitCode)!,
    ...(e.unitId ? { unitId: field(e.unitId) } : {}),
    indicatorCode: field(e.indicatorCode)!,
    period: field(e.period)!,
    value: { ...e.value, at: at(e.value.at)! },
    ...(e.status ? { status: field(e.status) } : {}),
    ...(e.source ? { source: field(e.source) } : {}),
    ...(e.note ? { note: field(e.note) } : {}),
    ...(e.readOnly ? { readOnly: e.readOnly.map((r) => field(r)!) } : {}),
  }));
}

/** Adjacent columns of the rendered grid that land in adjacent sheet columns: one range write each. */
export interface ColumnRun {
  /** First column of the rendered grid. */
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  readonly sheetCol: number;
}

export interface SheetWritePlan {
  /** Sheet position of the header's first cell. */
  readonly origin: SheetPos;
  /** The sheet column of each column of the rendered grid. */
  readonly columns: readonly number[];
  readonly runs: readonly ColumnRun[];
  /** Header cells to write: every one on a new sheet, else only labels the sheet lacks. */
  readonly headers: readonly { readonly col: number; readonly label: GridValue }[];
  /** Data rows written below the header. */
  readonly rows: number;
  /** Rows after those, blanked in the add-in's columns only (what the previous pull had more). */
  readonly clearRows: number;
  /**
   * Sheet columns headed like the add-in's (a year of the term) that this pull no longer has: their
   * data rows are blanked so an old figure is not read back as a new one.
   */
  readonly staleColumns: readonly number[];
  /** Where the Excel table must end up: header plus data rows (at least one), every column it had. */
  readonly table: SheetRect;
}

/** What the adapter found in an existing sheet. */
export interface ExistingSheet {
  readonly layout: LayoutName;
  /** The sheet's values from A1, at least through the first `HEADER_SCAN_ROWS` rows. */
  readonly top: ReadonlyGrid;
  /** Rows down to the last used one (the used range's end). */
  readonly usedRows: number;
  /** The add-in's Excel table on the sheet, when it still has one. */
  readonly table: SheetRect | null;
}

/**
 * How to put `rendered` (header + data rows) into a sheet. A new sheet (`existing` null) gets the
 * grid at A1; an existing one keeps its header row and every column that is not the add-in's.
 */
export function planSheetWrite(rendered: Rendered, existing: ExistingSheet | null): SheetWritePlan {
  const width = Math.max(1, ...rendered.map((r) => r.length));
  const rows = Math.max(0, rendered.length - 1);
  const labels = Array.from({ length: width }, (_, j) => rendered[0]?.[j] ?? null);
  const found = existing ? findHeader(existing.top, existing.layout) : null;
  const table = existing?.table ?? null;
  const origin = found ?? (table ? { row: table.row, col: table.col } : { row: 0, col: 0 });
  const columns: number[] = [];
  const headers: { col: number; label: GridValue }[] = [];
  const staleColumns: number[] = [];
  if (!found) {
    labels.forEach((label, j) => {
      columns.push(origin.col + j);
      headers.push({ col: origin.col + j, label });
    });
  } else {
    const header = existing!.top[found.row] ?? [];
    const byLabel = new Map<string, number>();
    header.forEach((cell, col) => {
      const t = headerText(cell);
      if (t && !byLabel.has(t)) byLabel.set(t, col);
    });
    const lastHeader = header.reduce<number>((last, cell, col) => (isBlankCell(cell) ? last : col), -1);
    let next = Math.max(lastHeader, table ? table.col + table.cols - 1 : -1) + 1;
    for (const label of labels) {
      const col = byLabel.get(headerText(label));
      if (col !== undefined) {
        byLabel.delete(headerText(label));
        columns.push(col);
      } else {
        // A column this pull has and the sheet lacks (a new year): after everything already there.
        columns.push(next);
        headers.push({ col: next, label });
        next++;
      }
    }
    for (const [label, col] of byLabel) if (ownsLabel(existing!.layout, label)) staleColumns.push(col);
  }
  const runs: ColumnRun[] = [];
  columns.forEach((sheetCol, j) => {
    const last = runs[runs.length - 1];
    if (last && last.to === j && last.sheetCol + (last.to - last.from) === sheetCol) {
      runs[runs.length - 1] = { ...last, to: j + 1 };
    } else runs.push({ from: j, to: j + 1, sheetCol });
  });
  const previousRows = existing ? Math.max(table ? table.rows - 1 : 0, existing.usedRows - origin.row - 1, 0) : 0;
  const left = Math.min(...columns, table ? table.col : Infinity);
  const right = Math.max(...columns, table ? table.col + table.cols - 1 : -Infinity);
  return {
    origin,
    columns,
    runs,
    headers,
    rows,
    clearRows: Math.max(0, previousRows - rows),
    staleColumns: staleColumns.sort((a, b) => a - b),
    table: { row: origin.row, col: left, rows: 1 + Math.max(1, rows), cols: right - left + 1 },
  };
}

/**
 * The values of one run for data rows [start, end) of `rendered`, ready for `range.values`. An
 * empty cell is '' — never null, which Office.js reads as "leave this cell as it is" and which
 * would keep the previous pull's figure in a refreshed cell.
 */
export function runValues(rendered: Rendered, run: ColumnRun, start: number, end: number): GridValue[][] {
  const out: GridValue[][] = [];
  for (let i = start; i < end; i++) {
    const row = rendered[1 + i] ?? [];
    const values: GridValue[] = [];
    for (let j = run.from; j < run.to; j++) values.push(row[j] ?? '');
    out.push(values);
  }
  return out;
}
