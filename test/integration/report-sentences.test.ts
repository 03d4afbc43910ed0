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
 * The report sentences over GraphQL: Scorecard.summary(language) on a 27-target term with 11 met
 * ("đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%") and RankedValue.sentence(language), each number in a
 * sentence checked against the numbers of the same response.
 */

const at = (indicatorCode: string, period: string, value: number): TargetSpec => ({
  indicatorCode,
  period,
  value,
  comparator: 'AT_LEAST',
});
const G = (n: number) => `G${String(n).padStart(2, '0')}`;

// 25 generic targets of 100 for 2025 and their 2023 values: 11 met (two far above: 130, 125),
// 6 above 80 %, 3 from 50 to 80 %, 5 below 50 %; with growth (ABOVE_80) and investment (FROM_50_TO_80)
// that is 11 / 7 / 4 / 5 of 27.
const G_2023 = [
  100, 101, 102, 103, 104, 105, 106, 107, 108, 130, 125, 95, 90, 85, 80, 99, 81, 79, 70, 60, 49, 40, 30, 20, 10,
];
const TARGETS = [
  at('TD_TANG_GTSX', '2021..2025', 8),
  at('VON_DAU_TU_XH', '2021..2025', 10000),
  ...G_2023.map((_, i) => at(G(i + 1), '2025', 100)),
];
const ROWS: Row[] = rowsFor('392', [
  ['TD_TANG_GTSX', '2021..2023', 7.34, 'ESTIMATED'],
  ['VON_DAU_TU_XH', '2021..2023', 5540, 'ESTIMATED'],
  ...G_2023.map((v, i): [string, string, number] => [G(i + 1), '2023', v]),
]);

const SUMMARY = `query($id: ID!) { term(id: $id) { scorecard {
  vi: summary en: summary(language: EN) total met above80 from50To80 below50 noData metShare
  items { target { period value comparator indicator { name unit } } observation { period value status } ratio band } } } }`;

const RANKING = `query($i: String!, $p: String!, $l: AdminLevel) { ranking(provinceCode: "38", indicatorCode: $i, period: $p, level: $l) {
  vi: sentence en: sentence(language: EN) rank of value unit { code name kind } observation { period value status } } }`;

/** Every number written in `text` (Vietnamese 5.540,5 or English 5,540.5). */
function numbersIn(text: string, lang: 'vi' | 'en'): number[] {
  const re = lang === 'vi' ? /-?\d+(?:\.\d{3})*(?:,\d+)?/g : /-?\d+(?:,\d{3})*(?:\.\d+)?/g;
  return [...text.matchAll(re)].map((m) =>
    Number(lang === 'vi' ? m[0].replaceAll('.', '').replace(',', '.') : m[0].replaceAll(',', '')),
  );
}

/** The response's numbers: every number field, the years of every period, and every share as a per cent (one decimal). */
function responseNumbers(data: unknown): Set<number> {
  const out = new Set<number>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'number') {
      out.add(v);
      if (key === 'ratio' || key === 'metShare') out.add(Math.round(v * 1000) / 10);
    } else if (typeof v === 'string' && key === 'period') for (const y of v.match(/\d{4}/g) ?? []) out.add(Number(y));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(data, '');
  return out;
}

/**
 * Asserts each number of each sentence is one of the response's, names of indicators and units set
 * aside; the band sentences also name the bands' bounds (50 %, 80 %: the AchievementBand definition).
 */
function expectNumbersFrom(sentences: string[], lang: 'vi' | 'en', data: unknown, names: string[], bounds = false) {
  const known = responseNumbers(data);
  if (bounds) [50, 80].forEach((b) => known.add(b));
  for (const s of sentences) {
    const bare = names.reduce((text, n) => text.replaceAll(n, ' '), s);
    for (const n of numbersIn(bare, lang)) expect(known.has(n), `${n} in "${s}"`).toBe(true);
  }
}

describeEachDb('report sentences', (db) => {
  let t: TestServer;
  const terms: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    await createIndicators(t, REPORT_INDICATORS);
    terms.haTrung = await createTerm(t, { unitCode: '392', congressNumber: 22, startYear: 2020, endYear: 2025 });
    terms.camThuy = await createTerm(t, { unitCode: '390', congressNumber: 26, startYear: 2020, endYear: 2025 });
    terms.quanSon = await createTerm(t, { unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025 });
    terms.langChanh = await createTerm(t, { unitCode: '388', congressNumber: 22, startYear: 2020, endYear: 2025 });
    await setTargets(t, terms.langChanh, [at(G(1), '2025', 100), at(G(2), '2025', 100)]);
    await setTargets(t, terms.haTrung, TARGETS);
    await setTargets(t, terms.camThuy, [at(G(1), '2025', 100), at(G(2), '2025', 50)]);
    await push(t, [
      ...ROWS,
      ...rowsFor('390', [
        [G(1), '2023', 100],
        [G(2), '2023', 50],
        ['TD_TANG_GTSX', '2021..2023', 5.7, 'ESTIMATED'],
      ]),
      ...rowsFor('388', [[G(1), '2023', 45.5, 'ESTIMATED']]),
      ...rowsFor('380', [['TD_TANG_GTSX', '2021..2023', 12]]),
      ...rowsFor('381', [['TD_TANG_GTSX', '2021..2023', 7.34]]),
      ...rowsFor('14758', [['THU_NHAP_BQ', '2026', 80.5]]),
      ...rowsFor('14845', [['THU_NHAP_BQ', '2026', 41.25, 'ESTIMATED']]),
    ]);
  });
  afterAll(() => t?.stop());

  it('a 27-target term with 11 met: đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%, the other bands and the notable targets', async () => {
    const data = ok(await t.gql(SUMMARY, { id: terms.haTrung }));
    const s = data.term.scorecard;
    expect(s).toMatchObject({ total: 27, met: 11, above80: 7, from50To80: 4, below50: 5, noData: 0 });
    expect(s.vi).toEqual([
      'đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%',
      '7/27 chỉ tiêu đạt trên 80%',
      '4/27 chỉ tiêu đạt từ 50% đến 80%',
      '5/27 chỉ tiêu đạt dưới 50%',
      'Chỉ tiêu G10 năm 2023 đạt 130%, bằng 130% mục tiêu Nghị quyết',
      'Chỉ tiêu G11 năm 2023 đạt 125%, bằng 125% mục tiêu Nghị quyết',
      'Chỉ tiêu G21 năm 2023 đạt 49%, bằng 49% mục tiêu Nghị quyết',
      'Chỉ tiêu G22 năm 2023 đạt 40%, bằng 40% mục tiêu Nghị quyết',
      'Chỉ tiêu G23 năm 2023 đạt 30%, bằng 30% mục tiêu Nghị quyết',
      'Chỉ tiêu G24 năm 2023 đạt 20%, bằng 20% mục tiêu Nghị quyết',
      'Chỉ tiêu G25 năm 2023 đạt 10%, bằng 10% mục tiêu Nghị quyết',
    ]);
    expect(s.en).toEqual([
      'met or exceeded 11 of 27 targets (40.7%)',
      '7 of 27 targets are at 80% or more of their target',
      '4 of 27 targets are at 50% to 80% of their target',
      '5 of 27 targets are below 50% of their target',
      "Chỉ tiêu G10, 2023: 130%, 130% of the resolution's target",
      "Chỉ tiêu G11, 2023: 125%, 125% of the resolution's target",
      "Chỉ tiêu G21, 2023: 49%, 49% of the resolution's target",
      "Chỉ tiêu G22, 2023: 40%, 40% of the resolution's target",
      "Chỉ tiêu G23, 2023: 30%, 30% of the resolution's target",
      "Chỉ tiêu G24, 2023: 20%, 20% of the resolution's target",
      "Chỉ tiêu G25, 2023: 10%, 10% of the resolution's target",
    ]);
    const names = s.items.flatMap((i: any) => [i.target.indicator.name, i.target.indicator.unit]);
    expectNumbersFrom(s.vi.slice(0, 4), 'vi', data, names, true);
    expectNumbersFrom(s.en.slice(0, 4), 'en', data, names, true);
    expectNumbersFrom(s.vi.slice(4), 'vi', data, names);
    expectNumbersFrom(s.en.slice(4), 'en', data, names);
    // 40,7 is metShare as a per cent, 11 and 27 are met and total.
    expect(numbersIn(s.vi[0], 'vi')).toEqual([11, 27, Math.round(s.metShare * 1000) / 10]);
  });

  it('the sentences follow asOf: as known at the end of 2022, nothing was reported yet', async () => {
    const Q =
      'query($id: ID!) { term(id: $id) { scorecard(asOf: "2022") { asOf noData summary en: summary(language: EN) } } }';
    const s = ok(await t.gql(Q, { id: terms.haTrung })).term.scorecard;
    expect(s).toMatchObject({ asOf: '2022', noData: 27 });
    expect(s.summary).toEqual(['chưa có chỉ tiêu nào đạt và vượt (0/27 chỉ tiêu)', '27/27 chỉ tiêu chưa có số liệu']);
    expect(s.en).toEqual(['no target was met yet (0 of 27)', '27 of 27 targets have no data yet']);
  });

  it('none met (one below half, one without data: singular), in both languages', async () => {
    const data = ok(await t.gql(SUMMARY, { id: terms.langChanh }));
    const s = data.term.scorecard;
    expect(s.vi).toEqual([
      'chưa có chỉ tiêu nào đạt và vượt (0/2 chỉ tiêu)',
      '1/2 chỉ tiêu đạt dưới 50%',
      '1/2 chỉ tiêu chưa có số liệu',
      'Chỉ tiêu G01 năm 2023 ước đạt 45,5%, bằng 45,5% mục tiêu Nghị quyết',
    ]);
    expect(s.en).toEqual([
      'no target was met yet (0 of 2)',
      '1 of 2 targets is below 50% of its target',
      '1 of 2 targets has no data yet',
      "Chỉ tiêu G01, 2023: estimated at 45.5%, 45.5% of the resolution's target",
    ]);
    const names = s.items.flatMap((i: any) => [i.target.indicator.name, i.target.indicator.unit]);
    expectNumbersFrom(s.vi, 'vi', data, names, true);
    expectNumbersFrom(s.en, 'en', data, names, true);
  });

  it('all met, and a term without targets, in both languages', async () => {
    const all = ok(await t.gql(SUMMARY, { id: terms.camThuy })).term.scorecard;
    expect(all.vi).toEqual(['đạt và vượt 2/2 chỉ tiêu, chiếm 100%']);
    expect(all.en).toEqual(['met or exceeded all 2 targets (100%)']);
    const none = ok(await t.gql(SUMMARY, { id: terms.quanSon })).term.scorecard;
    expect(none.vi).toEqual(['chưa có chỉ tiêu nào để đánh giá']);
    expect(none.en).toEqual(['there are no targets to assess']);
  });

  it('ranking sentences: ước đạt, đứng thứ 2/4 huyện, thị xã, thành phố (đồng hạng); communes after the reform', async () => {
    const data = ok(await t.gql(RANKING, { i: 'TD_TANG_GTSX', p: '2021..2023' }));
    const haTrung = data.ranking.find((r: any) => r.unit.code === '392');
    expect(haTrung).toMatchObject({ rank: 2, of: 4 });
    expect(haTrung.vi).toBe(
      'Huyện Hà Trung: Tốc độ tăng tổng giá trị sản xuất giai đoạn 2021–2023 ước đạt 7,34%, đứng thứ 2/4 huyện, thị xã, thành phố (đồng hạng)',
    );
    expect(haTrung.en).toBe(
      'Huyện Hà Trung: Tốc độ tăng tổng giá trị sản xuất, 2021–2023: estimated at 7.34%, ranks 2nd of 4 districts, towns and cities (tied)',
    );
    expect(data.ranking[0].vi).toBe(
      'Thành phố Thanh Hóa: Tốc độ tăng tổng giá trị sản xuất giai đoạn 2021–2023 đạt 12%, đứng thứ 1/4 huyện, thị xã, thành phố',
    );
    const name = ['Tốc độ tăng tổng giá trị sản xuất'];
    expectNumbersFrom(
      data.ranking.map((r: any) => r.vi),
      'vi',
      data,
      name,
    );
    expectNumbersFrom(
      data.ranking.map((r: any) => r.en),
      'en',
      data,
      name,
    );

    const communes = ok(await t.gql(RANKING, { i: 'THU_NHAP_BQ', p: '2026' })).ranking;
    expect(communes.map((r: any) => r.vi)).toEqual([
      'Phường Hàm Rồng: Thu nhập bình quân đầu người năm 2026 đạt 80,5 triệu đồng/người/năm, đứng thứ 1/2 xã, phường',
      'Xã Mường Lát: Thu nhập bình quân đầu người năm 2026 ước đạt 41,25 triệu đồng/người/năm, đứng thứ 2/2 xã, phường',
    ]);
    expect(communes[1].en).toBe(
      'Xã Mường Lát: Thu nhập bình quân đầu người, 2026: estimated at 41.25 triệu đồng/người/năm, ranks 2nd of 2 communes and wards',
    );
  });

  it('the summary of a 27-target term runs as many SQL statements as a 2-target one', async () => {
    const Q = 'query($id: ID!) { term(id: $id) { scorecard { summary en: summary(language: EN) } } }';
    t.counter.reset();
    ok(await t.gql(Q, { id: terms.haTrung }));
    const big = t.counter.count;
    t.counter.reset();
    ok(await t.gql(Q, { id: terms.camThuy }));
    expect(big).toBe(t.counter.count);
    console.log(`report sentences: ${big} SQL statements for a 27-target summary in two languages`);
  });

  it('a language that is not VI or EN is refused before anything runs', async () => {
    const res = await t.gql(`query($id: ID!) { term(id: $id) { scorecard { summary(language: FR) } } }`, {
      id: terms.haTrung,
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
    expect(res.data).toBeUndefined();
  });
});
