import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/auth.types';
import { recordChanges } from '../../server/src/db/change-log';
import { writeTransaction } from '../../server/src/db/write-transaction';
import { insertRevisions, writeObservations } from '../../server/src/observations/push-store';
import { DATABASES } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * The case `updatedSince` gets wrong on MariaDB: a write that started first (its rows stamped
 * earlier) commits last. A poller in between must find the late commit's changes after its cursor.
 * The late writer is a push's write path (push-store: revisions, observations, change entries, as
 * PushService writes them) inside writeTransaction, held open after its writes until the test
 * releases it; meanwhile a real push commits and the poller reads. SQLite runs writers one at a
 * time, so there the case cannot arise.
 */
const suite = DATABASES.includes('mysql') ? describe : describe.skip;

suite('changes: a write that starts first and commits last [mysql]', () => {
  let s: ServiceDb;
  let editor: Viewer;
  beforeAll(async () => {
    s = await openServices('mysql');
    editor = await s.viewer('early', 'PROVINCE_EDITOR', '38');
  });
  afterAll(() => s?.close());

  it('the late commit comes after the poller’s cursor; none is lost', async () => {
    const start = await s.services.changes.head();
    const [unit] = await s.ds.query("SELECT id FROM admin_unit WHERE code = '392' AND level = 'DISTRICT'");
    const [indicator] = await s.ds.query("SELECT id FROM indicator WHERE code = 'GTSX'");
    const years = Array.from({ length: 300 }, (_, i) => 1700 + i);
    const key = (y: number) => ({ unitId: Number(unit.id), indicatorId: Number(indicator.id), period: String(y) });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const stampedAt = new Date();
    const late = writeTransaction(s.ds, async (em) => {
      await insertRevisions(
        em,
        years.map((y) => ({
          ...key(y),
          version: 1,
          action: 'CREATE' as const,
          value: y,
          previousValue: null,
          status: 'OFFICIAL' as const,
          source: null,
          note: null,
        })),
        stampedAt,
        'late',
        'late-batch',
      );
      await writeObservations(
        em,
        years.map((y) => ({
          ...key(y),
          startMonth: y * 12,
          endMonth: y * 12 + 11,
          value: y,
          status: 'OFFICIAL' as const,
          source: null,
          note: null,
          version: 1,
        })),
        'CREATE',
        stampedAt,
        'late',
      );
      await recordChanges(
        em,
        years.map((y) => ({ kind: 'OBSERVATION' as const, action: 'CREATE' as const, ...key(y), version: 1 })),
        'late',
      );
      written();
      await gate; // held open: written, not committed
    });
    await wrote;
    const early = await s.services.push.push(editor, [
      { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '1990', value: 1 },
    ]);
    expect(early.created).toBe(1);

    // The poller: sees the early commit only; its cursor is after it.
    const polled = await s.services.changes.changes(start, 1000);
    expect(polled.nodes.map((c) => [c.indicatorCode, c.period])).toEqual([['THU_NHAP_BQ', '1990']]);
    const pollCursor = polled.pageInfo.endCursor!;
    const pollTime = early.rows[0].observation!.updatedAt;

    release();
    await late;

    // The late rows carry a timestamp before the poll: a watermark client would never see them.
    expect(stampedAt.getTime()).toBeLessThan(pollTime.getTime());
    const sinceWatermark = await s.services.observations.connection(
      { unitCodes: ['392'], indicatorCodes: ['GTSX'], updatedSince: pollTime },
      50_000,
      null,
    );
    expect(sinceWatermark.nodes.filter((o) => Number(o.period) < 2000)).toEqual([]);

    // The feed: after the poller's cursor, exactly the late write, every row, once, with its values.
    const after = await s.services.changes.changes(pollCursor, 10_000);
    expect(after.pageInfo.hasNextPage).toBe(false);
    expect(after.nodes.map((c) => [c.period, c.value, c.unitCode, c.action])).toEqual(
      years.map((y) => [String(y), y, '392', 'CREATE']),
    );
    expect(new Set(after.nodes.map((c) => c.sequence))).toEqual(new Set([polled.nodes[0].sequence + 1]));
  });
});
