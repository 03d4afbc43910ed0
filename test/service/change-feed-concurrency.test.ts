import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/auth.types';
import { DATABASES } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * The case `updatedSince` gets wrong on MariaDB: a push that started first (its rows stamped
 * earlier) commits last. A poller in between must find the late commit's changes after its cursor.
 * The late push is held open by another transaction that holds the unique key its push_batch insert
 * needs (its last write before COMMIT): it has written its observations and change entries and waits.
 * SQLite runs writers one at a time, so there the case cannot arise.
 */
const suite = DATABASES.includes('mysql') ? describe : describe.skip;

suite('changes: a push that starts first and commits last [mysql]', () => {
  let s: ServiceDb;
  let editor: Viewer;
  beforeAll(async () => {
    s = await openServices('mysql');
    editor = await s.viewer('early', 'PROVINCE_EDITOR', '38');
  });
  afterAll(() => s?.close());

  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 6000; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never happened: ${what}`);
  };

  it('the late commit comes after the poller’s cursor; none is lost', async () => {
    const start = await s.services.changes.head();
    const blocker = s.ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction('READ COMMITTED');
    await blocker.query(
      "INSERT INTO push_batch (id, token_id, idempotency_key, request_hash, actor, created_at, row_count) VALUES ('blocker', ?, 'late', NULL, 'test', NOW(3), 0)",
      [s.admin.tokenId],
    );
    const lateRows = Array.from({ length: 500 }, (_, i) => ({
      unitCode: '392',
      indicatorCode: 'GTSX',
      period: `19${String(i % 100).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: i,
    }));
    const unique = [...new Map(lateRows.map((r) => [r.period, r])).values()];
    const late = s.services.push.push(s.admin, unique, { idempotencyKey: 'late' });
    // The late push has done its work and waits on the blocker's key.
    await waitFor('the late push waits on a lock', async () => {
      const rows: { n: unknown }[] = await s.ds.query(
        `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
          WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()`,
      );
      return Number(rows[0].n) > 0;
    });
    // Another token: its push_batch row (token 2, no key) sorts after the locked (token 1, 'late'),
    // outside the gap the waiting insert locks on the unique index.
    const early = await s.services.push.push(editor, [
      { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '1990', value: 1 },
    ]);
    expect(early.created).toBe(1);

    // The poller: sees the early commit only; its cursor is after it.
    const polled = await s.services.changes.changes(start, 1000);
    expect(polled.nodes.map((c) => [c.indicatorCode, c.period])).toEqual([['THU_NHAP_BQ', '1990']]);
    const pollCursor = polled.pageInfo.endCursor!;
    const pollTime = (
      await s.services.observations.connection(
        { unitCodes: ['392'], indicatorCodes: ['THU_NHAP_BQ'], periods: ['1990'] },
        1,
        null,
      )
    ).nodes[0].updatedAt;

    await blocker.rollbackTransaction();
    await blocker.release();
    const done = await late;
    expect(done.created).toBe(unique.length);

    // The late push's rows carry a timestamp before the poll: a watermark client would never see them.
    const sinceWatermark = await s.services.observations.connection(
      { unitCodes: ['392'], indicatorCodes: ['GTSX'], updatedSince: pollTime },
      50_000,
      null,
    );
    expect(sinceWatermark.nodes.filter((o) => o.period.startsWith('19') && o.period.includes('-'))).toEqual([]);

    // The feed: after the poller's cursor, exactly the late push, every row, once.
    const after = await s.services.changes.changes(pollCursor, 10_000);
    expect(after.pageInfo.hasNextPage).toBe(false);
    expect(after.nodes.map((c) => c.period).sort()).toEqual(unique.map((r) => r.period).sort());
    expect(after.nodes.every((c) => c.sequence > polled.nodes[0].sequence && c.action === 'CREATE')).toBe(true);
    expect(new Set(after.nodes.map((c) => c.sequence)).size).toBe(1);
  });
});
