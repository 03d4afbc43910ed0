/**
 * An in-memory Excel for the adapter tests, built on office-addin-mock: ranges and worksheets are
 * OfficeMockObjects, so a property read without `load` + `context.sync()` yields the mock's error
 * string instead of data, as real Office.js would refuse it. Around them, a small workbook holds
 * cell values, formats, tables and pivots, and records every call and every `context.sync()` with
 * the bytes queued since the previous one (a request Excel on the web would reject above ~5 MB).
 *
 * Writes land in the workbook immediately; only reads wait for the sync. That is enough for what
 * the tests check: call counts, payload sizes, what ends up in the cells.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { createContext } from './excel-mock-objects';

export interface MockCell {
  value: unknown;
  format?: string;
  fill?: string | null;
  font?: string | null;
  prompt?: { title: string; message: string } | null;
}

export interface MockTable {
  name: string;
  address: string;
  hasHeaders: boolean;
}

export interface MockPivot {
  name: string;
  sheet: string;
  source: string;
  destination: string;
  rows: string[];
  columns: string[];
  data: { field: string; summarizeBy: string | null }[];
  filters: string[];
  appliedFilters: { field: string; filter: unknown }[];
}

export interface MockSheet {
  id: string;
  name: string;
  visibility: string;
  cells: Map<string, MockCell>;
  tables: MockTable[];
  pivots: MockPivot[];
  hiddenColumns: Set<number>;
  frozenRows: number;
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
  bytes: number;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A1", "A1:K25001", "C:C" or undefined (the whole sheet). */
export function parseRect(address?: string): Rect {
  if (address === undefined) return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
  const cols = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (cols)
    return { row: 0, col: colIndex(cols[1]!), rows: MAX_ROWS, cols: colIndex(cols[2]!) - colIndex(cols[1]!) + 1 };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
  if (!m) throw new Error(`mock: unsupported address ${address}`);
  const row = Number(m[2]) - 1;
  const col = colIndex(m[1]!);
  if (!m[3]) return { row, col, rows: 1, cols: 1 };
  return { row, col, rows: Number(m[4]) - row, cols: colIndex(m[3]) - col + 1 };
}

const key = (r: number, c: number) => `${r},${c}`;

/** Excel's own conversion of text typed into a General cell. */
function excelValue(v: unknown, format: string | undefined): unknown {
  if (typeof v === 'string' && format !== '@' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return v === null || v === undefined ? '' : v;
}

export class MockWorkbook {
  sheets: MockSheet[] = [];
  calls: RecordedCall[] = [];
  syncLog: SyncRecord[] = [];
  runs = 0;
  activeSheetId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  private nextId = 1;
  private pendingCalls = 0;
  private pendingBytes = 0;
  private toSync = new Set<{ refresh(): void; mock: OfficeMockObject }>();

  /** @param apiVersion the highest ExcelApi set this "Excel" supports. */
  constructor(public apiVersion = '1.12') {
    this.addSheet('Sheet1');
  }

  get syncs(): number {
    return this.syncLog.length;
  }

  record(call: RecordedCall): void {
    this.calls.push(call);
    this.pendingCalls++;
    this.pendingBytes += call.bytes;
  }

  /** Resets counters (not cells) between the arrange and act steps of a test. */
  resetCounters(): void {
    this.calls = [];
    this.syncLog = [];
    this.runs = 0;
  }

  addSheet(name: string): MockSheet {
    if (this.sheetByName(name)) throw new Error(`mock: a sheet named ${name} exists`);
    const s: MockSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      cells: new Map(),
      tables: [],
      pivots: [],
      hiddenColumns: new Set(),
      frozenRows: 0,
    };
    this.sheets.push(s);
    this.activeSheetId ??= s.id;
    return s;
  }

  sheetByName(name: string): MockSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(keyOrName: string): MockSheet | undefined {
    return this.sheets.find((s) => s.id === keyOrName) ?? this.sheetByName(keyOrName);
  }

  cell(sheet: MockSheet, row: number, col: number): MockCell {
    let c = sheet.cells.get(key(row, col));
    if (!c) sheet.cells.set(key(row, col), (c = { value: '' }));
    return c;
  }

  /** Values from A1 to the last non-empty cell, as Office.js would return them. */
  grid(sheet: MockSheet): unknown[][] {
    const used = this.usedRect(sheet);
    if (!used) return [];
    return this.read(sheet, { row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols });
  }

  usedRect(sheet: MockSheet): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [k, c] of sheet.cells) {
      if (c.value === '' || c.value === null || c.value === undefined) continue;
      const [r, col] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, col);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, col);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  read(sheet: MockSheet, rect: Rect): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < rect.cols; c++) row.push(sheet.cells.get(key(rect.row + r, rect.col + c))?.value ?? '');
      out.push(row);
    }
    return out;
  }

  /** Registers a mock whose loaded properties must be (re)computed when the batch syncs. */
  track(mock: OfficeMockObject, refresh: () => void): void {
    this.toSync.add({ mock, refresh });
  }

  async sync(): Promise<void> {
    this.syncLog.push({ calls: this.pendingCalls, bytes: this.pendingBytes });
    this.pendingCalls = 0;
    this.pendingBytes = 0;
    const batch = [...this.toSync];
    this.toSync.clear();
    for (const t of batch) t.refresh();
    for (const t of batch) await t.mock.sync();
  }

  isSetSupported(name: string, version: string): boolean {
    if (name !== 'ExcelApi') return false;
    const [a, b] = version.split('.').map(Number) as [number, number];
    const [x, y] = this.apiVersion.split('.').map(Number) as [number, number];
    return a < x || (a === x && b <= y);
  }

  /** Installs `Excel` and `Office` globals backed by this workbook; returns an uninstaller. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const before = { Excel: g.Excel, Office: g.Office };
    const book = this;
    g.Excel = new OfficeMockObject({
      run: async (batch: (ctx: unknown) => Promise<unknown>) => {
        book.runs++;
        return batch(createContext(book));
      },
    });
    g.Office = new OfficeMockObject({
      context: { requirements: { isSetSupported: (n: string, v: string) => book.isSetSupported(n, v) } },
    });
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  writeValues(sheet: MockSheet, rect: Rect, values: unknown[][]): void {
    for (let r = 0; r < rect.rows; r++) {
      for (let c = 0; c < rect.cols; c++) {
        const cell = this.cell(sheet, rect.row + r, rect.col + c);
        cell.value = excelValue(values[r]?.[c], cell.format);
      }
    }
  }

  each(sheet: MockSheet, rect: Rect, fn: (c: MockCell) => void): void {
    // Whole columns and sheets: only cells that exist (the rest are blank anyway).
    if (rect.rows * rect.cols > 5_000_000) {
      for (const [k, c] of sheet.cells) {
        const [r, col] = k.split(',').map(Number) as [number, number];
        if (r >= rect.row && r < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) fn(c);
      }
      return;
    }
    for (let r = 0; r < rect.rows; r++)
      for (let c = 0; c < rect.cols; c++) fn(this.cell(sheet, rect.row + r, rect.col + c));
  }
}

export { key as cellKeyOf };
