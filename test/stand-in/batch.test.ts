/** Rule: writes reach the workbook at sync; loaded properties are readable only after it; a failed action stops its batch. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: the request batch', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn();
  });
  afterEach(() => excel.uninstall());

  it('a write is invisible until the sync', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['x']];
      expect(excel.grid('Sheet1')).toEqual([]);
      await ctx.sync();
      expect(excel.grid('Sheet1')).toEqual([['x']]);
    });
  });

  it('reading a property before load + sync throws PropertyNotLoaded', async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([['']]);
    });
  });

  it('an error rejects the sync: earlier syncs stay, the actions after the failing one are dropped', async () => {
    const run = Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [['đã ghi']];
      await ctx.sync();
      sheet.getRange('A2').values = [['cũng ghi']];
      ctx.workbook.worksheets.getItem('Không có').getRange('A1').values = [['x']];
      sheet.getRange('A3').values = [['không tới']];
      await ctx.sync();
    });
    await expect(run).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(excel.grid('Sheet1')).toEqual([['đã ghi'], ['cũng ghi']]);
  });

  it('Excel.run sends what the batch queued after its last sync', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['sent']];
    });
    expect(excel.grid('Sheet1')).toEqual([['sent']]);
  });

  it('*OrNullObject: isNullObject is readable after a sync without being loaded', async () => {
    const missing = await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject('Không có');
      await ctx.sync();
      return sheet.isNullObject;
    });
    expect(missing).toBe(true);
  });
});
