/**
 * A sheet the add-in pulled: its binding (where it came from) and baseline, loaded from the
 * workbook; and the layout details both pull and push need (which columns are codes, which are
 * read-only), so they are decided in one place.
 */
import * as excel from '../excel';
import type { Baseline, Grid, GridReadResult, Table } from '../sync';
import {
  findColumns,
  LONG_COLUMNS,
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

/** The sheet's current content as sync entries, with the grid it came from. */
export async function readEntries(sheet: BoundSheet): Promise<{ grid: unknown[][]; read: GridReadResult }> {
  const { grid, formats } = await excel.readGrid(sheet.sheetId);
  const read =
    sheet.baseline.layout === 'term'
      ? readTermGrid(grid, sheet.baseline.scope.unitCode ?? '', sheet.baseline.scope.unitId ?? null, formats)
      : readLongGrid(grid, formats);
  return { grid, read };
}

/** Renders `table` into the sheet (replacing it) and stores its baseline. */
export async function writeTable(
  target: { sheetId: string | null; sheetName: string },
  table: Table,
  binding: Omit<excel.SheetBinding, 'sheetId' | 'sheetName' | 'savedAt'>,
  baseline: Baseline,
  onProgress?: (done: number, total: number) => void,
): Promise<BoundSheet & { tableName: string }> {
  const layout = gridLayout(table);
  // Table names are workbook-wide and must be unique; the pivot source is found by this name.
  const tableName = `ChiTieu_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const written = await excel.writeGrid({
    sheetId: target.sheetId,
    sheetName: target.sheetName,
    tableName,
    ...layout,
    onProgress,
  });
  const sheet: BoundSheet = {
    sheetId: written.sheetId,
    sheetName: written.sheetName,
    binding: { ...binding, sheetId: written.sheetId, sheetName: written.sheetName, savedAt: '' },
    baseline,
  };
  return { ...(await saveSheetBaseline(sheet, baseline)), tableName };
}
