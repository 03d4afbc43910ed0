/** Rule: table names, overlap, resize, rows, growth when a user types beneath, rows inserted above. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

async function table(address: string, name: string, sheet = 'Sheet1'): Promise<void> {
  await Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem(sheet).tables.add(address, true);
    t.name = name;
    await ctx.sync();
  });
}

describe('stand-in: tables', () => {
  let excel: Driver;
  beforeEach(async () => {
    excel = installStandIn({ apiVersion: '1.13' });
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B3');
      r.numberFormat = [
        ['@', '@'],
        ['@', '0.0'],
        ['@', '0.0'],
      ];
      r.values = [
        ['Mã', 'Giá trị'],
        ['001', 1.5],
        ['002', 2.5],
      ];
      await ctx.sync();
    });
    await table('A1:B3', 'ChiTieu');
  });
  afterEach(() => excel.uninstall());

  it('names are unique in the workbook, case-insensitive, and must be valid names', async () => {
    excel.addSheet('Other');
    await expect(table('A1:B2', 'chitieu', 'Other')).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(table('D1:E2', 'Chỉ tiêu 2025', 'Other')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(table('G1:H2', 'A1', 'Other')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await table('J1:K2', 'Chỉ_tiêu_2025', 'Other');
    expect(excel.tables().map((t) => t.name)).toContain('Chỉ_tiêu_2025');
  });

  it('a table cannot overlap another', async () => {
    await expect(table('B2:C4', 'Khac')).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('getItemOrNullObject, ranges of the parts, name through load', async () => {
    const read = await Excel.run(async (ctx) => {
      const missing = ctx.workbook.tables.getItemOrNullObject('KhongCo');
      const t = ctx.workbook.tables.getItem('chitieu');
      const header = t.getHeaderRowRange().load('address, values');
      const body = t.getDataBodyRange().load('address');
      missing.load('isNullObject');
      t.load('name');
      await ctx.sync();
      return { missing: missing.isNullObject, name: t.name, header: header.values, body: body.address };
    });
    expect(read).toEqual({ missing: true, name: 'ChiTieu', header: [['Mã', 'Giá trị']], body: 'Sheet1!A2:B3' });
  });

  it('resize keeps the header row and must overlap; rows.add appends', async () => {
    const bad = Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('ChiTieu').resize('A2:B5');
      await ctx.sync();
    });
    await expect(bad).rejects.toMatchObject({ code: 'InvalidArgument' });
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('ChiTieu').rows.add(undefined, [['003', 3]]);
      await ctx.sync();
    });
    // The new row takes the formats of the row above: the code stays text.
    expect(excel.cell('Sheet1', 'A4')).toMatchObject({ value: '003', format: '@' });
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem('ChiTieu');
      t.resize('A1:B6');
      t.rows.add(undefined, [['009', 9]]);
      await ctx.sync();
    });
    expect(excel.tables('Sheet1')).toEqual([{ name: 'ChiTieu', sheet: 'Sheet1', address: 'A1:B7' }]);
    // Resizing lends no formats: rows 5–6 are General, and so is the row added below them.
    expect(excel.cell('Sheet1', 'A7')).toMatchObject({ value: 9, format: 'General' });
  });

  it('resize needs ExcelApi 1.13', async () => {
    excel.setApiVersion('1.12');
    const run = Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('ChiTieu').resize('A1:B5');
      await ctx.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('a row typed beneath grows the table and takes the column formats (after the entry is read)', () => {
    excel.type('Sheet1', 'A4', '003');
    excel.type('Sheet1', 'B4', '4,25');
    expect(excel.tables('Sheet1')[0]!.address).toBe('A1:B4');
    // The entry was read in the General cell, before the table lent it its "@" format.
    expect(excel.cell('Sheet1', 'A4')).toMatchObject({ value: 3, format: '@' });
    expect(excel.cell('Sheet1', 'B4')).toMatchObject({ value: 4.25, text: '4,3' });
    // Each new row is read before it joins the table: every code typed beneath loses its zeros.
    excel.type('Sheet1', 'A5', '004');
    expect(excel.cell('Sheet1', 'A5')).toMatchObject({ value: 4, format: '@' });
    // Typed over, once the cell is text-formatted, the code stays.
    excel.type('Sheet1', 'A5', '004');
    expect(excel.cell('Sheet1', 'A5').value).toBe('004');
  });

  it('rows inserted above shift the table and its cells', () => {
    excel.insertRows('Sheet1', 0, 2);
    expect(excel.tables('Sheet1')[0]!.address).toBe('A3:B5');
    expect(excel.cell('Sheet1', 'A4').value).toBe('001');
  });

  it('deleting a table removes it and its contents', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('ChiTieu').delete();
      await ctx.sync();
    });
    expect(excel.tables()).toEqual([]);
    expect(excel.grid('Sheet1')).toEqual([]);
  });
});
