/**
 * The status drop-down and single-cell writes on the strict stand-in, through the workflow's writer
 * (writeTable) so the test does not depend on how writeGrid places columns.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clearMarks, writeCells } from '../../../addin/src/excel';
import { baselineFromTable, LONG_COLUMNS, longTableFromObservations } from '../../../addin/src/sync';
import { writeTable } from '../../../addin/src/workflow/sheet';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';
import { PULL } from '../sync/helpers';
import { observations } from './fixtures';

const STATUS = LONG_COLUMNS.indexOf('status');
const lists = [{ col: STATUS, items: ['Ước đạt', 'Sơ bộ', 'Chính thức', 'Dự báo'] }];
const rule = { list: { inCellDropDown: true, source: 'Ước đạt,Sơ bộ,Chính thức,Dự báo' } };

async function pull(sheetName: string, n: number) {
  const table = longTableFromObservations(observations(n));
  const binding = { layout: 'long' as const, scopeKey: `long:${sheetName}`, serverUrl: PULL.serverUrl };
  return writeTable({ sheetId: null, sheetName }, table, binding, baselineFromTable(table, PULL));
}

describe('status drop-down and single-cell writes (strict Excel stand-in)', () => {
  let excel: Driver;
  afterEach(() => excel.uninstall());

  it('the status cells get the drop-down; clearing a cell’s mark puts it back (clearing validation removes it)', async () => {
    // Old: no drop-down at all, and clearing a mark cleared any validation of the cell.
    excel = installStandIn({ apiVersion: '1.8' });
    const sheet = await pull('L', 5);
    expect(excel.cell('L', 'H2')).toMatchObject({ value: 'Chính thức', validation: rule });
    expect(excel.cell('L', 'H6').validation).toEqual(rule);
    await clearMarks(sheet.sheetId, [{ row: 1, col: STATUS }], lists);
    expect(excel.cell('L', 'H2').validation).toEqual(rule);
    await clearMarks(sheet.sheetId, [{ row: 2, col: STATUS }]); // what Excel does without the lists
    expect(excel.cell('L', 'H3').validation).toBeNull();
  });

  it('before ExcelApi 1.8 there is no drop-down and no validation call', async () => {
    excel = installStandIn({ apiVersion: '1.4' });
    await pull('Old', 3);
    expect(excel.state.calls.some((c) => c.op.startsWith('dataValidation'))).toBe(false);
    expect(excel.cell('Old', 'H2').validation).toBeNull();
  });

  it('writeCells: null empties a cell, a note starting with "-" stays text, a figure resets a percent format', async () => {
    // Old: null left the cell as it was, and "-5 hộ nghèo" became a formula (#NAME?).
    excel = installStandIn({ apiVersion: '1.12' });
    const sheet = await pull('Cells', 3);
    excel.type('Cells', 'J2', 'ghi chú cũ');
    excel.type('Cells', 'G3', '1,5%');
    await writeCells(sheet.sheetId, [
      { row: 1, col: 9, value: null, text: true },
      { row: 2, col: 9, value: '-5 hộ nghèo', text: true },
      { row: 2, col: 6, value: 1.5 },
    ]);
    expect(excel.cell('Cells', 'J2').value).toBe('');
    expect(excel.cell('Cells', 'J3')).toMatchObject({ value: '-5 hộ nghèo', formula: null, format: '@' });
    expect(excel.cell('Cells', 'G3')).toMatchObject({ value: 1.5, format: 'General' });
  });
});
