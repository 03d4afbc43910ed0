/** Rule: a protected sheet refuses writes; in cell-edit mode every batch fails. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

const write = () =>
  Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
    await ctx.sync();
  });

describe('stand-in: protection and cell-edit mode', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.12' });
  });
  afterEach(() => excel.uninstall());

  it('protect() through the API, then writes fail with AccessDenied and change nothing', async () => {
    const state = await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.protection.protect();
      sheet.load('protection/protected');
      await ctx.sync();
      return sheet.protection.protected;
    });
    expect(state).toBe(true);
    await expect(write()).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(excel.grid('Sheet1')).toEqual([]);
    excel.unprotect('Sheet1');
    await write();
    expect(excel.grid('Sheet1')).toEqual([['x']]);
  });

  it('a user protecting the sheet from the ribbon blocks the add-in the same way', async () => {
    excel.protect('Sheet1');
    await expect(write()).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('while the user edits a cell, every sync fails with InvalidOperationInCellEditMode', async () => {
    excel.setCellEditMode(true);
    await expect(write()).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(excel.grid('Sheet1')).toEqual([]);
    excel.setCellEditMode(false);
    await write();
    expect(excel.grid('Sheet1')).toEqual([['x']]);
  });
});
