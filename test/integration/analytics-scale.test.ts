import { afterAll, beforeAll, expect, it } from 'vitest';
import { directWriter, type Row } from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * A whole province at once: Thanh Hóa's 26 districts × 60 indicators × 15 years = 23,400 values
 * with a 60-target term per district, written through the server's services (the write path is
 * tested on its own; sending the fixture through HTTP cost seconds and checked nothing more). The comparison, the rankings and
 * every scorecard run in a fixed number of SQL statements, and the comparison is fast.
 */
const INDICATORS = 60;
const YEARS = Array.from({ length: 15 }, (_, i) => 2011 + i);
const code = (i: number) => `S${String(i + 1).padStart(2, '0')}`;

describeEachDb('analytics at province scale', (db) => {
  let t: TestServer;
  let districts: string[];
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    districts = ok(
      await t.gql('{ province(code: "38") { districts(activeOn: "2025-06-01") { code } } }'),
    ).province.districts.map((d: { code: string }) => d.code);
    const w = await directWriter(t);
    await w.createIndicators(
      Array.from({ length: INDICATORS }, (_, i) => ({
        code: code(i),
        direction: i % 5 === 0 ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER',
        decimals: 1,
      })),
    );
    const rows: Row[] = [];
    districts.forEach((d, di) => {
      for (let i = 0; i < INDICATORS; i++)
        for (const y of YEARS) {
          rows.push({
            unitCode: d,
            indicatorCode: code(i),
            period: String(y),
            value: Math.round(((di * 7 + i * 3 + y) % 97) * 10 + (di % 4)) / 10,
          });
        }
    });
    await w.push(rows);
    for (const d of districts) {
      const term = await w.createTerm({ unitCode: d, congressNumber: 20, startYear: 2020, endYear: 2025 });
      await w.setTargets(
        term,
        Array.from({ length: INDICATORS }, (_, i) => ({
          indicatorCode: code(i),
          period: '2025',
          value: 50,
          comparator: i % 5 === 0 ? ('AT_MOST' as const) : ('AT_LEAST' as const),
        })),
      );
    }
  }, 600_000);
  afterAll(() => t?.stop());

  it(`compares the whole province (${26 * INDICATORS * YEARS.length} rows) in one page, in at most 7 statements`, async () => {
    expect(districts).toHaveLength(26);
    const Q = `{ provinceComparison(provinceCode: "38", first: 50000) { totalCount pageInfo { hasNextPage }
      nodes { unitCode unitName indicatorCode indicatorName measure period year value status target targetPeriod comparator ratio band rank rankOf } } }`;
    await t.gql('{ provinceComparison(provinceCode: "38", first: 1) { totalCount } }'); // warm-up
    t.counter.reset();
    const started = performance.now();
    const res = await t.gql(Q);
    const ms = performance.now() - started;
    const c = ok(res).provinceComparison;
    console.log(
      `[${db}] whole-province comparison: ${c.totalCount} rows in ${ms.toFixed(0)} ms, ${t.counter.count} SQL statements`,
    );
    expect(c.totalCount).toBe(26 * INDICATORS * YEARS.length);
    expect(c.nodes).toHaveLength(c.totalCount);
    expect(c.pageInfo.hasNextPage).toBe(false);
    expect(t.counter.count).toBeLessThanOrEqual(7);
    const row2025 = c.nodes.find((n: any) => n.period === '2025' && n.indicatorCode === 'S02');
    // Districts ended on 2025-06-30 (the July 2025 reorganisation): 2025 is shown, not ranked.
    expect(row2025).toMatchObject({ target: 50, targetPeriod: '2025', rankOf: null });
    expect(c.nodes.filter((n: any) => n.year < 2020).every((n: any) => n.target === null && n.band === null)).toBe(
      true,
    );
    const ranked = c.nodes.filter((n: any) => n.year < 2025);
    expect(ranked.every((n: any) => n.rankOf === 26 && n.rank >= 1 && n.rank <= 26)).toBe(true);
    expect(c.nodes.filter((n: any) => n.year === 2025).every((n: any) => n.rank === null)).toBe(true);
  });

  it('ranks 26 districts and scores 26 terms × 60 targets in a bounded number of statements', async () => {
    t.counter.reset();
    const { ranking } = ok(
      await t.gql('{ ranking(provinceCode: "38", indicatorCode: "S07", period: "2024") { rank of unit { code } } }'),
    );
    expect(ranking).toHaveLength(26);
    expect(t.counter.count).toBeLessThanOrEqual(5);

    t.counter.reset();
    const started = performance.now();
    const { terms } = ok(
      await t.gql(
        '{ terms { unit { code } scorecard { total met above80 from50To80 below50 noData metShare forecastExceed forecastComplete forecastAtRisk items { band forecast observation { value } } } } }',
      ),
    );
    const ms = performance.now() - started;
    console.log(
      `[${db}] 26 scorecards (${26 * INDICATORS} targets): ${ms.toFixed(0)} ms, ${t.counter.count} SQL statements`,
    );
    expect(terms).toHaveLength(26);
    for (const term of terms) {
      const s = term.scorecard;
      expect(s.total).toBe(INDICATORS);
      expect(s.met + s.above80 + s.from50To80 + s.below50 + s.noData).toBe(INDICATORS);
      expect(s.forecastExceed + s.forecastComplete + s.forecastAtRisk).toBe(INDICATORS);
      expect(s.items.every((i: any) => i.observation.value !== null)).toBe(true);
    }
    expect(t.counter.count).toBeLessThanOrEqual(7);
  });
});
