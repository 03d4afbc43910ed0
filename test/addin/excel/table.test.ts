import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, readGrid, writeCells, writeGrid } from '../../../addin/src/excel';
import { buildLongGrid, LONG_COLUMNS, LONG_HIDDEN_COLUMNS, LONG_TEXT_COLUMNS } from '../../../addin/src/sync';
import { MockWorkbook } from './excel-mock';
import { observations } from './fixtures';

const textCols = LONG_TEXT_COLUMNS.map((c) => LONG_COLUMNS.indexOf(c));
const hiddenCols = LONG_HIDDEN_COLUMNS.map((c) => LONG_COLUMNS.indexOf(c));

describe('writeGrid / readGrid (office-addin-mock)', () => {
  let book: MockWorkbook;
  let uninstall: () => void;
  beforeEach(() => {
    book = new MockWorkbook('1.12');
    uninstall = book.install();
  });
  afterEach(() => uninstall());

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
    const sheet = book.sheet(res.sheetId)!;
    expect(sheet.name).toBe('Dữ liệu');
    expect(sheet.tables).toEqual([{ name: 'ChiTieu_Long', address: 'A1:L301', hasHeaders: true }]);
    const back = book.grid(sheet);
    expect(back[1]![0]).toBe('001'); // leading zeros kept: the column was text before the value landed
    expect(back[1]![5]).toBe('2000'); // period as text, not the number 2000
    expect(typeof back[1]![6]).toBe('number');
    expect(back).toEqual(grid.map((r) => r.map((v) => (v === null ? '' : v))));
    expect(sheet.hiddenColumns).toEqual(new Set(hiddenCols));
    expect(sheet.frozenRows).toBe(1);
    // Every sync that carries data is preceded by both suspensions.
    const ops = book.calls.map((c) => c.op);
    const firstValues = ops.indexOf('values');
    expect(ops.slice(0, firstValues)).toContain('suspendApiCalculationUntilNextSync');
    expect(ops.slice(0, firstValues)).toContain('suspendScreenUpdatingUntilNextSync');
  });

  it('degrades on an older Excel: no suspension, no freeze, same data', async () => {
    uninstall();
    book = new MockWorkbook('1.4');
    uninstall = book.install();
    const grid = buildLongGrid(observations(50));
    const res = await writeGrid({ sheetName: 'Old', layout: 'long', tableName: 'T', grid, textColumns: textCols });
    const ops = book.calls.map((c) => c.op);
    expect(ops).not.toContain('suspendApiCalculationUntilNextSync');
    expect(ops).not.toContain('freezeRows');
    expect(book.grid(book.sheet(res.sheetId)!)[3]![0]).toBe('003');
  });

  it('25,000 rows: syncs grow only by chunk, no request over ~4 MB', async () => {
    const small = buildLongGrid(observations(1_000));
    await writeGrid({ sheetName: 'Small', layout: 'long', tableName: 'S', grid: small, textColumns: textCols });
    const smallSyncs = book.syncs;
    book.resetCounters();

    const big = buildLongGrid(observations(25_000));
    const res = await writeGrid({
      sheetName: 'Big',
      layout: 'long',
      tableName: 'B',
      grid: big,
      textColumns: textCols,
      hiddenColumns: hiddenCols,
    });
    const bigSyncs = book.syncs;
    const maxBytes = Math.max(...book.syncLog.map((s) => s.bytes));
    const totalBytes = book.syncLog.reduce((a, s) => a + s.bytes, 0);
    console.log(
      `[writeGrid] 1,000 rows: ${smallSyncs} syncs; 25,000 rows: ${bigSyncs} syncs in ${res.chunks} chunks, ` +
        `${(totalBytes / 1e6).toFixed(2)} MB, largest request ${(maxBytes / 1e6).toFixed(2)} MB, ${book.runs} Excel.run`,
    );
    expect(book.runs).toBe(1);
    expect(maxBytes).toBeLessThan(MAX_REQUEST_BYTES);
    // lookup + one per chunk + finish: the difference to the small table is chunks, not rows
    expect(bigSyncs).toBe(res.chunks + 2);
    expect(bigSyncs - smallSyncs).toBe(res.chunks - 1);
    expect(res.chunks).toBeLessThanOrEqual(3);
    // The header, then one write per chunk.
    expect(book.calls.filter((c) => c.op === 'values')).toHaveLength(res.chunks + 1);
    expect(book.grid(book.sheet(res.sheetId)!)).toHaveLength(25_001);

    book.resetCounters();
    const read = await readGrid(res.sheetId);
    console.log(`[readGrid] 25,000 rows: ${read.syncs} syncs`);
    expect(read.grid).toHaveLength(25_001);
    expect(read.grid[25_000]).toEqual(big[25_000]!.map((v) => (v === null ? '' : v)));
    expect(read.syncs).toBe(book.syncs);
    expect(read.syncs).toBeLessThanOrEqual(4);
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
    expect(book.syncs).toBe(res.chunks + 2);
    for (const s of book.syncLog) expect(s.bytes).toBeLessThan(130_000);
  });

  it('re-pulling into the same sheet resizes its one table, keeps its name and blanks the rows it lost', async () => {
    uninstall();
    book = new MockWorkbook('1.13');
    uninstall = book.install();
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
    const sheet = book.sheet(second.sheetId)!;
    expect(second.sheetId).toBe(first.sheetId);
    expect(sheet.tables).toEqual([{ name: 'A', address: 'A1:L11', hasHeaders: true }]);
    expect(second.tableName).toBe('A');
    expect(book.grid(sheet)).toHaveLength(11);
  });

  it('writeCells keeps a code typed back as text', async () => {
    const res = await writeGrid({
      sheetName: 'Cells',
      layout: 'long',
      tableName: 'C',
      grid: buildLongGrid(observations(5)),
      textColumns: textCols,
    });
    await writeCells(res.sheetId, [
      { row: 2, col: 6, value: 12.5 },
      { row: 3, col: 0, value: '004', text: true },
    ]);
    const g = book.grid(book.sheet(res.sheetId)!);
    expect(g[2]![6]).toBe(12.5);
    expect(g[3]![0]).toBe('004');
  });
});
