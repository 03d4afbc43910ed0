import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/** A row whose code names two units in its period (37 in 2025) must say which one with unitId. */
describeEachDb('push rows: AMBIGUOUS_UNIT and unitId', (db) => {
  let t: TestServer;
  let oldId: string;
  let mergedId: string;
  let thanhHoaId: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    oldId = ok(await t.gql('{ province(code: "37", on: "2025-06-01") { id } }')).province.id;
    mergedId = ok(await t.gql('{ province(code: "37") { id } }')).province.id;
    thanhHoaId = ok(await t.gql('{ province(code: "38") { id } }')).province.id;
  });
  afterAll(() => t?.stop());

  const storedFor37 = () =>
    t.server.ds.query(
      `SELECT o.period, o.value, u.valid_from, u.valid_to FROM observation o JOIN admin_unit u ON u.id = o.unit_id
       WHERE u.code = '37' AND o.period = '2025' ORDER BY o.period`,
    );

  it('refuses 37 with period 2025 (old and merged Ninh Bình) and writes nothing in an atomic push', async () => {
    const payload = await push(t, [
      { unitCode: '38', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 10 },
      { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 70 },
    ]);
    expect(payload.applied).toBe(false);
    expect(payload.rows[1]).toMatchObject({ outcome: 'INVALID', code: 'AMBIGUOUS_UNIT', field: 'unitCode' });
    const msg = payload.rows[1].message!;
    expect(msg).toContain('Ninh Bình (37, until 2025-06-30');
    expect(msg).toContain('Ninh Bình (37, from 2025-07-01');
    expect(msg).toContain(oldId);
    expect(msg).toContain(mergedId);
    expect(payload.userErrors.map((e) => e.code)).toEqual(['ATOMIC_PUSH_REJECTED']);
    expect(await storedFor37()).toEqual([]);
    const count = await t.server.ds.query(
      `SELECT COUNT(*) AS n FROM observation o JOIN admin_unit u ON u.id = o.unit_id WHERE u.code = '38'`,
    );
    expect(Number(count[0].n)).toBe(0);
  });

  it('writes the same row to the merged unit when it carries its unitId', async () => {
    const payload = await push(t, [
      { unitCode: '37', unitId: mergedId, indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 70 },
    ]);
    expect(payload.rows.map((r) => [r.outcome, r.code])).toEqual([['CREATED', null]]);
    expect(await storedFor37()).toEqual([
      { period: '2025', value: expect.anything(), valid_from: '2025-07-01', valid_to: null },
    ]);
  });

  it('refuses an unknown unitId, a unitId of another code, and a unit inactive in the period', async () => {
    const payload = await push(
      t,
      [
        { unitCode: '37', unitId: 'UHJvdmluY2U6OTk5OTk5', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 1 },
        { unitCode: '37', unitId: 'not an id', indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 1 },
        { unitCode: '37', unitId: thanhHoaId, indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 1 },
        { unitCode: '37', unitId: oldId, indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 1 },
        { unitCode: '37', unitId: oldId, indicatorCode: 'THU_NHAP_BQ', period: '2025-03', value: 1 },
      ],
      { atomic: false },
    );
    expect(payload.rows.map((r) => [r.outcome, r.code, r.field])).toEqual([
      ['INVALID', 'UNKNOWN_UNIT', 'unitId'],
      ['INVALID', 'UNKNOWN_UNIT', 'unitId'],
      ['INVALID', 'UNIT_MISMATCH', 'unitId'],
      ['INVALID', 'UNIT_INACTIVE', 'period'],
      ['CREATED', null, null],
    ]);
    expect(payload.rows[2].message).toContain('Thanh Hóa (38)');
  });

  it('needs no unitId when the period falls inside one unit: 37/2024 old Ninh Bình, 00004/2025-09 Phường Ba Đình', async () => {
    const payload = await push(t, [
      { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 50 },
      { unitCode: '00004', indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 5 },
    ]);
    expect(payload.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
    const stored = await t.server.ds.query(
      `SELECT u.code, u.name, u.valid_from, u.valid_to FROM observation o JOIN admin_unit u ON u.id = o.unit_id
       WHERE o.period IN ('2024', '2025-09') ORDER BY u.code`,
    );
    expect(stored).toEqual([
      { code: '00004', name: 'Phường Ba Đình', valid_from: '2025-07-01', valid_to: null },
      { code: '37', name: 'Tỉnh Ninh Bình', valid_from: null, valid_to: '2025-06-30' },
    ]);
  });

  it('resolves rows with unitId in a bounded number of statements (bulk, not per row)', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      unitCode: '37',
      unitId: i % 2 ? mergedId : oldId,
      indicatorCode: 'THU_NHAP_BQ',
      period: `${(i % 2 ? 2026 : 2010) + Math.floor(i / 24)}-${String(((i >> 1) % 12) + 1).padStart(2, '0')}`,
      value: i,
    }));
    t.counter.reset();
    const payload = await push(t, rows, { dryRun: true, atomic: false });
    expect(payload.rows.filter((r) => r.outcome === 'INVALID')).toEqual([]);
    expect(t.counter.count).toBeLessThanOrEqual(20);
  });
});
