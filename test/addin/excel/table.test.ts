import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, readGrid, writeCells, writeGrid } from '../../../addin/src/excel';
import { buildLongGrid, LONG_COLUMNS, LONG_HIDDEN_COLUMNS, LONG_TEXT_COLUMNS } from '../../../addin/src/sync';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';
import { observations } from './fixtures';

const textCols = LONG_TEXT_COLUMNS.map((c) => LONG_COLUMNS.indexOf(c));
const hiddenCols = LONG_HIDDEN_COLUMNS.map((c) => LONG_COLUMNS.indexOf(c));

describe('writeGrid / readGrid (strict Excel stand-in)', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.12' });
  });
  afterEach(() => excel.uninstall());
  const sheetOf = (id: string) => excel.sheets().find((s) => s.id === id)!;

  it('writes a table with codes as text, values as numbers, calculation and screen updating suspended', async () => {
    const grid = buildLongGrid(observations(300));
    const res = await writeGrid({
      sheetName: 'Dữ liệu',
      layout: 'long',
      tableName: 'ChiTieu_Long',
      grid,
      textColumns: textCols,
      hiddenColumns: hiddenCols,
    });
    const sheet = sheetOf(res.sheetId);
    expect(sheet.name).toBe('Dữ liệu');
    expect(sheet.tables).toEqual([{ name: 'ChiTieu_Long', address: 'A1:L301' }]);
    const back = excel.grid('Dữ liệu');
    expect(back[1]![0]).toBe('001'); // leading zeros kept: the column was text before the value landed
    expect(back[1]![5]).toBe('2000'); // period as text, not the number 2000
    expect(typeof back[1]![6]).toBe('number');
    expect(back).toEqual(grid.map((r) => r.map((v) => (v === null ? '' : v))));
    expect(sheet.hidden).toEqual([...hiddenCols].sort((a, b) => a - b));
    expect(sheet.frozen).toBe(1);
    // Every sync that carries data is preceded by both suspensions.
    const ops = excel.state.calls.map((c) => c.op);
    const firstValues = ops.indexOf('values');
    expect(ops.slice(0, firstValues)).toContain('suspendApiCalculationUntilNextSync');
    expect(ops.slice(0, firstValues)).toContain('suspendScreenUpdatingUntilNextSync');
  });

  it('degrades on an older Excel: no suspension, no freeze, same data', async () => {
    excel.uninstall();
    excel = installStandIn({ apiVersion: '1.4' });
    const grid = buildLongGrid(observations(50));
    const res = await writeGrid({ sheetName: 'Old', layout: 'long', tableName: 'T', grid, textColumns: textCols });
    const ops = excel.state.calls.map((c) => c.op);
    expect(ops).not.toContain('suspendApiCalculationUntilNextSync');
    expect(ops).not.toContain('freezeRows');
    expect(excel.grid(sheetOf(res.sheetId).name)[3]![0]).toBe('003');
  });

  it('25,000 rows: syncs grow only by chunk, no request over ~4 MB', async () => {
    const small = buildLongGrid(observations(1_000));
    await writeGrid({ sheetName: 'Small', layout: 'long', tableName: 'S', grid: small, textColumns: textCols });
    const smallSyncs = excel.state.syncs;
    excel.resetCounters();

    const big = buildLongGrid(observations(25_000));
    const res = await writeGrid({
      sheetName: 'Big',
      layout: 'long',
      tableName: 'B',
      grid: big,
      textColumns: textCols,
      hiddenColumns: hiddenCols,
    });
    const bigSyncs = excel.state.syncs;
    const maxBytes = Math.max(...excel.state.syncLog.map((s) => s.bytes));
    const totalBytes = excel.state.syncLog.reduce((a, s) => a + s.bytes, 0);
    console.log(
      `[writeGrid] 1,000 rows: ${smallSyncs} syncs; 25,000 rows: ${bigSyncs} syncs in ${res.chunks} chunks, ` +
        `${(totalBytes / 1e6).toFixed(2)} MB, largest request ${(maxBytes / 1e6).toFixed(2)} MB, ${excel.state.runs} Excel.run`,
    );
    expect(excel.state.runs).toBe(1);
    expect(maxBytes).toBeLessThan(MAX_REQUEST_BYTES);
    // lookup + one per chunk + finish: the difference to the small table is chunks, not rows
    expect(bigSyncs).toBe(res.chunks + 2);
    expect(bigSyncs - smallSyncs).toBe(res.chunks - 1);
    expect(res.chunks).toBeLessThanOrEqual(3);
    expect(excel.state.calls.filter((c) => c.op === 'values')).toHaveLength(res.chunks + 1); // the header, then one write per chunk
    expect(excel.grid('Big')).toHaveLength(25_001);

    excel.resetCounters();
    const read = await readGrid(res.sheetId);
    console.log(`[readGrid] 25,000 rows: ${read.syncs} syncs`);
    expect(read.grid).toHaveLength(25_001);
    expect(read.grid[25_000]).toEqual(big[25_000]!.map((v) => (v === null ? '' : v)));
    expect(read.syncs).toBe(excel.state.syncs);
    expect(read.syncs).toBeLessThanOrEqual(4);
    // Values and number formats travel together; no response comes near the 5 MB limit.
    expect(read.formats[25_000]![LONG_COLUMNS.indexOf('unitCode')]).toBe('@');
    expect(read.formats[25_000]![LONG_COLUMNS.indexOf('value')]).toBe('General');
    expect(Math.max(...excel.state.syncLog.map((s) => s.responseBytes))).toBeLessThan(3_000_000);
  });

  it('chunk size follows the byte budget', async () => {
    const grid = buildLongGrid(observations(5_000));
    const res = await writeGrid({
      sheetName: 'Budget',
      layout: 'long',
      tableName: 'B',
      grid,
      textColumns: textCols,
      maxChunkBytes: 100_000,
    });
    expect(res.chunks).toBeGreaterThan(5);
    expect(excel.state.syncs).toBe(res.chunks + 2);
    for (const s of excel.state.syncLog) expect(s.bytes).toBeLessThan(130_000);
  });

  it('re-pulling into the same sheet replaces table and cells instead of stacking', async () => {
    const first = await writeGrid({
      sheetName: 'Again',
      layout: 'long',
      tableName: 'A',
      grid: buildLongGrid(observations(40)),
      textColumns: textCols,
    });
    const second = await writeGrid({
      sheetId: first.sheetId,
      sheetName: 'Again',
      layout: 'long',
      tableName: 'A',
      grid: buildLongGrid(observations(10)),
      textColumns: textCols,
    });
    const sheet = sheetOf(second.sheetId);
    expect(second.sheetId).toBe(first.sheetId);
    expect(sheet.tables).toHaveLength(1);
    expect(excel.grid(sheet.name)).toHaveLength(11);
  });

  it('writeCells keeps a code typed back as text', async () => {
    const res = await writeGrid({
      sheetName: 'Cells',
      // Not "C": Excel refuses C, c, R and r as names (they mean column and row in R1C1).
      layout: 'long',
      tableName: 'Cells',
      grid: buildLongGrid(observations(5)),
      textColumns: textCols,
    });
    await writeCells(res.sheetId, [
      { row: 2, col: 6, value: 12.5 },
      { row: 3, col: 0, value: '004', text: true },
    ]);
    const g = excel.grid('Cells');
    expect(g[2]![6]).toBe(12.5);
    expect(g[3]![0]).toBe('004');
  });
});
