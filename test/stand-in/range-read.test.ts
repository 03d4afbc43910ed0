/** Rule: Range.text shows values by number format and locale; numberFormat and formulas read and write. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: reading text, number formats and formulas', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ locale: 'vi-VN' });
  });
  afterEach(() => excel.uninstall());

  it('text follows the format and the vi-VN separators; numberFormat reads back en-US codes', async () => {
    const read = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:D1');
      r.values = [[1234.5, 0.153, 1234.5, 'x']];
      r.numberFormat = [['#,##0.00', '0.0%', 'General', '@']];
      r.load('text, numberFormat, values');
      await ctx.sync();
      return { text: r.text, numberFormat: r.numberFormat, values: r.values };
    });
    expect(read).toEqual({
      text: [['1.234,50', '15,3%', '1234,5', 'x']],
      numberFormat: [['#,##0.00', '0.0%', 'General', '@']],
      values: [[1234.5, 0.153, 1234.5, 'x']],
    });
  });

  it('formulas written through Range.formulas compute; values read the result, formulas the source', async () => {
    const read = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:C1');
      r.formulas = [[2, '=A1*10', '=SUM(A1:B1)/0']];
      r.load('values, formulas, valueTypes');
      await ctx.sync();
      return { values: r.values, formulas: r.formulas, types: r.valueTypes };
    });
    expect(read).toEqual({
      values: [[2, 20, '#DIV/0!']],
      formulas: [[2, '=A1*10', '=SUM(A1:B1)/0']],
      types: [['Double', 'Double', 'Error']],
    });
  });

  it('a formula follows the cells it refers to', async () => {
    excel.type('Sheet1', 'G2', '3');
    excel.setFormula('Sheet1', 'H2', '=G2*2');
    expect(excel.cell('Sheet1', 'H2').value).toBe(6);
    excel.type('Sheet1', 'G2', '4');
    expect(excel.cell('Sheet1', 'H2').value).toBe(8);
  });
});
