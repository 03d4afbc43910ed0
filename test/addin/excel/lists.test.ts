import { afterEach, describe, expect, it } from 'vitest';
import { applyMarks, clearMarks, writeCells, writeGrid } from '../../../addin/src/excel';
import { buildLongGrid, LONG_COLUMNS } from '../../../addin/src/sync';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';
import { observations } from './fixtures';

const STATUS = LONG_COLUMNS.indexOf('status');
const lists = [{ col: STATUS, items: ['Ước đạt', 'Sơ bộ', 'Chính thức', 'Dự báo'] }];
const rule = { list: { inCellDropDown: true, source: 'Ước đạt,Sơ bộ,Chính thức,Dự báo' } };

describe('status drop-down and single-cell writes (strict Excel stand-in)', () => {
  let excel: Driver;
  afterEach(() => excel.uninstall());

  it('marks and cleared marks keep the drop-down of the status cells they touch', async () => {
    // Old: dataValidation.clear() on the data rows took every drop-down with the input messages.
    excel = installStandIn({ apiVersion: '1.8' });
    const res = await writeGrid({
      sheetName: 'L',
      tableName: 'L',
      grid: buildLongGrid(observations(5)),
      listColumns: lists,
    });
    expect(excel.cell('L', 'H2').validation).toEqual(rule);
    await applyMarks(res.sheetId, [{ row: 1, col: STATUS, color: '#FFC7CE', title: 't', message: 'm' }], {
      rows: 6,
      cols: 12,
      lists,
    });
    expect(excel.cell('L', 'H2')).toMatchObject({ validation: rule, prompt: { title: 't', message: 'm' } });
    expect(excel.cell('L', 'H6').validation).toEqual(rule);
    await clearMarks(res.sheetId, [{ row: 1, col: STATUS }], lists);
    expect(excel.cell('L', 'H2')).toMatchObject({ validation: rule, prompt: null, fill: null });
  });

  it('before ExcelApi 1.8 there is no drop-down and no validation call', async () => {
    excel = installStandIn({ apiVersion: '1.4' });
    await writeGrid({ sheetName: 'Old', tableName: 'O', grid: buildLongGrid(observations(3)), listColumns: lists });
    expect(excel.state.calls.some((c) => c.op.startsWith('dataValidation'))).toBe(false);
    expect(excel.cell('Old', 'H2').validation).toBeNull();
  });

  it('writeCells: null empties a cell, a note starting with "-" stays text, a figure resets a percent format', async () => {
    // Old: null left the cell as it was, and "-5 hộ nghèo" became a formula (#NAME?).
    excel = installStandIn({ apiVersion: '1.12' });
    const res = await writeGrid({ sheetName: 'C', tableName: 'Cells', grid: buildLongGrid(observations(3)) });
    excel.type('C', 'J2', 'ghi chú cũ');
    excel.type('C', 'G3', '1,5%');
    await writeCells(res.sheetId, [
      { row: 1, col: 9, value: null, text: true },
      { row: 2, col: 9, value: '-5 hộ nghèo', text: true },
      { row: 2, col: 6, value: 1.5 },
    ]);
    expect(excel.cell('C', 'J2').value).toBe('');
    expect(excel.cell('C', 'J3')).toMatchObject({ value: '-5 hộ nghèo', formula: null, format: '@' });
    expect(excel.cell('C', 'G3')).toMatchObject({ value: 1.5, format: 'General' });
  });
});
