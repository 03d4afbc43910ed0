import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../server/src/common/errors';
import { describeEachDb } from '../helpers/databases';
import type { PushRow } from '../helpers/push';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * The push service at its size limits, on a real database: the 50,000-row limit and 10,000-row
 * pushes in a bounded number of statements. Shipping that many rows through HTTP and GraphQL adds
 * nothing to what is checked here (the API's mapping of the service's errors is tested over HTTP
 * in test/integration/push-malformed.test.ts).
 */
const good = { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 60, status: 'OFFICIAL' as const };
const row = (
  unitCode: string,
  indicatorCode: string,
  period: string,
  value: number | null,
  extra: Partial<PushRow> = {},
): PushRow => ({ unitCode, indicatorCode, period, value, status: 'OFFICIAL', ...extra });

describeEachDb('pushObservations at its size limits', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
  });
  afterAll(() => s?.close());

  /** Everything a push could touch. */
  const snapshot = async () => {
    const q = (sql: string) => s.ds.query(sql);
    const [obs, revs, batches] = await Promise.all([
      q('SELECT unit_id, indicator_id, period, value, status, source, note, version FROM observation ORDER BY id'),
      q('SELECT COUNT(*) AS n, MAX(id) AS m FROM observation_revision'),
      q('SELECT COUNT(*) AS n FROM push_batch'),
    ]);
    return JSON.stringify([obs, revs, batches]);
  };

  // Moved from test/integration/push-malformed.test.ts.
  it('refuses more than 50,000 rows as a whole, and takes exactly 50,000', async () => {
    const fingerprint = await snapshot();
    const rows = Array.from({ length: 50_001 }, (_, i) => ({
      ...good,
      period: String(1900 + (i % 125)), // years Hà Trung existed (it ended on 2025-06-30)
      note: String(i),
    }));
    const refused = await s.services.push.push(s.admin, rows).then(
      () => null,
      (e: unknown) => e,
    );
    // A top-level error (no payload), which the API answers as BAD_USER_INPUT with this reason and field.
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROWS', field: ['input', 'rows'] });
    expect((refused as AppError).message.length).toBeLessThan(500);
    expect(await snapshot()).toBe(fingerprint);
    // 50,000 rows that all name one key: accepted as a request, every row refused as a duplicate.
    const max = await s.services.push.push(s.admin, rows.slice(0, 50_000), { dryRun: true });
    expect(max.rows).toHaveLength(50_000);
    expect(max.rows.every((r) => r.code === 'DUPLICATE_ROW')).toBe(true);
    expect(await snapshot()).toBe(fingerprint);
  });

  // Moved from test/integration/push.test.ts.
  it('applies 10,000 rows in a bounded number of SQL statements (multi-row, never one per row)', async () => {
    const units: string[] = (
      await s.ds.query(
        "SELECT u.code FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id WHERE p.code = '38' AND u.valid_to IS NULL ORDER BY u.code",
      )
    ).map((r: { code: string }) => r.code);
    const indicators = [
      'GTSX',
      'VON_DAU_TU_XH',
      'THU_NSNN',
      'GTSX_CN_TTCN',
      'SL_LUONG_THUC',
      'DT_GIEO_TRONG',
      'NANG_SUAT_LUA',
      'THU_NHAP_BQ',
    ];
    const rows: PushRow[] = [];
    for (const u of units)
      for (const i of indicators)
        for (let m = 0; m < 60 && rows.length < 10_000; m++) {
          rows.push(
            row(u, i, `${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, 100 + m, {
              source: 'Cục Thống kê Thanh Hóa',
              note: 'số liệu tháng',
            }),
          );
        }
    expect(rows).toHaveLength(10_000);
    s.counter.reset();
    const created = await s.services.push.push(s.admin, rows);
    expect(created).toMatchObject({ applied: true, created: 10_000 });
    expect(s.counter.count).toBeLessThan(60);
    s.counter.reset();
    const updated = await s.services.push.push(
      s.admin,
      rows.map((r) => ({ ...r, value: (r.value as number) + 0.25, baseVersion: 1 })),
    );
    expect(updated).toMatchObject({ applied: true, updated: 10_000 });
    expect(updated.rows[9_999].observation).toMatchObject({ version: 2, value: rows[9_999].value! + 0.25 });
    expect(s.counter.count).toBeLessThan(60);
  });
});
