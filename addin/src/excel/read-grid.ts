/// <reference types="office-js" />
/** Reading a bound sheet's cells back for the sync engine. */
import { rangeAddress } from './address';
import { DEFAULT_READ_CELLS, jsonStringBytes, READ_RESPONSE_BYTES, readSpans } from './chunks';
import { runExcel } from './host';

export interface ReadGridResult {
  readonly sheetName: string;
  /** Values from A1 to the last used cell; Office.js returns "" for an empty cell. */
  readonly grid: unknown[][];
  /** The number formats of the same cells ("General", "@", "0.0%"): what a number means. */
  readonly formats: unknown[][];
  readonly syncs: number;
}

/** Excel on the web's refusal of an answer (or request) above 5 MB. */
function tooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

/** JSON bytes of what a load answered (strings measured as sent, escapes included). */
function jsonBytes(rows: unknown[][]): number {
  let n = 2;
  for (const row of rows) {
    n += 3;
    for (const v of row) n += typeof v === 'string' ? jsonStringBytes(v) : String(v).length + 1;
  }
  return n;
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
    // The first span by cell count, the next ones by the bytes the previous answers took; a span
    // Excel on the web refuses as too large is read again in halves.
    const byCells = readSpans(rowCount, colCount, maxCells)[0]?.end ?? rowCount;
    let per = byCells;
    for (let start = 0; start < rowCount;) {
      const n = Math.min(per, rowCount - start);
      const range = sheet.getRange(rangeAddress(start, 0, n, colCount));
      range.load('values, numberFormat');
      syncs++;
      try {
        await ctx.sync();
      } catch (e) {
        if (n > 1 && tooLarge(e)) {
          per = Math.ceil(n / 2);
          continue;
        }
        throw e;
      }
      for (const row of range.values) grid.push(row);
      for (const row of range.numberFormat) formats.push(row);
      const bytesPerRow = (jsonBytes(range.values) + jsonBytes(range.numberFormat)) / n;
      per = Math.max(1, Math.min(byCells, Math.floor(READ_RESPONSE_BYTES / Math.max(1, bytesPerRow))));
      start += n;
    }
    return { sheetName: sheet.name, grid, formats, syncs };
  });
}
