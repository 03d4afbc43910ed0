import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTerm, push, rowsFor, setTargets, type Row } from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * Terms at every level after the July 2025 reorganisation (issue 10): Thanh Hóa's 2025–2030
 * congress (XXI) and the first congress (I) of communes formed on 2025-07-01, their targets,
 * scorecards, progress and forecasts; communes ranked among the province's 166 communes; the
 * province comparison with commune rows; and the districts' 2020–2025 terms (the demo data: Hà
 * Trung 392) still read and ranked among districts.
 */

// Post-reform communes of Thanh Hóa (each code was a pre-reform commune's too: 14758 was Phường
// Đông Thọ, now Phường Hàm Rồng).
const HAM_RONG = '14758';
const HAC_THANH = '14797';
const BIM_SON = '14812';
const MUONG_LAT = '14845';
const TAM_CHUNG = '14848';
// Pre-reform communes of Hà Trung (392).
const HA_VINH = '15277';
const HA_BAC = '15280';

// Income 2026: Hạc Thành 1st, Hàm Rồng = Bỉm Sơn 2nd, then 4th (45.5 and a FORECAST of Mường Lát never ranked).
const INCOME_2026: [string, number][] = [
  [HAM_RONG, 62],
  [HAC_THANH, 70],
  [BIM_SON, 62],
  [MUONG_LAT, 40],
  [TAM_CHUNG, 45.5],
];

const RANKING = `query($i: String!, $p: String!, $l: AdminLevel) { ranking(provinceCode: "38", indicatorCode: $i, period: $p, level: $l) {
  unit { code name level } value rank of observation { period status } } }`;
const SCORECARD = `query($u: String) { terms(unitCode: $u) { congressNumber congressRoman startYear endYear title unit { code level validFrom }
  scorecard { total met above80 from50To80 below50 noData metShare forecastExceed forecastComplete forecastAtRisk forecastNone
    items { target { indicator { code } period value comparator } observation { period value status } ratio band forecast forecastValue forecastMethod } } } }`;

describeEachDb('analytics at province and commune level (2025–2030 terms)', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db); // the demo data: Hà Trung's and Cẩm Thủy's 2020–2025 terms and 2023 figures
    const province = await createTerm(t, { unitCode: '38', congressNumber: 21, startYear: 2025, endYear: 2030 });
    await setTargets(t, province, [
      { indicatorCode: 'THU_NHAP_BQ', period: '2030', value: 100, comparator: 'AT_LEAST' },
    ]);
    const hamRong = await createTerm(t, { unitCode: HAM_RONG, congressNumber: 1, startYear: 2025, endYear: 2030 });
    await setTargets(t, hamRong, [
      { indicatorCode: 'THU_NHAP_BQ', period: '2026', value: 60, comparator: 'AT_LEAST' },
      { indicatorCode: 'THU_NHAP_BQ', period: '2030', value: 80, comparator: 'AT_LEAST' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2030', value: 1, comparator: 'AT_MOST' },
    ]);
    const hacThanh = await createTerm(t, { unitCode: HAC_THANH, congressNumber: 1, startYear: 2025, endYear: 2030 });
    await setTargets(t, hacThanh, [
      { indicatorCode: 'THU_NHAP_BQ', period: '2026', value: 75, comparator: 'AT_LEAST' },
    ]);
    await createTerm(t, { unitCode: BIM_SON, congressNumber: 1, startYear: 2025, endYear: 2030 });
    const rows: Row[] = [
      ...INCOME_2026.map(([unitCode, value]): Row => ({
        unitCode,
        indicatorCode: 'THU_NHAP_BQ',
        period: '2026',
        value,
        status: 'ESTIMATED',
      })),
      { unitCode: MUONG_LAT, indicatorCode: 'THU_NHAP_BQ', period: '2026-H1', value: 99, status: 'FORECAST' },
      ...rowsFor(HAM_RONG, [
        ['TY_LE_HO_NGHEO', '2026', 1.5],
        ['THU_NHAP_BQ', '2030', 85, 'FORECAST'],
      ]),
      ...rowsFor(HAC_THANH, [['TY_LE_HO_NGHEO', '2026', 0.8]]),
      ...rowsFor('38', [['THU_NHAP_BQ', '2026', 75]]), // the province's own figure
      // Pre-reform communes of Hà Trung, 2023 (the demo data has Hà Trung 53.2 and Cẩm Thủy 50.04)
      ...rowsFor(HA_VINH, [['THU_NHAP_BQ', '2023', 48]]),
      ...rowsFor(HA_BAC, [['THU_NHAP_BQ', '2023', 51]]),
    ];
    await push(t, rows);
  });
  afterAll(() => t?.stop());

  it("Thanh Hóa has 166 communes today and its districts' before the reform", async () => {
    const { province } = ok(
      await t.gql(
        '{ province(code: "38") { communes { code level } before: communes(activeOn: "2025-06-01") { code } } }',
      ),
    );
    expect(province.communes).toHaveLength(166);
    expect(province.communes.every((c: any) => c.level === 'COMMUNE')).toBe(true);
    expect(province.before.length).toBeGreaterThan(166);
  });

  it('the province term (XXI, 2025–2030): title, scorecard, progress and forecast of its own figures', async () => {
    const [term] = ok(await t.gql(SCORECARD, { u: '38' })).terms;
    expect(term).toMatchObject({
      congressNumber: 21,
      congressRoman: 'XXI',
      startYear: 2025,
      endYear: 2030,
      title: 'Nghị quyết Đại hội Đảng bộ tỉnh Thanh Hóa lần thứ XXI, nhiệm kỳ 2025–2030',
      unit: { code: '38', level: 'PROVINCE' },
    });
    expect(term.scorecard).toMatchObject({ total: 1, met: 0, from50To80: 1, forecastAtRisk: 1 });
    expect(term.scorecard.items[0]).toMatchObject({
      observation: { period: '2026', value: 75, status: 'OFFICIAL' },
      ratio: 0.75,
      band: 'FROM_50_TO_80',
      forecast: 'AT_RISK',
      forecastValue: 75,
      forecastMethod: 'TREND_PROJECTION',
    });
  });

  it("a new commune's first congress (I, 2025–2030): filed under the new unit, scorecard, progress, forecasts", async () => {
    // 14758 names Phường Đông Thọ until 2025-06-30 and Phường Hàm Rồng from 2025-07-01: the terms of both.
    const terms = ok(await t.gql(SCORECARD, { u: HAM_RONG })).terms;
    expect(terms).toHaveLength(1);
    const [term] = terms;
    expect(term).toMatchObject({
      congressRoman: 'I',
      title: 'Nghị quyết Đại hội Đảng bộ phường Hàm Rồng lần thứ I, nhiệm kỳ 2025–2030',
      unit: { code: HAM_RONG, level: 'COMMUNE', validFrom: '2025-07-01' },
    });
    const s = term.scorecard;
    expect(s).toMatchObject({
      total: 3,
      met: 1,
      above80: 0,
      from50To80: 2,
      below50: 0,
      noData: 0,
      forecastExceed: 2,
      forecastComplete: 0,
      forecastAtRisk: 1,
      forecastNone: 0,
    });
    expect(s.metShare).toBeCloseTo(1 / 3, 12);
    const item = (code: string, period: string) =>
      s.items.find((i: any) => i.target.indicator.code === code && i.target.period === period);
    expect(item('THU_NHAP_BQ', '2026')).toMatchObject({
      observation: { period: '2026', value: 62, status: 'ESTIMATED' },
      band: 'MET',
      forecast: 'EXCEED',
    });
    expect(item('THU_NHAP_BQ', '2026').ratio).toBeCloseTo(62 / 60, 12);
    // The 2030 target: 62 so far (77,5 %), a stored FORECAST of 85 says it will be exceeded.
    expect(item('THU_NHAP_BQ', '2030')).toMatchObject({
      observation: { period: '2026', value: 62 },
      ratio: 0.775,
      band: 'FROM_50_TO_80',
      forecast: 'EXCEED',
      forecastValue: 85,
      forecastMethod: 'FORECAST_VALUE',
    });
    expect(item('TY_LE_HO_NGHEO', '2030')).toMatchObject({
      observation: { value: 1.5 },
      band: 'FROM_50_TO_80',
      forecast: 'AT_RISK',
      forecastMethod: 'TREND_PROJECTION',
    });
    expect(item('TY_LE_HO_NGHEO', '2030').ratio).toBeCloseTo(1 / 1.5, 12);

    // Progress as known at the end of 2025: nothing yet.
    const { commune } = ok(
      await t.gql(
        `{ commune(code: "${HAM_RONG}") { name terms { targets { period progress(asOf: "2025") { band observation { value } } } } } }`,
      ),
    );
    expect(commune.name).toBe('Phường Hàm Rồng');
    expect(commune.terms[0].targets.map((x: any) => x.progress)).toEqual([
      { band: 'NO_DATA', observation: null },
      { band: 'NO_DATA', observation: null },
      { band: 'NO_DATA', observation: null },
    ]);
    // The old commune with the code has no term.
    const old = ok(await t.gql(`{ commune(code: "${HAM_RONG}", on: "2025-01-01") { name terms { id } } }`)).commune;
    expect(old).toEqual({ name: 'Phường Đông Thọ', terms: [] });
  });

  it('ranking(provinceCode: "38", period: "2026"): the communes, ties sharing a rank, FORECAST not ranked', async () => {
    t.counter.reset();
    const { ranking } = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026' }));
    // token, province, indicator, districts and communes, observations: as for districts
    expect(t.counter.count).toBeLessThanOrEqual(5);
    expect(ranking.map((r: any) => [r.unit.code, r.unit.level, r.value, r.rank, r.of])).toEqual([
      [HAC_THANH, 'COMMUNE', 70, 1, 5],
      [HAM_RONG, 'COMMUNE', 62, 2, 5],
      [BIM_SON, 'COMMUNE', 62, 2, 5],
      [TAM_CHUNG, 'COMMUNE', 45.5, 4, 5],
      [MUONG_LAT, 'COMMUNE', 40, 5, 5],
    ]);
    expect(ranking[0]).toMatchObject({
      unit: { name: 'Phường Hạc Thành' },
      observation: { period: '2026', status: 'ESTIMATED' },
    });
    expect(ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026', l: 'COMMUNE' })).ranking).toEqual(ranking);
    // No district existed at the end of 2026; a FORECAST alone is not ranked.
    expect(ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026', l: 'DISTRICT' })).ranking).toEqual([]);
    expect(ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026-H1' })).ranking).toEqual([]);
    // Lower is better: 0.8 before 1.5.
    const poor = ok(await t.gql(RANKING, { i: 'TY_LE_HO_NGHEO', p: '2026' })).ranking;
    expect(poor.map((r: any) => [r.unit.code, r.rank])).toEqual([
      [HAC_THANH, 1],
      [HAM_RONG, 2],
    ]);
    const bad = await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026', l: 'PROVINCE' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorReason(bad)).toBe('INVALID_RANKING_LEVEL');
    expect(bad.errors![0].extensions!.field).toEqual(['level']);
  });

  it("2023: districts by default (Hà Trung's term still reads), the districts' communes on request", async () => {
    const terms = ok(await t.gql(SCORECARD, { u: '392' })).terms;
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({
      congressRoman: 'XXII',
      startYear: 2020,
      endYear: 2025,
      unit: { code: '392', level: 'DISTRICT' },
    });
    const districts = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2023' })).ranking;
    expect(districts.map((r: any) => [r.unit.code, r.unit.level, r.rank, r.of])).toEqual([
      ['392', 'DISTRICT', 1, 2],
      ['390', 'DISTRICT', 2, 2],
    ]);
    const communes = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2023', l: 'COMMUNE' })).ranking;
    expect(communes.map((r: any) => [r.unit.code, r.unit.name, r.rank, r.of])).toEqual([
      [HA_BAC, 'Xã Hà Bắc', 1, 2],
      [HA_VINH, 'Xã Hà Vinh', 2, 2],
    ]);
  });

  it('provinceComparison(fromYear: 2026): commune rows with unitLevel, targets, bands and ranks among communes', async () => {
    const Q = `query($from: Int, $to: Int, $first: Int, $after: String) { provinceComparison(provinceCode: "38", fromYear: $from, toYear: $to, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { unitCode unitName unitLevel indicatorCode period value status target targetPeriod comparator ratio band rank rankOf unit { code level } } } }`;
    t.counter.reset();
    const c = ok(await t.gql(Q, { from: 2026, first: 1000 })).provinceComparison;
    expect(t.counter.count).toBeLessThanOrEqual(7); // token, province, units, indicators, observations, terms, targets
    // 5 incomes and 2 poverty rates of communes; not the province's own 2026 figure, not the FORECASTs.
    expect(c.totalCount).toBe(7);
    expect(c.nodes.every((n: any) => n.unitLevel === 'COMMUNE' && n.unit.level === 'COMMUNE')).toBe(true);
    expect(c.nodes.some((n: any) => n.unitCode === '38')).toBe(false);
    const row = (code: string, ind = 'THU_NHAP_BQ') =>
      c.nodes.find((n: any) => n.unitCode === code && n.indicatorCode === ind);
    expect(row(HAM_RONG)).toMatchObject({
      unitName: 'Hàm Rồng',
      period: '2026',
      value: 62,
      target: 60,
      targetPeriod: '2026',
      comparator: 'AT_LEAST',
      band: 'MET',
      rank: 2,
      rankOf: 5,
    });
    expect(row(HAC_THANH)).toMatchObject({ target: 75, band: 'ABOVE_80', rank: 1, rankOf: 5 });
    expect(row(HAC_THANH).ratio).toBeCloseTo(70 / 75, 12);
    expect(row(BIM_SON)).toMatchObject({ target: null, band: null, rank: 2, rankOf: 5 }); // a term without targets
    expect(row(TAM_CHUNG)).toMatchObject({ target: null, rank: 4, rankOf: 5 });
    // Against the 2030 target (the nearest goal still ahead)
    expect(row(HAM_RONG, 'TY_LE_HO_NGHEO')).toMatchObject({
      value: 1.5,
      target: 1,
      targetPeriod: '2030',
      comparator: 'AT_MOST',
      band: 'FROM_50_TO_80',
      rank: 2,
      rankOf: 2,
    });
    // The ranks agree with ranking()
    const { ranking } = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026' }));
    for (const r of ranking) expect(row(r.unit.code).rank).toBe(r.rank);
  });

  it('2023: district rows ranked among districts, commune rows among communes; pages walk every row once', async () => {
    const Q = `query($first: Int, $after: String) { provinceComparison(provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ"], fromYear: 2023, toYear: 2026, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { unitCode unitLevel period value rank rankOf } } }`;
    const all = ok(await t.gql(Q, { first: 1000 })).provinceComparison;
    const in2023 = all.nodes.filter((n: any) => n.period === '2023');
    expect(in2023).toEqual([
      { unitCode: HA_VINH, unitLevel: 'COMMUNE', period: '2023', value: 48, rank: 2, rankOf: 2 },
      { unitCode: HA_BAC, unitLevel: 'COMMUNE', period: '2023', value: 51, rank: 1, rankOf: 2 },
      { unitCode: '390', unitLevel: 'DISTRICT', period: '2023', value: 50.04, rank: 2, rankOf: 2 },
      { unitCode: '392', unitLevel: 'DISTRICT', period: '2023', value: 53.2, rank: 1, rankOf: 2 },
    ]);
    expect(all.totalCount).toBe(4 + 5);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const c: any = ok(await t.gql(Q, { first: 2, after })).provinceComparison;
      seen.push(...c.nodes.map((n: any) => `${n.period}|${n.unitCode}`));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n: any) => `${n.period}|${n.unitCode}`));
    // A cursor of the previous release (no unit id) continues after its row.
    const old = Buffer.from(`c:${JSON.stringify(['THU_NHAP_BQ', 2023 * 12, 2023 * 12 + 11, HA_VINH])}`).toString(
      'base64url',
    );
    const next = ok(await t.gql(Q, { first: 1, after: old })).provinceComparison.nodes;
    expect(next.map((n: any) => n.unitCode)).toEqual([HA_BAC]);
  });

  it('observations(filter: { provinceCode }) takes the districts and communes, not the province itself', async () => {
    const codes = async (filter: string) =>
      ok(
        await t.gql(
          `{ observations(filter: { provinceCode: "38", ${filter} }, first: 1000) { nodes { unit { code } } } }`,
        ),
      )
        .observations.nodes.map((n: any) => n.unit.code)
        .sort();
    expect(await codes('periods: ["2023"], indicatorCodes: ["THU_NHAP_BQ"]')).toEqual([HA_VINH, HA_BAC, '390', '392']);
    const later = await codes('fromYear: 2026');
    expect(later).toContain(HAM_RONG);
    expect(later).not.toContain('38');
  });
});
