import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/** Terms, approvals and token scopes resolve a code on a date: 37 is old Ninh Bình before 2025-07-01, the merged one after. */
describeEachDb('code 37 before and after the reform: terms, approvals, token scopes', (db) => {
  let t: TestServer;
  let oldId: string;
  let mergedId: string;
  const localOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);
  beforeAll(async () => {
    t = await startTestServer(db);
    oldId = ok(await t.gql('{ province(code: "37", on: "2025-06-01") { id } }')).province.id;
    mergedId = ok(await t.gql('{ province(code: "37") { id } }')).province.id;
  });
  afterAll(() => t?.stop());

  const CREATE_TERM =
    'mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id title } userErrors { code field } } }';
  const termUnit = async (congressNumber: number) =>
    Number(
      (
        await t.server.ds.query(
          `SELECT t.unit_id FROM term t JOIN admin_unit u ON u.id = t.unit_id WHERE u.code = '37' AND t.congress_number = ?`,
          [congressNumber],
        )
      )[0].unit_id,
    );

  it('creates a 2020–2025 term for old Ninh Bình and a 2025–2030 term for the merged one; unitId chooses', async () => {
    const older = ok(
      await t.gql(CREATE_TERM, { i: { unitCode: '37', congressNumber: 22, startYear: 2020, endYear: 2025 } }),
    );
    expect(older.createTerm.userErrors).toEqual([]);
    expect(await termUnit(22)).toBe(localOf(oldId));
    const newer = ok(
      await t.gql(CREATE_TERM, { i: { unitCode: '37', congressNumber: 1, startYear: 2025, endYear: 2030 } }),
    );
    expect(newer.createTerm.userErrors).toEqual([]);
    expect(await termUnit(1)).toBe(localOf(mergedId));
    const chosen = ok(
      await t.gql(CREATE_TERM, {
        i: { unitCode: '37', unitId: mergedId, congressNumber: 2, startYear: 2020, endYear: 2025 },
      }),
    );
    expect(chosen.createTerm.userErrors).toEqual([]);
    expect(await termUnit(2)).toBe(localOf(mergedId));
    const wrong = ok(
      await t.gql(CREATE_TERM, {
        i: { unitCode: '38', unitId: mergedId, congressNumber: 3, startYear: 2020, endYear: 2025 },
      }),
    );
    expect(wrong.createTerm.userErrors).toEqual([{ code: 'UNIT_MISMATCH', field: ['input', 'unitId'] }]);
  });

  it('approves 37/2024 on old Ninh Bình, 37/2025-Q3 on the merged one, and refuses 37/2025 as ambiguous', async () => {
    const APPROVE =
      'mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { unitCode period locked userErrors { code message } } }';
    expect(ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2024' } })).approvePeriod.locked).toBe(true);
    expect(ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2025-Q3' } })).approvePeriod.locked).toBe(true);
    const ambiguous = ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2025' } })).approvePeriod;
    expect(ambiguous.locked).toBe(false);
    expect(ambiguous.userErrors[0].code).toBe('AMBIGUOUS_UNIT');
    expect(ambiguous.userErrors[0].message).toContain('until 2025-06-30');
    expect(ambiguous.userErrors[0].message).toContain('from 2025-07-01');
    const locks = await t.server.ds.query(`SELECT unit_id, period FROM period_lock ORDER BY period`);
    expect(locks.map((l: { unit_id: unknown; period: string }) => [Number(l.unit_id), l.period])).toEqual([
      [localOf(oldId), '2024'],
      [localOf(mergedId), '2025-Q3'],
    ]);
    // The locks bind the unit they were set on: 2024 of old Ninh Bình, 2025-09 of the merged one.
    const pushed = await push(
      t,
      [
        { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 1 },
        { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 1 },
        { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2025-03', value: 1 },
      ],
      { atomic: false },
    );
    expect(pushed.rows.map((r) => r.outcome)).toEqual(['LOCKED', 'LOCKED', 'CREATED']);
  });

  it('gives a new PROVINCE_EDITOR token of 37 the merged province, and still accepts an abolished district code', async () => {
    await expect(createToken(t, 'ninh-binh', 'PROVINCE_EDITOR', '37')).resolves.toMatchObject({
      secret: expect.any(String),
    });
    await expect(createToken(t, 'ha-trung', 'DISTRICT_EDITOR', '392')).resolves.toMatchObject({
      secret: expect.any(String),
    });
    await expect(createToken(t, 'wrong', 'DISTRICT_EDITOR', '37')).rejects.toThrow(/WRONG_SCOPE_LEVEL/);
  });
});

describeEachDb('read filters by code over the reform: every unit with the code in the filtered years', (db) => {
  let t: TestServer;
  let district: string;
  let commune: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    district = ok(
      await t.gql('{ province(code: "37", on: "2025-06-01") { districts(activeOn: "2025-06-01") { code } } }'),
    ).province.districts[0].code;
    commune = ok(await t.gql('{ province(code: "37") { communes { code } } }')).province.communes[0].code;
    const pushed = await push(t, [
      { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 50 },
      { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 60 },
      { unitCode: district, indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 5 },
      { unitCode: commune, indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 6 },
    ]);
    expect(pushed.applied).toBe(true);
  });
  afterAll(() => t?.stop());

  const read = async (filter: Record<string, unknown>) =>
    (
      ok(
        await t.gql(
          'query($f: ObservationFilter!) { observations(filter: $f) { nodes { unit { code } period value } } }',
          {
            f: filter,
          },
        ),
      ).observations.nodes as { unit: { code: string }; period: string }[]
    )
      .map((n) => `${n.unit.code} ${n.period}`)
      .sort();

  it('unitCodes takes old and merged Ninh Bình over 2024–2025, only the old one up to 2024', async () => {
    expect(await read({ unitCodes: ['37'] })).toEqual(['37 2024', '37 2025-09']);
    expect(await read({ unitCodes: ['37'], fromYear: 2024, toYear: 2025 })).toEqual(['37 2024', '37 2025-09']);
    expect(await read({ unitCodes: ['37'], toYear: 2024 })).toEqual(['37 2024']);
    expect(await read({ unitCodes: ['37'], periods: ['2025-09'] })).toEqual(['37 2025-09']);
  });

  it('provinceCode takes the children of every province 37 in the years: old districts, merged communes', async () => {
    expect(await read({ provinceCode: '37' })).toEqual([`${commune} 2025-09`, `${district} 2024`].sort());
    expect(await read({ provinceCode: '37', fromYear: 2025 })).toEqual([`${commune} 2025-09`]);
    expect(await read({ provinceCode: '37', toYear: 2024 })).toEqual([`${district} 2024`]);
  });

  it("ranks the units below the province 37 at the period's end: old Ninh Bình's districts in 2024, the merged one's communes in 2025-09", async () => {
    const Q =
      'query($p: String!, $l: AdminLevel) { ranking(provinceCode: "37", indicatorCode: "THU_NHAP_BQ", period: $p, level: $l) { unit { code level } rank } }';
    expect(ok(await t.gql(Q, { p: '2024' })).ranking).toEqual([
      { unit: { code: district, level: 'DISTRICT' }, rank: 1 },
    ]);
    expect(ok(await t.gql(Q, { p: '2025-09' })).ranking).toEqual([
      { unit: { code: commune, level: 'COMMUNE' }, rank: 1 },
    ]);
    expect(ok(await t.gql(Q, { p: '2025-09', l: 'DISTRICT' })).ranking).toEqual([]);
  });
});
