import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { inChunks, sqlDateTime, valuesList } from './sql';

/** What a change entry is about (`ChangeKind` in the API). */
export type ChangeKindValue = 'OBSERVATION' | 'PERIOD_LOCK' | 'TERM' | 'INDICATOR' | 'UNIT';
/** What happened (`ChangeAction` in the API). */
export type ChangeActionValue = 'CREATE' | 'UPDATE' | 'DELETE' | 'APPROVE' | 'UNAPPROVE' | 'SET_TARGETS';

/**
 * One change of a write transaction. Observations: the key and the revision version written (the
 * revision carries the value). Period locks: unit and period. Terms and indicators: their id in `refId`.
 */
export interface ChangeWrite {
  kind: ChangeKindValue;
  action: ChangeActionValue;
  unitId?: number | null;
  indicatorId?: number | null;
  period?: string | null;
  version?: number | null;
  refId?: number | null;
}

interface TxLog {
  txId: string;
  next: number;
  actor: string | null;
}

/** The change log of each open write transaction, by its EntityManager (one per attempt). */
const logs = new WeakMap<EntityManager, TxLog>();

/** True inside writeTransaction (a start-up load runs in a plain transaction and records nothing). */
export const changeLogOpen = (em: EntityManager) => logs.has(em);

/** Called by writeTransaction when an attempt starts: the transaction may record changes. */
export function openChangeLog(em: EntityManager): void {
  logs.set(em, { txId: randomUUID(), next: 0, actor: null });
}

/**
 * Inserts the transaction's change entries now (the bulk of the work, outside the serialised tail).
 * Only inside writeTransaction: an entry without its commit record would never be read.
 */
export async function recordChanges(
  em: EntityManager,
  changes: readonly ChangeWrite[],
  actor: string | null,
): Promise<void> {
  const log = logs.get(em);
  if (!log) throw new Error('recordChanges must run inside writeTransaction');
  if (changes.length === 0) return;
  log.actor = actor;
  for (const chunk of inChunks(changes, 9)) {
    const first = log.next;
    log.next += chunk.length;
    await em.query(
      `INSERT INTO change_entry (tx_id, position, kind, action, unit_id, indicator_id, period, version, ref_id) VALUES ${valuesList(chunk.length, 9)}`,
      chunk.flatMap((c, i) => [
        log.txId,
        first + i,
        c.kind,
        c.action,
        c.unitId ?? null,
        c.indicatorId ?? null,
        c.period ?? null,
        c.version ?? null,
        c.refId ?? null,
      ]),
    );
  }
}

/**
 * The last statements before COMMIT, when the transaction recorded changes: take the next commit
 * sequence (the UPDATE locks the counter's one row until COMMIT, so the next writer gets its number
 * only after this transaction has committed) and record it. Sequences are therefore in commit order
 * and without holes: a reader that sees sequence N sees every transaction numbered below N.
 */
export async function sealChangeLog(em: EntityManager): Promise<number | null> {
  const log = logs.get(em);
  logs.delete(em);
  if (!log || log.next === 0) return null;
  await em.query('UPDATE change_sequence SET n = n + 1 WHERE id = 1');
  const rows: { n: unknown }[] = await em.query('SELECT n FROM change_sequence WHERE id = 1');
  const seq = Number(rows[0].n);
  await em.query('INSERT INTO change_tx (seq, tx_id, committed_at, actor) VALUES (?, ?, ?, ?)', [
    seq,
    log.txId,
    sqlDateTime(new Date()),
    log.actor,
  ]);
  return seq;
}
