/** Rule: strings starting with =, +, - become formulas unless the cell is text-formatted. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: entries that start like a formula', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ locale: 'vi-VN' });
  });
  afterEach(() => excel.uninstall());

  it('a note starting with "-" written into a General cell becomes a #NAME? formula', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['-5 hộ nghèo']];
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: '#NAME?', formula: '=-5 hộ nghèo' });
  });

  it('the same note survives in a cell formatted as text first', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      r.numberFormat = [['@']];
      r.values = [['-5 hộ nghèo']];
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: '-5 hộ nghèo', formula: null, format: '@' });
  });

  it('computes simple formulas, reads their value through values and their source through formulas', async () => {
    excel.type('Sheet1', 'G2', '21');
    const read = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('H2:I2');
      r.values = [['=G2*2', '+G2/(1+2)']];
      await ctx.sync();
      r.load('values, formulas, text');
      await ctx.sync();
      return { values: r.values, formulas: r.formulas, text: r.text };
    });
    expect(read).toEqual({ values: [[42, 7]], formulas: [['=G2*2', '=+G2/(1+2)']], text: [['42', '7']] });
  });

  it('a pure number with a sign is a number; "@" typed starts a formula', async () => {
    excel.type('Sheet1', 'A1', '-5');
    excel.type('Sheet1', 'A2', '@chitieu');
    expect(excel.cell('Sheet1', 'A1').value).toBe(-5);
    expect(excel.cell('Sheet1', 'A2').value).toBe('#NAME?');
  });
});
