/** Rule: Excel on the web refuses a request or a response above 5 MB, and applies nothing of that request. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn, PAYLOAD_LIMIT } from '.';

/** 6 MB of values: 20,000 rows of 300 bytes. */
const rows = Array.from({ length: 20_000 }, (_, i) => [`Huyện ${i}`.padEnd(150, 'x'), 'y'.repeat(150)]);

describe('stand-in: the 5 MB payload limit', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ platform: 'OfficeOnline' });
  });
  afterEach(() => excel.uninstall());

  it('the naive write: 6 MB in one sync throws RequestPayloadSizeLimitExceeded and writes nothing', async () => {
    const run = Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('D1').values = [['đầu']];
      sheet.getRange(`A1:B${rows.length}`).values = rows;
      await ctx.sync();
    });
    await expect(run).rejects.toMatchObject({ name: 'RichApi.Error', code: 'RequestPayloadSizeLimitExceeded' });
    expect(excel.grid('Sheet1')).toEqual([]);
    expect(excel.state.syncLog[0]!.bytes).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  it('the careful write: split under 5 MB, every row lands', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      for (let start = 0; start < rows.length; start += 10_000) {
        sheet.getRange(`A${start + 1}:B${start + 10_000}`).values = rows.slice(start, start + 10_000);
        await ctx.sync();
      }
    });
    expect(excel.grid('Sheet1')).toHaveLength(20_000);
    for (const s of excel.state.syncLog) expect(s.bytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  it('a load whose answer is above 5 MB fails with ResponsePayloadSizeLimitExceeded', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      for (let start = 0; start < rows.length; start += 10_000) {
        sheet.getRange(`A${start + 1}:B${start + 10_000}`).values = rows.slice(start, start + 10_000);
        await ctx.sync();
      }
    });
    const read = Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:B${rows.length}`);
      r.load('values');
      await ctx.sync();
      return r.values.length;
    });
    await expect(read).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('Excel on Windows has no such limit', async () => {
    excel.uninstall();
    excel = installStandIn({ platform: 'PC' });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:B${rows.length}`).values = rows;
      await ctx.sync();
    });
    expect(excel.grid('Sheet1')).toHaveLength(20_000);
  });
});
