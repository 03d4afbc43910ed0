/** Rule: the rest of the surface the add-in uses, each gated by its requirement set. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: used range, clearing, formats, input messages, panes, selection', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.12' });
  });
  afterEach(() => excel.uninstall());

  it('getUsedRangeOrNullObject: null on an empty sheet; valuesOnly ignores formatted blanks', async () => {
    const read = await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const empty = sheet.getUsedRangeOrNullObject(true).load('isNullObject');
      await ctx.sync();
      sheet.getRange('B2').values = [['x']];
      sheet.getRange('D5').format.fill.color = '#FFC7CE';
      const values = sheet.getUsedRangeOrNullObject(true).load('address');
      const all = sheet.getUsedRangeOrNullObject(false).load('address');
      await ctx.sync();
      return { empty: empty.isNullObject, values: values.address, all: all.address };
    });
    expect(read).toEqual({ empty: true, values: 'Sheet1!B2', all: 'Sheet1!B2:D5' });
  });

  it('getRange() is the whole sheet; clear() empties values, formats, fills and input messages', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const r = sheet.getRange('A1');
      r.numberFormat = [['@']];
      r.values = [['001']];
      r.format.fill.color = '#C6EFCE';
      r.format.font.color = '#595959';
      r.dataValidation.prompt = { showPrompt: true, title: 'Ghi chú', message: 'Đã sửa' };
      r.dataValidation.rule = { list: { inCellDropDown: true, source: 'Có,Không' } };
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({
      value: '001',
      fill: '#C6EFCE',
      font: '#595959',
      prompt: { title: 'Ghi chú', message: 'Đã sửa' },
      validation: { list: { source: 'Có,Không' } },
    });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange().clear();
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: '', format: 'General', fill: null, prompt: null });
  });

  it('dataValidation.clear removes the message and the rule, not the value', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.values = [['x']];
      r.dataValidation.prompt = { showPrompt: true, title: 't', message: 'm' };
      await ctx.sync();
      r.dataValidation.clear();
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: 'x', prompt: null });
  });

  it('hidden columns, frozen rows, activate and select', async () => {
    excel.addSheet('Data');
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Data');
      sheet.getRange('K:L').columnHidden = true;
      sheet.freezePanes.freezeRows(1);
      sheet.activate();
      sheet.getRange('G5').select();
      await ctx.sync();
    });
    const data = excel.sheets().find((s) => s.name === 'Data')!;
    expect([data.hidden, data.frozen, excel.activeSheet(), excel.selection()]).toEqual([
      [10, 11],
      1,
      'Data',
      { sheet: 'Data', address: 'G5' },
    ]);
  });

  it('requirement sets: isSetSupported follows the version; newer APIs fail with ApiNotFound', async () => {
    excel.setApiVersion('1.4');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.4')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.5')).toBe(false);
    const suspend = Excel.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
    });
    await expect(suspend).rejects.toMatchObject({ code: 'ApiNotFound' });
    const prompt = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.clear();
      await ctx.sync();
    });
    await expect(prompt).rejects.toMatchObject({ code: 'ApiNotFound' });
    excel.setApiVersion('1.9');
    await Excel.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.application.suspendScreenUpdatingUntilNextSync();
      await ctx.sync();
    });
    expect(excel.state.calls.map((c) => c.op)).toContain('suspendScreenUpdatingUntilNextSync');
  });

  it('a very hidden sheet cannot be activated, and the last visible sheet cannot be hidden', async () => {
    excel.addSheet('State');
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('State').visibility = 'VeryHidden';
      await ctx.sync();
    });
    const activate = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('State').activate();
      await ctx.sync();
    });
    await expect(activate).rejects.toMatchObject({ code: 'InvalidOperation' });
    const hideAll = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').visibility = 'Hidden';
      await ctx.sync();
    });
    await expect(hideAll).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});
