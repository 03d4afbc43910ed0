import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeChangeCursor } from '../../server/src/changes/change-feed.service';
import type { ChangeEntry } from '../../server/src/changes/change.types';
import { recordChanges } from '../../server/src/db/change-log';
import { writeTransaction } from '../../server/src/db/write-transaction';
import type { CreateIndicatorInput } from '../../server/src/indicators/indicator.inputs';
import type { SetTargetsInput } from '../../server/src/terms/term.inputs';
import { describeEachDb } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/** Every change after `after`, page by page (small pages, so resuming from each endCursor is exercised). */
async function readAll(s: ServiceDb, after: string, first = 3): Promise<{ nodes: ChangeEntry[]; cursor: string }> {
  const nodes: ChangeEntry[] = [];
  let cursor = after;
  for (;;) {
    const page = await s.services.changes.changes(cursor, first);
    nodes.push(...page.nodes);
    cursor = page.pageInfo.endCursor!;
    if (!page.pageInfo.hasNextPage) return { nodes, cursor };
  }
}

const brief = (c: ChangeEntry) => ({
  kind: c.kind,
  action: c.action,
  unitCode: c.unitCode,
  indicatorCode: c.indicatorCode,
  period: c.period,
  version: c.version,
  value: c.value,
});

describeEachDb('changes: the change feed', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
  });
  afterAll(() => s?.close());

  it('lists creates, updates, deletes (tombstones), approvals, terms, targets and indicators in commit order', async () => {
    const start = await s.services.changes.head();
    expect((await s.services.changes.changes(start, 10)).nodes).toEqual([]);
    const push = (rows: object[]) => s.services.push.push(s.admin, rows as never);
    const key = { unitCode: '392', indicatorCode: 'SO_XA_NTM', period: '1991' };
    await push([
      { ...key, value: 10, source: 'nguồn', note: 'ghi chú' },
      { ...key, period: '1992', value: 11 },
    ]);
    await push([{ ...key, value: 12, baseVersion: 1 }]);
    await push([{ ...key, value: null, baseVersion: 2 }]);
    await s.services.approvals.approve(s.admin, { unitCode: '392', period: '1992' });
    await s.services.approvals.unapprove(s.admin, { unitCode: '392', period: '1992' });
    const term = await s.services.termWrites.createTerm(s.admin, {
      unitCode: '387',
      congressNumber: 24,
      startYear: 2020,
      endYear: 2025,
    });
    await s.services.termWrites.setTargets(s.admin, {
      termId: term.term!.id,
      targets: [{ indicatorCode: 'SO_XA_NTM', period: '2025', value: 16, comparator: 'AT_LEAST' }],
    } as SetTargetsInput);
    const ind = await s.services.indicatorWrites.create(s.admin, {
      code: 'TY_LE_DO_THI_HOA',
      name: 'Tỷ lệ đô thị hóa',
      unit: '%',
      direction: 'HIGHER_IS_BETTER',
      category: 'Đô thị',
      decimals: 1,
    } as CreateIndicatorInput);
    // Nothing written, nothing listed: a refused push, an UNCHANGED push, a user error.
    await push([{ ...key, period: '1992', value: 11, baseVersion: 1 }]);
    await push([{ ...key, period: '1992', value: 99, baseVersion: 7 }]);

    const { nodes, cursor } = await readAll(s, start);
    const n = null;
    expect(nodes.map(brief)).toEqual([
      {
        kind: 'OBSERVATION',
        action: 'CREATE',
        unitCode: '392',
        indicatorCode: 'SO_XA_NTM',
        period: '1991',
        version: 1,
        value: 10,
      },
      {
        kind: 'OBSERVATION',
        action: 'CREATE',
        unitCode: '392',
        indicatorCode: 'SO_XA_NTM',
        period: '1992',
        version: 1,
        value: 11,
      },
      {
        kind: 'OBSERVATION',
        action: 'UPDATE',
        unitCode: '392',
        indicatorCode: 'SO_XA_NTM',
        period: '1991',
        version: 2,
        value: 12,
      },
      {
        kind: 'OBSERVATION',
        action: 'DELETE',
        unitCode: '392',
        indicatorCode: 'SO_XA_NTM',
        period: '1991',
        version: 3,
        value: n,
      },
      {
        kind: 'PERIOD_LOCK',
        action: 'APPROVE',
        unitCode: '392',
        indicatorCode: n,
        period: '1992',
        version: n,
        value: n,
      },
      {
        kind: 'PERIOD_LOCK',
        action: 'UNAPPROVE',
        unitCode: '392',
        indicatorCode: n,
        period: '1992',
        version: n,
        value: n,
      },
      { kind: 'TERM', action: 'CREATE', unitCode: '387', indicatorCode: n, period: n, version: n, value: n },
      { kind: 'TERM', action: 'SET_TARGETS', unitCode: '387', indicatorCode: n, period: n, version: n, value: n },
      {
        kind: 'INDICATOR',
        action: 'CREATE',
        unitCode: n,
        indicatorCode: 'TY_LE_DO_THI_HOA',
        period: n,
        version: n,
        value: n,
      },
    ]);
    expect(nodes[0]).toMatchObject({ status: 'OFFICIAL', source: 'nguồn', note: 'ghi chú', changedBy: 'ADMIN_TOKEN' });
    expect(nodes[0].unitId).toBe((await s.services.units.byCodeOn('392', 'DISTRICT', '1991-01-01'))!.id);
    expect(nodes[3]).toMatchObject({ status: null, source: null, note: null });
    expect(nodes[6].termId).toBe(term.term!.id);
    expect(nodes[8].indicatorId).toBe(ind.indicator!.id);
    // Sequences: one per transaction, consecutive; positions within a transaction from 0.
    const seqs = [...new Set(nodes.map((c) => c.sequence))];
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(seqs).toHaveLength(8);
    expect(nodes.slice(0, 2).map((c) => [c.sequence, c.position])).toEqual([
      [seqs[0], 0],
      [seqs[0], 1],
    ]);
    // The end is the head; resuming from any cursor gives exactly the rest.
    expect(decodeChangeCursor(cursor).seq).toBe(decodeChangeCursor(await s.services.changes.head()).seq);
    for (let i = 0; i < nodes.length; i++) {
      const rest = await readAll(s, nodes[i].cursor, 4);
      expect(rest.nodes.map((c) => c.cursor)).toEqual(nodes.slice(i + 1).map((c) => c.cursor));
    }
    // An empty page keeps the cursor.
    const empty = await s.services.changes.changes(cursor, 5);
    expect(empty).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: cursor } });
  });

  it('a transaction that rolls back leaves no entry and takes no sequence', async () => {
    const head = await s.services.changes.head();
    await expect(
      writeTransaction(s.ds, async (em) => {
        await recordChanges(em, [{ kind: 'INDICATOR', action: 'CREATE', refId: 1 }], 'x');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await s.services.changes.head()).toBe(head);
    const orphans: { n: unknown }[] = await s.ds.query(
      'SELECT COUNT(*) AS n FROM change_entry e WHERE NOT EXISTS (SELECT 1 FROM change_tx t WHERE t.tx_id = e.tx_id)',
    );
    expect(Number(orphans[0].n)).toBe(0);
    // The next transaction takes the very next number: no hole where the rolled-back one was.
    await s.services.push.push(s.admin, [{ unitCode: '392', indicatorCode: 'GTSX', period: '1993', value: 5 }]);
    const next = await s.services.changes.changes(head, 10);
    expect(next.nodes.map((c) => [c.sequence, c.period])).toEqual([[decodeChangeCursor(head).seq + 1, '1993']]);
  });

  it('provinceCode keeps the changes of the units observationTable covers for it, and those of no unit', async () => {
    const head = await s.services.changes.head();
    const rows = [
      { unitCode: '392', indicatorCode: 'GTSX', period: '1994', value: 1 },
      { unitCode: '001', indicatorCode: 'GTSX', period: '1994', value: 2 },
      { unitCode: '38', indicatorCode: 'GTSX', period: '1994', value: 3 },
    ];
    expect((await s.services.push.push(s.admin, rows)).created).toBe(3);
    const all = await s.services.changes.changes(head, 100);
    expect(all.nodes.map((c) => c.unitCode)).toEqual(['392', '001', '38']);
    const thanhHoa = await s.services.changes.changes(head, 100, '38');
    expect(thanhHoa.nodes.map((c) => c.unitCode)).toEqual(['392']);
    expect(thanhHoa.pageInfo.endCursor).toBe(all.pageInfo.endCursor);
    const table = await s.services.observationTable.page({ provinceCode: '38', periods: ['1994'] }, 100, null);
    expect(table.rows.map((r) => r[0])).toEqual(['392']);
    // A page that scans only other provinces' changes is empty but moves the cursor on.
    const scan = await s.services.changes.changes(head, 1, '38');
    const next = await s.services.changes.changes(scan.pageInfo.endCursor, 1, '38');
    expect([scan.nodes.length, next.nodes.length, next.pageInfo.hasNextPage]).toEqual([1, 0, true]);
    expect(next.pageInfo.endCursor).not.toBe(scan.pageInfo.endCursor);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(s.services.changes.changes('bm9wZQ', 10)).rejects.toMatchObject({ reason: 'INVALID_CURSOR' });
    await expect(s.services.changes.changes(null, 0)).rejects.toMatchObject({ reason: 'INVALID_FIRST' });
  });
});
