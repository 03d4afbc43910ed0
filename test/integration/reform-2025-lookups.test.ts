import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push } from '../helpers/push';
import { errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * Lookups by code that used to take the oldest unit resolve on a date (default: today, else the
 * newest unit with the code) or take a unitId: periodLocks, terms, approvals, adminUnits' provinceCode.
 */
describeEachDb('code lookups on a date: periodLocks, terms, approvals with unitId, adminUnits', (db) => {
  let t: TestServer;
  let oldId: string;
  let mergedId: string;
  let thanhHoaId: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    const q = ok(
      await t.gql(
        '{ o: province(code: "37", on: "2025-06-01") { id } m: province(code: "37") { id } th: province(code: "38") { id } }',
      ),
    );
    ({
      o: { id: oldId },
      m: { id: mergedId },
      th: { id: thanhHoaId },
    } = q);
  });
  afterAll(() => t?.stop());

  const APPROVE =
    'mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { unitCode unitId period locked userErrors { code field } } }';
  const UNAPPROVE =
    'mutation($i: PeriodLockInput!) { unapprovePeriod(input: $i) { unitCode unitId period locked userErrors { code field } } }';
  const LOCKS =
    'query($c: String!, $on: Date, $id: ID) { periodLocks(unitCode: $c, on: $on, unitId: $id) { unitCode unitId period } }';

  it('approvals return the unit they resolved and take unitId to name one unit of a shared code', async () => {
    expect(ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2024' } })).approvePeriod).toEqual({
      unitCode: '37',
      unitId: oldId,
      period: '2024',
      locked: true,
      userErrors: [],
    });
    expect(ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2025-Q3' } })).approvePeriod.unitId).toBe(mergedId);
    // 2025 names two units with code 37: refused without unitId, approved on the unit it names.
    expect(ok(await t.gql(APPROVE, { i: { unitCode: '37', period: '2025' } })).approvePeriod).toMatchObject({
      unitId: null,
      locked: false,
      userErrors: [{ code: 'AMBIGUOUS_UNIT', field: ['input', 'unitCode'] }],
    });
    expect(
      ok(await t.gql(APPROVE, { i: { unitCode: '37', unitId: oldId, period: '2025' } })).approvePeriod,
    ).toMatchObject({ unitId: oldId, period: '2025', locked: true, userErrors: [] });
    const pushed = await push(
      t,
      [
        { unitCode: '37', unitId: oldId, indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 1 },
        { unitCode: '37', unitId: mergedId, indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 1 },
      ],
      { atomic: false },
    );
    expect(pushed.rows.map((r) => r.outcome)).toEqual(['LOCKED', 'CREATED']);

    // A unitId that is not a unit with the code, or a unit that did not exist in the period.
    expect(
      ok(await t.gql(APPROVE, { i: { unitCode: '37', unitId: thanhHoaId, period: '2024' } })).approvePeriod,
    ).toMatchObject({
      unitId: null,
      locked: false,
      userErrors: [{ code: 'UNIT_MISMATCH', field: ['input', 'unitId'] }],
    });
    expect(
      ok(await t.gql(APPROVE, { i: { unitCode: '37', unitId: oldId, period: '2026' } })).approvePeriod,
    ).toMatchObject({ locked: false, userErrors: [{ code: 'UNIT_INACTIVE', field: ['input', 'unitId'] }] });
    expect(
      ok(await t.gql(APPROVE, { i: { unitCode: '37', unitId: 'bm9wZQ', period: '2024' } })).approvePeriod.userErrors,
    ).toEqual([{ code: 'UNKNOWN_UNIT', field: ['input', 'unitId'] }]);

    expect(
      ok(await t.gql(UNAPPROVE, { i: { unitCode: '37', unitId: oldId, period: '2025' } })).unapprovePeriod,
    ).toMatchObject({ unitId: oldId, locked: false, userErrors: [] });
  });

  it('periodLocks resolves the code today by default, on a date, or takes unitId', async () => {
    expect(ok(await t.gql(LOCKS, { c: '37' })).periodLocks).toEqual([
      { unitCode: '37', unitId: mergedId, period: '2025-Q3' },
    ]);
    expect(ok(await t.gql(LOCKS, { c: '37', on: '2024-05-01' })).periodLocks).toEqual([
      { unitCode: '37', unitId: oldId, period: '2024' },
    ]);
    expect(ok(await t.gql(LOCKS, { c: '37', id: oldId })).periodLocks.map((l: { period: string }) => l.period)).toEqual(
      ['2024'],
    );
    // A district abolished in 2025: no unit has the code today, so the newest that had it.
    ok(await t.gql(APPROVE, { i: { unitCode: '392', period: '2023' } }));
    expect(ok(await t.gql(LOCKS, { c: '392' })).periodLocks.map((l: { period: string }) => l.period)).toEqual(['2023']);
    expect(ok(await t.gql(LOCKS, { c: '392', on: '2026-01-01' })).periodLocks).toEqual([]);
    expect(ok(await t.gql(LOCKS, { c: '99999' })).periodLocks).toEqual([]);
    expect(errorReason(await t.gql(LOCKS, { c: '37', id: thanhHoaId }))).toBe('UNIT_MISMATCH');
  });

  it('terms resolves the code today by default or on a date', async () => {
    const CREATE = 'mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id } userErrors { code } } }';
    const older = ok(await t.gql(CREATE, { i: { unitCode: '37', congressNumber: 22, startYear: 2020, endYear: 2025 } }))
      .createTerm.term.id;
    const newer = ok(await t.gql(CREATE, { i: { unitCode: '37', congressNumber: 1, startYear: 2025, endYear: 2030 } }))
      .createTerm.term.id;
    const TERMS = 'query($c: String, $on: Date) { terms(unitCode: $c, on: $on) { id unit { id } } }';
    expect(ok(await t.gql(TERMS, { c: '37' })).terms).toEqual([{ id: newer, unit: { id: mergedId } }]);
    expect(ok(await t.gql(TERMS, { c: '37', on: '2023-01-01' })).terms).toEqual([{ id: older, unit: { id: oldId } }]);
    // Hà Trung (392) was abolished in 2025: today the newest unit with the code; none on a later date.
    expect(ok(await t.gql(TERMS, { c: '392' })).terms.length).toBeGreaterThan(0);
    expect(ok(await t.gql(TERMS, { c: '392', on: '2026-01-01' })).terms).toEqual([]);
    expect(errorReason(await t.gql(TERMS, { c: '99999' }))).toBe('UNKNOWN_UNIT');
  });

  it("adminUnits' provinceCode without on names every province with the code (old and merged Ninh Bình)", async () => {
    const q = ok(
      await t.gql(`{
        old: province(code: "37", on: "2025-06-01") { districts(activeOn: "2025-06-01") { code } }
        merged: province(code: "37") { communes { code } }
        all: adminUnits(provinceCode: "37", level: COMMUNE, first: 1000) { code ... on Commune { province { code } } }
        districts: adminUnits(provinceCode: "37", level: DISTRICT, first: 1000) { code } }`),
    );
    const codes = q.all.map((u: { code: string }) => u.code);
    expect(codes).toEqual(expect.arrayContaining(q.merged.communes.map((c: { code: string }) => c.code)));
    expect(q.all.every((u: { province: { code: string } }) => u.province.code === '37')).toBe(true);
    expect(q.districts.map((d: { code: string }) => d.code).sort()).toEqual(
      q.old.districts.map((d: { code: string }) => d.code).sort(),
    );
  });
});
