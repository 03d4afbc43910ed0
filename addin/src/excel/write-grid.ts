/// <reference types="office-js" />
/**
 * Writing a layout's grid into a sheet as an Excel table. A first pull puts it at A1 of a new sheet;
 * a refresh rewrites the data block of the sheet in place (sync/layouts/placement.ts plans it): the
 * header row wherever the user moved it, only the add-in's columns, the same table resized to the
 * new row count. Everything else the user put in the sheet (title rows, own columns with values or
 * formulas, widths, frozen panes) stays.
 */
import type { GridValue, LayoutName, SheetPos, SheetWritePlan } from '../sync';
import { planSheetWrite, runValues } from '../sync';
import { cellAddress, columnAddress, rangeAddress } from './address';
import { chunkRows, DEFAULT_CHUNK_BYTES, jsonStringBytes } from './chunks';
import { runExcel, safeSheetName, supports, suspendUntilNextSync, uniqueTableName } from './host';
import type { ListColumn } from './lists';
import { applyLists } from './lists';
import { canResizeTables, growByRows, inspectBlock, resizeTable } from './sheet-block';

export interface WriteGridOptions {
  /** Sheet to (re)write: by id when it already belongs to the add-in, else created by name. */
  readonly sheetId?: string | null;
  readonly sheetName: string;
  readonly layout: LayoutName;
  /**
   * The table's name when the sheet has one already (kept, whatever it is); null on a first pull
   * or for a binding that never stored it: then the sheet's own table, or a new unique name.
   */
  readonly tableName: string | null;
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
  readonly tableName: string;
  /** Sheet position of the header's first cell: grid position (r, c) is sheet cell (row + r, col + c). */
  readonly origin: SheetPos;
  /** Sheet column of each grid column. */
  readonly columns: readonly number[];
  readonly rows: number;
  readonly chunks: number;
  readonly syncs: number;
}

const READ_ONLY_FONT = '#595959';

/** Office.js leaves a cell unchanged where the values array holds null: '' is what empties it. */
const cellValue = (v: GridValue | undefined): string | number | boolean => (v === null || v === undefined ? '' : v);

export async function writeGrid(opts: WriteGridOptions): Promise<WriteGridResult> {
  const width = Math.max(1, ...opts.grid.map((r) => r.length));
  const grid = opts.grid.map((r) => (r.length === width ? r : [...r, ...Array<GridValue>(width - r.length).fill('')]));
  const data = grid.slice(1);
  const maxBytes = opts.maxChunkBytes ?? DEFAULT_CHUNK_BYTES;
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
    ctx.workbook.tables.load('items/name');
    await sync();
    const fresh = sheet.isNullObject;
    if (fresh) {
      sheet = sheets.add(safeSheetName(opts.sheetName));
      sheet.load('id, name');
    }
    const block = fresh ? null : await inspectBlock(ctx, sheet, opts.layout, opts.tableName);
    if (block) syncs += 2;
    const plan = planSheetWrite(
      grid,
      block
        ? { layout: opts.layout, top: block.top, usedRows: block.usedRows, table: block.table?.rect ?? null }
        : null,
    );
    const at = (col: number) => plan.columns[col]!;
    const own = new Set(plan.columns);
    const textCols = new Set(opts.textColumns ?? []);
    const dataFormats = Array.from({ length: width }, (_, c) =>
      textCols.has(c) ? '@' : (opts.columnFormats?.[c] ?? 'General'),
    );
    const table = block?.table ?? null;
    const resize = table !== null && canResizeTables();

    // Without Table.resize a table grows by added rows, which moves the cells under it down: first
    // empty the add-in's cells there (rows typed under the table, now part of `grid`).
    if (table && !resize && plan.rows > table.rect.rows - 1) {
      const below = table.rect.row + table.rect.rows;
      const end = plan.origin.row + 1 + plan.rows + plan.clearRows;
      if (end > below) {
        for (const r of plan.runs) {
          sheet.getRange(rangeAddress(below, r.sheetCol, end - below, r.to - r.from)).clear('Contents');
        }
      }
      syncs += await growByRows(ctx, table.object, table.rect, plan.rows, own, maxBytes);
    }

    const top = plan.origin.row + 1;
    // Everything a chunk's request carries per row besides the values: the brackets of each run's
    // row (values and formats), and each cell's number format.
    const extraPerRow = plan.runs.length * 8 + dataFormats.reduce((n, f) => n + jsonStringBytes(f) + 1, 0);
    const spans = chunkRows(data, { maxBytes, extraPerRow });
    // Header cells the sheet lacks (all of them on a new sheet), as text so "2023" stays a label.
    suspendUntilNextSync(ctx);
    for (const run of headerRuns(plan.headers)) {
      const cells = sheet.getRange(rangeAddress(plan.origin.row, run.col, 1, run.labels.length));
      cells.numberFormat = [run.labels.map(() => '@')];
      cells.values = [run.labels];
    }
    for (const span of spans) {
      const n = span.end - span.start;
      if (span.start > 0) suspendUntilNextSync(ctx);
      for (const r of plan.runs) {
        // Formats before values, in the same request: a value is read with the format its cell has.
        const block = sheet.getRange(rangeAddress(top + span.start, r.sheetCol, n, r.to - r.from));
        const formats = dataFormats.slice(r.from, r.to);
        block.numberFormat = Array.from({ length: n }, () => formats);
        block.values = runValues(grid, r, span.start, span.end);
      }
      await sync();
      opts.onProgress?.(span.end, data.length);
    }

    // Clearing, the table, fonts, widths: cheap calls (no payload per cell), all in one last sync.
    suspendUntilNextSync(ctx);
    // Rows the previous pull had more: the add-in's cells emptied (and unmarked), the user's kept.
    if (plan.clearRows > 0) {
      for (const r of plan.runs) {
        const rest = sheet.getRange(rangeAddress(top + plan.rows, r.sheetCol, plan.clearRows, r.to - r.from));
        rest.clear('Contents');
        rest.format.fill.clear();
      }
    }
    const previous = plan.rows + plan.clearRows;
    for (const col of plan.staleColumns) {
      if (previous > 0) sheet.getRange(rangeAddress(top, col, previous, 1)).clear('Contents');
    }
    let tableName: string;
    if (table) {
      tableName = table.name;
      if (resize) resizeTable(table.object, plan.table);
    } else {
      const taken = ctx.workbook.tables.items.map((t) => t.name);
      tableName =
        opts.tableName && !taken.some((t) => t.toLowerCase() === opts.tableName!.toLowerCase())
          ? opts.tableName
          : uniqueTableName(`ChiTieu_${opts.sheetName}`, taken);
      const created = sheet.tables.add(
        rangeAddress(plan.table.row, plan.table.col, plan.table.rows, plan.table.cols),
        true,
      );
      created.name = tableName;
    }
    const dataRows = plan.rows;
    const lists = (opts.listColumns ?? []).map((l) => ({ ...l, col: at(l.col) }));
    applyLists(sheet, lists, top, plan.rows);
    for (const col of opts.readOnlyColumns ?? []) {
      if (dataRows > 0) sheet.getRange(rangeAddress(top, at(col), dataRows, 1)).format.font.color = READ_ONLY_FONT;
    }
    // Widths, hidden columns and frozen panes are the add-in's only where it wrote the header: on a
    // refresh they are the user's (a column they widened or unhid stays so).
    const headed = new Set(plan.headers.map((h) => h.col));
    if (fresh) {
      // Autofit on the first rows only: fitting 25,000 rows costs seconds for the same widths.
      sheet.getRange(rangeAddress(0, 0, Math.min(grid.length, 200), width)).format.autofitColumns();
      if (supports('freeze')) sheet.freezePanes.freezeRows(1);
    }
    for (const col of opts.hiddenColumns ?? []) {
      if (headed.has(at(col))) sheet.getRange(columnAddress(at(col))).columnHidden = true;
    }
    sheet.activate();
    sheet.getRange(cellAddress(plan.origin.row, plan.origin.col)).select();
    await sync();
    return {
      sheetId: sheet.id,
      sheetName: sheet.name,
      tableName,
      origin: plan.origin,
      columns: plan.columns,
      rows: grid.length,
      chunks: spans.length,
      syncs,
    };
  });
}

/** Header cells in adjacent columns, one range each (a new sheet's header is one write). */
function headerRuns(headers: SheetWritePlan['headers']): { col: number; labels: GridValue[] }[] {
  const runs: { col: number; labels: GridValue[] }[] = [];
  for (const h of headers) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.labels.length === h.col) last.labels.push(h.label ?? '');
    else runs.push({ col: h.col, labels: [h.label ?? ''] });
  }
  return runs;
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
