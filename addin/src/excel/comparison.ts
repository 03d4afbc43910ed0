/// <reference types="office-js" />
/**
 * The comparison sheets in Excel: a read-only table the add-in owns (written at A1, same table name
 * every time so a PivotTable over it keeps its source where Excel can resize tables), its band
 * column coloured by conditional formats (ExcelApi 1.6: a rule per band label, so 20,000 rows cost
 * five rules, not 20,000 fills), blocks of chart data to the right with a bar chart beside each
 * (ExcelApi 1.1; each bar's fill set per point), the request the sheet came from in a hidden cell,
 * and the sheet protected (ExcelApi 1.2) so typing into it is refused by Excel itself.
 */
import { cellAddress, columnAddress, columnLetters, rangeAddress } from './address';
import { chunkRows, DEFAULT_CHUNK_BYTES } from './chunks';
import { runExcel, safeSheetName, supports, suspendUntilNextSync, uniqueTableName } from './host';

export type OwnedCell = string | number;

export interface ChartBlockSpec {
  readonly title: string;
  /** Header and rows; the first two columns (category, value) are charted. */
  readonly grid: readonly (readonly OwnedCell[])[];
  readonly colours: readonly string[];
  readonly type: 'BarClustered' | 'ColumnClustered';
  /** Number format of the value column ("0.0%" for ratios). */
  readonly valueFormat?: string;
}

export interface OwnedSheetSpec {
  readonly sheetName: string;
  /** Wanted table name (made unique); an existing table of the sheet keeps its own. */
  readonly tableName: string;
  readonly grid: readonly (readonly OwnedCell[])[];
  /** Columns written as text ("@"): codes and periods keep their form. */
  readonly textColumns: readonly number[];
  readonly columnFormats?: Readonly<Record<number, string>>;
  /** The column whose labels get a fill each: label → colour (conditional formats). */
  readonly colourColumn?: { readonly col: number; readonly fills: readonly { text: string; fill: string }[] };
  /** Text kept in a hidden cell right of the table (what the sheet was made from). */
  readonly memo?: string;
  readonly charts: readonly ChartBlockSpec[];
  /** Protect the sheet when done (typing into it is then refused by Excel). */
  readonly protect: boolean;
  readonly activate?: boolean;
  readonly onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface OwnedSheetResult {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly tableName: string;
  readonly charts: number;
  readonly coloured: boolean;
  readonly protected: boolean;
}

/** Columns between the table and the chart blocks: one blank, one hidden memo, one blank. */
const GAP = 3;
/** Rows a chart spans at most beside its block. */
const CHART_ROWS = 20;

/** Where the memo lies: the column after the table's blank neighbour. */
export const memoColumn = (tableCols: number) => tableCols + 1;

/**
 * Writes (or rewrites) a sheet the add-in owns. One Excel.run: unprotect and empty what the last
 * write left (charts, chart blocks, rows past the new end), the values in chunks under the request
 * limit, the table created or resized, colours, blocks and charts, then protection.
 */
export async function writeOwnedSheet(spec: OwnedSheetSpec): Promise<OwnedSheetResult> {
  const width = spec.grid[0]?.length ?? 1;
  const rows = spec.grid.length;
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    let sheet = sheets.getItemOrNullObject(safeSheetName(spec.sheetName));
    sheet.load('isNullObject');
    ctx.workbook.tables.load('items/name');
    await ctx.sync();
    let table: Excel.Table | null = null;
    /** The name of a table deleted to be made anew (Excel without Table.resize). */
    let keptName: string | null = null;
    let oldRows = 0;
    if (sheet.isNullObject) {
      sheet = sheets.add(safeSheetName(spec.sheetName));
    } else {
      sheet.protection.load('protected');
      sheet.tables.load('items/name');
      if (supports('charts')) sheet.charts.load('items/name');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('rowCount, rowIndex');
      await ctx.sync();
      if (sheet.protection.protected) sheet.protection.unprotect();
      if (supports('charts')) for (const c of sheet.charts.items) c.delete();
      table = sheet.tables.items[0] ?? null;
      if (table && !supports('tableResize')) {
        // Before ExcelApi 1.13 a table cannot change size: it is made anew under its old name.
        keptName = table.name;
        table.delete();
        table = null;
      }
      oldRows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      // The chart blocks and the memo: rewritten below.
      sheet.getRange(`${columnLetters(width)}:${columnLetters(width + GAP + 12)}`).clear('All');
      if (supports('conditionalFormat') && spec.colourColumn)
        sheet.getRange(columnAddress(spec.colourColumn.col)).conditionalFormats.clearAll();
    }
    sheet.load('id, name');
    const formats = Array.from({ length: width }, (_, c) =>
      spec.textColumns.includes(c) ? '@' : (spec.columnFormats?.[c] ?? 'General'),
    );
    // Header first (as text), then the data rows in chunks under the request limit.
    suspendUntilNextSync(ctx);
    const head = sheet.getRange(rangeAddress(0, 0, 1, width));
    head.numberFormat = [spec.grid[0]!.map(() => '@')];
    head.values = [spec.grid[0]!.map((v) => String(v))];
    const data = spec.grid.slice(1);
    const spans = chunkRows(data, { maxBytes: DEFAULT_CHUNK_BYTES, extraPerRow: width * 10 });
    for (const span of spans) {
      const n = span.end - span.start;
      if (n === 0) continue;
      const block = sheet.getRange(rangeAddress(1 + span.start, 0, n, width));
      block.numberFormat = Array.from({ length: n }, () => formats);
      block.values = data.slice(span.start, span.end).map((r) => [...r]);
      await ctx.sync();
      spec.onProgress?.(span.end, data.length);
      suspendUntilNextSync(ctx);
    }
    if (oldRows > rows) sheet.getRange(rangeAddress(rows, 0, oldRows - rows, width)).clear('All');
    const tableAddress = rangeAddress(0, 0, Math.max(2, rows), width);
    let tableName: string;
    if (table && supports('tableResize')) {
      table.load('name');
      table.resize(tableAddress);
      await ctx.sync();
      tableName = table.name;
    } else {
      const taken = ctx.workbook.tables.items.map((t) => t.name).filter((n) => n !== keptName);
      tableName = keptName ?? uniqueTableName(spec.tableName, taken);
      const created = sheet.tables.add(tableAddress, true);
      created.name = tableName;
    }
    let coloured = false;
    if (spec.colourColumn && rows > 1 && supports('conditionalFormat')) {
      const target = sheet.getRange(rangeAddress(1, spec.colourColumn.col, rows - 1, 1));
      for (const f of spec.colourColumn.fills) {
        const cf = target.conditionalFormats.add('ContainsText');
        cf.textComparison.format.fill.color = f.fill;
        cf.textComparison.rule = { operator: 'BeginsWith', text: f.text };
      }
      coloured = true;
    }
    if (spec.memo !== undefined) {
      const memo = sheet.getRange(cellAddress(0, memoColumn(width)));
      memo.numberFormat = [['@']];
      memo.values = [[spec.memo]];
      sheet.getRange(columnAddress(memoColumn(width))).columnHidden = true;
    }
    let charts = 0;
    let top = 0;
    const left = width + GAP;
    for (const c of spec.charts) {
      const n = c.grid.length;
      const cols = c.grid[0]?.length ?? 2;
      const title = sheet.getRange(cellAddress(top, left));
      title.numberFormat = [['@']];
      title.values = [[c.title]];
      const block = sheet.getRange(rangeAddress(top + 1, left, n, cols));
      block.numberFormat = c.grid.map((r, i) =>
        r.map((_, j) => (i > 0 && j === 1 ? (c.valueFormat ?? 'General') : '@')),
      );
      block.values = c.grid.map((r) => [...r]);
      if (supports('charts') && n > 1) {
        const chart = sheet.charts.add(c.type, sheet.getRange(rangeAddress(top + 1, left, n, 2)), 'Columns');
        chart.title.text = c.title;
        chart.legend.visible = false;
        const span = Math.max(CHART_ROWS, Math.min(n + 4, 40));
        chart.setPosition(cellAddress(top, left + cols + 1), cellAddress(top + span - 1, left + cols + 9));
        const points = chart.series.getItemAt(0).points;
        c.colours.forEach((colour, i) => points.getItemAt(i).format.fill.setSolidColor(colour));
        charts++;
        top += Math.max(n + 2, span + 1);
      } else top += n + 2;
    }
    if (spec.protect) sheet.protection.protect({ allowAutoFilter: true, allowFormatColumns: true });
    if (spec.activate) sheet.activate();
    await ctx.sync();
    return { sheetId: sheet.id, sheetName: sheet.name, tableName, charts, coloured, protected: spec.protect };
  });
}

/** The hidden memo of every sheet whose name starts with `prefix` (the comparison sheets). */
export async function readMemos(prefix: string): Promise<{ sheetName: string; memo: string }[]> {
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    await ctx.sync();
    const mine = sheets.items.filter((s) => s.name.startsWith(prefix));
    const found = mine.map((s) => {
      const t = s.tables;
      t.load('items/name');
      return { s, t };
    });
    await ctx.sync();
    const cells = found
      .filter((f) => f.t.items.length > 0)
      .map((f) => {
        const r = f.t.items[0]!.getHeaderRowRange();
        r.load('columnCount');
        return { ...f, r };
      });
    await ctx.sync();
    const memos = cells.map((c) => {
      const cell = c.s.getRange(cellAddress(0, memoColumn(c.r.columnCount)));
      cell.load('values');
      return { name: c.s.name, cell };
    });
    await ctx.sync();
    return memos
      .map((m) => ({ sheetName: m.name, memo: String(m.cell.values[0]?.[0] ?? '') }))
      .filter((m) => m.memo !== '');
  });
}
