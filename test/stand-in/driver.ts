/**
 * What tests use to play the user and to look at the workbook: typing into cells (read as Excel
 * reads typing, growing tables), inserting rows, protecting sheets, cell-edit mode, and views of
 * cells, grids, tables and PivotTables. Also `window.__excel` in the browser.
 */
import { cellName, parseAddress, rectAddress } from './address';
import { displayText } from './display';
import { fail } from './errors';
import type { Pivot, RecordedCall, Scalar, Sheet, SyncRecord, Workbook } from './model';
import { asValue } from './model';
import type { FullPivotView, PivotCell, PivotView } from './pivots';
import { fullView, pivotCells, view } from './pivots';
import type { SeriesView } from './charts';
import { chartsOf, seriesOf } from './charts';
import { conditionalFill, fillFor } from './conditional';
import { growOnEntry, guardProtected, insertColumns, insertRows } from './tables';

export interface CellView {
  value: Scalar;
  text: string;
  formula: string | null;
  format: string;
  fill: string | null;
  /** The fill a conditional format shows over `fill`, or null. */
  conditionalFill: string | null;
  font: string | null;
  prompt: { title: string; message: string } | null;
  validation: unknown;
}

export interface PivotInfo {
  name: string;
  sheet: string;
  source: string;
  destination: string;
  rows: string[];
  columns: string[];
  data: { field: string; summarizeBy: string }[];
  filters: string[];
  appliedFilters: { field: string; filter: unknown }[];
  /** What the PivotTable shows: computed from its cache, not from the source as it is now. */
  shown: PivotView;
  /** The same with every data field and every filter. */
  shownAll: FullPivotView;
  /** The cells it shows on its sheet (pivots.ts's layout): text in the data field's number format, conditional fill. */
  cells: PivotCellView[];
}

export interface PivotCellView {
  address: string;
  value: Scalar | null;
  text: string;
  fill: string | null;
  kind: PivotCell['kind'];
  /** Data and total cells: the data field. */
  field?: string;
  /** Data cells: the row and column items. */
  item?: { row: string; column: string };
}

export interface ChartInfo {
  name: string;
  type: string;
  title: string | null;
  source: string;
  position: { start: string; end: string | null } | null;
  series: SeriesView[];
}

export interface Driver {
  book: Workbook;
  state: {
    calls: RecordedCall[];
    syncLog: SyncRecord[];
    readonly syncs: number;
    readonly runs: number;
    apiVersion: string;
  };
  resetCounters(): void;
  setApiVersion(v: string): void;
  type(sheet: string, address: string, text: string | number): void;
  setFormula(sheet: string, address: string, formula: string): void;
  cell(sheet: string, address: string): CellView;
  grid(sheet: string): Scalar[][];
  sheets(): {
    id: string;
    name: string;
    visibility: string;
    tables: { name: string; address: string }[];
    pivots: PivotInfo[];
    hidden: number[];
    frozen: number;
    protected: boolean;
  }[];
  addSheet(name: string): string;
  activeSheet(): string;
  selection(): { sheet: string; address: string } | null;
  activate(sheet: string): void;
  insertRows(sheet: string, rowIndex0: number, count: number): void;
  insertColumns(sheet: string, colIndex0: number, count: number): void;
  protect(sheet: string): void;
  unprotect(sheet: string): void;
  setCellEditMode(on: boolean): void;
  pivot(name: string): PivotInfo | null;
  /** The sheet's charts as drawn now from their source. */
  charts(sheet: string): ChartInfo[];
  tables(sheet?: string): { name: string; sheet: string; address: string }[];
  uninstall(): void;
}

export function createDriver(book: Workbook): Driver {
  const sheetOf = (name: string): Sheet => book.sheet(name) ?? fail('ItemNotFound', `No sheet ${name}`);
  const at = (address: string) => {
    const r = parseAddress(address);
    if (!r) throw new Error(`stand-in: not an address: ${address}`);
    return r;
  };
  const pivotInfo = (p: Pivot): PivotInfo => ({
    name: p.name,
    sheet: p.sheet.name,
    source: p.sourceName,
    destination: cellName(p.anchor.row, p.anchor.col),
    rows: [...p.rows],
    columns: [...p.columns],
    data: p.data.map((d) => ({ ...d })),
    filters: [...p.filters],
    appliedFilters: p.appliedFilters.map((f) => ({ ...f })),
    shown: view(p),
    shownAll: fullView(p),
    cells: pivotCells(p).map((c) => ({
      address: cellName(c.row, c.col),
      value: c.value === null ? null : asValue(c.value),
      text: displayText(c.value, c.format, book.locale),
      fill: fillFor(p.sheet, c.row, c.col, c.value),
      kind: c.kind,
      ...(c.field !== undefined ? { field: p.data[c.field]!.field } : {}),
      ...(c.item ? { item: c.item } : {}),
    })),
  });
  const changed = () => book.onChange?.();
  const driver: Driver = {
    book,
    state: {
      get calls() {
        return book.calls;
      },
      set calls(v) {
        book.calls = v;
      },
      get syncLog() {
        return book.syncLog;
      },
      set syncLog(v) {
        book.syncLog = v;
      },
      get syncs() {
        return book.syncLog.length;
      },
      get runs() {
        return book.runs;
      },
      get apiVersion() {
        return book.apiVersion;
      },
      set apiVersion(v) {
        book.apiVersion = v;
      },
    },
    resetCounters() {
      book.calls = [];
      book.syncLog = [];
      book.runs = 0;
    },
    setApiVersion(v) {
      book.apiVersion = v;
    },
    type(sheetName, address, text) {
      const s = sheetOf(sheetName);
      guardProtected(s);
      const r = at(address);
      const raw = typeof text === 'number' ? text : String(text);
      if (raw === '') {
        const c = book.peek(s, r.row, r.col);
        if (c) {
          c.value = null;
          delete c.formula;
        }
      } else {
        // The entry is read with the cell's format as it was; the table grows after it.
        book.enter(s, r.row, r.col, raw, 'user');
        growOnEntry(book, s, r.row, r.col);
      }
      book.activeSheetId = s.id;
      book.selection = { sheet: s.name, address: cellName(r.row, r.col) };
      changed();
    },
    setFormula(sheetName, address, formula) {
      const s = sheetOf(sheetName);
      const r = at(address);
      const c = book.cell(s, r.row, r.col);
      c.formula = formula.startsWith('=') ? formula : `=${formula}`;
      c.value = null;
      changed();
    },
    cell(sheetName, address) {
      const s = sheetOf(sheetName);
      const r = at(address);
      const c = book.peek(s, r.row, r.col);
      const v = book.value(s, r.row, r.col);
      return {
        value: asValue(v),
        text: displayText(v, c?.format, book.locale),
        formula: c?.formula ?? null,
        format: c?.format ?? 'General',
        fill: c?.fill ?? null,
        conditionalFill: conditionalFill(book, s, r.row, r.col),
        font: c?.font ?? null,
        prompt: c?.prompt ?? null,
        validation: c?.validation ?? null,
      };
    },
    grid: (sheetName) => book.grid(sheetOf(sheetName)),
    sheets: () =>
      book.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        tables: book.tables.filter((t) => t.sheet === s).map((t) => ({ name: t.name, address: rectAddress(t.rect) })),
        pivots: book.pivots.filter((p) => p.sheet === s).map(pivotInfo),
        hidden: [...s.hiddenColumns].sort((a, b) => a - b),
        frozen: s.frozenRows,
        protected: s.protected,
      })),
    addSheet(name) {
      const s = book.addSheet(name);
      changed();
      return s.id;
    },
    activeSheet: () => (book.sheet(book.activeSheetId) ?? book.sheets[0]!).name,
    selection: () => book.selection,
    activate(sheetName) {
      book.activeSheetId = sheetOf(sheetName).id;
      changed();
    },
    insertRows(sheetName, row, count) {
      insertRows(book, sheetOf(sheetName), row, count);
      changed();
    },
    insertColumns(sheetName, col, count) {
      insertColumns(book, sheetOf(sheetName), col, count);
      changed();
    },
    protect(sheetName) {
      sheetOf(sheetName).protected = true;
    },
    unprotect(sheetName) {
      sheetOf(sheetName).protected = false;
    },
    setCellEditMode(on) {
      book.cellEditMode = on;
    },
    pivot(name) {
      const p = book.pivots.find((x) => x.name.toLowerCase() === name.toLowerCase());
      return p ? pivotInfo(p) : null;
    },
    charts: (sheetName) =>
      chartsOf(book, sheetOf(sheetName)).map((c) => ({
        name: c.name,
        type: c.type,
        title: c.title,
        source: `${c.source.sheet.name}!${rectAddress(c.source.rect)}`,
        position: c.position,
        series: seriesOf(book, c),
      })),
    tables: (sheetName) =>
      book.tables
        .filter((t) => !sheetName || t.sheet === sheetOf(sheetName))
        .map((t) => ({ name: t.name, sheet: t.sheet.name, address: rectAddress(t.rect) })),
    uninstall() {},
  };
  return driver;
}
