import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push } from '../helpers/push';
import { errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

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

  describe('province editors and the provinces their office inherited', () => {
    let ninhBinh: string; // PROVINCE_EDITOR of 37: merged Ninh Bình, heir of old 35 Hà Nam, 36 Nam Định, 37 Ninh Bình
    let thanhHoa: string; // PROVINCE_EDITOR of 38: unchanged, inherits nothing
    let namDinhDistrict: string;
    let namDinhCommune: string;
    let thanhHoaOldCommune: string;
    let ninhBinhCommune: string;
    beforeAll(async () => {
      ({ secret: ninhBinh } = await createToken(t, 'Cục Thống kê Ninh Bình', 'PROVINCE_EDITOR', '37'));
      ({ secret: thanhHoa } = await createToken(t, 'Cục Thống kê Thanh Hóa', 'PROVINCE_EDITOR', '38'));
      const q = ok(
        await t.gql(`{
          nd: province(code: "36", on: "2025-01-01") { districts(activeOn: "2025-01-01") { code communes { code } } }
          th: province(code: "38", on: "2025-01-01") { districts(activeOn: "2025-01-01") { code communes { code } } }
          nb: province(code: "37") { communes { code } } }`),
      );
      namDinhDistrict = q.nd.districts[0].code;
      namDinhCommune = q.nd.districts[0].communes[0].code;
      thanhHoaOldCommune = q.th.districts[0].communes[0].code;
      ninhBinhCommune = q.nb.communes[0].code;
    });

    it("the heir's editor writes the old provinces, their districts and communes before the reform, and its own after", async () => {
      const res = await push(
        t,
        [
          row('35', '2024', 1),
          row('36', '2024', 2),
          row('37', '2024', 3),
          row(namDinhDistrict, '2024', 4),
          row(namDinhCommune, '2024', 5),
          row('37', '2025-09', 6),
          row(ninhBinhCommune, '2025-09', 7),
        ],
        {},
        ninhBinh,
      );
      expect(res.rows.map((r) => [r.outcome, r.code])).toEqual(Array(7).fill(['CREATED', null]));
    });

    it("another province's editor may not, but writes its own province's communes before the reform", async () => {
      const res = await push(
        t,
        [
          row('36', '2023', 1),
          row(namDinhDistrict, '2023', 2),
          row(namDinhCommune, '2023', 3),
          row('37', '2025-10', 4),
          row(thanhHoaOldCommune, '2023', 5),
        ],
        { atomic: false },
        thanhHoa,
      );
      expect(res.rows.map((r) => [r.outcome, r.code])).toEqual([
        ['FORBIDDEN', 'OUT_OF_SCOPE'],
        ['FORBIDDEN', 'OUT_OF_SCOPE'],
        ['FORBIDDEN', 'OUT_OF_SCOPE'],
        ['FORBIDDEN', 'OUT_OF_SCOPE'],
        ['CREATED', null],
      ]);
    });

    it("approves and files terms for the inherited provinces' units; the other editor may not", async () => {
      const APPROVE =
        'mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { locked userErrors { code message } } }';
      const i = { unitCode: '36', period: '2022' };
      expect(errorReason(await t.gql(APPROVE, { i }, thanhHoa))).toBe('OUT_OF_SCOPE');
      expect(ok(await t.gql(APPROVE, { i }, ninhBinh)).approvePeriod).toEqual({ locked: true, userErrors: [] });
      const TERM =
        'mutation($i: CreateTermInput!) { createTerm(input: $i) { term { unit { code validTo } } userErrors { code } } }';
      const term = { unitCode: namDinhDistrict, congressNumber: 20, startYear: 2020, endYear: 2025 };
      expect(errorReason(await t.gql(TERM, { i: term }, thanhHoa))).toBe('OUT_OF_SCOPE');
      expect(ok(await t.gql(TERM, { i: term }, ninhBinh)).createTerm).toEqual({
        term: { unit: { code: namDinhDistrict, validTo: '2025-06-30' } },
        userErrors: [],
      });
    });
  });
});
