import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/** Analytics over the demo data (the seed reports' own figures), as `npm start` serves them. */
describeEachDb('analytics on the demo data', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  const termOf = async (unitCode: string) =>
    ok(await t.gql('query($u: String) { terms(unitCode: $u) { id } }', { u: unitCode })).terms[0].id;

  it('Cẩm Thủy XXVI: investment at 55,4% of the resolution, 10/16 new-rural communes; scorecard 0 of 2 met', async () => {
    const id = await termOf('390');
    const { term } = ok(
      await t.gql(
        `query($id: ID!) { term(id: $id) { scorecard {
      total met above80 from50To80 below50 noData metShare forecastExceed forecastComplete forecastAtRisk forecastNone
      items { target { indicator { code } period value } observation { period value status } ratio band forecast forecastValue forecastMethod } } } }`,
        { id },
      ),
    );
    const s = term.scorecard;
    expect(s).toMatchObject({ total: 2, met: 0, above80: 0, from50To80: 2, below50: 0, noData: 0, metShare: 0 });
    const inv = s.items.find((i: any) => i.target.indicator.code === 'VON_DAU_TU_XH');
    expect(inv.observation).toEqual({ period: '2021..2023', value: 5540, status: 'ESTIMATED' });
    expect(inv.ratio).toBeCloseTo(0.554, 12); // "bằng 55,4% mục tiêu Nghị quyết"
    expect(inv.band).toBe('FROM_50_TO_80');
    // A span target is projected by its last span value: 5,540 of 10,000 → phải nỗ lực.
    expect(inv).toMatchObject({ forecast: 'AT_RISK', forecastValue: 5540, forecastMethod: 'TREND_PROJECTION' });
    const ntm = s.items.find((i: any) => i.target.indicator.code === 'SO_XA_NTM');
    expect(ntm.ratio).toBeCloseTo(0.625, 12); // "10/16 xã, bằng 62,5% kế hoạch"
    expect(ntm).toMatchObject({ band: 'FROM_50_TO_80', forecast: 'AT_RISK', forecastValue: 10 });
    expect(s.forecastAtRisk + s.forecastExceed + s.forecastComplete + s.forecastNone).toBe(2);
  });

  it('Trà Cú XII: 8,315 of an inferred 18,000 ("đạt trên 46% Nghị quyết")', async () => {
    const id = await termOf('849');
    const { term } = ok(
      await t.gql('query($id: ID!) { term(id: $id) { targets { progress { ratio band observation { value } } } } }', {
        id,
      }),
    );
    expect(term.targets[0].progress.ratio).toBeCloseTo(8315 / 18000, 12);
    expect(term.targets[0].progress.ratio).toBeGreaterThan(0.46);
    expect(term.targets[0].progress.band).toBe('BELOW_50');
  });

  it('a term without targets has an empty scorecard; asOf before any data gives NO_DATA', async () => {
    const { term } = ok(
      await t.gql('query($id: ID!) { term(id: $id) { scorecard { total met metShare items { band } } } }', {
        id: await termOf('392'),
      }),
    );
    expect(term.scorecard).toEqual({ total: 0, met: 0, metShare: 0, items: [] });
    const early = ok(
      await t.gql(
        'query($id: ID!) { term(id: $id) { scorecard(asOf: "2022") { noData asOf items { band observation { id } } } } }',
        { id: await termOf('390') },
      ),
    );
    expect(early.term.scorecard).toMatchObject({ noData: 2, asOf: '2022' });
  });

  it('Hà Trung: economy size 2023 is 1,41× 2020, +12,1 %/year', async () => {
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["CHI_SO_QUY_MO_KT"], periods: ["2023"] }) {
      nodes { value relativeTo(period: "2020") { base { period value } ratio difference years cagr } } } }`),
    );
    const c = observations.nodes[0].relativeTo;
    expect(c.base).toEqual({ period: '2020', value: 100 });
    expect(c.ratio).toBeCloseTo(1.41, 12);
    expect(c.difference).toBe(41);
    expect(c.years).toBe(3);
    expect(c.cagr).toBeCloseTo(1.41 ** (1 / 3) - 1, 12);
  });

  it('Cẩm Thủy income 2023 is 11,99 million above 2020; relativeTo a period without a value is null', async () => {
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["390"], indicatorCodes: ["THU_NHAP_BQ"], periods: ["2023"] }) {
      nodes { relativeTo(period: "2020") { ratio difference cagr } none: relativeTo(period: "2019") { ratio } } } }`),
    );
    expect(observations.nodes[0].relativeTo.difference).toBe(11.99);
    expect(observations.nodes[0].relativeTo.ratio).toBeCloseTo(50.04 / 38.05, 12);
    expect(observations.nodes[0].none).toBeNull();
  });

  it('ranks Hà Trung above Cẩm Thủy for income 2023 in Thanh Hóa', async () => {
    const { ranking } = ok(
      await t.gql(
        '{ ranking(provinceCode: "38", indicatorCode: "THU_NHAP_BQ", period: "2023") { unit { code shortName } value rank of observation { status } } }',
      ),
    );
    expect(ranking).toEqual([
      {
        unit: { code: '392', shortName: 'Hà Trung' },
        value: 53.2,
        rank: 1,
        of: 2,
        observation: { status: 'ESTIMATED' },
      },
      {
        unit: { code: '390', shortName: 'Cẩm Thủy' },
        value: 50.04,
        rank: 2,
        of: 2,
        observation: { status: 'ESTIMATED' },
      },
    ]);
    expect(
      ok(await t.gql('{ ranking(provinceCode: "38", indicatorCode: "THU_NHAP_BQ", period: "2024") { rank } }')).ranking,
    ).toEqual([]);
  });

  it('compares Thanh Hóa districts in one flat table', async () => {
    const { provinceComparison: c } = ok(
      await t.gql(`{ provinceComparison(provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ", "VON_DAU_TU_XH"]) {
      totalCount pageInfo { hasNextPage } nodes { unitCode unitName indicatorCode period year value status target targetPeriod comparator ratio band rank rankOf unit { name } indicator { unit } } } }`),
    );
    expect(c.totalCount).toBe(5);
    expect(c.nodes.map((n: any) => [n.indicatorCode, n.period, n.unitCode, n.rank, n.rankOf])).toEqual([
      ['THU_NHAP_BQ', '2020', '390', 1, 1],
      ['THU_NHAP_BQ', '2023', '390', 2, 2],
      ['THU_NHAP_BQ', '2023', '392', 1, 2],
      ['VON_DAU_TU_XH', '2021..2023', '390', 1, 1],
      ['VON_DAU_TU_XH', '2023-H1', '387', 1, 1],
    ]);
    expect(c.nodes[3]).toMatchObject({
      unitName: 'Cẩm Thủy',
      year: 2023,
      value: 5540,
      target: 10000,
      targetPeriod: '2021..2025',
      comparator: 'AT_LEAST',
      band: 'FROM_50_TO_80',
      unit: { name: 'Huyện Cẩm Thủy' },
      indicator: { unit: 'tỷ đồng' },
    });
    expect(c.nodes[3].ratio).toBeCloseTo(0.554, 12);
    expect(c.nodes[2]).toMatchObject({ target: null, ratio: null, band: null });
  });

  it('GraphQL answers stay uncacheable (Cache-Control: no-store), errors too', async () => {
    for (const query of [
      '{ me { name } }',
      '{ ranking(provinceCode: "38", indicatorCode: "NOPE", period: "2023") { rank } }',
    ]) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-token-0123456789' },
        body: JSON.stringify({ query }),
      });
      expect(res.headers.get('cache-control'), query).toBe('no-store');
    }
  });

  it('rejects bad arguments with BAD_USER_INPUT and a reason', async () => {
    const cases: [string, string][] = [
      ['{ ranking(provinceCode: "38", indicatorCode: "THU_NHAP_BQ", period: "2023-13") { rank } }', 'INVALID_PERIOD'],
      ['{ ranking(provinceCode: "392", indicatorCode: "THU_NHAP_BQ", period: "2023") { rank } }', 'UNKNOWN_UNIT'],
      ['{ ranking(provinceCode: "38", indicatorCode: "NOPE", period: "2023") { rank } }', 'UNKNOWN_INDICATOR'],
      ['{ provinceComparison(provinceCode: "99") { totalCount } }', 'UNKNOWN_UNIT'],
      ['{ provinceComparison(provinceCode: "38", indicatorCodes: ["NOPE"]) { totalCount } }', 'UNKNOWN_INDICATOR'],
      ['{ provinceComparison(provinceCode: "38", periods: ["2023-H3"]) { totalCount } }', 'INVALID_PERIOD'],
      ['{ provinceComparison(provinceCode: "38", first: 50001) { totalCount } }', 'INVALID_FIRST'],
      ['{ provinceComparison(provinceCode: "38", after: "garbage") { totalCount } }', 'INVALID_CURSOR'],
      ['{ provinceComparison(provinceCode: "38", fromYear: 2024, toYear: 2020) { totalCount } }', 'INVALID_YEAR'],
      [
        '{ observations(filter: { unitCodes: ["392"] }) { nodes { relativeTo(period: "2020-Q5") { ratio } } } }',
        'INVALID_PERIOD',
      ],
    ];
    for (const [query, reason] of cases) {
      const res = await t.gql(query);
      expect(errorCode(res), query).toBe('BAD_USER_INPUT');
      expect(errorReason(res), query).toBe(reason);
    }
    const id = await termOf('390');
    const bad = await t.gql('query($id: ID!) { term(id: $id) { scorecard(asOf: "23") { total } } }', { id });
    expect(errorReason(bad)).toBe('INVALID_PERIOD');
  });
});
