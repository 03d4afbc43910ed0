/**
 * The provincial analyst in Chromium: the whole province pulled as a long table (codes as text,
 * one row per district × indicator × period), then a PivotTable comparing districts, built
 * through the adapter on the Excel stand-in in the page; also the statistician's long layout for one district.
 */
import { beforeAll, expect, it } from 'vitest';
import { LONG_HEADERS } from '../../addin/src/sync';
import { BAND_COLOURS, BAND_FILLS, BAND_LABELS, COMPARISON_HEADERS } from '../../addin/src/workflow/comparison-view';
import { seedDistricts } from '../helpers/comparison-data';
import { seedGrid } from '../helpers/fixtures';
import { ADMIN, ok, type TestServer } from '../helpers/server';
import { describeTaskpane, screenshotDir } from './browser';
import { Pane } from './pane';

describeTaskpane('add-in e2e: long table and province comparison', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  const shots = screenshotDir(e2e.db);
  beforeAll(async () => {
    s = await e2e.server();
    // Every district of Thanh Hóa reporting three indicators for three years, beside the demo data.
    await seedGrid(s.server.ds, { provinceCode: '38', indicators: 3, years: [2021, 2022, 2023] });
    // The other districts' average growth 2021–2023 and Hà Trung's targets: "đứng thứ 12 toàn tỉnh".
    await seedDistricts(s);
    pane = await e2e.pane(s);
    await pane.connect(ADMIN);
  });

  it('pulls Thanh Hóa as a long table and builds a PivotTable with districts on rows', async () => {
    const expected = ok(await s.gql('{ observations(filter: { provinceCode: "38" }, first: 1) { totalCount } }'))
      .observations.totalCount;
    expect(expected).toBeGreaterThan(0);
    await pane.pickUnit('province-search', 'thanh hoa', 'Thanh Hóa');
    await pane.act('compare');
    await pane.byId('notice-success').waitFor();
    await pane.expectAccessible('compare');
    const sheets = await pane.sheets();
    const data = sheets.find((x) => x.name === 'So sánh Thanh Hóa')!;
    expect(data.tables).toHaveLength(1);
    const grid = await pane.grid(data.name);
    expect(grid[0]).toEqual(Object.values(LONG_HEADERS));
    expect(grid.length - 1).toBe(expected);
    for (const row of grid.slice(1)) expect(typeof row[0]).toBe('string'); // district codes stay text
    expect(grid.slice(1).map((r) => r[1])).toContain('Huyện Hà Trung');
    // The comparison: read-only, from provinceComparison, with target, band and rank.
    const cmp = sheets.find((x) => x.name === 'Xếp hạng Thanh Hóa')!;
    expect(cmp.protected).toBe(true);
    const cgrid = await pane.grid(cmp.name);
    expect(cgrid[0]!.slice(0, COMPARISON_HEADERS.length)).toEqual([...COMPARISON_HEADERS]);
    const at = (h: (typeof COMPARISON_HEADERS)[number]) => COMPARISON_HEADERS.indexOf(h);
    const haTrungRow = cgrid.findIndex(
      (r) => r[0] === '392' && r[at('Mã chỉ tiêu')] === 'TD_TANG_GTSX' && r[at('Kỳ')] === '2021..2023',
    );
    const haTrung = cgrid[haTrungRow]!;
    expect([haTrung[at('Mục tiêu')], haTrung[at('Mức')], haTrung[at('Thứ hạng')]]).toEqual([
      8,
      BAND_LABELS.ABOVE_80,
      '12/26',
    ]);
    const bandCell = `${String.fromCharCode(65 + at('Mức'))}${haTrungRow + 1}`;
    const shownBand = await pane.page.evaluate(([n, a]) => (window as any).__excel.cell(n, a), [cmp.name, bandCell]);
    expect(shownBand.conditionalFill).toBe(BAND_FILLS.ABOVE_80);
    const pivotSheet = sheets.find((x) => x.name === 'Pivot Thanh Hóa')!;
    expect(pivotSheet.pivots).toEqual([
      expect.objectContaining({
        source: cmp.tables[0]!.name,
        rows: ['Đơn vị'],
        columns: ['Kỳ'],
        data: [
          { field: 'Giá trị', summarizeBy: 'Sum' },
          { field: 'Hạng', summarizeBy: 'Sum' },
        ],
        filters: ['Chỉ tiêu', 'Loại kỳ', 'Cấp'],
      }),
    ]);
    // The indicator × period measured against targets, most districts ranked, is preselected
    // (summing indicators means nothing).
    expect(pivotSheet.pivots[0].appliedFilters).toEqual([
      { field: 'Chỉ tiêu', filter: { manualFilter: { selectedItems: ['Tốc độ tăng tổng giá trị sản xuất'] } } },
      { field: 'Loại kỳ', filter: { manualFilter: { selectedItems: ['Giai đoạn'] } } },
      { field: 'Cấp', filter: { manualFilter: { selectedItems: ['Huyện'] } } },
    ]);
    await pane.shot(shots, '7-pivot');
    // The band pivot: the same units × periods and filters, each cell in its band's colour.
    const bands = (await pane.page.evaluate(() => (window as any).__excel.pivot('ChiTieu_MucDat'))) as any;
    expect(bands.sheet).toBe('Mức đạt Thanh Hóa');
    expect(bands.appliedFilters).toEqual(pivotSheet.pivots[0].appliedFilters);
    const haTrungBand = bands.cells.find(
      (c: any) => c.kind === 'data' && c.item.row === 'Hà Trung' && c.item.column === '2021..2023',
    );
    expect([haTrungBand.text, haTrungBand.fill]).toEqual(['Chưa đạt', BAND_FILLS.ABOVE_80]);
    await pane.page.evaluate(() => (window as any).__excel.activate('Mức đạt Thanh Hóa'));
    await pane.shot(shots, '7b-bands');
    await pane.page.evaluate(() => (window as any).__excel.activate('So sánh Thanh Hóa'));
    await pane.shot(shots, '6-compare');
    // The comparison sheet scrolled to Hà Trung's row, its ranking chart above.
    const ranking = (await pane.page.evaluate((n) => (window as any).__excel.charts(n), cmp.name)) as any[];
    expect(ranking).toHaveLength(1);
    expect(ranking[0].series[0].values).toHaveLength(26);
    expect(ranking[0].series[0].fills[11]).toBe(BAND_COLOURS.ABOVE_80); // Hà Trung, 12th
    await pane.page.evaluate(
      ([n, a]) => {
        const x = (window as any).__excel;
        x.book.selection = { sheet: n, address: a };
        x.activate(n);
      },
      [cmp.name, `${String.fromCharCode(65 + at('Thứ hạng'))}${haTrungRow + 1}`],
    );
    await pane.shot(shots, '6b-comparison');
    // The scorecard: Hà Trung's targets by band, and its progress chart in band colours.
    const card = await pane.grid('Kết quả Thanh Hóa');
    expect(card.find((r) => r[0] === '392')!.slice(4, 11)).toEqual([1, 2, 0, 0, 1, 4, 0.25]);
    const progress = (await pane.page.evaluate(() => (window as any).__excel.charts('Kết quả Thanh Hóa'))) as any[];
    const ha = progress.find((c) => c.title === 'Tiến độ: Hà Trung 2020–2025');
    expect(ha.series[0].fills).toEqual([
      BAND_COLOURS.ABOVE_80,
      BAND_COLOURS.ABOVE_80,
      BAND_COLOURS.MET,
      BAND_COLOURS.NO_DATA,
    ]);
    await pane.page.evaluate(() => (window as any).__excel.activate('Kết quả Thanh Hóa'));
    await pane.shot(shots, '6c-scorecard');
    pane.expectNoPageErrors();
  });

  it('a push from the long table re-reads the comparison: Hà Trung at 8,1 % meets its target and is 9th', async () => {
    const long = 'So sánh Thanh Hóa';
    await pane.page.evaluate((n) => (window as any).__excel.activate(n), long);
    const grid = await pane.grid(long);
    const at = grid.findIndex((r) => r[0] === '392' && r[2] === 'TD_TANG_GTSX' && r[5] === '2021..2023') + 1;
    expect(at).toBeGreaterThan(1);
    await pane.type(long, `G${at}`, '8,1');
    await pane.act('push');
    // The pane says the comparison was re-read, beside the push's results.
    expect(await pane.byId('notice-info').innerText()).toContain('Xếp hạng Thanh Hóa');
    const cmp = await pane.grid('Xếp hạng Thanh Hóa');
    const i = (h: (typeof COMPARISON_HEADERS)[number]) => COMPARISON_HEADERS.indexOf(h);
    const haTrung = cmp.find((r) => r[0] === '392' && r[i('Mã chỉ tiêu')] === 'TD_TANG_GTSX')!;
    expect([haTrung[i('Giá trị')], haTrung[i('Mức')], haTrung[i('Thứ hạng')]]).toEqual([8.1, BAND_LABELS.MET, '9/26']);
    const card = await pane.grid('Kết quả Thanh Hóa');
    expect(card.find((r) => r[0] === '392')!.slice(4, 11)).toEqual([2, 1, 0, 0, 1, 4, 0.5]);
    pane.expectNoPageErrors();
  });

  // The old add-in deleted the table on refresh and wrote a new one under a new name: the pivot
  // lost its source and kept showing its cache.
  it('a refresh after someone else pushed: the same table, and the pivot over it shows the new figure', async () => {
    const sheet = 'So sánh Thanh Hóa';
    const pivot = () => pane.page.evaluate(() => (window as any).__excel.pivot('ChiTieu_SoSanh'));
    const tableOf = async () => (await pane.sheets()).find((x) => x.name === sheet)!.tables[0]!.name;
    const table = await tableOf();
    const grid = await pane.grid(sheet);
    // The pivot shows the preselected indicator and period type: Hà Trung's average growth 2021–2023.
    const row = grid.find((r) => r[0] === '392' && r[2] === 'TD_TANG_GTSX' && r[5] === '2021..2023')!;
    const shownFor = (p: any) => {
      const col = p.shown.columns.indexOf('2021..2023');
      return p.shown.rows.find((r: any) => r.label === 'Hà Trung').values[col];
    };
    expect(shownFor(await pivot())).toBe(row[6]);
    const fresh = Number(row[6]) + 1000;
    const version = ok(
      await s.gql(
        '{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["TD_TANG_GTSX"] }) { nodes { period version } } }',
      ),
    ).observations.nodes.find((n: any) => n.period === '2021..2023').version;
    const pushed = ok(
      await s.gql(
        `mutation { pushObservations(input: { rows: [{ unitCode: "392", indicatorCode: "TD_TANG_GTSX", period: "2021..2023",
          value: ${fresh}, baseVersion: ${version} }] }) { applied } }`,
      ),
    );
    expect(pushed.pushObservations.applied).toBe(true);
    await pane.page.evaluate((n) => (window as any).__excel.activate(n), sheet);
    await pane.act('refresh');
    expect(await tableOf()).toBe(table);
    // The refresh re-read the comparison sheet: the pivot over it shows the new figure.
    const comparisonTable = (await pane.sheets()).find((x) => x.name === 'Xếp hạng Thanh Hóa')!.tables[0]!.name;
    const after = await pivot();
    expect(after.source).toBe(comparisonTable);
    expect(shownFor(after)).toBe(fresh);
    // Compare again: the same sheets and tables, the pivot rebuilt over the comparison.
    await pane.act('compare');
    const again = (await pane.sheets()).find((x) => x.name === 'Pivot Thanh Hóa')!;
    expect(again.pivots).toEqual([expect.objectContaining({ source: comparisonTable })]);
    expect(await tableOf()).toBe(table);
    expect(shownFor(await pivot())).toBe(fresh);
    pane.expectNoPageErrors();
  });

  it('a district editor reviewing the province table: own rows update, other districts are forbidden, a bad value invalid', async () => {
    const sheet = 'So sánh Thanh Hóa';
    await pane.page.evaluate((n) => (window as any).__excel.activate(n), sheet);
    const token = ok(
      await s.gql(
        'mutation { createApiToken(input: { name: "Thống kê Hà Trung", role: DISTRICT_EDITOR, scopeCode: "392" }) { token } }',
      ),
    ).createApiToken.token;
    await pane.byId('connected-as').waitFor();
    await pane.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await pane.connect(token);
    const grid = await pane.grid(sheet);
    const row = (u: string, i: string, p: string) => grid.findIndex((r) => r[0] === u && r[2] === i && r[5] === p) + 1;
    const mine = row('392', 'THU_NHAP_BQ', '2023');
    const theirs = row('390', 'THU_NHAP_BQ', '2023');
    const ocop = row('392', 'SP_OCOP', '2023-H1');
    expect(Math.min(mine, theirs, ocop)).toBeGreaterThan(1);
    await pane.type(sheet, `G${mine}`, 53.5);
    await pane.type(sheet, `H${mine}`, 'Sơ bộ'); // the Vietnamese status label is understood
    await pane.type(sheet, `G${theirs}`, 51);
    await pane.type(sheet, `G${ocop}`, 17.5); // a count of products cannot be fractional
    // A new row typed under the table, the code and the year as Excel turns them into numbers.
    const next = grid.length + 1;
    for (const [col, v] of [
      ['A', '392'],
      ['C', 'THU_NHAP_BQ'],
      ['F', '2022'],
      ['G', 49],
    ] as const)
      await pane.type(sheet, `${col}${next}`, v);
    await pane.act('preview');
    expect(await pane.resultStates()).toEqual({
      [`G${mine}`]: 'WILL_UPDATE',
      [`G${theirs}`]: 'FORBIDDEN',
      [`G${ocop}`]: 'INVALID',
      [`G${next}`]: 'WILL_CREATE',
    });
    expect((await pane.cell(sheet, `G${theirs}`)).fill).toBe('#D9B3FF');
    expect(await pane.page.locator(`[data-testid=result-item][data-cell="G${ocop}"]`).innerText()).toContain(
      'số nguyên',
    );
    await pane.page.locator(`[data-testid=result-item][data-cell="G${theirs}"]`).click();
    await pane.expectAccessible('long-table preview');
    await pane.shot(shots, '8-long-review');
    pane.expectNoPageErrors();
  });

  it("compares merged Ninh Bình on today's boundaries: Ý Yên among its rows, a separate pivot", async () => {
    const expected = ok(
      await s.gql(
        '{ observations(filter: { provinceCode: "37", fromYear: 2020, toYear: 2025 }, boundaries: CURRENT, first: 1) { totalCount } }',
      ),
    ).observations.totalCount;
    const asReported = ok(
      await s.gql(
        '{ observations(filter: { provinceCode: "37", fromYear: 2020, toYear: 2025 }, first: 1) { totalCount } }',
      ),
    ).observations.totalCount;
    expect(expected).toBeGreaterThan(asReported); // Ý Yên (Nam Định) is not old Ninh Bình's
    await pane.pickUnit('province-search', 'ninh binh', 'Ninh Bình');
    await pane.byId('compare-boundaries-CURRENT').click();
    await pane.act('compare');
    await pane.byId('notice-success').waitFor();
    const sheets = await pane.sheets();
    const data = sheets.find((x) => x.name === 'So sánh Ninh Bình (nay)')!;
    const grid = await pane.grid(data.name);
    expect(grid.length - 1).toBe(expected);
    expect(grid.slice(1).map((r) => r[1])).toContain('Huyện Ý Yên');
    const pivot = sheets.find((x) => x.name === 'Pivot Ninh Bình (nay)')!;
    const cmp = sheets.find((x) => x.name === 'Xếp hạng Ninh Bình (nay)')!;
    expect(pivot.pivots).toEqual([expect.objectContaining({ source: cmp.tables[0]!.name })]);
    pane.expectNoPageErrors();
  });

  it('pulls one district as a long table: hidden version column, frozen header', async () => {
    await pane.pickUnit('unit-search', 'ha trung', 'Hà Trung', { before: true, level: 'DISTRICT' });
    await pane.byId('layout-long').click();
    await pane.act('pull');
    const sheet = (await pane.sheets()).find((x) => x.name === 'Dữ liệu Hà Trung')!;
    expect(sheet.hidden).toEqual([10, 11]);
    expect(sheet.frozen).toBe(1);
    const grid = await pane.grid(sheet.name);
    expect(grid.length).toBeGreaterThan(1);
    expect(grid.slice(1).every((r) => r[0] === '392')).toBe(true);
    expect(await pane.byId('sheet-status').innerText()).toContain('Dữ liệu Hà Trung');
    pane.expectNoPageErrors();
  });

  it('a long pull cancelled while it downloads: progress and Cancel stay in view, and nothing is written', async () => {
    await pane.byId('pull-from').fill('2021');
    await pane.byId('pull-to').fill('2021');
    const before = await pane.sheets();
    const download = await pane.hold('observationTable');
    await pane.byId('pull').scrollIntoViewIfNeeded();
    await pane.byId('pull').click();
    await download.held;
    const progress = pane.byId('progress');
    await pane.byId('cancel-job').waitFor();
    // Pinned at the top: in view although the Pull button, far down the pane, was clicked.
    const box = (await progress.boundingBox())!;
    const height = pane.page.viewportSize()!.height;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    expect(await pane.byId('announce-polite').innerText()).toBe('Bắt đầu tải về…');
    await pane.expectAccessible('pull in progress');
    await pane.byId('cancel-job').click();
    download.release();
    await pane.idle();
    expect(await pane.byId('notice-info').getByTestId('notice-text').innerText()).toBe(
      'Đã huỷ tải về: trang tính không thay đổi.',
    );
    expect(await pane.sheets()).toEqual(before);
    await pane.expectAccessible('pull cancelled');
    pane.expectNoPageErrors();
  });

  it('searches communes today and before 1 July 2025: one option per unit, with its parent and end date', async () => {
    // Today: no districts to choose from, and "ba dinh" finds the communes in force now.
    await pane.unitScope('unit-search', { before: false, level: 'COMMUNE' });
    expect(await pane.byId('unit-search-level-DISTRICT').isDisabled()).toBe(true);
    const today = await pane.unitOptions(
      'unit-search',
      'ba dinh',
      { before: false, level: 'COMMUNE' },
      'Phường Ba Đình — Thành phố Hà Nội',
    );
    // (Xã Ba Dinh, in Quảng Ngãi, is spelled so in the GSO catalogue and matches "ba dinh" too.)
    expect(today).toEqual([
      'Phường Ba Đình — Thành phố Hà Nội (00004)',
      'Xã Ba Đình — Tỉnh Thanh Hóa (16171)',
      'Xã Ba Dinh — Tỉnh Quảng Ngãi (21499)',
    ]);
    // Before the reform: 00004 was Phường Trúc Bạch; the wards named Ba Đình were in Thanh Hóa.
    const before = await pane.unitOptions(
      'unit-search',
      'ba dinh',
      { before: true, level: 'COMMUNE' },
      'Phường Ba Đình — Thành phố Thanh Hóa',
    );
    expect(before).toEqual([
      'Phường Ba Đình — Thành phố Thanh Hóa (14776) · đến 30/06/2025',
      'Phường Ba Đình — Thị xã Bỉm Sơn (14812) · đến 30/06/2025',
      'Xã Ba Đình — Huyện Nga Sơn (16096) · đến 30/06/2025',
      // the same code as today's Xã Ba Dinh, another unit (another id)
      'Xã Ba Dinh — Huyện Ba Tơ (21499) · đến 30/06/2025',
    ]);
    const old = ok(await s.gql('{ commune(code: "00004", on: "2025-01-01") { name } }')).commune;
    expect(old.name).toBe('Phường Trúc Bạch');
    // Districts come back with the switch on; Huyện Hà Trung is picked by its id.
    await pane.pickUnit('unit-search', 'ha trung', 'Huyện Hà Trung — Tỉnh Thanh Hóa', {
      before: true,
      level: 'DISTRICT',
    });
    expect(await pane.byId('unit-search').inputValue()).toBe('Huyện Hà Trung');
    pane.expectNoPageErrors();
  });
});
