/**
 * What the pane says when Excel refuses: a protected sheet, a cell being edited, a request over
 * 5 MB. Each refusal is produced by the strict stand-in through the add-in's own adapter, not made up.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCells } from '../../../addin/src/excel';
import { explain } from '../../../addin/src/taskpane/errors';
import { installStandIn, type Driver } from '../../stand-in';

describe('Excel refusals, explained', () => {
  let excel: Driver;
  let sheetId: string;
  beforeEach(() => {
    excel = installStandIn();
    sheetId = excel.sheets()[0]!.id;
  });
  afterEach(() => excel.uninstall());

  const refusal = () =>
    writeCells(sheetId, [{ row: 1, col: 1, value: 12.5 }]).then(
      () => null,
      (e: unknown) => e,
    );

  it('a protected sheet: says so, and how to unprotect it; nothing is written', async () => {
    excel.protect('Sheet1');
    const e = await refusal();
    expect(e).toMatchObject({ code: 'AccessDenied' });
    expect(explain(e, 'vi')).toMatch(/trang tính đang được bảo vệ.*\(AccessDenied\)$/);
    expect(explain(e, 'en')).toMatch(/the sheet is protected/);
    expect(excel.cell('Sheet1', 'B2').value).toBe('');
  });

  it('a cell being edited: press Enter or Esc', async () => {
    excel.setCellEditMode(true);
    const e = await refusal();
    expect(e).toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(explain(e, 'vi')).toMatch(/chế độ sửa ô/);
    excel.setCellEditMode(false);
    expect(await refusal()).toBe(null);
    expect(excel.cell('Sheet1', 'B2').value).toBe(12.5);
  });
});
