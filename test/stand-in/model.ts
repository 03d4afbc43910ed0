/**
 * The workbook the stand-in holds: sheets of cells (value or formula, number format, fill, font,
 * input message, validation), tables, PivotTables, and what the add-in did to them. Rules that
 * decide what a cell becomes live in input.ts (entries), formula.ts and display.ts.
 */
import type { Rect } from './address';
import { contains, MAX_COLS } from './address';
import type { EntrySource, Locale } from './input';
import { readEntry } from './input';
import { fail } from './errors';
import { evaluate } from './formula';

/** An error value such as #NAME?; Range.values reads it as its code string. */
export class CellError {
  constructor(readonly code: string) {}
}

export type Scalar = number | string | boolean;
export type Value = Scalar | CellError;

export interface Cell {
  value: Scalar | null;
  formula?: string;
  format?: string;
  fill?: string | null;
  font?: string | null;
  prompt?: { title: string; message: string } | null;
  validation?: unknown;
}

export interface Sheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<number, Cell>;
  hiddenColumns: Set<number>;
  frozenRows: number;
  protected: boolean;
}

export interface Table {
  name: string;
  id: string;
  sheet: Sheet;
  rect: Rect;
  hasHeaders: boolean;
}

export interface PivotCache {
  headers: string[];
  rows: (Value | null)[][];
}

export interface Pivot {
  name: string;
  sheet: Sheet;
  anchor: { row: number; col: number };
  source: { table: Table } | { sheet: Sheet; rect: Rect };
  /** Name shown for the source (the table's name when created). */
  sourceName: string;
  rows: string[];
  columns: string[];
  /** Data fields: summarized by an aggregation function, shown in a number format (none: General). */
  data: PivotDataField[];
  filters: string[];
  appliedFilters: { field: string; filter: unknown }[];
  /** PivotLayout.showRowGrandTotals (the total column) and showColumnGrandTotals (the total row): on by default. */
  grandTotals: { rows: boolean; columns: boolean };
  cache: PivotCache;
}

export interface PivotDataField {
  field: string;
  summarizeBy: string;
  numberFormat?: string;
}

export interface RecordedCall {
  op: string;
  sheet?: string;
  address?: string;
  bytes: number;
  detail?: unknown;
}

export interface SyncRecord {
  calls: number;
  /** UTF-8 bytes of the request (everything queued since the previous sync). */
  bytes: number;
  /** UTF-8 bytes of what the loads returned. */
  responseBytes: number;
  error?: string;
}

/** Characters a cell can hold (Excel specifications and limits). */
export const MAX_CELL_CHARS = 32_767;

export const cellKey = (row: number, col: number) => row * MAX_COLS + col;
export const keyRow = (k: number) => Math.floor(k / MAX_COLS);
export const keyCol = (k: number) => k % MAX_COLS;

export interface StandInOptions {
  locale?: Locale;
  /** Custom functions (api/functions.ts): metadata, namespace, runtime versions. */
  functions?: Omit<import('./api/functions').CustomFunctionsOptions, 'locale'>;
  apiVersion?: string;
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
}

export class Workbook {
  readonly sheets: Sheet[] = [];
  tables: Table[] = [];
  pivots: Pivot[] = [];
  locale: Locale;
  apiVersion: string;
  platform: string;
  activeSheetId = '';
  selection: { sheet: string; address: string } | null = null;
  cellEditMode = false;
  calls: RecordedCall[] = [];
  syncLog: SyncRecord[] = [];
  runs = 0;
  /** The custom-functions host, when the add-in declares functions (api/functions.ts). */
  functions: import('./api/functions').CustomFunctionsHost | null = null;
  /** Recalculations Application.calculate started (custom function cells answer asynchronously). */
  calculations: Promise<unknown>[] = [];
  /** Called after every sync (the browser redraws the sheet picture). */
  onChange?: () => void;
  private nextId = 1;
  private evaluating = new Set<string>();

  constructor(opts: StandInOptions = {}) {
    this.locale = opts.locale ?? 'vi-VN';
    this.apiVersion = opts.apiVersion ?? '1.12';
    this.platform = opts.platform ?? 'OfficeOnline';
    this.addSheet('Sheet1');
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, '0')}}`;
  }

  supports(version: string): boolean {
    const [a, b] = version.split('.').map(Number) as [number, number];
    const [x, y] = this.apiVersion.split('.').map(Number) as [number, number];
    return a < x || (a === x && b <= y);
  }

  addSheet(name: string): Sheet {
    const s: Sheet = {
      id: this.newId('sheet'),
      name,
      visibility: 'Visible',
      cells: new Map(),
      hiddenColumns: new Set(),
      frozenRows: 0,
      protected: false,
    };
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    return s;
  }

  sheet(keyOrName: string): Sheet | undefined {
    return (
      this.sheets.find((s) => s.id === keyOrName) ??
      this.sheets.find((s) => s.name.toLowerCase() === keyOrName.toLowerCase())
    );
  }

  cell(sheet: Sheet, row: number, col: number): Cell {
    const k = cellKey(row, col);
    let c = sheet.cells.get(k);
    if (!c) sheet.cells.set(k, (c = { value: null }));
    return c;
  }

  peek(sheet: Sheet, row: number, col: number): Cell | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  /** The value a cell shows: its constant, or its formula computed now (automatic calculation). */
  value(sheet: Sheet, row: number, col: number): Value | null {
    const c = sheet.cells.get(cellKey(row, col));
    if (!c) return null;
    if (c.formula === undefined) return c.value;
    const k = `${sheet.id}!${row},${col}`;
    // A circular reference: Excel warns and shows 0.
    if (this.evaluating.has(k)) return 0;
    this.evaluating.add(k);
    try {
      return evaluate(c.formula, (r, cc) => this.value(sheet, r, cc));
    } finally {
      this.evaluating.delete(k);
    }
  }

  /** A string entry (typed or written through the API) read as Excel reads it; numbers and booleans as they are. */
  enter(sheet: Sheet, row: number, col: number, raw: unknown, source: EntrySource): void {
    const c = this.cell(sheet, row, col);
    if (typeof raw === 'number' || typeof raw === 'boolean') {
      c.value = raw;
      delete c.formula;
      return;
    }
    const text = String(raw);
    if (text.length > MAX_CELL_CHARS) fail('InvalidArgument', `A cell holds at most ${MAX_CELL_CHARS} characters.`);
    const e = readEntry(text, c.format, this.locale, source);
    c.value = e.value;
    if (e.formula !== undefined) c.formula = e.formula;
    else delete c.formula;
    if (e.format) c.format = e.format;
  }

  /** Cells of `rect`; for huge rectangles (whole columns, the whole sheet) only those that exist. */
  each(sheet: Sheet, rect: Rect, fn: (c: Cell, row: number, col: number) => void, create = true): void {
    if (!create || rect.rows * rect.cols > 2_000_000) {
      for (const [k, c] of [...sheet.cells]) if (contains(rect, keyRow(k), keyCol(k))) fn(c, keyRow(k), keyCol(k));
      return;
    }
    for (let r = rect.row; r < rect.row + rect.rows; r++)
      for (let c = rect.col; c < rect.col + rect.cols; c++) fn(this.cell(sheet, r, c), r, c);
  }

  hasContent(c: Cell): boolean {
    return (c.value !== null && c.value !== '') || c.formula !== undefined;
  }

  /** The used range: cells with values (valuesOnly) or with anything (formats, fills, prompts). */
  usedRect(sheet: Sheet, valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, c] of sheet.cells) {
      const used =
        this.hasContent(c) || (!valuesOnly && (c.format !== undefined || !!c.fill || !!c.font || !!c.prompt));
      if (!used) continue;
      const r = keyRow(k);
      const col = keyCol(k);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, col);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, col);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** Shifts cells at or below `row` (within columns [col0, col1]) down by `count`. */
  shiftDown(sheet: Sheet, row: number, count: number, col0 = 0, col1 = MAX_COLS - 1): void {
    const moved: [number, Cell][] = [];
    for (const [k, c] of sheet.cells) {
      const r = keyRow(k);
      const col = keyCol(k);
      if (r >= row && col >= col0 && col <= col1) moved.push([k, c]);
    }
    for (const [k] of moved) sheet.cells.delete(k);
    for (const [k, c] of moved) sheet.cells.set(cellKey(keyRow(k) + count, keyCol(k)), c);
  }

  shiftRight(sheet: Sheet, col: number, count: number): void {
    const moved: [number, Cell][] = [];
    for (const [k, c] of sheet.cells) if (keyCol(k) >= col) moved.push([k, c]);
    for (const [k] of moved) sheet.cells.delete(k);
    for (const [k, c] of moved) sheet.cells.set(cellKey(keyRow(k), keyCol(k) + count), c);
    sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => (c >= col ? c + count : c)));
  }

  /** Values from A1 to the last used cell, errors as their code, blanks as "" (what Range.values gives). */
  grid(sheet: Sheet): Scalar[][] {
    const used = this.usedRect(sheet, true);
    if (!used) return [];
    return this.read(sheet, { row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols });
  }

  read(sheet: Sheet, rect: Rect): Scalar[][] {
    const out: Scalar[][] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row: Scalar[] = [];
      for (let c = rect.col; c < rect.col + rect.cols; c++) row.push(asValue(this.value(sheet, r, c)));
      out.push(row);
    }
    return out;
  }
}

export function asValue(v: Value | null): Scalar {
  if (v === null) return '';
  return v instanceof CellError ? v.code : v;
}
