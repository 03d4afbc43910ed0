import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMarks, clearMarks, createPivot, selectCell, writeGrid } from '../../../addin/src/excel';
import { buildLongGrid, LONG_HEADERS } from '../../../addin/src/sync';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';
import { observations } from './fixtures';

describe('marks (strict Excel stand-in)', () => {
  let excel: Driver;
  afterEach(() => excel.uninstall());

  it('colours cells, annotates them with an input message, clears previous marks, selects a cell', async () => {
    excel = installStandIn({ apiVersion: '1.8' });
    const res = await writeGrid({
      sheetName: 'M',
      layout: 'long',
      tableName: 'M',
      grid: buildLongGrid(observations(20)),
    });
    await applyMarks(
      res.sheetId,
      [{ row: 2, col: 6, color: '#FFC7CE', title: 'Không hợp lệ', message: 'x'.repeat(400) }],
      { row: 1, rows: 20, columns: Array.from({ length: 11 }, (_, i) => i) },
    );
    expect(excel.cell('M', 'G3')).toMatchObject({ fill: '#FFC7CE', prompt: { title: 'Không hợp lệ' } });
    expect(excel.cell('M', 'G3').prompt!.message.length).toBe(255);
    excel.resetCounters();
    await applyMarks(res.sheetId, [{ row: 3, col: 6, color: '#C6EFCE' }], {
      row: 1,
      rows: 20,
      columns: Array.from({ length: 11 }, (_, i) => i),
    });
    expect(excel.state.syncs).toBe(1);
    expect(excel.cell('M', 'G3')).toMatchObject({ fill: null, prompt: null });
    expect(excel.cell('M', 'G4').fill).toBe('#C6EFCE');
    await clearMarks(res.sheetId, [{ row: 3, col: 6 }]);
    expect(excel.cell('M', 'G4').fill).toBeNull();
    await selectCell(res.sheetId, 4, 6);
    expect(excel.selection()).toEqual({ sheet: 'M', address: 'G5' });
  });

  it('thousands of marks take a handful of syncs; before ExcelApi 1.8 only colours', async () => {
    excel = installStandIn({ apiVersion: '1.4' });
    const res = await writeGrid({
      sheetName: 'Many',
      layout: 'long',
      tableName: 'T',
      grid: buildLongGrid(observations(5_000)),
    });
    excel.resetCounters();
    const marks = Array.from({ length: 5_000 }, (_, i) => ({
      row: i + 1,
      col: 6,
      color: '#DDEBF7',
      title: 't',
      message: 'm',
    }));
    await applyMarks(res.sheetId, marks, { row: 1, rows: 5_000, columns: Array.from({ length: 11 }, (_, i) => i) });
    expect(excel.state.syncs).toBe(3);
    expect(excel.state.calls.some((c) => c.op.startsWith('dataValidation'))).toBe(false);
    expect(excel.cell('Many', 'G5001').fill).toBe('#DDEBF7');
  });
});

describe('comparison PivotTable (strict Excel stand-in)', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.12' });
  });
  afterEach(() => excel.uninstall());
  const pivotsOn = (sheet: string) => excel.sheets().find((s) => s.name === sheet)!.pivots;

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
    excel.resetCounters();
    const res = await createPivot(spec(src.sheetId));
    expect(res).toMatchObject({ ok: true, sheetName: 'So sánh 38', filtered: true });
    const pivots = pivotsOn('So sánh 38');
    expect(pivots).toMatchObject([
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
    expect(excel.state.syncs).toBe(3);
    // Running Compare again replaces the pivot.
    await createPivot(spec(src.sheetId));
    expect(pivotsOn('So sánh 38')).toHaveLength(1);
  });

  it('ExcelApi 1.8 without pivot filters: pivot without preselection; below 1.8: refused, nothing created', async () => {
    excel.uninstall();
    excel = installStandIn({ apiVersion: '1.8' });
    let src = await writeGrid({
      sheetName: 'S',
      layout: 'long',
      tableName: 'ChiTieu_Compare',
      grid: buildLongGrid(observations(10)),
    });
    expect(await createPivot(spec(src.sheetId))).toMatchObject({ ok: true, filtered: false });
    excel.uninstall();
    excel = installStandIn({ apiVersion: '1.7' });
    src = await writeGrid({
      sheetName: 'S',
      layout: 'long',
      tableName: 'ChiTieu_Compare',
      grid: buildLongGrid(observations(10)),
    });
    excel.resetCounters();
    expect(await createPivot(spec(src.sheetId))).toEqual({ ok: false, reason: 'UNSUPPORTED' });
    expect(excel.state.calls).toHaveLength(0);
  });
});
