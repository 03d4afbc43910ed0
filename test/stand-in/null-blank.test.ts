/** Rule: null in a 2-D write leaves the cell unchanged; "" clears; null for a whole property is refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn, RichApiError } from '.';

describe('stand-in: null and blank inputs', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn();
    excel.type('Sheet1', 'A1', 'cũ');
    excel.type('Sheet1', 'B1', 'cũ');
  });
  afterEach(() => excel.uninstall());

  it('the naive clear: null leaves the old value in place', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[null, 'mới']] as unknown as string[][];
      await ctx.sync();
    });
    expect(excel.grid('Sheet1')).toEqual([['cũ', 'mới']]);
  });

  it('the careful clear: "" empties the cell', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [['', 'mới']];
      await ctx.sync();
    });
    expect(excel.grid('Sheet1')).toEqual([['', 'mới']]);
  });

  it('null number formats keep the format; "" resets it to General', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('C1:D1');
      r.numberFormat = [['@', '0.0%']];
      await ctx.sync();
      r.numberFormat = [[null, '']] as unknown as string[][];
      await ctx.sync();
    });
    expect([excel.cell('Sheet1', 'C1').format, excel.cell('Sheet1', 'D1').format]).toEqual(['@', 'General']);
  });

  it('null for the whole property, or an array of the wrong size, is refused', async () => {
    const whole = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = null as unknown as string[][];
      await ctx.sync();
    });
    await expect(whole).rejects.toMatchObject({ code: 'InvalidArgument' });
    const wrong = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [['x']];
      await ctx.sync();
    });
    await expect(wrong).rejects.toBeInstanceOf(RichApiError);
    expect(excel.grid('Sheet1')).toEqual([['cũ', 'cũ']]);
  });
});
