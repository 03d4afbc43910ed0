import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

const row = (unitCode: string, period: string, value: number) => ({
  unitCode,
  indicatorCode: 'THU_NHAP_BQ',
  period,
  value,
});

describeEachDb('write roles after the reform: COMMUNE_EDITOR, province editors and communes', (db) => {
  let t: TestServer;
  let baDinh: string; // COMMUNE_EDITOR of 00004 (Phường Ba Đình after 2025-07-01)
  let haNoi: string; // PROVINCE_EDITOR of 01
  let other: string; // another commune of Hà Nội today
  beforeAll(async () => {
    t = await startTestServer(db);
    other = (ok(await t.gql('{ province(code: "01") { communes { code } } }')).province.communes as { code: string }[])
      .map((c) => c.code)
      .find((c) => c !== '00004')!;
    ({ secret: baDinh } = await createToken(t, 'Phường Ba Đình', 'COMMUNE_EDITOR', '00004'));
    ({ secret: haNoi } = await createToken(t, 'Cục Thống kê Hà Nội', 'PROVINCE_EDITOR', '01'));
  });
  afterAll(() => t?.stop());

  it('a commune editor writes its commune only', async () => {
    const res = await push(
      t,
      [row('00004', '2025-09', 5), row(other, '2025-09', 6), row('01', '2025-09', 7)],
      { atomic: false },
      baDinh,
    );
    expect(res.rows.map((r) => [r.outcome, r.code])).toEqual([
      ['CREATED', null],
      ['FORBIDDEN', 'OUT_OF_SCOPE'],
      ['FORBIDDEN', 'OUT_OF_SCOPE'],
    ]);
    expect(res.rows[0].observation!.updatedBy).toBe('Phường Ba Đình');
  });

  it("a province editor writes the province's communes after the reform (their parent is the province)", async () => {
    const res = await push(t, [row('00004', '2025-10', 8), row('01', '2025-10', 9)], {}, haNoi);
    expect(res.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
  });

  it('a COMMUNE_EDITOR token needs a commune code', async () => {
    await expect(createToken(t, 'x', 'COMMUNE_EDITOR', '001')).rejects.toThrow(/WRONG_SCOPE_LEVEL/);
    await expect(createToken(t, 'y', 'COMMUNE_EDITOR')).rejects.toThrow(/SCOPE_REQUIRED/);
  });
});
