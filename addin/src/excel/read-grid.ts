/// <reference types="office-js" />
/** Reading a bound sheet's cells back for the sync engine. */
import { rangeAddress } from './address';
import { DEFAULT_READ_CELLS, readSpans } from './chunks';
import { runExcel } from './host';

export interface ReadGridResult {
  readonly sheetName: string;
  /** Values from A1 to the last used cell; Office.js returns "" for an empty cell. */
  readonly grid: unknown[][];
  /** The number formats of the same cells ("General", "@", "0.0%"): what a number means. */
  readonly formats: unknown[][];
  readonly syncs: number;
}

/**
 * Reads the sheet's values and number formats from A1 to its last used cell, chunked by cell count
 * (each cell costs its value and its format in the response, hence the smaller default chunk).
 */
export async function readGrid(sheetId: string, maxCells = DEFAULT_READ_CELLS): Promise<ReadGridResult> {
  return runExcel(async (ctx) => {
    let syncs = 0;
    const sheet = ctx.workbook.worksheets.getItem(sheetId);
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('isNullObject, rowIndex, columnIndex, rowCount, columnCount');
    syncs++;
    await ctx.sync();
    if (used.isNullObject) return { sheetName: sheet.name, grid: [], formats: [], syncs };
    const rowCount = used.rowIndex + used.rowCount;
    const colCount = used.columnIndex + used.columnCount;
    const grid: unknown[][] = [];
    const formats: unknown[][] = [];
    for (const span of readSpans(rowCount, colCount, maxCells)) {
      const range = sheet.getRange(rangeAddress(span.start, 0, span.end - span.start, colCount));
      range.load('values, numberFormat');
      syncs++;
      await ctx.sync();
      for (const row of range.values) grid.push(row);
      for (const row of range.numberFormat) formats.push(row);
    }
    return { sheetName: sheet.name, grid, formats, syncs };
  });
}
