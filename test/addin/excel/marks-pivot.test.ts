import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMarks, clearMarks, createPivot, selectCell, writeGrid } from '../../../addin/src/excel';
import { buildLongGrid, LONG_HEADERS } from '../../../addin/src/sync';
import { MockWorkbook } from './excel-mock';
import { observations } from './fixtures';

describe('marks (office-addin-mock)', () => {
  let book: MockWorkbook;
  let uninstall: () => void;
  afterEach(() => uninstall());

  it('colours cells, annotates them with an input message, clears previous marks, selects a cell', async () => {
    book = new MockWorkbook('1.8');
    uninstall = book.install();
    const res = await writeGrid({
      sheetName: 'M',
      layout: 'long',
      tableName: 'M',
      grid: buildLongGrid(observations(20)),
    });
    const sheet = book.sheet(res.sheetId)!;
    await applyMarks(
      res.sheetId,
      [{ row: 2, col: 6, color: '#FFC7CE', title: 'Không hợp lệ', message: 'x'.repeat(400) }],
      { row: 1, rows: 20, columns: Array.from({ length: 11 }, (_, i) => i) },
    );
    expect(book.cell(sheet, 2, 6)).toMatchObject({ fill: '#FFC7CE', prompt: { title: 'Không hợp lệ' } });
    expect(book.cell(sheet, 2, 6).prompt!.message.length).toBe(255);
    book.resetCounters();
    await applyMarks(res.sheetId, [{ row: 3, col: 6, color: '#C6EFCE' }], {
      row: 1,
      rows: 20,
      columns: Array.from({ length: 11 }, (_, i) => i),
    });
    expect(book.syncs).toBe(1);
    expect(book.cell(sheet, 2, 6)).toMatchObject({ fill: null, prompt: null });
    expect(book.cell(sheet, 3, 6).fill).toBe('#C6EFCE');
    await clearMarks(res.sheetId, [{ row: 3, col: 6 }]);
    expect(book.cell(sheet, 3, 6).fill).toBeNull();
    await selectCell(res.sheetId, 4, 6);
    expect(book.selection).toEqual({ sheet: 'M', address: 'G5' });
  });

  it('thousands of marks take a handful of syncs; before ExcelApi 1.8 only colours', async () => {
    book = new MockWorkbook('1.4');
    uninstall = book.install();
    const res = await writeGrid({
      sheetName: 'Many',
      layout: 'long',
      tableName: 'T',
      grid: buildLongGrid(observations(5_000)),
    });
    book.resetCounters();
    const marks = Array.from({ length: 5_000 }, (_, i) => ({
      row: i + 1,
      col: 6,
      color: '#DDEBF7',
      title: 't',
      message: 'm',
    }));
    await applyMarks(res.sheetId, marks, { row: 1, rows: 5_000, columns: Array.from({ length: 11 }, (_, i) => i) });
    expect(book.syncs).toBe(3);
    expect(book.calls.some((c) => c.op.startsWith('dataValidation'))).toBe(false);
    expect(book.cell(book.sheet(res.sheetId)!, 5_000, 6).fill).toBe('#DDEBF7');
  });
});

describe('comparison PivotTable (office-addin-mock)', () => {
  let book: MockWorkbook;
  let uninstall: () => void;
  beforeEach(() => {
    book = new MockWorkbook('1.12');
    uninstall = book.install();
  });
  afterEach(() => uninstall());

  const spec = (sourceSheetId: string) => ({
    sourceSheetId,
    sourceTable: 'ChiTieu_Compare',
    pivotSheetName: 'So sánh 38',
    pivotName: 'SoSanh',
    rowField: LONG_HEADERS.unitName,
    columnField: LONG_HEADERS.period,
    valueField: LONG_HEADERS.value,
    filterField: LONG_HEADERS.indicatorName,
    filterItem: 'Chỉ tiêu thử nghiệm số CT01',
  });

  it('districts on rows, periods on columns, value summed, indicators as the filter', async () => {
    const src = await writeGrid({
      sheetName: 'Tỉnh 38',
      layout: 'long',
      tableName: 'ChiTieu_Compare',
      grid: buildLongGrid(observations(25_000)),
    });
    book.resetCounters();
    const res = await createPivot(spec(src.sheetId));
    expect(res).toMatchObject({ ok: true, sheetName: 'So sánh 38', filtered: true });
    const pivots = book.sheetByName('So sánh 38')!.pivots;
    expect(pivots).toEqual([
      {
        name: 'SoSanh',
        sheet: 'So sánh 38',
        source: 'ChiTieu_Compare',
        destination: 'A3',
        rows: ['Đơn vị'],
        columns: ['Kỳ'],
        data: [{ field: 'Giá trị', summarizeBy: 'Sum' }],
        filters: ['Chỉ tiêu'],
        appliedFilters: [
          { field: 'Chỉ tiêu', filter: { manualFilter: { selectedItems: ['Chỉ tiêu thử nghiệm số CT01'] } } },
        ],
      },
    ]);
    expect(book.syncs).toBe(3);
    // Running Compare again replaces the pivot.
    await createPivot(spec(src.sheetId));
    expect(book.sheetByName('So sánh 38')!.pivots).toHaveLength(1);
  });

  it('ExcelApi 1.8 without pivot filters: pivot without preselection; below 1.8: refused, nothing created', async () => {
    uninstall();
    book = new MockWorkbook('1.8');
    uninstall = book.install();
    let src = await writeGrid({
      sheetName: 'S',
      layout: 'long',
      tableName: 'ChiTieu_Compare',
      grid: buildLongGrid(observations(10)),
    });
    expect(await createPivot(spec(src.sheetId))).toMatchObject({ ok: true, filtered: false });
    uninstall();
    book = new MockWorkbook('1.7');
    uninstall = book.install();
    src = await writeGrid({
      sheetName: 'S',
      layout: 'long',
      tableName: 'ChiTieu_Compare',
      grid: buildLongGrid(observations(10)),
    });
    book.resetCounters();
    expect(await createPivot(spec(src.sheetId))).toEqual({ ok: false, reason: 'UNSUPPORTED' });
    expect(book.calls).toHaveLength(0);
  });
});
