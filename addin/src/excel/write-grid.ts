/// <reference types="office-js" />
/**
 * Writing a grid into a sheet as an Excel table. The grid's top-left cell is
 * always A1 of its sheet, so the grid positions the sync engine reports (row 0 = header) map to
 * cells without any offset bookkeeping.
 */
import type { GridValue } from '../sync';
import { cellAddress, columnAddress, rangeAddress } from './address';
import { chunkRows } from './chunks';
import { runExcel, safeSheetName, supports, suspendUntilNextSync } from './host';
import type { ListColumn } from './lists';
import { applyLists } from './lists';

export interface WriteGridOptions {
  /** Sheet to (re)write: by id when it already belongs to the add-in, else created by name. */
  readonly sheetId?: string | null;
  readonly sheetName: string;
  readonly tableName: string;
  readonly grid: readonly (readonly GridValue[])[];
  /**
   * Columns formatted as text ("@") before values land, so "001" and "2023-07" stay as typed and a
   * note starting with =, + or - stays a note instead of becoming a formula (#NAME?). Every other
   * column is set to General (or its `columnFormats` entry) in the same request: a figure of a %
   * indicator is written as 1.5 and must not be shown, and read back, through a leftover "0.0%".
   */
  readonly textColumns?: readonly number[];
  readonly hiddenColumns?: readonly number[];
  /** Number formats per column for data rows (e.g. "0.0%" for a ratio). */
  readonly columnFormats?: Readonly<Record<number, string>>;
  /** Columns the server computes: shown in grey so nobody mistakes them for input. */
  readonly readOnlyColumns?: readonly number[];
  /** Data columns offered as a drop-down list (the statuses), where Excel has list validation. */
  readonly listColumns?: readonly ListColumn[];
  readonly maxChunkBytes?: number;
  readonly onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface WriteGridResult {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly rows: number;
  readonly chunks: number;
  readonly syncs: number;
}

const READ_ONLY_FONT = '#595959';

/** Office.js leaves a cell unchanged where the values array holds null: '' is what empties it. */
const cellValue = (v: GridValue | undefined): string | number | boolean => (v === null || v === undefined ? '' : v);

export async function writeGrid(opts: WriteGridOptions): Promise<WriteGridResult> {
  const { grid } = opts;
  const width = Math.max(1, ...grid.map((r) => r.length));
  const rows = grid.map((r) => (r.length === width ? r : [...r, ...Array<GridValue>(width - r.length).fill(null)]));
  const textCols = new Set(opts.textColumns ?? []);
  const dataFormats = Array.from({ length: width }, (_, c) =>
    textCols.has(c) ? '@' : (opts.columnFormats?.[c] ?? 'General'),
  );
  const formatBytes = dataFormats.reduce((n, f) => n + f.length + 3, 0);
  const spans = chunkRows(rows, { maxBytes: opts.maxChunkBytes, extraPerRow: formatBytes });
  return runExcel(async (ctx) => {
    let syncs = 0;
    const sync = async () => {
      syncs++;
      await ctx.sync();
    };
    const sheets = ctx.workbook.worksheets;
    let sheet = opts.sheetId
      ? sheets.getItemOrNullObject(opts.sheetId)
      : sheets.getItemOrNullObject(safeSheetName(opts.sheetName));
    sheet.load('isNullObject, id, name');
    await sync();
    if (sheet.isNullObject) {
      sheet = sheets.add(safeSheetName(opts.sheetName));
      sheet.load('id, name');
    } else {
      // A re-pull replaces the whole sheet: old tables first (a table cannot be overwritten by a
      // bigger one), then every cell, format and input message.
      sheet.tables.load('items/name');
      await sync();
      for (const t of sheet.tables.items) t.delete();
      sheet.getRange().clear();
    }
    for (const span of spans) {
      const n = span.end - span.start;
      suspendUntilNextSync(ctx);
      // Formats before values, in the same request: a value is read with the format its cell has.
      const block = sheet.getRange(rangeAddress(span.start, 0, n, width));
      block.numberFormat = Array.from({ length: n }, (_, i) =>
        span.start + i === 0 ? Array<string>(width).fill('@') : dataFormats,
      );
      block.values = rows.slice(span.start, span.end).map((r) => r.map(cellValue));
      await sync();
      opts.onProgress?.(span.end, rows.length);
    }
    // Table, formats, hidden and frozen columns: cheap calls, all in one last sync.
    suspendUntilNextSync(ctx);
    const dataRows = rows.length - 1;
    const table = sheet.tables.add(rangeAddress(0, 0, Math.max(1, rows.length), width), true);
    table.name = opts.tableName;
    applyLists(sheet, opts.listColumns ?? [], 1, dataRows);
    for (const col of opts.readOnlyColumns ?? []) {
      if (dataRows > 0) sheet.getRange(rangeAddress(1, col, dataRows, 1)).format.font.color = READ_ONLY_FONT;
    }
    // Autofit on the first rows only: fitting 25,000 rows costs seconds for the same widths.
    sheet.getRange(rangeAddress(0, 0, Math.min(rows.length, 200), width)).format.autofitColumns();
    for (const col of opts.hiddenColumns ?? []) sheet.getRange(columnAddress(col)).columnHidden = true;
    if (supports('freeze')) sheet.freezePanes.freezeRows(1);
    sheet.activate();
    sheet.getRange(cellAddress(0, 0)).select();
    await sync();
    return { sheetId: sheet.id, sheetName: sheet.name, rows: rows.length, chunks: spans.length, syncs };
  });
}

/**
 * Writes single cells (server rounding, "take server value", repaired codes). A text cell (code,
 * status, source, note) is formatted as text first, so "001" or a note "-5 hộ nghèo" lands as
 * typed; a figure goes into a General cell, so a leftover percent format cannot rescale it. null
 * empties the cell.
 */
export async function writeCells(
  sheetId: string,
  writes: readonly { row: number; col: number; value: GridValue; text?: boolean }[],
): Promise<number> {
  if (writes.length === 0) return 0;
  return runExcel(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(sheetId);
    let syncs = 0;
    for (let i = 0; i < writes.length; i += 2000) {
      suspendUntilNextSync(ctx);
      for (const w of writes.slice(i, i + 2000)) {
        const cell = sheet.getRange(cellAddress(w.row, w.col));
        if (w.text) cell.numberFormat = [['@']];
        else if (typeof w.value === 'number') cell.numberFormat = [['General']];
        cell.values = [[cellValue(w.value)]];
      }
      syncs++;
      await ctx.sync();
    }
    return syncs;
  });
}
