import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push, type PushRow } from '../helpers/push';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/** The questions docs/api.md "Contract answers" settles, each answered as the server does it. */
describeEachDb('contract answers', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  const row = (period: string, value: number | null, extra: Partial<PushRow> = {}): PushRow => ({
    unitCode: '387',
    indicatorCode: 'SO_HO_NGHEO',
    period,
    value,
    status: 'OFFICIAL',
    ...extra,
  });
  const series = async (filter: string) =>
    ok(
      await t.gql(`{ observations(filter: { unitCodes: ["387"], indicatorCodes: ["SO_HO_NGHEO"], ${filter} }) {
        nodes { period value } } }`),
    ).observations.nodes.map((n: { period: string }) => n.period);

  it('an equal row without baseVersion is UNCHANGED; equal means value, status, source and note', async () => {
    await push(t, [row('2024', 1200, { source: 's', note: 'n' })]);
    const same = await push(t, [row('2024', 1200, { source: 's', note: 'n' })]);
    expect(same.rows[0]).toMatchObject({ outcome: 'UNCHANGED', code: null, observation: { version: 1 } });
    // The same value without the source and note would clear them: a change, so the version is needed.
    const bare = await push(t, [row('2024', 1200)]);
    expect(bare.rows[0]).toMatchObject({ outcome: 'CONFLICT', code: 'ALREADY_EXISTS', current: { version: 1 } });
  });

  it('revisions include the current value (the newest revision is the stored version)', async () => {
    await push(t, [row('2024', 1100, { source: 's', note: 'n', baseVersion: 1 })]);
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["387"], indicatorCodes: ["SO_HO_NGHEO"], periods: ["2024"] }) {
        nodes { value version revisions { version action value previousValue } } } }`),
    );
    const o = observations.nodes[0];
    expect(o).toMatchObject({ value: 1100, version: 2 });
    expect(o.revisions).toEqual([
      { version: 2, action: 'UPDATE', value: 1100, previousValue: 1200 },
      { version: 1, action: 'CREATE', value: 1200, previousValue: null },
    ]);
  });

  it('CAGR with a later base is the forward growth: positive when the later value is larger', async () => {
    await push(t, [row('2021', 1000)]);
    // 2021: 1000, 2024: 1100 (+10 % over 3 years)
    const { observations } = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["387"], indicatorCodes: ["SO_HO_NGHEO"], periods: ["2021", "2024"] }) {
        nodes { period later: relativeTo(period: "2024") { ratio years cagr } earlier: relativeTo(period: "2021") { ratio years cagr } } } }`),
    );
    const y2021 = observations.nodes.find((n: { period: string }) => n.period === '2021');
    const y2024 = observations.nodes.find((n: { period: string }) => n.period === '2024');
    const g = Number((1.1 ** (1 / 3) - 1).toPrecision(15));
    expect(y2024.earlier).toEqual({ ratio: 1.1, years: 3, cagr: g });
    expect(y2021.later.years).toBe(-3);
    expect(y2021.later.ratio).toBe(1000 / 1100);
    expect(y2021.later.cagr).toBe(g);
  });

  it('fromYear/toYear keep only periods wholly inside the years (a span too)', async () => {
    await push(t, [row('2021..2023', 3300), row('2023-Q2', 1150)]);
    expect((await series('')).sort()).toEqual(['2021', '2021..2023', '2023-Q2', '2024']);
    expect((await series('fromYear: 2022')).sort()).toEqual(['2023-Q2', '2024']);
    expect((await series('toYear: 2023')).sort()).toEqual(['2021', '2021..2023', '2023-Q2']);
    expect((await series('fromYear: 2021, toYear: 2022')).sort()).toEqual(['2021']);
  });

  it('unknown codes in filters are errors; a known code with nothing in the years is empty', async () => {
    const unknownUnit = await t.gql('{ observations(filter: { unitCodes: ["99999"] }) { totalCount } }');
    expect([errorCode(unknownUnit), errorReason(unknownUnit)]).toEqual(['BAD_USER_INPUT', 'UNKNOWN_UNIT']);
    const unknownIndicator = await t.gql(
      '{ provinceComparison(provinceCode: "38", indicatorCodes: ["NOPE"]) { totalCount } }',
    );
    expect(errorReason(unknownIndicator)).toBe('UNKNOWN_INDICATOR');
    const rollUp = await t.gql('{ provinceRollUp(provinceCode: "38", indicatorCodes: ["NOPE"]) { period } }');
    expect(errorReason(rollUp)).toBe('UNKNOWN_INDICATOR');
    // Đông Sơn (405) ended on 2024-12-31: its code is known, it has nothing in 2026.
    expect(ok(await t.gql('{ observations(filter: { unitCodes: ["405"], fromYear: 2026 }) { totalCount } }'))).toEqual({
      observations: { totalCount: 0 },
    });
  });

  it('periods run from 1900 to 2100, spans too', async () => {
    const ranking = (period: string) =>
      t.gql(`{ ranking(provinceCode: "38", indicatorCode: "THU_NHAP_BQ", period: "${period}") { rank } }`);
    for (const good of ['1900', '1900-01', '2100', '2100-12', '2099..2100'])
      expect(ok(await ranking(good)).ranking, good).toEqual([]);
    for (const bad of ['1899', '2101', '2100..2101', '1899..1900', '0999'])
      expect(errorReason(await ranking(bad)), bad).toBe('INVALID_PERIOD');
    const year = await t.gql('{ observations(filter: { toYear: 2101 }) { totalCount } }');
    expect(errorReason(year)).toBe('INVALID_YEAR');
  });
});
