/**
 * The Office.js object model of the mock workbook: context, worksheets, ranges, tables, pivots.
 * Loadable objects (ranges, worksheets) are OfficeMockObjects whose properties are recomputed
 * from the workbook when the batch syncs; write-only surfaces (formats, prompts, pivot
 * hierarchies) are plain objects that record what the adapter asked for.
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { MockPivot, MockSheet, MockWorkbook } from './excel-mock';
import { parseRect } from './excel-mock';

type Rect = ReturnType<typeof parseRect>;

function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const json = (v: unknown) => JSON.stringify(v)?.length ?? 4;

/** Sets what a loaded property will read after the next sync (office-addin-mock internals). */
function setLoaded(mock: OfficeMockObject, prop: string, value: unknown): void {
  const child = (mock as unknown as { _properties: Map<string, { _valueBeforeLoaded: unknown }> })._properties.get(
    prop,
  );
  if (child) child._valueBeforeLoaded = value;
}

function isLoading(mock: OfficeMockObject, prop: string): boolean {
  return (
    (mock as unknown as { _properties: Map<string, { _loaded: boolean }> })._properties.get(prop)?._loaded === true
  );
}

/** A collection whose `items` become readable only after `load` + `sync`, like Office.js. */
function collection<T>(book: MockWorkbook, list: () => T[], extra: object): object {
  let items: T[] | null = null;
  const probe = new OfficeMockObject({ loaded: false });
  const c = {
    ...extra,
    load() {
      probe.load('loaded');
      book.track(probe, () => {
        items = list();
      });
      return c;
    },
  };
  Object.defineProperty(c, 'items', {
    get(): T[] {
      if (!items) throw new Error('mock: collection items read before load + sync');
      return items;
    },
  });
  return c;
}

export function rangeMock(
  book: MockWorkbook,
  sheet: MockSheet,
  address: string | undefined,
  dynamic?: () => Rect | null,
): unknown {
  const fixed = dynamic ? null : parseRect(address);
  const rectNow = () => fixed ?? dynamic!();
  const base = new OfficeMockObject({
    address: address ?? '',
    values: [],
    rowIndex: 0,
    columnIndex: 0,
    rowCount: 0,
    columnCount: 0,
    isNullObject: false,
  });
  book.track(base, () => {
    const r = rectNow();
    setLoaded(base, 'isNullObject', r === null);
    if (!r) return;
    setLoaded(base, 'rowIndex', r.row);
    setLoaded(base, 'columnIndex', r.col);
    setLoaded(base, 'rowCount', r.rows);
    setLoaded(base, 'columnCount', r.cols);
    if (isLoading(base, 'values')) setLoaded(base, 'values', book.read(sheet, r));
  });
  const at = address ?? '(sheet)';
  const rec = (op: string, bytes: number, detail?: unknown) =>
    book.record({ op, sheet: sheet.name, address: at, bytes, detail });
  const each = (fn: Parameters<MockWorkbook['each']>[2]) => book.each(sheet, rectNow()!, fn);
  const format = {
    fill: {
      set color(c: string) {
        rec('fill.color', 40 + c.length, c);
        each((cell) => (cell.fill = c));
      },
      clear() {
        rec('fill.clear', 40);
        each((cell) => (cell.fill = null));
      },
    },
    font: {
      set color(c: string) {
        rec('font.color', 40 + c.length, c);
        each((cell) => (cell.font = c));
      },
    },
    autofitColumns() {
      rec('autofitColumns', 40);
    },
  };
  const dataValidation = {
    set prompt(p: { title: string; message: string }) {
      rec('dataValidation.prompt', 60 + json(p), p);
      each((cell) => (cell.prompt = { title: p.title, message: p.message }));
    },
    clear() {
      rec('dataValidation.clear', 40);
      each((cell) => (cell.prompt = null));
    },
  };
  const methods: Record<string, unknown> = {
    __address: at,
    format,
    dataValidation,
    clear() {
      rec('clear', 40);
      const r = rectNow()!;
      for (const k of [...sheet.cells.keys()]) {
        const [row, col] = k.split(',').map(Number) as [number, number];
        if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) sheet.cells.delete(k);
      }
    },
    select() {
      rec('select', 40);
      book.selection = { sheet: sheet.name, address: at };
    },
  };
  return new Proxy(base, {
    get(t, p, r) {
      if (typeof p === 'string' && p in methods) return methods[p];
      // The mock's own methods (load, sync) must write to the target, not through this proxy.
      const v = Reflect.get(t, p, r);
      return typeof v === 'function' ? v.bind(t) : v;
    },
    set(t, p, v) {
      if (p === 'values') {
        rec('values', json(v), { rows: v.length });
        book.writeValues(sheet, rectNow()!, v);
        return true;
      }
      if (p === 'numberFormat') {
        rec('numberFormat', json(v));
        const r = rectNow()!;
        for (let i = 0; i < r.rows; i++)
          for (let j = 0; j < r.cols; j++) book.cell(sheet, r.row + i, r.col + j).format = v[i]?.[j] ?? v[0]?.[0];
        return true;
      }
      if (p === 'columnHidden') {
        rec('columnHidden', 40, v);
        const r = rectNow()!;
        for (let c = r.col; c < r.col + r.cols; c++) v ? sheet.hiddenColumns.add(c) : sheet.hiddenColumns.delete(c);
        return true;
      }
      return Reflect.set(t, p, v);
    },
  });
}

function pivotMock(book: MockWorkbook, record: MockPivot): unknown {
  const hierarchy = (name: string) => ({ name });
  const adder = (list: string[], op: string) => ({
    add(h: { name: string }) {
      book.record({ op, sheet: record.sheet, bytes: 60, detail: h.name });
      list.push(h.name);
      return h;
    },
  });
  return {
    hierarchies: { getItem: hierarchy },
    rowHierarchies: adder(record.rows, 'pivot.rowHierarchies.add'),
    columnHierarchies: adder(record.columns, 'pivot.columnHierarchies.add'),
    filterHierarchies: {
      ...adder(record.filters, 'pivot.filterHierarchies.add'),
      getItem: (name: string) => ({
        fields: {
          getItem: (field: string) => ({
            applyFilter(filter: unknown) {
              book.record({
                op: 'pivot.applyFilter',
                sheet: record.sheet,
                bytes: 60 + json(filter),
                detail: { field, filter },
              });
              record.appliedFilters.push({ field: field || name, filter });
            },
          }),
        },
      }),
    },
    dataHierarchies: {
      add(h: { name: string }) {
        book.record({ op: 'pivot.dataHierarchies.add', sheet: record.sheet, bytes: 60, detail: h.name });
        const entry = { field: h.name, summarizeBy: null as string | null };
        record.data.push(entry);
        return {
          set summarizeBy(v: string) {
            book.record({ op: 'pivot.summarizeBy', sheet: record.sheet, bytes: 40, detail: v });
            entry.summarizeBy = v;
          },
        };
      },
    },
    refresh() {
      book.record({ op: 'pivot.refresh', sheet: record.sheet, bytes: 40, detail: record.name });
    },
    delete() {
      book.record({ op: 'pivot.delete', sheet: record.sheet, bytes: 40, detail: record.name });
      for (const s of book.sheets) s.pivots = s.pivots.filter((p) => p !== record);
    },
  };
}

export function worksheetMock(book: MockWorkbook, find: () => MockSheet | undefined): unknown {
  const base = new OfficeMockObject({ id: '', name: '', visibility: 'Visible', isNullObject: false });
  book.track(base, () => {
    const s = find();
    setLoaded(base, 'isNullObject', !s);
    if (s) {
      setLoaded(base, 'id', s.id);
      setLoaded(base, 'name', s.name);
      setLoaded(base, 'visibility', s.visibility);
    }
  });
  const sheet = () => {
    const s = find();
    if (!s) throw new Error('mock: ItemNotFound (worksheet)');
    return s;
  };
  const tables = collection(book, () => sheet().tables.map((t) => tableMock(book, sheet(), t)), {
    add(address: string, hasHeaders: boolean) {
      const s = sheet();
      book.record({ op: 'tables.add', sheet: s.name, address, bytes: 60, detail: { hasHeaders } });
      const t = { name: `Table${s.tables.length + 1}`, address, hasHeaders };
      s.tables.push(t);
      return tableMock(book, s, t);
    },
    getItem(name: string) {
      const t = sheet().tables.find((x) => x.name === name);
      if (!t) throw new Error(`mock: ItemNotFound (table ${name})`);
      return tableMock(book, sheet(), t);
    },
  });
  const pivotTables = collection(book, () => sheet().pivots.map((p) => pivotMock(book, p)), {
    add(name: string, source: { __table?: string }, destination: { __address?: string }) {
      const s = sheet();
      book.record({ op: 'pivotTables.add', sheet: s.name, bytes: 80, detail: { name, source: source.__table } });
      const record: MockPivot = {
        name,
        sheet: s.name,
        source: source.__table ?? '?',
        destination: destination.__address ?? '?',
        rows: [],
        columns: [],
        data: [],
        filters: [],
        appliedFilters: [],
      };
      s.pivots.push(record);
      return pivotMock(book, record);
    },
  });
  const methods: Record<string, unknown> = {
    tables,
    pivotTables,
    getRange: (address?: string) => rangeMock(book, sheet(), address),
    getUsedRangeOrNullObject: () => rangeMock(book, sheet(), undefined, () => book.usedRect(sheet())),
    freezePanes: {
      freezeRows: (n: number) => {
        book.record({ op: 'freezeRows', sheet: sheet().name, bytes: 40 });
        sheet().frozenRows = n;
      },
    },
    activate() {
      book.record({ op: 'activate', sheet: sheet().name, bytes: 40 });
      book.activeSheetId = sheet().id;
    },
  };
  return new Proxy(base, {
    get(t, p, r) {
      if (typeof p === 'string' && p in methods) return methods[p];
      // The mock's own methods (load, sync) must write to the target, not through this proxy.
      const v = Reflect.get(t, p, r);
      return typeof v === 'function' ? v.bind(t) : v;
    },
    set(t, p, v) {
      if (p === 'visibility') {
        book.record({ op: 'visibility', sheet: sheet().name, bytes: 40, detail: v });
        sheet().visibility = v;
        return true;
      }
      return Reflect.set(t, p, v);
    },
  });
}

function tableMock(book: MockWorkbook, sheet: MockSheet, t: { name: string; address: string }): unknown {
  const rect = () => parseRect(t.address);
  const reshape = (rows: number) => {
    const r = rect();
    t.address = `${t.address.split(':')[0]}:${columnLetters(r.col + r.cols - 1)}${r.row + rows}`;
  };
  return {
    __table: t.name,
    getRange: () => rangeMock(book, sheet, undefined, rect),
    resize(address: string) {
      book.record({ op: 'table.resize', sheet: sheet.name, bytes: 40, detail: address });
      t.address = address;
    },
    // Row growth and deletion move no cells here: the tests of this mock only count calls.
    rows: {
      add(_index: unknown, values: unknown[][]) {
        book.record({ op: 'table.rows.add', sheet: sheet.name, bytes: json(values), detail: values.length });
        reshape(rect().rows + values.length);
      },
      getItemAt: () => ({
        delete() {
          book.record({ op: 'table.row.delete', sheet: sheet.name, bytes: 40 });
          reshape(rect().rows - 1);
        },
      }),
    },
    get name() {
      return t.name;
    },
    set name(v: string) {
      book.record({ op: 'table.name', sheet: sheet.name, bytes: 40, detail: v });
      t.name = v;
    },
    delete() {
      book.record({ op: 'table.delete', sheet: sheet.name, bytes: 40, detail: t.name });
      sheet.tables = sheet.tables.filter((x) => x !== t);
    },
  };
}

export function createContext(book: MockWorkbook): unknown {
  const worksheets = collection(
    book,
    () => book.sheets.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility })),
    {
      getItem: (k: string) => worksheetMock(book, () => book.sheet(k)),
      getItemOrNullObject: (k: string) => worksheetMock(book, () => book.sheet(k)),
      getActiveWorksheet: () => worksheetMock(book, () => book.sheet(book.activeSheetId ?? '')),
      add(name: string) {
        book.record({ op: 'worksheets.add', sheet: name, bytes: 40 });
        const s = book.addSheet(name);
        return worksheetMock(book, () => s);
      },
    },
  );
  const ctx = new OfficeMockObject({
    application: {
      suspendApiCalculationUntilNextSync: () => book.record({ op: 'suspendApiCalculationUntilNextSync', bytes: 30 }),
      suspendScreenUpdatingUntilNextSync: () => book.record({ op: 'suspendScreenUpdatingUntilNextSync', bytes: 30 }),
    },
    sync: () => book.sync(),
  }) as unknown as Record<string, unknown>;
  // The workbook's collections are not OfficeMockObject-shaped (their items load as a list).
  ctx.workbook = {
    worksheets,
    tables: collection(book, () => book.sheets.flatMap((s) => s.tables.map((t) => tableMock(book, s, t))), {}),
    pivotTables: collection(book, () => book.sheets.flatMap((s) => s.pivots.map((p) => pivotMock(book, p))), {}),
  };
  return ctx;
}
