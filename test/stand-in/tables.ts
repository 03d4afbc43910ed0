/**
 * Table rules: names unique in the workbook (case-insensitive) and well-formed, no overlap with
 * another table, headers made unique text, resize constraints, growth when a user types in the
 * row beneath, and rows/columns inserted through the sheet.
 */
import type { Rect } from './address';
import { colIndex, overlaps } from './address';
import { fail } from './errors';
import type { Sheet, Table, Workbook } from './model';
import { asValue } from './model';

/** Excel's rules for names: letter, "_" or "\" first; letters, digits, "." and "_" after; not a cell reference; ≤ 255. */
export function checkTableName(book: Workbook, name: string, self?: Table): void {
  const valid =
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name) &&
    !(/^([A-Za-z]{1,3})\d+$/.test(name) && colIndex(name.replace(/\d+$/, '').toUpperCase()) < 16_384);
  if (!valid) fail('InvalidArgument', `The table name '${name}' isn't valid.`);
  const taken = book.tables.find((t) => t !== self && t.name.toLowerCase() === name.toLowerCase());
  if (taken) fail('ItemAlreadyExists', `A table named '${name}' already exists.`);
}

export function defaultTableName(book: Workbook): string {
  for (let i = 1; ; i++) if (!book.tables.some((t) => t.name.toLowerCase() === `table${i}`)) return `Table${i}`;
}

export function guardProtected(sheet: Sheet): void {
  if (sheet.protected)
    fail('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
}

/** Header cells become unique, non-empty text ("Column1", "Name2"), as Excel converts them. */
function fixHeaders(book: Workbook, t: Table): void {
  const seen = new Set<string>();
  for (let c = 0; c < t.rect.cols; c++) {
    const cell = book.cell(t.sheet, t.rect.row, t.rect.col + c);
    let text = String(asValue(book.value(t.sheet, t.rect.row, t.rect.col + c)));
    if (text === '') text = `Column${c + 1}`;
    let name = text;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${text}${i}`;
    seen.add(name.toLowerCase());
    cell.value = name;
    delete cell.formula;
  }
}

export function addTable(book: Workbook, sheet: Sheet, rect: Rect, hasHeaders: boolean): Table {
  guardProtected(sheet);
  if (book.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect)))
    fail('InvalidOperation', "A table can't overlap another table.");
  if (book.pivots.some((p) => p.sheet === sheet && overlaps(pivotArea(p), rect)))
    fail('PivotTableRangeConflict', "A table can't overlap a PivotTable report.");
  let r = rect;
  if (!hasHeaders) {
    // Excel adds a header row above the data: the cells below move down one row.
    book.shiftDown(sheet, rect.row, 1, rect.col, rect.col + rect.cols - 1);
    r = { ...rect, rows: rect.rows + 1 };
  }
  const t: Table = { name: defaultTableName(book), id: book.newId('table'), sheet, rect: r, hasHeaders: true };
  book.tables.push(t);
  fixHeaders(book, t);
  return t;
}

/** The area a pivot draws into (its anchor and the cells it would show, at least one). */
export function pivotArea(p: { anchor: { row: number; col: number } }): Rect {
  return { row: p.anchor.row, col: p.anchor.col, rows: 1, cols: 1 };
}

/** Table.resize (ExcelApi 1.13): same sheet, header row stays in place, overlaps the old range. */
export function resizeTable(book: Workbook, t: Table, rect: Rect): void {
  guardProtected(t.sheet);
  if (rect.row !== t.rect.row) fail('InvalidArgument', 'The header row must remain in the same row.');
  if (!overlaps(rect, t.rect)) fail('InvalidArgument', 'The new range must overlap the original table range.');
  if (book.tables.some((x) => x !== t && x.sheet === t.sheet && overlaps(x.rect, rect)))
    fail('InvalidOperation', "A table can't overlap another table.");
  t.rect = rect;
  fixHeaders(book, t);
}

/** TableRowCollection.add: rows inserted at the end (or at `index`), cells below shifted down. */
export function addTableRows(
  book: Workbook,
  t: Table,
  index: number | null | undefined,
  values: unknown[][] | undefined,
  write: (row: number, values: unknown[]) => void,
): void {
  guardProtected(t.sheet);
  const count = values?.length ?? 1;
  const bodyRows = t.rect.rows - 1;
  const at = index === null || index === undefined ? bodyRows : index;
  if (at < 0 || at > bodyRows) fail('InvalidArgument', 'The index is out of range.');
  const row = t.rect.row + 1 + at;
  book.shiftDown(t.sheet, row, count, t.rect.col, t.rect.col + t.rect.cols - 1);
  t.rect = { ...t.rect, rows: t.rect.rows + count };
  inheritFormats(book, t, row, count);
  if (values) {
    for (const v of values)
      if (!Array.isArray(v) || v.length !== t.rect.cols)
        fail('InvalidArgument', 'The number of columns in the input array does not match the table.');
    values.forEach((v, i) => write(row + i, v));
  }
}

/** New table rows take the number formats of the row above (or below, at the top). */
function inheritFormats(book: Workbook, t: Table, row: number, count: number): void {
  const from = row - 1 > t.rect.row ? row - 1 : row + count;
  for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
    const format = book.peek(t.sheet, from, c)?.format;
    if (format === undefined) continue;
    for (let r = row; r < row + count; r++) book.cell(t.sheet, r, c).format = format;
  }
}

/**
 * AutoCorrect's "Include new rows and columns in table": an entry right beneath a table (or right
 * of it) makes the table one row (column) bigger, the new row taking the column formats.
 */
export function growOnEntry(book: Workbook, sheet: Sheet, row: number, col: number): void {
  for (const t of book.tables) {
    if (t.sheet !== sheet) continue;
    const { rect } = t;
    if (row === rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) {
      t.rect = { ...rect, rows: rect.rows + 1 };
      inheritFormats(book, t, row, 1);
      return;
    }
    if (col === rect.col + rect.cols && row >= rect.row && row < rect.row + rect.rows) {
      t.rect = { ...rect, cols: rect.cols + 1 };
      fixHeaders(book, t);
      return;
    }
  }
}

/** Rows inserted in a sheet: cells, tables and pivots at or below move down; a table spanning the row grows. */
export function insertRows(book: Workbook, sheet: Sheet, row: number, count: number): void {
  guardProtected(sheet);
  book.shiftDown(sheet, row, count);
  for (const t of book.tables) {
    if (t.sheet !== sheet) continue;
    if (t.rect.row >= row) t.rect = { ...t.rect, row: t.rect.row + count };
    else if (row < t.rect.row + t.rect.rows) t.rect = { ...t.rect, rows: t.rect.rows + count };
  }
  for (const p of book.pivots)
    if (p.sheet === sheet && p.anchor.row >= row) p.anchor = { ...p.anchor, row: p.anchor.row + count };
  if (sheet.frozenRows > row) sheet.frozenRows += count;
}

export function insertColumns(book: Workbook, sheet: Sheet, col: number, count: number): void {
  guardProtected(sheet);
  book.shiftRight(sheet, col, count);
  for (const t of book.tables) {
    if (t.sheet !== sheet) continue;
    if (t.rect.col >= col) t.rect = { ...t.rect, col: t.rect.col + count };
    else if (col < t.rect.col + t.rect.cols) {
      t.rect = { ...t.rect, cols: t.rect.cols + count };
      fixHeaders(book, t);
    }
  }
  for (const p of book.pivots)
    if (p.sheet === sheet && p.anchor.col >= col) p.anchor = { ...p.anchor, col: p.anchor.col + count };
}

export function deleteTable(book: Workbook, t: Table): void {
  guardProtected(t.sheet);
  // Table.delete removes the table and its cells' contents (unlike convertToRange).
  book.each(
    t.sheet,
    t.rect,
    (c) => {
      c.value = null;
      delete c.formula;
    },
    false,
  );
  book.tables = book.tables.filter((x) => x !== t);
}
