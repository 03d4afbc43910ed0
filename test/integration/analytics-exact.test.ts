import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIndicators, createTerm, push, rowsFor, setTargets } from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * Exact numbers over HTTP: 1.2 against "at least 1.5" is 0.8 (not 0.7999999999999999) and ABOVE_80
 * in progress, the scorecard and the province comparison; relativeTo's ratio and difference are exact.
 */
describeEachDb('analytics: exact ratios over GraphQL', (db) => {
  let t: TestServer;
  let termId: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    await createIndicators(t, [
      { code: 'EXACT_A', decimals: 2 },
      { code: 'EXACT_B', decimals: 1 },
    ]);
    termId = await createTerm(t, { unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025 });
    await setTargets(t, termId, [
      { indicatorCode: 'EXACT_A', period: '2025', value: 1.5, comparator: 'AT_LEAST' },
      { indicatorCode: 'EXACT_B', period: '2025', value: 1.2, comparator: 'AT_MOST' },
      { indicatorCode: 'EXACT_A', period: '2021..2025', value: 3, comparator: 'AT_LEAST' },
    ]);
    await push(
      t,
      rowsFor('387', [
        ['EXACT_A', '2020', 1.5],
        ['EXACT_A', '2023', 1.2],
        ['EXACT_B', '2023', 1.5],
      ]),
    );
  });
  afterAll(() => t?.stop());

  it('progress: 1.2 of 1.5 is 0.8 and ABOVE_80 (both comparators); the scorecard share is exact', async () => {
    const { term } = ok(
      await t.gql(
        `query($id: ID!) { term(id: $id) { scorecard { total met above80 metShare
          items { target { indicator { code } period } ratio band } } } }`,
        { id: termId },
      ),
    );
    const items = term.scorecard.items;
    expect(items[0]).toMatchObject({ ratio: 0.8, band: 'ABOVE_80' });
    expect(items[1]).toMatchObject({ ratio: 0.8, band: 'ABOVE_80' });
    expect(items[2]).toMatchObject({ ratio: 0.4, band: 'BELOW_50' }); // 1.2 / 3
    expect(term.scorecard).toMatchObject({ total: 3, met: 0, above80: 2, metShare: 0 });
  });

  it('relativeTo: ratio 0.8, difference −0.3 exactly, cagr to 15 significant digits', async () => {
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["387"], indicatorCodes: ["EXACT_A"], periods: ["2023"] }) {
        nodes { relativeTo(period: "2020") { ratio difference years cagr } } } }`),
    );
    const c = observations.nodes[0].relativeTo;
    expect(c).toMatchObject({ ratio: 0.8, difference: -0.3, years: 3 });
    expect(c.cagr).toBe(Number((0.8 ** (1 / 3) - 1).toPrecision(15)));
  });

  it('provinceComparison rows carry the same exact ratio', async () => {
    const { provinceComparison } = ok(
      await t.gql(`{ provinceComparison(provinceCode: "38", indicatorCodes: ["EXACT_A", "EXACT_B"], periods: ["2023"]) {
        nodes { unitCode indicatorCode ratio band } } }`),
    );
    expect(provinceComparison.nodes).toEqual([
      { unitCode: '387', indicatorCode: 'EXACT_A', ratio: 0.8, band: 'ABOVE_80' },
      { unitCode: '387', indicatorCode: 'EXACT_B', ratio: 0.8, band: 'ABOVE_80' },
    ]);
  });
});
