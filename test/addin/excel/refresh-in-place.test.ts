/**
 * Refreshing a pulled sheet in place, against the strict stand-in: the user's own columns, title
 * rows and PivotTable survive, and positions the sync engine reports land on the cells the user
 * sees. Each test names the old behaviour (delete the table, clear the sheet, new random table
 * name, grid assumed at A1) it would have caught.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../../../addin/src/api';
import { createPivot, readGrid, refreshPivotsOver, writeGrid } from '../../../addin/src/excel';
import type { ServerObservation } from '../../../addin/src/sync';
import {
  baselineFromTable,
  LONG_HEADERS,
  longTableFromObservations,
  renderLongGrid,
  TERM_HEADERS,
  termTableFrom,
} from '../../../addin/src/sync';
import { MARK_COLORS } from '../../../addin/src/workflow/marks';
import { review } from '../../../addin/src/workflow/push';
import type { WrittenSheet } from '../../../addin/src/workflow/sheet';
import { readEntries, writeTable } from '../../../addin/src/workflow/sheet';
import type { Driver } from '../../stand-in';
import { installStandIn, PAYLOAD_LIMIT } from '../../stand-in';
import { FakeServer, obs, PULL } from '../sync/helpers';

const SHEET = 'So sánh Hà Nội';
const BINDING = { layout: 'long' as const, scopeKey: 'long:{"provinceCode":"01"}', serverUrl: PULL.serverUrl };

/** Units 001–00n, indicator 01, 2022 and 2023; `bump` moves every figure. */
function figures(units: number, bump = 0): ServerObservation[] {
  const out: ServerObservation[] = [];
  for (let u = 1; u <= units; u++) {
    const code = String(u).padStart(3, '0');
    out.push(obs(code, '01', '2022', 10 * u + bump, 1), obs(code, '01', '2023', 10 * u + 1 + bump, 1));
  }
  return out;
}

async function pullInto(target: { sheetId: string | null; tableName?: string }, observations: ServerObservation[]) {
  const table = longTableFromObservations(observations);
  return writeTable({ ...target, sheetName: SHEET }, table, BINDING, baselineFromTable(table, PULL));
}

function pivotOver(sheet: WrittenSheet) {
  return createPivot({
    sourceSheetId: sheet.sheetId,
    sourceTable: sheet.tableName,
    pivotSheetName: 'Pivot Hà Nội',
    pivotName: 'ChiTieu_SoSanh',
    rowField: LONG_HEADERS.unitCode,
    columnField: LONG_HEADERS.period,
    valueField: LONG_HEADERS.value,
    filterField: LONG_HEADERS.indicatorName,
  });
}

/** The user's own columns right of the table: a formula on the add-in's value column, and notes. */
function addUserColumns(excel: Driver, rows: number): void {
  excel.type(SHEET, 'M1', 'Gấp đôi');
  excel.type(SHEET, 'N1', 'Của tôi');
  for (let r = 2; r <= rows + 1; r++) {
    excel.setFormula(SHEET, `M${r}`, `=G${r}*2`);
    excel.type(SHEET, `N${r}`, `ghi chú ${r}`);
  }
}

for (const apiVersion of ['1.12', '1.13']) {
  describe(`refresh in place, ExcelApi ${apiVersion} (${apiVersion === '1.12' ? 'rows added' : 'Table.resize'})`, () => {
    let excel: Driver;
    beforeEach(() => {
      excel = installStandIn({ apiVersion });
    });
    afterEach(() => excel.uninstall());

    // Old add-in: deleted the table and cleared the sheet (M and N gone) and named the new table
    // ChiTieu_<random>, so the pivot lost its source and its refresh failed with #REF!.
    it("keeps the user's formula and value columns, the table's name and the pivot's source; the pivot shows the fresh figures", async () => {
      const first = await pullInto({ sheetId: null }, figures(3));
      addUserColumns(excel, 6);
      expect(await pivotOver(first)).toMatchObject({ ok: true });
      expect(excel.pivot('ChiTieu_SoSanh')!.shown.rows[0]).toEqual({ label: '001', values: [10, 11] });

      const again = await pullInto({ sheetId: first.sheetId, tableName: first.tableName }, figures(4, 100));

      expect(again.tableName).toBe(first.tableName);
      expect(excel.tables(SHEET)).toEqual([{ name: first.tableName, sheet: SHEET, address: 'A1:N9' }]);
      expect(excel.cell(SHEET, 'G2').value).toBe(110);
      expect(excel.cell(SHEET, 'M2')).toMatchObject({ formula: '=G2*2', value: 220 });
      expect(excel.cell(SHEET, 'M7')).toMatchObject({ formula: '=G7*2', value: 2 * 131 });
      expect(excel.cell(SHEET, 'N7').value).toBe('ghi chú 7');
      const pivot = excel.pivot('ChiTieu_SoSanh')!;
      expect(pivot.source).toBe(first.tableName);
      expect(pivot.shown.rows.map((r) => r.label)).toEqual(['001', '002', '003', '004']);
      expect(pivot.shown.rows[3]).toEqual({ label: '004', values: [140, 141] });
    });

    it('a refresh with fewer rows empties only the add-in cells of the rows it lost', async () => {
      const first = await pullInto({ sheetId: null }, figures(3));
      addUserColumns(excel, 6);
      await pivotOver(first);
      const second = await pullInto({ sheetId: first.sheetId, tableName: first.tableName }, figures(2, 100));

      const grid = excel.grid(SHEET);
      expect(grid[5]!.slice(0, 12)).toEqual(Array(12).fill(''));
      expect(grid[5]![13]).toBe('ghi chú 6');
      expect(excel.cell(SHEET, 'M5').formula).toBe('=G5*2');
      expect((await readEntries(second)).read).toMatchObject({ ok: true, entries: { length: 4 } });
      expect(
        excel
          .pivot('ChiTieu_SoSanh')!
          .shown.rows.filter((r) => r.label !== '')
          .map((r) => r.label),
      ).toEqual(['001', '002']);
    });

    it('a sheet pulled before table names were kept: its table is found on the sheet and keeps its name', async () => {
      const old = await writeGrid({
        sheetName: SHEET,
        layout: 'long',
        tableName: 'ChiTieu_mi4x2k7a',
        grid: renderLongGrid(longTableFromObservations(figures(2))),
      });
      const refreshed = await pullInto({ sheetId: old.sheetId }, figures(3));
      expect(refreshed.tableName).toBe('ChiTieu_mi4x2k7a');
      expect(refreshed.binding.tableName).toBe('ChiTieu_mi4x2k7a');
      expect(excel.tables(SHEET)).toEqual([{ name: 'ChiTieu_mi4x2k7a', sheet: SHEET, address: 'A1:L7' }]);
    });

    // The stand-in's pivot shows its cache: without the add-in's refresh it would show old figures.
    it('the pivot keeps showing the old figures until the add-in refreshes it', async () => {
      const first = await pullInto({ sheetId: null }, figures(2));
      await pivotOver(first);
      await writeGrid({
        sheetId: first.sheetId,
        sheetName: SHEET,
        layout: 'long',
        tableName: first.tableName,
        grid: renderLongGrid(longTableFromObservations(figures(2, 100))),
        textColumns: [0, 2, 5],
      });
      expect(excel.pivot('ChiTieu_SoSanh')!.shown.rows[0]).toEqual({ label: '001', values: [10, 11] });
      expect(await refreshPivotsOver(first.sheetId, first.tableName)).toBe(1);
      expect(excel.pivot('ChiTieu_SoSanh')!.shown.rows[0]).toEqual({ label: '001', values: [110, 111] });
    });

    // Old add-in: assumed the header at A1, so with a title row the sheet "lacked" every column
    // (SheetShapeError), and a refresh overwrote the title with the header.
    it('title rows inserted above the header: refresh, preview and push still work and marks land on the typed cells', async () => {
      const first = await pullInto({ sheetId: null }, figures(3));
      excel.insertRows(SHEET, 0, 2);
      excel.type(SHEET, 'A1', 'BÁO CÁO CHỈ TIÊU HÀ NỘI');
      const again = await pullInto({ sheetId: first.sheetId, tableName: first.tableName }, figures(3, 1));
      expect(excel.cell(SHEET, 'A1').value).toBe('BÁO CÁO CHỈ TIÊU HÀ NỘI');
      expect(excel.cell(SHEET, 'A3').value).toBe(LONG_HEADERS.unitCode);
      expect(excel.cell(SHEET, 'G4').value).toBe(11);
      expect(excel.tables(SHEET)).toEqual([{ name: first.tableName, sheet: SHEET, address: 'A3:L9' }]);

      const server = new FakeServer(figures(3, 1));
      server.decimals.set('01', 1);
      const client = {
        endpoint: PULL.serverUrl,
        request: async (_q: string, vars: { input: Parameters<FakeServer['push']>[0] }) => ({
          pushObservations: server.push(vars.input),
        }),
      } as unknown as GraphQLClient;
      excel.type(SHEET, 'G5', 12.34);
      excel.type(SHEET, 'G6', 'mười');
      const preview = await review(client, again, { dryRun: true, atomic: false });
      expect(preview.items.map((i) => [i.state, i.at])).toEqual(
        expect.arrayContaining([
          ['WILL_UPDATE', { row: 4, col: 6 }],
          ['LOCAL_PROBLEM', { row: 5, col: 6 }],
        ]),
      );
      expect(excel.cell(SHEET, 'G5').fill).toBe(MARK_COLORS.WILL_UPDATE);
      expect(excel.cell(SHEET, 'G6').fill).toBe(MARK_COLORS.LOCAL_PROBLEM);
      expect(excel.cell(SHEET, 'G3').fill).toBeNull();

      await review(client, again, { dryRun: false, atomic: false });
      // The server keeps one decimal: its rounding is written back into the typed cell.
      expect(excel.cell(SHEET, 'G5').value).toBe(12.3);
      expect(excel.cell(SHEET, 'G5').fill).toBe(MARK_COLORS.UPDATED);
      expect(excel.cell(SHEET, 'A1').value).toBe('BÁO CÁO CHỈ TIÊU HÀ NỘI');
    });
  });
}

describe('refreshing a term sheet in place', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.13' });
  });
  afterEach(() => excel.uninstall());

  const term = {
    id: 'VGVybTox',
    unitCode: '392',
    unitName: 'Huyện Hà Trung',
    startYear: 2021,
    endYear: 2023,
    title: 'XXII',
  };
  const source = (bump: number) => ({
    term,
    targets: [
      {
        indicator: { code: '01', name: 'Tốc độ tăng', unit: '%', decimals: 1 },
        period: '2023',
        value: 8,
        comparator: 'AT_LEAST' as const,
      },
    ],
    observations: [obs('392', '01', '2021', 7 + bump, 1), obs('392', '01', '2022', 7.5 + bump, 1)],
    progress: [{ indicatorCode: '01', ratio: 0.9 + bump / 100, band: 'ABOVE_80' as const }],
  });
  const pullTerm = (target: { sheetId: string | null; tableName?: string }, bump: number) => {
    const table = termTableFrom(source(bump));
    const binding = { layout: 'term' as const, scopeKey: 'term:VGVybTox', serverUrl: PULL.serverUrl };
    return writeTable({ ...target, sheetName: 'Hà Trung XXII' }, table, binding, baselineFromTable(table, PULL));
  };

  // Old add-in: the title row became the header's row (everything shifted up to A1), the user's
  // column was cleared, and the table got a new name.
  it("keeps a title row, the user's column and the table; years, ratio and band refreshed in their cells", async () => {
    const first = await pullTerm({ sheetId: null }, 0);
    excel.insertRows('Hà Trung XXII', 0, 1);
    excel.type('Hà Trung XXII', 'A1', 'Chỉ tiêu nhiệm kỳ XXII');
    excel.type('Hà Trung XXII', 'K2', 'Của tôi');
    excel.type('Hà Trung XXII', 'K3', 'kiểm tra lại');
    await pullTerm({ sheetId: first.sheetId, tableName: first.tableName }, 1);
    expect(excel.cell('Hà Trung XXII', 'A1').value).toBe('Chỉ tiêu nhiệm kỳ XXII');
    expect(excel.cell('Hà Trung XXII', 'A2').value).toBe(TERM_HEADERS.code);
    expect(excel.cell('Hà Trung XXII', 'F3').value).toBe(8);
    expect(excel.cell('Hà Trung XXII', 'I3')).toMatchObject({ value: 0.91, format: '0.0%' });
    expect(excel.cell('Hà Trung XXII', 'K3').value).toBe('kiểm tra lại');
    expect(excel.tables('Hà Trung XXII')).toEqual([
      { name: first.tableName, sheet: 'Hà Trung XXII', address: 'A2:K3' },
    ]);
  });
});

describe('a 6 MB write on Excel on the web', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ platform: 'OfficeOnline' });
  });
  afterEach(() => excel.uninstall());

  // Old add-in: counted a quote or a newline as one byte where JSON sends two, so a chunk it
  // estimated at 3 MB went out at nearly 6 MB and Excel on the web refused it.
  it('goes in requests under 5 MB, counting escapes, formats and addresses; a refresh of it too', async () => {
    const quoted = '"'.repeat(600) + '\n'.repeat(400);
    const observations = figures(800).map((o) => ({ ...o, source: quoted, note: quoted }));
    const grid = renderLongGrid(longTableFromObservations(observations));
    expect(Buffer.byteLength(JSON.stringify(grid))).toBeGreaterThan(6_000_000);
    const first = await writeGrid({ sheetName: SHEET, layout: 'long', tableName: null, grid, textColumns: [0, 2, 5] });
    expect(first.chunks).toBeGreaterThan(1);
    const refreshed = await writeGrid({
      sheetId: first.sheetId,
      sheetName: SHEET,
      layout: 'long',
      tableName: first.tableName,
      grid,
      textColumns: [0, 2, 5],
    });
    expect(refreshed.tableName).toBe(first.tableName);
    for (const s of excel.state.syncLog) expect(s.bytes).toBeLessThan(5_000_000);
    expect(excel.cell(SHEET, 'J1601').value).toBe(quoted);
  });

  // Old add-in: read 110,000 cells per sync whatever their size, so this sheet's answer (6.5 MB of
  // values and formats) was refused and no preview or push could read it.
  it('reads back in answers under 5 MB: spans sized by the bytes the previous answer took', async () => {
    const quoted = '"'.repeat(600) + '\n'.repeat(400);
    const observations = figures(800).map((o) => ({ ...o, source: quoted, note: quoted }));
    const grid = renderLongGrid(longTableFromObservations(observations));
    const written = await writeGrid({
      sheetName: SHEET,
      layout: 'long',
      tableName: null,
      grid,
      textColumns: [0, 2, 5],
    });
    excel.resetCounters();
    const read = await readGrid(written.sheetId);
    expect(read.grid).toHaveLength(1601);
    expect(read.grid[1600]![9]).toBe(quoted);
    const answered = excel.state.syncLog.filter((s) => !s.error);
    for (const s of answered) expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    // At most the first guess is refused; the spans after it are sized from what came back.
    expect(excel.state.syncLog.filter((s) => s.error)).toHaveLength(1);
    expect(answered.length).toBeLessThanOrEqual(5);
  });
});
