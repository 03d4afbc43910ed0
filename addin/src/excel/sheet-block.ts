/// <reference types="office-js" />
/**
 * The add-in's block in an existing sheet: what is there before a refresh (its Excel table, its
 * header row wherever the user moved it), and re-shaping the table to a new row count without
 * deleting it, so a PivotTable over it keeps its source and the user's columns keep their cells.
 */
import type { GridValue, LayoutName, SheetRect } from '../sync';
import { findHeader, HEADER_SCAN_ROWS } from '../sync';
import { rangeAddress } from './address';
import { supports, suspendUntilNextSync } from './host';

export interface SheetBlock {
  /** The sheet's values from A1: the first rows (the header is searched there) and full width. */
  readonly top: unknown[][];
  /** Rows down to the last used one. */
  readonly usedRows: number;
  readonly table: { readonly object: Excel.Table; readonly name: string; readonly rect: SheetRect } | null;
}

/**
 * Reads what a refresh needs to know about `sheet`, in two syncs. The table is the one named
 * `tableName`; failing that (a workbook pulled before names were kept, or the table renamed) the one
 * holding the header, else the sheet's first.
 */
export async function inspectBlock(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  layout: LayoutName,
  tableName: string | null,
): Promise<SheetBlock> {
  sheet.tables.load('items/name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('isNullObject, rowIndex, rowCount, columnIndex, columnCount');
  await ctx.sync();
  const usedRows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  const usedCols = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
  const topRange =
    usedRows > 0 ? sheet.getRange(rangeAddress(0, 0, Math.min(usedRows, HEADER_SCAN_ROWS), usedCols)) : null;
  topRange?.load('values');
  const tables = sheet.tables.items.map((t) => {
    const range = t.getRange();
    range.load('rowIndex, rowCount, columnIndex, columnCount');
    return { object: t, name: t.name, range };
  });
  await ctx.sync();
  const top = topRange ? topRange.values : [];
  const rects = tables.map((t) => ({
    object: t.object,
    name: t.name,
    rect: { row: t.range.rowIndex, col: t.range.columnIndex, rows: t.range.rowCount, cols: t.range.columnCount },
  }));
  const header = findHeader(top, layout);
  const named = tableName ? rects.find((t) => t.name.toLowerCase() === tableName.toLowerCase()) : undefined;
  const holding = header
    ? rects.find((t) => t.rect.row === header.row && header.col >= t.rect.col && header.col < t.rect.col + t.rect.cols)
    : undefined;
  return { top, usedRows, table: named ?? holding ?? rects[0] ?? null };
}

/**
 * Before ExcelApi 1.13 (no Table.resize) a table that needs more rows gets them added at its end
 * (`TableRowCollection.add`, several at once since ExcelApi 1.4), before any value is written: adding
 * moves the cells below the table down. New rows get '' in the add-in's columns and null in the
 * others: null leaves those cells to Excel, which fills a calculated (formula) column down into them.
 * A table with more rows than needed keeps them (emptied by the caller): deleting table rows moves
 * cells too, and the user's cells beside the block must stay where they are.
 */
export async function growByRows(
  ctx: Excel.RequestContext,
  table: Excel.Table,
  rect: SheetRect,
  dataRows: number,
  ownColumns: ReadonlySet<number>,
  maxBytes: number,
): Promise<number> {
  const missing = dataRows - (rect.rows - 1);
  if (missing <= 0) return 0;
  const blank = Array.from({ length: rect.cols }, (_, j) => (ownColumns.has(rect.col + j) ? '' : null));
  const perAdd = Math.max(1, Math.floor(maxBytes / (rect.cols * 5 + 4)));
  let syncs = 0;
  for (let added = 0; added < missing;) {
    const n = Math.min(perAdd, missing - added);
    suspendUntilNextSync(ctx);
    table.rows.add(undefined, Array.from({ length: n }, () => blank) as (string | number | boolean)[][]);
    added += n;
    syncs++;
    await ctx.sync();
  }
  return syncs;
}

/** Where supported, the table is resized in place (no cell moves); the caller writes the values. */
export function resizeTable(table: Excel.Table, rect: SheetRect): void {
  table.resize(rangeAddress(rect.row, rect.col, rect.rows, rect.cols));
}

export const canResizeTables = () => supports('tableResize');

/** The values of one column for `n` rows, for clearing or formats. */
export const columnOf = <T extends GridValue>(n: number, v: T): T[][] => Array.from({ length: n }, () => [v]);
