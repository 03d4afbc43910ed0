/**
 * The provincial office's comparison, through the add-in's workflow on the strict Excel stand-in
 * against the real server: the demo data plus the other districts' growth and Hà Trung's targets
 * (test/helpers/comparison-data.ts). The comparison sheet says "12/26" with Hà Trung's band and
 * target; the scorecard sheet counts every unit's targets as Term.scorecard does; the pivot shows
 * value and rank with indicator and period type as filters; the charts draw the ranking and each
 * term's progress in band colours; a push re-reads it all; communes after the reform too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GraphQLClient } from '../../../addin/src/api';
import { buildComparison, refreshComparisons, type CompareRequest } from '../../../addin/src/workflow/compare';
import {
  BAND_COLOURS,
  BAND_CODE_FORMAT,
  BAND_FILLS,
  BAND_LABELS,
  COMPARISON_HEADERS,
  SCORECARD_HEADERS,
} from '../../../addin/src/workflow/comparison-view';
import { installStandIn, type Driver } from '../../stand-in';
import { push } from '../../helpers/analytics-data';
import { seedCommunes, seedDistricts } from '../../helpers/comparison-data';
import { describeEachDb } from '../../helpers/databases';
import { ADMIN, ok, startTestServer, type TestServer } from '../../helpers/server';

const THANH_HOA: CompareRequest = {
  provinceCode: '38',
  provinceName: 'Thanh Hóa',
  indicatorCodes: [],
  fromYear: 2020,
  toYear: 2025,
};
const SHEET = 'Xếp hạng Thanh Hóa';
const col = (h: (typeof COMPARISON_HEADERS)[number]) => COMPARISON_HEADERS.indexOf(h);

describeEachDb('compare: targets, bands and ranks of a province on the stand-in', (db) => {
  let t: TestServer;
  let excel: Driver;
  let client: GraphQLClient;
  let communes: string[];
  beforeAll(async () => {
    t = await startTestServer(db);
    await seedDistricts(t);
    communes = await seedCommunes(t);
    client = new GraphQLClient({ serverUrl: t.url, token: ADMIN });
    excel = installStandIn({ locale: 'vi-VN', apiVersion: '1.16' });
  });
  afterAll(async () => {
    excel?.uninstall();
    await t?.stop();
  });

  /** The sheet's table only (the memo and the chart blocks lie to its right). */
  const table = (sheet: string, width: number = COMPARISON_HEADERS.length) =>
    excel
      .grid(sheet)
      .map((r) => r.slice(0, width))
      .filter((r) => r.some((v) => v !== ''));
  const row = (grid: (string | number | boolean)[][], unit: string, indicator: string, period: string) =>
    grid.find((r) => r[0] === unit && r[col('Mã chỉ tiêu')] === indicator && r[col('Kỳ')] === period)!;

  it('Hà Trung: 12th of 26 with its band and target, coloured; the sheet refuses typing', async () => {
    const out = await buildComparison(client, THANH_HOA);
    expect(out.levels).toEqual(['DISTRICT']);
    const grid = table(SHEET);
    expect(grid[0]).toEqual([...COMPARISON_HEADERS]);
    const expected = ok(
      await t.gql('{ provinceComparison(provinceCode: "38", fromYear: 2020, toYear: 2025) { totalCount } }'),
    ).provinceComparison.totalCount;
    expect(grid.length - 1).toBe(expected);
    const haTrung = row(grid, '392', 'TD_TANG_GTSX', '2021..2023');
    expect(haTrung[col('Đơn vị')]).toBe('Hà Trung');
    expect(haTrung[col('Loại kỳ')]).toBe('Giai đoạn');
    expect(haTrung[col('Giá trị')]).toBe(7.34);
    expect(haTrung[col('Mục tiêu')]).toBe(8);
    expect(haTrung[col('Kỳ mục tiêu')]).toBe('2021..2025');
    expect(haTrung[col('Tỷ lệ')]).toBeCloseTo(7.34 / 8, 12);
    expect(haTrung[col('Mức')]).toBe(BAND_LABELS.ABOVE_80);
    expect(haTrung[col('Hạng')]).toBe(12);
    expect(haTrung[col('Số đơn vị xếp hạng')]).toBe(26);
    expect(haTrung[col('Thứ hạng')]).toBe('12/26');
    // The band cell shows its colour (a conditional format), the ratio as a percent.
    const at = grid.indexOf(haTrung) + 1;
    const band = excel.cell(SHEET, `${String.fromCharCode(65 + col('Mức'))}${at}`);
    expect(band.conditionalFill).toBe(BAND_FILLS.ABOVE_80);
    expect(excel.cell(SHEET, `${String.fromCharCode(65 + col('Tỷ lệ'))}${at}`).text).toBe('91,8%');
    const met = grid.findIndex((r) => r[col('Mức')] === BAND_LABELS.MET) + 1;
    expect(excel.cell(SHEET, `${String.fromCharCode(65 + col('Mức'))}${met}`).conditionalFill).toBe(BAND_FILLS.MET);
    // Codes stay text; the sheet is protected: Excel itself refuses typing.
    expect(typeof grid[1]![0]).toBe('string');
    const info = excel.sheets().find((s) => s.name === SHEET)!;
    expect(info.protected).toBe(true);
    expect(() => excel.type(SHEET, `J${at}`, 9)).toThrow(/protected/);
  });

  it('the pivot: units down, periods across, value and rank side by side, indicator and period type as filters', () => {
    const p = excel.pivot('ChiTieu_SoSanh')!;
    expect(p.sheet).toBe('Pivot Thanh Hóa');
    expect(p.source).toBe(excel.sheets().find((s) => s.name === SHEET)!.tables[0]!.name);
    expect(p.rows).toEqual(['Đơn vị']);
    expect(p.columns).toEqual(['Kỳ']);
    expect(p.data.map((d) => d.field)).toEqual(['Giá trị', 'Hạng']);
    expect(p.filters).toEqual(['Chỉ tiêu', 'Loại kỳ', 'Cấp']);
    expect(p.shownAll.filters).toEqual([
      { field: 'Chỉ tiêu', selected: ['Tốc độ tăng tổng giá trị sản xuất'] },
      { field: 'Loại kỳ', selected: ['Giai đoạn'] },
      { field: 'Cấp', selected: ['Huyện'] },
    ]);
    const c = p.shownAll.columns.indexOf('2021..2023');
    const haTrung = p.shownAll.rows.find((r) => r.label === 'Hà Trung')!;
    expect([haTrung.byField[0]![c], haTrung.byField[1]![c]]).toEqual([7.34, 12]);
    expect(p.shownAll.rows).toHaveLength(26);
  });

  it('the band pivot: each unit × period in its band colour, "Đạt" or "Chưa đạt", as the comparison says', () => {
    const p = excel.pivot('ChiTieu_MucDat')!;
    expect(p.sheet).toBe('Mức đạt Thanh Hóa');
    expect(p.data).toEqual([{ field: 'Mã mức', summarizeBy: 'Max', numberFormat: BAND_CODE_FORMAT }]);
    expect(p.shownAll.filters).toEqual(excel.pivot('ChiTieu_SoSanh')!.shownAll.filters);
    // No grand totals in either pivot (they would add up growth rates and ranks).
    for (const name of ['ChiTieu_SoSanh', 'ChiTieu_MucDat'])
      expect(excel.pivot(name)!.cells.filter((c) => c.kind === 'total')).toEqual([]);
    const grid = table(SHEET);
    const data = p.cells.filter((c) => c.kind === 'data');
    expect(new Set(data.map((c) => c.item!.row)).size).toBe(26);
    // Every cell the pivot shows has the band of its comparison row, as label and colour.
    let compared = 0;
    for (const c of data) {
      const r = grid.find(
        (x) =>
          x[col('Đơn vị')] === c.item!.row &&
          x[col('Kỳ')] === c.item!.column &&
          x[col('Chỉ tiêu')] === 'Tốc độ tăng tổng giá trị sản xuất',
      );
      const band = (Object.keys(BAND_LABELS) as (keyof typeof BAND_LABELS)[]).find(
        (b) => r && BAND_LABELS[b] === r[col('Mức')],
      );
      if (!band || band === 'NO_DATA') {
        expect([c.text, c.fill], `${c.item!.row} ${c.item!.column}`).toEqual(['', null]);
        continue;
      }
      compared++;
      expect([c.text, c.fill], `${c.item!.row} ${c.item!.column}`).toEqual([
        band === 'MET' ? 'Đạt' : 'Chưa đạt',
        BAND_FILLS[band],
      ]);
    }
    // As many coloured cells as comparison rows of the indicator and period type with a band.
    const banded = grid.filter(
      (x) =>
        x[col('Chỉ tiêu')] === 'Tốc độ tăng tổng giá trị sản xuất' &&
        x[col('Loại kỳ')] === 'Giai đoạn' &&
        x[col('Mức')] !== '' &&
        x[col('Mức')] !== BAND_LABELS.NO_DATA,
    ).length;
    expect(compared).toBe(banded);
    // Every band is there (the districts' 8 % growth target: 12 % met … -2,5 % below half).
    expect(new Set(data.map((c) => c.fill).filter(Boolean))).toEqual(
      new Set([BAND_FILLS.MET, BAND_FILLS.ABOVE_80, BAND_FILLS.FROM_50_TO_80, BAND_FILLS.BELOW_50]),
    );
    const haTrung = data.find((c) => c.item!.row === 'Hà Trung' && c.item!.column === '2021..2023')!;
    expect([haTrung.value, haTrung.text, haTrung.fill]).toEqual([3, 'Chưa đạt', BAND_FILLS.ABOVE_80]);
  });

  it('the band counts match Term.scorecard for every unit with targets, best met share first', async () => {
    const grid = table('Kết quả Thanh Hóa', SCORECARD_HEADERS.length);
    expect(grid[0]).toEqual([...SCORECARD_HEADERS]);
    const { adminUnits } = ok(
      await t.gql(
        '{ adminUnits(provinceCode: "38", level: DISTRICT, first: 1000) { code terms { startYear endYear scorecard { met above80 from50To80 below50 noData total metShare } } } }',
      ),
    );
    const expected = adminUnits.flatMap((d: any) =>
      d.terms
        .filter((x: any) => x.scorecard.total > 0)
        .map((x: any) => {
          const s = x.scorecard;
          return [
            d.code,
            `${x.startYear}–${x.endYear}`,
            s.met,
            s.above80,
            s.from50To80,
            s.below50,
            s.noData,
            s.total,
            s.metShare,
          ];
        }),
    );
    expect(expected.length).toBeGreaterThanOrEqual(2); // Hà Trung (this test's targets) and Cẩm Thủy (demo)
    const shown = grid.slice(1).map((r) => [r[0], ...r.slice(3)]);
    expect(shown).toEqual(expect.arrayContaining(expected));
    expect(shown).toHaveLength(expected.length);
    expect(
      grid
        .slice(1)
        .find((r) => r[0] === '392')!
        .slice(4),
    ).toEqual([1, 2, 0, 0, 1, 4, 0.25]);
    const shares = grid.slice(1).map((r) => r[10] as number);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
  });

  it('the ranking chart: 26 bars best first, Hà Trung 12th in its band colour; a progress chart per term', () => {
    const [ranking, ...rest] = excel.charts(SHEET);
    expect(rest).toEqual([]);
    expect(ranking!.type).toBe('ColumnClustered');
    expect(ranking!.title).toBe('Xếp hạng: Tốc độ tăng tổng giá trị sản xuất (2021..2023)');
    const s = ranking!.series[0]!;
    expect(s.values).toHaveLength(26);
    expect(s.categories[11]).toBe('Hà Trung');
    expect(s.values[11]).toBe(7.34);
    expect(s.fills[11]).toBe(BAND_COLOURS.ABOVE_80);
    expect(s.values[0]).toBe(12);
    const progress = excel.charts('Kết quả Thanh Hóa');
    expect(progress.map((c) => c.title)).toEqual(
      expect.arrayContaining(['Tiến độ: Hà Trung 2020–2025', 'Tiến độ: Cẩm Thủy 2020–2025']),
    );
    const ha = progress.find((c) => c.title === 'Tiến độ: Hà Trung 2020–2025')!.series[0]!;
    expect(ha.values).toHaveLength(4);
    expect(ha.fills).toEqual([BAND_COLOURS.ABOVE_80, BAND_COLOURS.ABOVE_80, BAND_COLOURS.MET, BAND_COLOURS.NO_DATA]);
  });

  it('after a push the comparison sheets are read again: ranks move, same table, same pivot source', async () => {
    const tableName = excel.sheets().find((s) => s.name === SHEET)!.tables[0]!.name;
    const { observations } = ok(
      await t.gql(
        '{ observations(filter: { unitCodes: ["395"], indicatorCodes: ["TD_TANG_GTSX"] }) { nodes { version } } }',
      ),
    );
    await push(t, [
      {
        unitCode: '395',
        indicatorCode: 'TD_TANG_GTSX',
        period: '2021..2023',
        value: 7.2,
        status: 'ESTIMATED',
        baseVersion: observations.nodes[0].version,
      },
    ]);
    const redone = await refreshComparisons(client);
    expect(redone.map((o) => o.comparison.sheetName)).toEqual([SHEET]);
    const grid = table(SHEET);
    expect(row(grid, '392', 'TD_TANG_GTSX', '2021..2023')[col('Thứ hạng')]).toBe('12/26');
    expect(row(grid, '395', 'TD_TANG_GTSX', '2021..2023')[col('Thứ hạng')]).toBe('13/26');
    expect(excel.sheets().find((s) => s.name === SHEET)!.tables[0]!.name).toBe(tableName);
    expect(excel.pivot('ChiTieu_SoSanh')!.source).toBe(tableName);
    expect(excel.charts(SHEET)).toHaveLength(1);
    expect(excel.sheets().find((s) => s.name === SHEET)!.protected).toBe(true);
  });

  it('an older Excel (ExcelApi 1.5): no pivot, no new colours, the table made anew under its name', async () => {
    const before = excel.sheets().find((s) => s.name === SHEET)!.tables[0]!.name;
    excel.setApiVersion('1.5');
    try {
      const out = await buildComparison(client, THANH_HOA);
      expect(out.pivot).toEqual({ ok: false, reason: 'UNSUPPORTED' });
      expect(out.comparison.coloured).toBe(false);
      expect(out.comparison.tableName).toBe(before);
      expect(excel.sheets().find((s) => s.name === SHEET)!.tables).toEqual([
        { name: before, address: expect.stringMatching(/^A1:S\d+$/) },
      ]);
      expect(row(table(SHEET), '392', 'TD_TANG_GTSX', '2021..2023')[col('Thứ hạng')]).toBe('12/26');
      expect(excel.charts(SHEET)).toHaveLength(1);
    } finally {
      excel.setApiVersion('1.16');
    }
  });

  it('communes after the reform: ranked among communes, their term counted, their own sheets', async () => {
    const req: CompareRequest = { ...THANH_HOA, fromYear: 2026, toYear: 2026, boundaries: 'CURRENT' };
    const out = await buildComparison(client, req);
    expect(out.levels).toEqual(['COMMUNE']);
    const grid = table('Xếp hạng Thanh Hóa (nay)');
    const first = row(grid, communes[0]!, 'THU_NHAP_BQ', '2026');
    expect(first[col('Cấp')]).toBe('Xã');
    expect(first[col('Thứ hạng')]).toBe('1/5');
    expect(first[col('Mục tiêu')]).toBe(100);
    expect(first[col('Mức')]).toBe(BAND_LABELS.ABOVE_80); // 80 of 100
    expect(row(grid, communes[4]!, 'THU_NHAP_BQ', '2026')[col('Thứ hạng')]).toBe('5/5');
    const card = table('Kết quả Thanh Hóa (nay)', SCORECARD_HEADERS.length);
    const { terms } = ok(
      await t.gql(
        'query($u: String!) { terms(unitCode: $u) { scorecard { met above80 from50To80 below50 noData total metShare } } }',
        {
          u: communes[0],
        },
      ),
    );
    const s = terms[0].scorecard;
    expect(card.slice(1)).toEqual([
      [
        communes[0],
        expect.any(String),
        'Xã',
        '2025–2030',
        s.met,
        s.above80,
        s.from50To80,
        s.below50,
        s.noData,
        s.total,
        s.metShare,
      ],
    ]);
    expect(excel.pivot('ChiTieu_SoSanh')).not.toBeNull();
    expect(excel.sheets().find((x) => x.name === 'Pivot Thanh Hóa (nay)')!.pivots).toHaveLength(1);
    // Years on both sides of 1 July 2025: districts and communes together, each ranked among its own level.
    const both = await buildComparison(client, { ...THANH_HOA, fromYear: 2021, toYear: 2026 });
    expect(both.levels).toEqual(['COMMUNE', 'DISTRICT']);
    const mixed = table(SHEET);
    expect(row(mixed, '392', 'TD_TANG_GTSX', '2021..2023')[col('Thứ hạng')]).toBe('12/26');
    expect(row(mixed, communes[0]!, 'THU_NHAP_BQ', '2026')[col('Thứ hạng')]).toBe('1/5');
    const mixedCard = table('Kết quả Thanh Hóa', SCORECARD_HEADERS.length);
    expect(mixedCard.slice(1).map((r) => [r[0], r[2]])).toEqual(
      expect.arrayContaining([
        ['392', 'Huyện'],
        ['390', 'Huyện'],
        [communes[0], 'Xã'],
      ]),
    );
    // Both comparisons are remembered: a refresh re-reads both.
    const again = await refreshComparisons(client);
    expect(again.map((o) => o.comparison.sheetName).sort()).toEqual([SHEET, 'Xếp hạng Thanh Hóa (nay)']);
  });
});
