/**
 * A sheet the add-in pulled: its binding (where it came from) and baseline, loaded from the
 * workbook; and the layout details both pull and push need (which columns are codes, which are
 * read-only), so they are decided in one place.
 */
import * as excel from '../excel';
import type { Baseline, Grid, GridReadResult, SheetPos, Table } from '../sync';
import {
  findColumns,
  gridFrom,
  LONG_COLUMNS,
  layoutColumns,
  locateGrid,
  LONG_HEADERS,
  LONG_HIDDEN_COLUMNS,
  LONG_READ_ONLY_COLUMNS,
  LONG_TEXT_COLUMNS,
  STATUS_LABELS_VI,
  parseBaseline,
  readLongGrid,
  readTermGrid,
  renderLongGrid,
  renderTermGrid,
  serializeBaseline,
  shiftEntries,
  termYears,
} from '../sync';

export interface BoundSheet {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly binding: excel.SheetBinding;
  readonly baseline: Baseline;
}

export type ActiveSheet =
  | { readonly kind: 'bound'; readonly sheet: BoundSheet }
  | { readonly kind: 'unbound'; readonly sheetName: string }
  | { readonly kind: 'corrupt'; readonly sheetName: string; readonly detail: string };

export async function loadActiveSheet(): Promise<ActiveSheet> {
  const s = await excel.activeSheet();
  return loadSheet(s.id, s.name);
}

export async function loadSheet(sheetId: string, sheetName: string): Promise<ActiveSheet> {
  const stored = await excel.loadBaseline({ id: sheetId, name: sheetName });
  if (!stored.ok) {
    return stored.reason === 'NOT_BOUND'
      ? { kind: 'unbound', sheetName }
      : { kind: 'corrupt', sheetName, detail: 'torn' };
  }
  const parsed = parseBaseline(stored.text);
  if (!parsed.ok) return { kind: 'corrupt', sheetName, detail: parsed.error };
  return { kind: 'bound', sheet: { sheetId, sheetName, binding: stored.binding, baseline: parsed.baseline } };
}

export async function saveSheetBaseline(sheet: BoundSheet, baseline: Baseline): Promise<BoundSheet> {
  const binding = {
    ...sheet.binding,
    sheetId: sheet.sheetId,
    sheetName: sheet.sheetName,
    savedAt: new Date().toISOString(),
  };
  await excel.saveBaseline(binding, serializeBaseline(baseline));
  return { ...sheet, binding, baseline };
}

/** The status drop-down: the Vietnamese labels, which the sheet shows and the reader accepts. */
const STATUS_LIST: readonly string[] = Object.values(STATUS_LABELS_VI);

/**
 * How a table is laid out in Excel: which columns are text (everything but figures), which the user
 * must not edit, which offer a drop-down.
 */
export function gridLayout(table: Table): {
  grid: Grid;
  textColumns: number[];
  hiddenColumns: number[];
  readOnlyColumns: number[];
  columnFormats: Record<number, string>;
  listColumns: excel.ListColumn[];
} {
  if (table.layout === 'long') {
    const idx = (c: (typeof LONG_COLUMNS)[number]) => LONG_COLUMNS.indexOf(c);
    return {
      grid: renderLongGrid(table),
      textColumns: LONG_TEXT_COLUMNS.map(idx),
      hiddenColumns: LONG_HIDDEN_COLUMNS.map(idx),
      readOnlyColumns: LONG_READ_ONLY_COLUMNS.map(idx),
      columnFormats: {},
      listColumns: [{ col: idx('status'), items: STATUS_LIST }],
    };
  }
  const years = termYears(table).length;
  // Mã, Chỉ tiêu, Đơn vị tính, Mục tiêu, So sánh, <years…>, Tỷ lệ đạt, Mức đạt: the year cells,
  // the target and the ratio are numbers, the rest text.
  const ratio = 5 + years;
  return {
    grid: renderTermGrid(table),
    textColumns: [0, 1, 2, 4, ratio + 1],
    hiddenColumns: [],
    readOnlyColumns: [1, 2, 3, 4, ratio, ratio + 1],
    columnFormats: { [ratio]: '0.0%' },
    listColumns: [],
  };
}

/** The drop-down columns of a sheet as it now is (found by header: the user may have moved them). */
export function listColumnsOf(layout: Table['layout'], header: readonly unknown[]): excel.ListColumn[] {
  if (layout !== 'long') return [];
  const col = findColumns(header, { status: LONG_HEADERS.status }).status;
  return col === undefined ? [] : [{ col, items: STATUS_LIST }];
}

/**
 * The sheet's current content as sync entries. The layout's header is found by its labels (title
 * rows above it are the user's), and every position in the entries is a sheet position, so marks,
 * writes and conflicts land where the user sees the cell. `area` is the data block's own columns
 * (and its drop-downs), where a preview clears the previous marks.
 */
export async function readEntries(
  sheet: BoundSheet,
): Promise<{ read: GridReadResult; origin: SheetPos; area: excel.MarkArea }> {
  const layout = sheet.baseline.layout;
  const sheetGrid = await excel.readGrid(sheet.sheetId);
  const { grid, origin } = locateGrid(sheetGrid.grid, layout);
  const formats = gridFrom(sheetGrid.formats, origin);
  const read =
    layout === 'term'
      ? readTermGrid(grid, sheet.baseline.scope.unitCode ?? '', sheet.baseline.scope.unitId ?? null, formats)
      : readLongGrid(grid, formats);
  const header = grid[0] ?? [];
  const area = {
    row: origin.row + 1,
    rows: Math.max(0, grid.length - 1),
    columns: layoutColumns(header, layout).map((c) => c + origin.col),
    lists: listColumnsOf(layout, header).map((l) => ({ ...l, col: l.col + origin.col })),
  };
  return { read: read.ok ? { ok: true, entries: shiftEntries(read.entries, origin) } : read, origin, area };
}

/** A sheet just written: where its grid landed (grid (r, c) is sheet cell (origin.row + r, columns[c])). */
export interface WrittenSheet extends BoundSheet {
  readonly tableName: string;
  readonly origin: SheetPos;
  readonly columns: readonly number[];
}

/**
 * Renders `table` into the sheet and stores its baseline. A sheet the add-in wrote before is
 * refreshed in place (its table keeps its name, the user's columns their cells) and the pivots over
 * its table are refreshed, so they show the new figures.
 */
export async function writeTable(
  target: { sheetId: string | null; sheetName: string; tableName?: string },
  table: Table,
  binding: Omit<excel.SheetBinding, 'sheetId' | 'sheetName' | 'savedAt' | 'tableName'>,
  baseline: Baseline,
  onProgress?: (done: number, total: number) => void,
): Promise<WrittenSheet> {
  const written = await excel.writeGrid({
    sheetId: target.sheetId,
    sheetName: target.sheetName,
    layout: table.layout,
    tableName: target.tableName ?? null,
    ...gridLayout(table),
    onProgress,
  });
  const sheet: BoundSheet = {
    sheetId: written.sheetId,
    sheetName: written.sheetName,
    binding: {
      ...binding,
      sheetId: written.sheetId,
      sheetName: written.sheetName,
      tableName: written.tableName,
      savedAt: '',
    },
    baseline,
  };
  const saved = await saveSheetBaseline(sheet, baseline);
  if (target.sheetId && excel.supports('pivotRefresh'))
    await excel.refreshPivotsOver(written.sheetId, written.tableName);
  return { ...saved, tableName: written.tableName, origin: written.origin, columns: written.columns };
}
