import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push, readBack, type PushRow } from '../helpers/push';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

const row = (
  unitCode: string,
  indicatorCode: string,
  period: string,
  value: number | null,
  extra: Partial<PushRow> = {},
): PushRow => ({ unitCode, indicatorCode, period, value, status: 'OFFICIAL', ...extra });

describeEachDb('pushObservations semantics', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  const revisions = async (unitCode: string, indicatorCode: string, period: string) => {
    const res = ok(
      await t.gql(
        'query($u: [String!], $i: [String!], $p: [String!]) { observations(filter: { unitCodes: $u, indicatorCodes: $i, periods: $p }) { nodes { version revisions { version action value previousValue status source note changedBy changedAt batchId } } } }',
        { u: [unitCode], i: [indicatorCode], p: [period] },
      ),
    );
    return res.observations.nodes[0] ?? null;
  };
  const revisionCount = async () => (await t.server.ds.query('SELECT COUNT(*) AS n FROM observation_revision'))[0].n;

  it('creates, updates and deletes with a gap-free revision chain that survives deletion and re-creation', async () => {
    const began = Date.now();
    const created = await push(t, [
      row('392', 'THU_NHAP_BQ', '2024', 58.1, { source: 'Báo cáo 2024', note: 'ước đạt' }),
    ]);
    expect(created).toMatchObject({
      applied: true,
      dryRun: false,
      replayed: false,
      created: 1,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      rejected: 0,
      userErrors: [],
    });
    expect(created.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.rows[0]).toMatchObject({ index: 0, outcome: 'CREATED', code: null, current: null });
    expect(created.rows[0].observation).toMatchObject({
      unit: { code: '392' },
      indicator: { code: 'THU_NHAP_BQ' },
      period: '2024',
      value: 58.1,
      version: 1,
      source: 'Báo cáo 2024',
      note: 'ước đạt',
      updatedBy: 'ADMIN_TOKEN',
    });

    const updated = await push(t, [
      row('392', 'THU_NHAP_BQ', '2024', 58.35, { baseVersion: 1, status: 'PRELIMINARY' }),
    ]);
    expect(updated).toMatchObject({ applied: true, updated: 1 });
    expect(updated.rows[0].observation).toMatchObject({
      value: 58.35,
      version: 2,
      status: 'PRELIMINARY',
      source: null,
      note: null,
    });

    const deleted = await push(t, [row('392', 'THU_NHAP_BQ', '2024', null, { baseVersion: 2 })]);
    expect(deleted).toMatchObject({ applied: true, deleted: 1 });
    expect(deleted.rows[0]).toMatchObject({ outcome: 'DELETED', observation: null });
    expect((await readBack(t, ['392'])).has('392|THU_NHAP_BQ|2024')).toBe(false);

    const again = await push(t, [row('392', 'THU_NHAP_BQ', '2024', 59)]);
    expect(again.rows[0]).toMatchObject({ outcome: 'CREATED', observation: { version: 4, value: 59 } });

    const obs = await revisions('392', 'THU_NHAP_BQ', '2024');
    expect(obs.version).toBe(4);
    expect(obs.revisions.map((r: any) => [r.version, r.action, r.value, r.previousValue, r.status])).toEqual([
      [4, 'CREATE', 59, null, 'OFFICIAL'],
      [3, 'DELETE', null, 58.35, 'PRELIMINARY'],
      [2, 'UPDATE', 58.35, 58.1, 'PRELIMINARY'],
      [1, 'CREATE', 58.1, null, 'OFFICIAL'],
    ]);
    expect(obs.revisions.map((r: any) => r.batchId)).toEqual([
      again.batchId,
      deleted.batchId,
      updated.batchId,
      created.batchId,
    ]);
    for (const r of obs.revisions) {
      expect(r.changedBy).toBe('ADMIN_TOKEN');
      // Stamped while the test ran (the database may keep whole seconds).
      expect(Date.parse(r.changedAt)).toBeGreaterThanOrEqual(began - 1000);
      expect(Date.parse(r.changedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(obs.revisions[3]).toMatchObject({ source: 'Báo cáo 2024', note: 'ước đạt' });
  });

  it('atomic: one bad row among many leaves the database unchanged, and every row is still reported', async () => {
    await push(t, [row('390', 'THU_NHAP_BQ', '2024', 50)]);
    const before = await readBack(t, ['390']);
    const revs = await revisionCount();
    const rows = Array.from({ length: 300 }, (_, i) =>
      row('390', 'TY_LE_HO_NGHEO', `2024-${String((i % 12) + 1).padStart(2, '0')}`, 1 + i / 100),
    );
    // distinct keys: months × three statuses would collide, so spread over indicators instead
    rows.forEach(
      (r, i) => (
        (r.indicatorCode = [
          'TY_LE_HO_NGHEO',
          'TY_LE_HO_CAN_NGHEO',
          'TY_LE_CHE_PHU_RUNG',
          'TY_LE_XA_NTM',
          'TY_LE_HO_VAN_HOA',
        ][Math.floor(i / 12) % 5]),
        (r.period = `${2000 + Math.floor(i / 60)}-${String((i % 12) + 1).padStart(2, '0')}`)
      ),
    );
    rows.push(row('390', 'THU_NHAP_BQ', '2024', 51, { baseVersion: 1 }));
    rows.splice(150, 0, row('390', 'NO_SUCH_INDICATOR', '2024', 1));
    const res = await push(t, rows);
    expect(res).toMatchObject({ applied: false, batchId: null, created: 300, updated: 1, rejected: 1 });
    expect(res.rows).toHaveLength(302);
    expect(res.rows.map((r) => r.index)).toEqual(rows.map((_, i) => i));
    expect(res.rows[150]).toMatchObject({ outcome: 'INVALID', code: 'UNKNOWN_INDICATOR', field: 'indicatorCode' });
    expect(res.rows[0]).toMatchObject({ outcome: 'CREATED', observation: null });
    expect(res.rows[301]).toMatchObject({ outcome: 'UPDATED', observation: null, current: { value: 50, version: 1 } });
    expect(res.userErrors.map((e) => e.code)).toEqual(['ATOMIC_PUSH_REJECTED']);
    expect(await readBack(t, ['390'])).toEqual(before);
    expect(await revisionCount()).toBe(revs);
  });

  it('non-atomic: the good rows are written and the bad ones reported', async () => {
    const res = await push(
      t,
      [
        row('390', 'SO_XA_NTM', '2024', 11),
        row('390', 'SO_XA_NTM', '2024-13', 11),
        row('390', 'SO_XA_NTM', '2024-H1', 10.5),
      ],
      { atomic: false },
    );
    expect(res).toMatchObject({ applied: true, created: 1, rejected: 2 });
    expect(res.batchId).not.toBeNull();
    expect(res.rows.map((r) => [r.outcome, r.code])).toEqual([
      ['CREATED', null],
      ['INVALID', 'INVALID_PERIOD'],
      ['INVALID', 'NOT_AN_INTEGER'],
    ]);
    const stored = await readBack(t, ['390']);
    expect(stored.get('390|SO_XA_NTM|2024')).toMatchObject({ value: 11, version: 1 });
    expect(stored.has('390|SO_XA_NTM|2024-H1')).toBe(false);
  });

  it('dry run reports exactly what the real push then does, and writes nothing', async () => {
    await push(t, [row('849', 'THU_NHAP_BQ', '2024', 60), row('849', 'SO_HO_NGHEO', '2024', 1900)]);
    const rows = [
      row('849', 'THU_NHAP_BQ', '2024', 61, { baseVersion: 1 }),
      row('849', 'SO_HO_NGHEO', '2024', null, { baseVersion: 1 }),
      row('849', 'SO_HO_CAN_NGHEO', '2024', 2800),
      row('849', 'THU_NHAP_BQ', '2023', 57),
    ];
    const before = await readBack(t, ['849']);
    const revs = await revisionCount();
    const dry = await push(t, rows, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false, created: 2, updated: 1, deleted: 1, rejected: 0 });
    expect(dry.batchId).not.toBeNull();
    expect(await readBack(t, ['849'])).toEqual(before);
    expect(await revisionCount()).toBe(revs);

    const real = await push(t, rows);
    expect(real).toMatchObject({ dryRun: false, applied: true, created: 2, updated: 1, deleted: 1 });
    expect(real.rows.map((r) => [r.index, r.outcome, r.code])).toEqual(
      dry.rows.map((r) => [r.index, r.outcome, r.code]),
    );
    expect(real.batchId).not.toBe(dry.batchId);
  });

  it('conflicts: stale baseVersion, a new row for an existing key, an edit of a deleted key — with current filled', async () => {
    await push(t, [row('392', 'SP_OCOP', '2024', 18)]);
    await push(t, [row('392', 'SP_OCOP', '2024', 19, { baseVersion: 1 })]);
    const res = await push(
      t,
      [
        row('392', 'SP_OCOP', '2024', 20, { baseVersion: 1 }),
        row('392', 'SP_OCOP', '2024-H1', 17),
        row('392', 'SO_XA_NTM', '2024', 20, { baseVersion: 3 }),
      ],
      { atomic: false },
    );
    expect(res.rows[0]).toMatchObject({
      outcome: 'CONFLICT',
      code: 'STALE_VERSION',
      current: { value: 19, version: 2, updatedBy: 'ADMIN_TOKEN' },
      observation: null,
    });
    expect(res.rows[0].message).toMatch(/baseVersion 2/);
    expect(res.rows[2]).toMatchObject({ outcome: 'CONFLICT', code: 'NOT_FOUND', current: null });
    expect(res.rows[1].outcome).toBe('CREATED');
    const dup = await push(t, [row('392', 'SP_OCOP', '2024', 21)]);
    expect(dup.rows[0]).toMatchObject({
      outcome: 'CONFLICT',
      code: 'ALREADY_EXISTS',
      current: { value: 19, version: 2 },
    });
    expect((await readBack(t, ['392'])).get('392|SP_OCOP|2024')).toMatchObject({ value: 19, version: 2 });
  });

  it('UNCHANGED rows write nothing; deleting a missing key is UNCHANGED; a blind delete is a CONFLICT', async () => {
    await push(t, [row('392', 'SO_HO_NGHEO', '2024', 1200, { source: 'x', note: 'y' })]);
    const revs = await revisionCount();
    const same = await push(t, [
      row('392', 'SO_HO_NGHEO', '2024', 1200.0000001 - 0.0000001, { source: 'x', note: 'y', baseVersion: 1 }),
      row('392', 'SO_HO_NGHEO', '2019', null),
    ]);
    expect(same).toMatchObject({ applied: true, unchanged: 2, batchId: null });
    expect(same.rows[0]).toMatchObject({ outcome: 'UNCHANGED', code: null, observation: { version: 1, value: 1200 } });
    expect(same.rows[1]).toMatchObject({ outcome: 'UNCHANGED', code: 'ALREADY_ABSENT', observation: null });
    expect(await revisionCount()).toBe(revs);
    const blind = await push(t, [row('392', 'SO_HO_NGHEO', '2024', null)]);
    expect(blind.rows[0]).toMatchObject({ outcome: 'CONFLICT', code: 'ALREADY_EXISTS', current: { version: 1 } });
    const changedNote = await push(t, [
      row('392', 'SO_HO_NGHEO', '2024', 1200, { source: 'x', note: 'z', baseVersion: 1 }),
    ]);
    expect(changedNote.rows[0]).toMatchObject({ outcome: 'UPDATED', observation: { version: 2, note: 'z' } });
  });

  it('replaying an idempotency key returns the first result and writes nothing; keys are scoped to their token', async () => {
    const rows = [row('364', 'NANG_SUAT_LUA', '2024', 125.5), row('364', 'NANG_SUAT_LUA', '2023', -1)];
    const first = await push(t, rows, { idempotencyKey: 'excel-2024-001', atomic: false });
    expect(first).toMatchObject({ created: 1, rejected: 1, replayed: false });
    const revs = await revisionCount();
    const replay = await push(t, rows, { idempotencyKey: 'excel-2024-001', atomic: false });
    expect(replay.replayed).toBe(true);
    expect({ ...replay, replayed: false }).toEqual(first);
    expect(await revisionCount()).toBe(revs);

    const reused = await t.gql(
      'mutation($input: PushObservationsInput!) { pushObservations(input: $input) { applied } }',
      { input: { rows: [row('364', 'NANG_SUAT_LUA', '2022', 120)], idempotencyKey: 'excel-2024-001' } },
    );
    expect(errorCode(reused)).toBe('CONFLICT');
    expect(errorReason(reused)).toBe('IDEMPOTENCY_KEY_REUSED');

    const other = await createToken(t, 'Nam Định', 'PROVINCE_EDITOR', '36');
    const otherPush = await push(
      t,
      [row('364', 'NANG_SUAT_LUA', '2022', 120)],
      { idempotencyKey: 'excel-2024-001' },
      other.secret,
    );
    expect(otherPush).toMatchObject({ created: 1, replayed: false });
  });

  it('refuses the same key twice in one push, and values outside the unit of measure', async () => {
    const res = await push(
      t,
      [
        row('392', 'TY_LE_HO_NGHEO', '2024', 3.1),
        row('392', 'TY_LE_HO_NGHEO', '2024', 3.2),
        row('392', 'TY_LE_HO_NGHEO', '2025', 100.5),
        row('392', 'SO_XA_NTM', '2025', 19.5),
        row('392', 'THU_NHAP_BQ', '2025', -1),
        row('392', 'TD_TANG_GTSX', '2025', -2.5),
        row('392', 'GTSX', '2025', 1.1234567),
        row('392', 'GTSX', '2025-01', 1e15),
        row('392', 'GTSX', '2025-02', 0.1 + 0.2),
        row('405', 'GTSX', '2025', 1000),
        row('405', 'GTSX', '2024', 1000),
      ],
      { atomic: false },
    );
    expect(res.rows.map((r) => [r.outcome, r.code])).toEqual([
      ['INVALID', 'DUPLICATE_ROW'],
      ['INVALID', 'DUPLICATE_ROW'],
      ['INVALID', 'VALUE_OUT_OF_RANGE'],
      ['INVALID', 'NOT_AN_INTEGER'],
      ['INVALID', 'VALUE_OUT_OF_RANGE'],
      ['CREATED', null],
      ['INVALID', 'TOO_MANY_DECIMALS'],
      ['INVALID', 'VALUE_OUT_OF_RANGE'],
      ['CREATED', null],
      ['INVALID', 'UNIT_INACTIVE'],
      ['CREATED', null],
    ]);
    expect(res.rows[8].observation!.value).toBe(0.3);
    expect(res.rows[2].message).toMatch(/100/);
    expect(res.rows[9].message).toMatch(/Đông Sơn/);
  });
  // 'applies 10,000 rows in a bounded number of SQL statements' is in test/service/push-bulk.test.ts.
});
