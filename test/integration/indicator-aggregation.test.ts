import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { ok, startTestServer, type TestServer } from '../helpers/server';

const RULE = `query($code: String!) { indicator(code: $code) { code aggregation weightIndicator { code aggregation } } }`;
const CREATE = `mutation($input: CreateIndicatorInput!) {
  createIndicator(input: $input) { indicator { code aggregation weightIndicator { code } } userErrors { code field } }
}`;
const input = (code: string, extra: Record<string, unknown>) => ({
  code,
  name: `Chỉ tiêu ${code}`,
  unit: 'tỷ đồng',
  direction: 'HIGHER_IS_BETTER',
  category: 'Kinh tế',
  ...extra,
});

describeEachDb('indicator aggregation rules', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());
  const rule = async (code: string) => ok(await t.gql(RULE, { code })).indicator;
  const create = async (code: string, extra: Record<string, unknown>) =>
    ok(await t.gql(CREATE, { input: input(code, extra) })).createIndicator;

  it('the demo catalogue adds up counts and amounts, weights income per person by population, and combines no rates', async () => {
    expect(await rule('GTSX')).toEqual({ code: 'GTSX', aggregation: 'SUM', weightIndicator: null });
    expect(await rule('SO_XA_NTM')).toEqual({ code: 'SO_XA_NTM', aggregation: 'SUM', weightIndicator: null });
    expect(await rule('THU_NHAP_BQ')).toEqual({
      code: 'THU_NHAP_BQ',
      aggregation: 'WEIGHTED_MEAN',
      weightIndicator: { code: 'DAN_SO_TB', aggregation: 'SUM' },
    });
    expect(await rule('TY_LE_HO_NGHEO')).toEqual({
      code: 'TY_LE_HO_NGHEO',
      aggregation: 'NONE',
      weightIndicator: null,
    });
    expect(await rule('TD_TANG_GTSX')).toEqual({ code: 'TD_TANG_GTSX', aggregation: 'NONE', weightIndicator: null });
  });

  it('createIndicator takes a rule, NONE by default', async () => {
    expect((await create('AGG_DEFAULT', {})).indicator).toEqual({
      code: 'AGG_DEFAULT',
      aggregation: 'NONE',
      weightIndicator: null,
    });
    expect((await create('AGG_SUM', { aggregation: 'SUM' })).indicator.aggregation).toBe('SUM');
    expect(
      (await create('AGG_WM', { aggregation: 'WEIGHTED_MEAN', weightIndicatorCode: 'DAN_SO_TB' })).indicator,
    ).toEqual({ code: 'AGG_WM', aggregation: 'WEIGHTED_MEAN', weightIndicator: { code: 'DAN_SO_TB' } });
  });

  it('refuses a weight that is missing, unknown, not a sum, or given to a rule that takes none, and writes nothing', async () => {
    const refused = async (code: string, extra: Record<string, unknown>) => {
      const r = await create(code, extra);
      expect(r.indicator).toBeNull();
      expect(await t.gql(RULE, { code }).then((x) => x.data?.indicator)).toBeNull();
      return r.userErrors;
    };
    const at = [{ field: ['input', 'weightIndicatorCode'] }];
    expect(await refused('AGG_BAD_1', { aggregation: 'WEIGHTED_MEAN' })).toEqual([
      { code: 'INVALID_AGGREGATION', ...at[0] },
    ]);
    expect(await refused('AGG_BAD_2', { aggregation: 'WEIGHTED_MEAN', weightIndicatorCode: 'NO_SUCH' })).toEqual([
      { code: 'UNKNOWN_INDICATOR', ...at[0] },
    ]);
    expect(await refused('AGG_BAD_3', { aggregation: 'WEIGHTED_MEAN', weightIndicatorCode: 'TY_LE_HO_NGHEO' })).toEqual(
      [{ code: 'INVALID_AGGREGATION', ...at[0] }],
    );
    expect(await refused('AGG_BAD_4', { aggregation: 'SUM', weightIndicatorCode: 'DAN_SO_TB' })).toEqual([
      { code: 'INVALID_AGGREGATION', ...at[0] },
    ]);
  });
});
