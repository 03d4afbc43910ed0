import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  REPORT_INDICATORS,
  createIndicators,
  createTerm,
  push,
  rowsFor,
  setTargets,
  type Row,
  type TargetSpec,
} from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * The reports' scorecard statements, reproduced from data pushed through the API:
 * Hà Trung "đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%", Trà Cú "08/21 … 07/21 trên 80% … 03/21 từ 50–80% …
 * 03/21 dưới 50%", Cẩm Thủy "14/27 … bằng 55,4% mục tiêu … 16 dự báo vượt, 7 hoàn thành, 4 phải nỗ lực",
 * and the edge cases (zero target, negative values, no data, estimate replaced, abolished district).
 */

const at = (
  indicatorCode: string,
  period: string,
  value: number,
  comparator: 'AT_LEAST' | 'AT_MOST' = 'AT_LEAST',
): TargetSpec => ({ indicatorCode, period, value, comparator });
const G = (n: number) => `G${String(n).padStart(2, '0')}`;

// Hà Trung XXII: 27 targets, 11 met.
const HA_TRUNG_TARGETS = [
  at('TD_TANG_GTSX', '2021..2025', 8),
  at('THU_NHAP_BQ', '2025', 60),
  at('TY_LE_XA_NTM', '2025', 100),
  at('SP_OCOP', '2025', 15),
  at('CHI_SO_QUY_MO_KT', '2025', 160),
  ...Array.from({ length: 22 }, (_, i) => at(G(i + 1), '2025', 100)),
];
const HA_TRUNG_G_2023 = [
  100, 101, 102, 103, 104, 105, 106, 107, 108, 95, 90, 85, 80, 79, 70, 60, 50, 49, 40, 30, 20, 10,
];
const HA_TRUNG_ROWS: Row[] = rowsFor('392', [
  ['TD_TANG_GTSX', '2021..2023', 7.34, 'ESTIMATED'],
  ['THU_NHAP_BQ', '2020', 40.92],
  ['THU_NHAP_BQ', '2023', 53.2, 'ESTIMATED'],
  ['TY_LE_XA_NTM', '2023-H1', 100, 'PRELIMINARY'],
  ['SP_OCOP', '2023-H1', 17, 'PRELIMINARY'],
  ['CHI_SO_QUY_MO_KT', '2020', 100],
  ['CHI_SO_QUY_MO_KT', '2023', 141, 'ESTIMATED'],
  ...HA_TRUNG_G_2023.map((v, i): [string, string, number] => [G(i + 1), '2023', v]),
  ...[1, 2, 3, 4, 5].map((n): [string, string, number] => [G(n), '2022', 100]),
]);

// Trà Cú XII: 21 targets: 8 met, 7 above 80 %, 3 from 50 to 80 %, 3 below 50 %.
const TRA_CU: {
  target: TargetSpec;
  rows: [string, string, number, Row['status']?][];
  band: string;
  ratio: number | null;
}[] = [
  {
    target: at('SO_HO_NGHEO_GIAM', '2021..2025', 2860),
    rows: [['SO_HO_NGHEO_GIAM', '2021..2022', 3120]],
    band: 'MET',
    ratio: 3120 / 2860,
  },
  {
    target: at('SO_HO_NGHEO', '2025', 2000, 'AT_MOST'),
    rows: [['SO_HO_NGHEO', '2023-H1', 1938, 'PRELIMINARY']],
    band: 'MET',
    ratio: 2000 / 1938,
  },
  { target: at(G(1), '2025', 100), rows: [[G(1), '2022', 95, 'ESTIMATED']], band: 'MET', ratio: 1.01 }, // replaced by OFFICIAL 101 below
  {
    target: at(G(2), '2025', 0, 'AT_MOST'),
    rows: [
      [G(2), '2021', 3],
      [G(2), '2023', 0],
    ],
    band: 'MET',
    ratio: 1,
  },
  { target: at(G(3), '2025', 0), rows: [[G(3), '2023', 2.5]], band: 'MET', ratio: null },
  { target: at(G(4), '2025', 50), rows: [[G(4), '2023', 50]], band: 'MET', ratio: 1 },
  { target: at(G(5), '2025', 50), rows: [[G(5), '2023', 60]], band: 'MET', ratio: 1.2 },
  { target: at('THU_NHAP_BQ', '2025', 55), rows: [['THU_NHAP_BQ', '2022', 58.5]], band: 'MET', ratio: 58.5 / 55 },
  { target: at('L01', '2025', 5, 'AT_MOST'), rows: [['L01', '2023', 5.5]], band: 'ABOVE_80', ratio: 5 / 5.5 },
  ...[80, 85, 90, 95, 99, 99.9].map((v, i) => ({
    target: at(G(6 + i), '2025', 100),
    rows: [[G(6 + i), '2023', v]] as [string, string, number][],
    band: 'ABOVE_80',
    ratio: v / 100,
  })),
  {
    target: at('TY_LE_HO_NGHEO', '2025', 3, 'AT_MOST'),
    rows: [['TY_LE_HO_NGHEO', '2023-H1', 4.6, 'PRELIMINARY']],
    band: 'FROM_50_TO_80',
    ratio: 3 / 4.6,
  },
  { target: at(G(12), '2025', 100), rows: [[G(12), '2023', 50]], band: 'FROM_50_TO_80', ratio: 0.5 },
  { target: at(G(13), '2025', 100), rows: [[G(13), '2023', 79.9]], band: 'FROM_50_TO_80', ratio: 0.799 },
  {
    target: at('VON_DAU_TU_XH', '2021..2025', 18000),
    rows: [['VON_DAU_TU_XH', '2021..2022', 8315]],
    band: 'BELOW_50',
    ratio: 8315 / 18000,
  },
  {
    target: at('TD_TANG_GTSX', '2025', 5),
    rows: [
      ['TD_TANG_GTSX', '2021', 4],
      ['TD_TANG_GTSX', '2023', -2],
    ],
    band: 'BELOW_50',
    ratio: -0.4,
  },
  { target: at(G(14), '2025', 0), rows: [[G(14), '2023', -1.5]], band: 'BELOW_50', ratio: null },
];

// Cẩm Thủy XXVI: 27 targets, 14 met; forecasts 16 exceed / 7 complete / 4 at risk.
type Plan = {
  target: TargetSpec;
  rows: [string, string, number, Row['status']?][];
  met: boolean;
  forecast: string;
  method: string;
  value?: number;
};
const fc = (n: number, obs2023: number, forecast: number, outcome: string): Plan => ({
  target: at(G(n), '2025', 100),
  rows: [
    [G(n), '2023', obs2023],
    [G(n), '2025', forecast, 'FORECAST'],
  ],
  met: obs2023 >= 100,
  forecast: outcome,
  method: 'FORECAST_VALUE',
  value: forecast,
});
const trend = (target: TargetSpec, rows: Plan['rows'], met: boolean, forecast: string, value?: number): Plan => ({
  target,
  rows,
  met,
  forecast,
  method: 'TREND_PROJECTION',
  value,
});
const CAM_THUY: Plan[] = [
  fc(1, 100, 110, 'EXCEED'),
  fc(2, 105, 120, 'EXCEED'),
  fc(3, 90, 101, 'EXCEED'),
  fc(4, 80, 100.5, 'EXCEED'),
  fc(5, 60, 130, 'EXCEED'),
  fc(6, 110, 115, 'EXCEED'),
  fc(7, 95, 100, 'COMPLETE'),
  fc(8, 100, 100.04, 'COMPLETE'),
  fc(9, 98, 100, 'COMPLETE'),
  fc(10, 70, 90, 'AT_RISK'),
  // levels: constant compound growth from 2020 to 2023, continued to 2025
  trend(
    at(G(11), '2025', 100),
    [
      [G(11), '2020', 80],
      [G(11), '2023', 100],
    ],
    true,
    'EXCEED',
    116,
  ),
  trend(
    at(G(12), '2025', 100),
    [
      [G(12), '2020', 90],
      [G(12), '2023', 120],
    ],
    true,
    'EXCEED',
  ),
  trend(
    at(G(13), '2025', 100),
    [
      [G(13), '2020', 60],
      [G(13), '2023', 90],
    ],
    false,
    'EXCEED',
  ),
  trend(
    at(G(14), '2025', 100),
    [
      [G(14), '2020', 50],
      [G(14), '2023', 85],
    ],
    false,
    'EXCEED',
  ),
  trend(
    at(G(15), '2025', 100),
    [
      [G(15), '2020', 100],
      [G(15), '2023', 100],
    ],
    true,
    'COMPLETE',
    100,
  ),
  trend(
    at(G(16), '2025', 100),
    [
      [G(16), '2020', 110],
      [G(16), '2023', 100],
    ],
    true,
    'AT_RISK',
    93.8,
  ),
  trend(
    at('THU_NHAP_BQ', '2025', 55),
    [
      ['THU_NHAP_BQ', '2020', 38.05],
      ['THU_NHAP_BQ', '2023', 50.04, 'ESTIMATED'],
    ],
    false,
    'EXCEED',
    60.07,
  ),
  trend(
    at('TY_LE_HO_NGHEO', '2025', 3, 'AT_MOST'),
    [
      ['TY_LE_HO_NGHEO', '2020', 8],
      ['TY_LE_HO_NGHEO', '2023', 4],
    ],
    false,
    'EXCEED',
    2.52,
  ),
  trend(
    at('SO_HO_NGHEO', '2025', 2000, 'AT_MOST'),
    [
      ['SO_HO_NGHEO', '2020', 3000],
      ['SO_HO_NGHEO', '2023', 2100],
    ],
    false,
    'EXCEED',
  ),
  // rates over spans: the last span value
  trend(at('TD_TANG_GTSX', '2021..2025', 5.5), [['TD_TANG_GTSX', '2021..2023', 5.7, 'ESTIMATED']], true, 'EXCEED', 5.7),
  trend(
    at('VON_DAU_TU_XH', '2021..2025', 10000),
    [['VON_DAU_TU_XH', '2021..2023', 5540, 'ESTIMATED']],
    false,
    'AT_RISK',
    5540,
  ),
  // no yearly value: the latest value is held
  trend(at('SO_XA_NTM', '2025', 16), [['SO_XA_NTM', '2023-H1', 10, 'PRELIMINARY']], false, 'AT_RISK', 10),
  trend(at('SP_OCOP', '2025', 12), [['SP_OCOP', '2023-H1', 12, 'PRELIMINARY']], true, 'COMPLETE', 12),
  trend(at('TY_LE_XA_NTM', '2025', 62.5), [['TY_LE_XA_NTM', '2023-H1', 62.5, 'PRELIMINARY']], true, 'COMPLETE', 62.5),
  trend(at(G(17), '2025', 100), [[G(17), '2023', 130]], true, 'EXCEED', 130),
  trend(
    at(G(18), '2025', 100),
    [
      [G(18), '2022', 100],
      [G(18), '2023', 100],
    ],
    true,
    'COMPLETE',
    100,
  ),
  trend(
    at(G(19), '2025', 100),
    [
      [G(19), '2021', 100],
      [G(19), '2023', 121],
    ],
    true,
    'EXCEED',
    146.4,
  ),
];

const SCORECARD = `query($id: ID!, $asOf: String) { term(id: $id) { scorecard(asOf: $asOf) {
  total met above80 from50To80 below50 noData metShare forecastExceed forecastComplete forecastAtRisk forecastNone asOf
  items { target { period value comparator indicator { code } } observation { period value status version unit { code } }
    ratio band forecast forecastValue forecastMethod forecastObservation { period status } } } } }`;

describeEachDb('analytics: scorecards from pushed data', (db) => {
  let t: TestServer;
  const terms: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    await createIndicators(t, REPORT_INDICATORS);
    terms.haTrung = await createTerm(t, {
      unitCode: '392',
      congressNumber: 22,
      startYear: 2020,
      endYear: 2025,
      title: 'Hà Trung XXII',
    });
    terms.traCu = await createTerm(t, {
      unitCode: '849',
      congressNumber: 12,
      startYear: 2020,
      endYear: 2025,
      title: 'Trà Cú XII',
    });
    terms.camThuy = await createTerm(t, {
      unitCode: '390',
      congressNumber: 26,
      startYear: 2020,
      endYear: 2025,
      title: 'Cẩm Thủy XXVI',
    });
    terms.dongSon = await createTerm(t, {
      unitCode: '405',
      congressNumber: 24,
      startYear: 2020,
      endYear: 2025,
      title: 'Đông Sơn XXIV',
    });
    await setTargets(t, terms.haTrung, HA_TRUNG_TARGETS);
    await setTargets(
      t,
      terms.traCu,
      TRA_CU.map((x) => x.target),
    );
    await setTargets(
      t,
      terms.camThuy,
      CAM_THUY.map((x) => x.target),
    );
    await setTargets(t, terms.dongSon, [at('THU_NHAP_BQ', '2025', 60), at(G(1), '2025', 100)]);
    await push(t, [
      ...HA_TRUNG_ROWS,
      ...TRA_CU.flatMap((x) => rowsFor('849', x.rows)),
      ...CAM_THUY.flatMap((x) => rowsFor('390', x.rows)),
      ...rowsFor('405', [
        ['THU_NHAP_BQ', '2021', 45],
        ['THU_NHAP_BQ', '2024', 58],
      ]),
    ]);
  });
  afterAll(() => t?.stop());

  const scorecard = async (id: string, asOf?: string) => ok(await t.gql(SCORECARD, { id, asOf })).term.scorecard;

  it('Hà Trung XXII: đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%', async () => {
    const s = await scorecard(terms.haTrung);
    expect(s).toMatchObject({ total: 27, met: 11, above80: 7, from50To80: 4, below50: 5, noData: 0, asOf: null });
    expect(s.metShare).toBe(11 / 27); // exact, not rounded
    expect(s.metShare).toBeCloseTo(0.4074, 4);
    expect((s.metShare * 100).toFixed(1)).toBe('40.7');
    const growth = s.items.find((i: any) => i.target.indicator.code === 'TD_TANG_GTSX');
    expect(growth).toMatchObject({
      band: 'ABOVE_80',
      observation: { period: '2021..2023', value: 7.34, status: 'ESTIMATED', unit: { code: '392' } },
    });
    expect(growth.ratio).toBeCloseTo(7.34 / 8, 12);
  });

  it('asOf counts only what was known by then', async () => {
    const s = await scorecard(terms.haTrung, '2022');
    expect(s).toMatchObject({ total: 27, met: 5, above80: 0, from50To80: 2, below50: 0, noData: 20, asOf: '2022' });
    const income = s.items.find((i: any) => i.target.indicator.code === 'THU_NHAP_BQ');
    expect(income.observation).toMatchObject({ period: '2020', value: 40.92 });
    const h1 = await scorecard(terms.haTrung, '2023-H1');
    expect(h1.met).toBe(7); // + 100 % new-rural communes and 17 OCOP products reported at 2023-H1
  });

  it('Trà Cú XII: 08/21 đạt và vượt, 07/21 trên 80%, 03/21 từ 50–80%, 03/21 dưới 50%', async () => {
    // The estimate for G01 2022 (95) is replaced by the official figure (101): an update, the official one counts.
    const { observations } = ok(
      await t.gql(
        '{ observations(filter: { unitCodes: ["849"], indicatorCodes: ["G01"], periods: ["2022"] }) { nodes { version } } }',
      ),
    );
    await push(t, [
      {
        unitCode: '849',
        indicatorCode: 'G01',
        period: '2022',
        value: 101,
        status: 'OFFICIAL',
        baseVersion: observations.nodes[0].version,
      },
    ]);

    const s = await scorecard(terms.traCu);
    expect(s).toMatchObject({ total: 21, met: 8, above80: 7, from50To80: 3, below50: 3, noData: 0 });
    expect(s.metShare).toBeCloseTo(8 / 21, 12);
    s.items.forEach((item: any, i: number) => {
      expect(item.band, item.target.indicator.code).toBe(TRA_CU[i].band);
      if (TRA_CU[i].ratio === null) expect(item.ratio, item.target.indicator.code).toBeNull();
      else expect(item.ratio, item.target.indicator.code).toBeCloseTo(TRA_CU[i].ratio!, 10);
    });
    const replaced = s.items[2];
    expect(replaced.observation).toMatchObject({ period: '2022', value: 101, status: 'OFFICIAL', version: 2 });
    // Lower is better: 4,6 % poor households against "at most 3 %" is 65 %, not 153 %.
    expect(s.items[15]).toMatchObject({
      target: { indicator: { code: 'TY_LE_HO_NGHEO' }, comparator: 'AT_MOST' },
      band: 'FROM_50_TO_80',
    });
    // Target of zero (at most 0, reached), negative growth, at least 0 missed.
    expect(s.items[3]).toMatchObject({ target: { value: 0 }, band: 'MET', ratio: 1, observation: { value: 0 } });
    expect(s.items[19]).toMatchObject({ band: 'BELOW_50', ratio: -0.4, observation: { value: -2 } });
    expect(s.items[20]).toMatchObject({ band: 'BELOW_50', ratio: null, observation: { value: -1.5 } });
  });

  it('Cẩm Thủy XXVI: 14/27 đạt; vốn đầu tư bằng 55,4% mục tiêu; 16 dự báo vượt, 7 hoàn thành, 4 phải nỗ lực', async () => {
    const s = await scorecard(terms.camThuy);
    expect(s).toMatchObject({
      total: 27,
      met: 14,
      forecastExceed: 16,
      forecastComplete: 7,
      forecastAtRisk: 4,
      forecastNone: 0,
    });
    s.items.forEach((item: any, i: number) => {
      const plan = CAM_THUY[i];
      const label = `${item.target.indicator.code} ${JSON.stringify(item.forecastValue)}`;
      expect(item.band === 'MET', label).toBe(plan.met);
      expect(item.forecast, label).toBe(plan.forecast);
      expect(item.forecastMethod, label).toBe(plan.method);
      if (plan.value !== undefined) expect(item.forecastValue, label).toBe(plan.value);
      expect(item.forecastObservation, label).toEqual(
        plan.method === 'FORECAST_VALUE' ? { period: '2025', status: 'FORECAST' } : null,
      );
    });
    const investment = s.items.find((i: any) => i.target.indicator.code === 'VON_DAU_TU_XH');
    expect(investment.ratio).toBeCloseTo(0.554, 12);
    expect((investment.ratio * 100).toFixed(1)).toBe('55.4');
    expect(investment.band).toBe('FROM_50_TO_80');
    // A FORECAST value is never the progress observation.
    expect(s.items.every((i: any) => i.observation.status !== 'FORECAST')).toBe(true);
  });

  it('Huyện Đông Sơn (abolished 2024-12-31): its term is scored on the data it has; no data is NO_DATA', async () => {
    const s = await scorecard(terms.dongSon);
    expect(s).toMatchObject({ total: 2, met: 0, above80: 1, noData: 1, forecastExceed: 1, forecastNone: 1 });
    expect(s.items[0]).toMatchObject({
      observation: { period: '2024', value: 58 },
      band: 'ABOVE_80',
      forecastMethod: 'TREND_PROJECTION',
      forecast: 'EXCEED',
    });
    expect(s.items[1]).toMatchObject({
      observation: null,
      ratio: null,
      band: 'NO_DATA',
      forecast: null,
      forecastValue: null,
      forecastMethod: null,
    });
  });

  it('a 27-target scorecard runs as many SQL statements as a 2-target one', async () => {
    t.counter.reset();
    await scorecard(terms.haTrung);
    const big = t.counter.count;
    t.counter.reset();
    await scorecard(terms.dongSon);
    expect(big).toBe(t.counter.count);
    // token, term, targets of the term, progress (targets with terms and indicators; observations), indicators, units
    expect(big).toBeLessThanOrEqual(7);
    // Every term with every target's progress (75 targets) in the same bounded number.
    t.counter.reset();
    const { terms: all } = ok(
      await t.gql(
        '{ terms { scorecard { met items { band observation { value unit { code } } target { indicator { code } progress(asOf: "2022") { band } } } } } }',
      ),
    );
    expect(all).toHaveLength(4);
    // token, terms, targets, units, indicators, and two per progress batch (scorecard; then progress(asOf))
    if (t.counter.count > 9) console.log(t.counter.statements.join('\n'));
    expect(t.counter.count).toBeLessThanOrEqual(9);
  });
});
