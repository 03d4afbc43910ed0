/** Rule: entries follow the locale and the cell's number format (typed by a user or written as strings). */
import { afterEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: entries read in the locale and the number format', () => {
  let excel: Driver;
  afterEach(() => excel.uninstall());

  it('vi-VN: "," is the decimal separator, "." groups thousands; "12.5" stays text', () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', '1.234,5');
    excel.type('Sheet1', 'A2', '12,5');
    excel.type('Sheet1', 'A3', '12.5');
    expect(excel.cell('Sheet1', 'A1').value).toBe(1234.5);
    expect(excel.cell('Sheet1', 'A2').value).toBe(12.5);
    expect(excel.cell('Sheet1', 'A3').value).toBe('12.5');
  });

  it('en-US: the reverse', () => {
    excel = installStandIn({ locale: 'en-US' });
    excel.type('Sheet1', 'A1', '1,234.5');
    excel.type('Sheet1', 'A2', '12,5');
    expect(excel.cell('Sheet1', 'A1').value).toBe(1234.5);
    expect(excel.cell('Sheet1', 'A2').value).toBe('12,5');
  });

  it('a typed percent becomes a fraction with a percent format', () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', '1,5%');
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: 0.015, format: '0.0%', text: '1,5%' });
  });

  it('a typed date becomes a serial number with a date format', () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', '15/7/2025');
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: 45853, format: 'd/m/yyyy', text: '15/7/2025' });
  });

  it('leading zeros vanish in a General cell and stay in a text cell', async () => {
    excel = installStandIn();
    excel.type('Sheet1', 'A1', '001');
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A2').numberFormat = [['@']];
      await ctx.sync();
    });
    excel.type('Sheet1', 'A2', '001');
    expect(excel.cell('Sheet1', 'A1').value).toBe(1);
    expect(excel.cell('Sheet1', 'A2').value).toBe('001');
  });

  it('strings written through the API are read the same way; JS numbers stay numbers', async () => {
    excel = installStandIn({ locale: 'vi-VN' });
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:E1');
      r.values = [['001', '2023-07', '1,5%', 0.015, 'TRUE']];
      await ctx.sync();
    });
    expect(excel.grid('Sheet1')).toEqual([[1, 45108, 0.015, 0.015, true]]);
    expect(excel.cell('Sheet1', 'B1').format).toBe('mmm-yy');
  });

  it('the careful write: text format first keeps codes and periods as written', async () => {
    excel = installStandIn({ locale: 'vi-VN' });
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.numberFormat = [['@', '@']];
      r.values = [['001', '2023-07']];
      await ctx.sync();
    });
    expect(excel.grid('Sheet1')).toEqual([['001', '2023-07']]);
  });

  it('a leading apostrophe keeps the entry as text, without the apostrophe', () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', "'001");
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: '001', format: 'General' });
  });

  it('typing into a percent-formatted cell takes "5" as 5%', () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', '1,5%');
    excel.type('Sheet1', 'A1', '5');
    expect(excel.cell('Sheet1', 'A1')).toMatchObject({ value: 0.05, text: '5,0%' });
  });

  it('numbers keep 15 significant digits; a cell holds at most 32,767 characters', async () => {
    excel = installStandIn({ locale: 'vi-VN' });
    excel.type('Sheet1', 'A1', '1234567890123456789');
    expect(excel.cell('Sheet1', 'A1').value).toBe(1234567890123460000);
    const long = Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B1').values = [['x'.repeat(32_768)]];
      await ctx.sync();
    });
    await expect(long).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
