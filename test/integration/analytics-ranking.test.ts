import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  REPORT_INDICATORS,
  createIndicators,
  createTerm,
  push,
  rowsFor,
  setTargets,
  type Row,
} from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * "Tốc độ tăng giá trị sản xuất bình quân giai đoạn 2021-2023 ước đạt 7,34%, đứng thứ 12 toàn tỉnh",
 * "Quy mô nền kinh tế năm 2023 gấp 1,41 lần năm 2020", "thu nhập … gấp 1,3 lần so với năm 2020",
 * and the province-wide comparison, from data pushed through the API.
 */

// Average growth 2021–2023 of Thanh Hóa's districts (27 then, Đông Sơn included); Sầm Sơn (382) has
// only a FORECAST, so 26 are ranked. Ties: 393 = 394 (10th), Hà Trung = 395 (12th), then 14th.
const GROWTH: [string, number][] = [
  ['380', 12],
  ['381', 11],
  ['384', 10.5],
  ['385', 10],
  ['386', 9.5],
  ['387', 9],
  ['388', 8.5],
  ['389', 8.2],
  ['391', 8],
  ['393', 7.5],
  ['394', 7.5],
  ['392', 7.34],
  ['395', 7.34],
  ['396', 7],
  ['397', 6.8],
  ['398', 6.5],
  ['399', 6.2],
  ['400', 6],
  ['390', 5.7],
  ['401', 5.5],
  ['402', 5],
  ['403', 4.5],
  ['404', 4],
  ['405', 3.5],
  ['406', -1],
  ['407', -2.5],
];
const POOR_2023: [string, number][] = [
  ['390', 4],
  ['392', 2.1],
  ['393', 4],
  ['394', 1.5],
  ['395', 6.2],
];

const RANKING =
  'query($i: String!, $p: String!) { ranking(provinceCode: "38", indicatorCode: $i, period: $p) { unit { code name } value rank of observation { period status } } }';

describeEachDb('analytics: ranking, change and comparison from pushed data', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    await createIndicators(t, REPORT_INDICATORS);
    const haTrung = await createTerm(t, { unitCode: '392', congressNumber: 22, startYear: 2020, endYear: 2025 });
    await setTargets(t, haTrung, [
      { indicatorCode: 'TD_TANG_GTSX', period: '2021..2025', value: 8, comparator: 'AT_LEAST' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 2, comparator: 'AT_MOST' },
    ]);
    const rows: Row[] = [
      ...GROWTH.map(([unitCode, value]): Row => ({
        unitCode,
        indicatorCode: 'TD_TANG_GTSX',
        period: '2021..2023',
        value,
        status: 'ESTIMATED',
      })),
      { unitCode: '382', indicatorCode: 'TD_TANG_GTSX', period: '2021..2023', value: 20, status: 'FORECAST' },
      ...POOR_2023.map(([unitCode, value]): Row => ({
        unitCode,
        indicatorCode: 'TY_LE_HO_NGHEO',
        period: '2023',
        value,
      })),
      ...rowsFor('392', [
        ['CHI_SO_QUY_MO_KT', '2020', 100],
        ['CHI_SO_QUY_MO_KT', '2023', 141, 'ESTIMATED'],
        ['THU_NHAP_BQ', '2020', 40.92],
        ['THU_NHAP_BQ', '2023', 53.2, 'ESTIMATED'],
        ['THU_NHAP_BQ', '2024', 56],
      ]),
      ...rowsFor('390', [
        ['THU_NHAP_BQ', '2020', 38.05],
        ['THU_NHAP_BQ', '2023', 50.04, 'ESTIMATED'],
        ['G01', '2021', 0],
        ['G01', '2023', 5],
        ['G02', '2020', 4],
        ['G02', '2023', -2],
      ]),
      ...rowsFor('405', [['THU_NHAP_BQ', '2024', 58]]),
    ];
    await push(t, rows);
  });
  afterAll(() => t?.stop());

  it('Hà Trung: đứng thứ 12 toàn tỉnh (of 26, ties sharing ranks: 1224-style)', async () => {
    t.counter.reset();
    const { ranking } = ok(await t.gql(RANKING, { i: 'TD_TANG_GTSX', p: '2021..2023' }));
    const statements = t.counter.count;
    expect(ranking).toHaveLength(26);
    expect(
      ranking.every(
        (r: any) => r.of === 26 && r.observation.status === 'ESTIMATED' && r.observation.period === '2021..2023',
      ),
    ).toBe(true);
    const rankOf = (code: string) => ranking.find((r: any) => r.unit.code === code)?.rank;
    expect(rankOf('392')).toBe(12);
    expect(ranking.find((r: any) => r.unit.code === '392')).toMatchObject({
      unit: { name: 'Huyện Hà Trung' },
      value: 7.34,
    });
    expect([rankOf('393'), rankOf('394'), rankOf('392'), rankOf('395'), rankOf('396')]).toEqual([10, 10, 12, 12, 14]);
    expect(ranking.map((r: any) => r.rank)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 12, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    ]);
    expect(ranking.at(-1)).toMatchObject({ unit: { code: '407' }, value: -2.5 }); // negative values rank last
    expect(rankOf('405')).toBe(24); // Đông Sơn still existed at the end of 2023
    expect(rankOf('382')).toBeUndefined(); // a FORECAST is never ranked
    // token, province, indicator, districts, observations: the same for 26 districts as for 2
    expect(statements).toBeLessThanOrEqual(5);
    t.counter.reset();
    expect(ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2020' })).ranking).toHaveLength(2);
    expect(t.counter.count).toBe(statements);
  });

  it('lower is better: the lowest poor-household rate ranks first', async () => {
    const { ranking } = ok(await t.gql(RANKING, { i: 'TY_LE_HO_NGHEO', p: '2023' }));
    expect(ranking.map((r: any) => [r.unit.code, r.rank, r.of])).toEqual([
      ['394', 1, 5],
      ['392', 2, 5],
      ['390', 3, 5],
      ['393', 3, 5],
      ['395', 5, 5],
    ]);
  });

  it('Huyện Đông Sơn (validTo 2024-12-31) is ranked for 2024, not for 2025 or 2021..2025', async () => {
    const y2024 = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2024' })).ranking;
    expect(y2024.map((r: any) => [r.unit.code, r.rank, r.of])).toEqual([
      ['405', 1, 2],
      ['392', 2, 2],
    ]);
    const { pushObservations: p } = ok(
      await t.gql(
        'mutation($r: [ObservationRowInput!]!) { pushObservations(input: { rows: $r, atomic: false }) { rows { outcome code } } }',
        {
          r: [
            { unitCode: '405', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 61 },
            { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 60 },
            { unitCode: '405', indicatorCode: 'THU_NHAP_BQ', period: '2021..2025', value: 52 },
            { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2021..2025', value: 50 },
          ],
        },
      ),
    );
    expect(p.rows[0].outcome).not.toBe('CREATED'); // the write path refuses a year after the unit ended
    // Since the July 2025 reorganisation every district ends on 2025-06-30, so no district is ranked
    // for 2025 (activity at the period's end); Hà Trung's figure is stored and shown, not ranked.
    const y2025 = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2025' })).ranking;
    expect(y2025).toEqual([]);
    // A span reaching past the unit's end may be stored; it is shown in the comparison but not ranked.
    const span = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2021..2025' })).ranking;
    expect(span).toEqual([]);
    const { provinceComparison } = ok(
      await t.gql(
        '{ provinceComparison(provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ"], periods: ["2025", "2021..2025"]) { nodes { unitCode period rank rankOf } } }',
      ),
    );
    expect(provinceComparison.nodes).toEqual([
      { unitCode: '392', period: '2021..2025', rank: null, rankOf: null },
      ...(p.rows[2].outcome === 'CREATED' ? [{ unitCode: '405', period: '2021..2025', rank: null, rankOf: null }] : []),
      { unitCode: '392', period: '2025', rank: null, rankOf: null },
    ]);
  });

  it('quy mô nền kinh tế năm 2023 gấp 1,41 lần năm 2020; thu nhập gấp 1,3 lần', async () => {
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["CHI_SO_QUY_MO_KT", "THU_NHAP_BQ"], periods: ["2023"] }) {
      nodes { indicator { code } value relativeTo(period: "2020") { base { period value status } ratio difference years cagr } } } }`),
    );
    const size = observations.nodes.find((n: any) => n.indicator.code === 'CHI_SO_QUY_MO_KT').relativeTo;
    expect(size).toMatchObject({ base: { period: '2020', value: 100, status: 'OFFICIAL' }, difference: 41, years: 3 });
    expect(size.ratio).toBeCloseTo(1.41, 12);
    expect(size.cagr).toBeCloseTo(Math.cbrt(1.41) - 1, 12); // 12,1 %/year
    const income = observations.nodes.find((n: any) => n.indicator.code === 'THU_NHAP_BQ').relativeTo;
    expect(income.ratio.toFixed(1)).toBe('1.3');
    expect(income.difference).toBe(12.28);
  });

  it('relativeTo edge cases: zero base, negative value, not whole years, many observations in bounded SQL', async () => {
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["390"], indicatorCodes: ["G01", "G02"], periods: ["2023"] }) {
      nodes { indicator { code } value vs2021: relativeTo(period: "2021") { ratio difference cagr } vs2020: relativeTo(period: "2020") { ratio difference years cagr } h1: relativeTo(period: "2023-H1") { ratio } } } }`),
    );
    const g01 = observations.nodes.find((n: any) => n.indicator.code === 'G01');
    expect(g01.vs2021).toBeNull(); // base 0: no ratio exists
    const g02 = observations.nodes.find((n: any) => n.indicator.code === 'G02');
    expect(g02.vs2020).toEqual({ ratio: -0.5, difference: -6, years: 3, cagr: null }); // across a change of sign: no annual rate
    expect(g02.h1).toBeNull();

    t.counter.reset();
    const all = ok(
      await t.gql(
        '{ observations(filter: { provinceCode: "38" }, first: 5000) { nodes { relativeTo(period: "2020") { ratio base { unit { code } } } } } }',
      ),
    ).observations.nodes;
    expect(all.length).toBeGreaterThan(30);
    // token, page (no count asked), bases by key, units
    expect(t.counter.count).toBeLessThanOrEqual(5);
  });

  it('province comparison: one flat row per district × indicator × period with target, ratio, band and rank', async () => {
    const Q = `query($after: String, $first: Int, $f: Boolean) { provinceComparison(provinceCode: "38", indicatorCodes: ["TD_TANG_GTSX", "TY_LE_HO_NGHEO"], fromYear: 2021, toYear: 2023, includeForecasts: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { unitCode unitName indicatorCode indicatorName measure period year value status target targetPeriod comparator ratio band rank rankOf } } } }`;
    t.counter.reset();
    const all = ok(await t.gql(Q, { first: 1000 })).provinceComparison;
    expect(t.counter.count).toBeLessThanOrEqual(7); // token, province, districts, indicators, observations, terms, targets
    expect(all.totalCount).toBe(26 + 5);
    const rows = all.edges.map((e: any) => e.node);
    const haTrung = rows.find((r: any) => r.unitCode === '392' && r.indicatorCode === 'TD_TANG_GTSX');
    expect(haTrung).toMatchObject({
      unitName: 'Hà Trung',
      indicatorName: 'Tốc độ tăng tổng giá trị sản xuất',
      measure: '%',
      period: '2021..2023',
      year: 2023,
      value: 7.34,
      status: 'ESTIMATED',
      target: 8,
      targetPeriod: '2021..2025',
      comparator: 'AT_LEAST',
      band: 'ABOVE_80',
      rank: 12,
      rankOf: 26,
    });
    expect(haTrung.ratio).toBeCloseTo(7.34 / 8, 12);
    expect(rows.find((r: any) => r.unitCode === '392' && r.indicatorCode === 'TY_LE_HO_NGHEO')).toMatchObject({
      value: 2.1,
      target: 2,
      comparator: 'AT_MOST',
      band: 'ABOVE_80',
      rank: 2,
      rankOf: 5,
    });
    // The ranks agree with ranking()
    const { ranking } = ok(await t.gql(RANKING, { i: 'TD_TANG_GTSX', p: '2021..2023' }));
    for (const r of ranking)
      expect(rows.find((x: any) => x.unitCode === r.unit.code && x.indicatorCode === 'TD_TANG_GTSX').rank).toBe(r.rank);
    // Order: indicator, period, district
    expect(rows.map((r: any) => `${r.indicatorCode}|${r.unitCode}`)).toEqual(
      [...rows.map((r: any) => `${r.indicatorCode}|${r.unitCode}`)].sort(),
    );

    // Pages of 7 walk the same rows exactly once, each in the same bounded number of statements.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      t.counter.reset();
      const c: any = ok(await t.gql(Q, { first: 7, after })).provinceComparison;
      expect(t.counter.count).toBeLessThanOrEqual(7);
      seen.push(...c.edges.map((e: any) => `${e.node.indicatorCode}|${e.node.period}|${e.node.unitCode}`));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r: any) => `${r.indicatorCode}|${r.period}|${r.unitCode}`));

    // FORECAST rows on request: measured, never ranked.
    const withForecasts = ok(await t.gql(Q, { first: 1000, f: true })).provinceComparison;
    expect(withForecasts.totalCount).toBe(32);
    expect(withForecasts.edges.find((e: any) => e.node.unitCode === '382').node).toMatchObject({
      status: 'FORECAST',
      value: 20,
      rank: null,
      rankOf: null,
    });
    // An empty page still carries the total.
    expect(ok(await t.gql(Q, { first: 0 })).provinceComparison).toMatchObject({
      totalCount: 31,
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
    });
  });
});
