/** Rule: a PivotTable shows its cache; it changes on refresh, and a deleted source makes refresh fail. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: PivotTables', () => {
  let excel: Driver;
  beforeEach(async () => {
    excel = installStandIn({ apiVersion: '1.12' });
    excel.addSheet('Pivot');
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:C3').values = [
        ['Đơn vị', 'Kỳ', 'Giá trị'],
        ['Hà Trung', '2024', 10],
        ['Hà Trung', '2025', 12],
      ];
      sheet.tables.add('A1:C3', true).name = 'Nguon';
      await ctx.sync();
      const pivotSheet = ctx.workbook.worksheets.getItem('Pivot');
      const p = pivotSheet.pivotTables.add('SoSanh', sheet.tables.getItem('Nguon'), pivotSheet.getRange('A3'));
      p.rowHierarchies.add(p.hierarchies.getItem('Đơn vị'));
      p.columnHierarchies.add(p.hierarchies.getItem('Kỳ'));
      p.dataHierarchies.add(p.hierarchies.getItem('Giá trị'));
      await ctx.sync();
    });
  });
  afterEach(() => excel.uninstall());

  const shown = () => excel.pivot('SoSanh')!.shown;

  it('shows the source as it was: a changed source is not seen until refresh', async () => {
    expect(shown()).toEqual({
      filter: null,
      columns: ['2024', '2025'],
      rows: [{ label: 'Hà Trung', values: [10, 12] }],
    });
    excel.type('Sheet1', 'C3', '99');
    expect(shown().rows[0]!.values).toEqual([10, 12]);
    await Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.getItem('SoSanh').refresh();
      await ctx.sync();
    });
    expect(shown().rows[0]!.values).toEqual([10, 99]);
    excel.type('Sheet1', 'C2', '1');
    await Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.refreshAll();
      await ctx.sync();
    });
    expect(shown().rows[0]!.values).toEqual([1, 99]);
  });

  it('on ExcelApi 1.3–1.7 (Excel 2016/2019 volume-licensed) a pivot is refreshed, but not created', async () => {
    excel.setApiVersion('1.7');
    excel.type('Sheet1', 'C3', '77');
    await Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.refreshAll();
      await ctx.sync();
    });
    expect(shown().rows[0]!.values).toEqual([10, 77]);
    const create = Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Pivot');
      sheet.pivotTables.add('Khac', ctx.workbook.worksheets.getItem('Sheet1').tables.getItem('Nguon'), 'H3');
      await ctx.sync();
    });
    await expect(create).rejects.toMatchObject({ code: 'ApiNotFound' });
    const remove = Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.getItem('SoSanh').delete();
      await ctx.sync();
    });
    await expect(remove).rejects.toMatchObject({ code: 'ApiNotFound' });
    excel.setApiVersion('1.2');
    const old = Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.refreshAll();
      await ctx.sync();
    });
    await expect(old).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('a field that is not in the source is refused', async () => {
    const run = Excel.run(async (ctx) => {
      const p = ctx.workbook.pivotTables.getItem('SoSanh');
      p.filterHierarchies.add(p.hierarchies.getItem('Chỉ tiêu'));
      await ctx.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('with its source table deleted, the pivot keeps its cache and refresh fails', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('Nguon').delete();
      await ctx.sync();
    });
    expect(shown().rows[0]!.values).toEqual([10, 12]);
    const run = Excel.run(async (ctx) => {
      ctx.workbook.pivotTables.getItem('SoSanh').refresh();
      await ctx.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'InvalidReference' });
  });

  it('delete removes it', async () => {
    await Excel.run(async (ctx) => {
      const pivots = ctx.workbook.worksheets.getItem('Pivot').pivotTables;
      pivots.load('items/name');
      await ctx.sync();
      for (const p of pivots.items) p.delete();
      await ctx.sync();
    });
    expect(excel.pivot('SoSanh')).toBeNull();
  });

  it('rows inserted above a PivotTable move it down', () => {
    expect(excel.pivot('SoSanh')!.destination).toBe('A3');
    excel.insertRows('Pivot', 0, 2);
    expect(excel.pivot('SoSanh')!.destination).toBe('A5');
  });
});
