import {
  inChunks,
  instantReader,
  mysqlOf,
  placeholders,
  readDecimal,
  sqlDateTime,
  tupleIn,
  valuesList,
  type Executor,
} from '../db/sql';
import { queryArrays } from '../db/rows';
import type { ObservationStatusValue } from './observation.entity';
import type { ObservationEntity } from './observation.entity';
import type { RevisionAction } from './observation-revision.entity';
import { observationKey } from './observation.types';

/**
 * The SQL of the write path: bulk reads by key and multi-row writes, chunked to stay within the
 * placeholder and packet limits of both databases. No statement runs per row.
 */
export interface ObservationKey {
  unitId: number;
  indicatorId: number;
  period: string;
}

export interface RevisionWrite extends ObservationKey {
  version: number;
  action: RevisionAction;
  value: number | null;
  previousValue: number | null;
  status: ObservationStatusValue;
  source: string | null;
  note: string | null;
}

export interface ObservationWrite extends ObservationKey {
  /** The stored row's id, for updates. */
  id?: number;
  startMonth: number;
  endMonth: number;
  value: number;
  status: ObservationStatusValue;
  source: string | null;
  note: string | null;
  version: number;
}

const COLUMNS =
  'id, unit_id, indicator_id, period, start_month, end_month, value, status, source, note, version, updated_at, updated_by';
const textSize = (r: { source: string | null; note: string | null }) => (r.source?.length ?? 0) + (r.note?.length ?? 0);
const KEY_COLUMNS = ['unit_id', 'indicator_id', 'period'];
/** `(unit_id, indicator_id, period) IN (…)` for a chunk of keys. */
const keysIn = (em: Executor, keys: readonly ObservationKey[]) =>
  tupleIn(
    em,
    KEY_COLUMNS,
    paramsOf(keys, (k, p) => p.push(k.unitId, k.indicatorId, k.period)),
  );
/** Keys in the order of the observation key index (locks taken in one order; the bench's floor reads so too). */
export const sortKeys = <T extends ObservationKey>(keys: readonly T[]) =>
  [...keys].sort(
    (a, b) =>
      a.unitId - b.unitId || a.indicatorId - b.indicatorId || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0),
  );

/** One statement's parameters, row after row (no array per row). */
function paramsOf<T>(rows: readonly T[], add: (row: T, params: unknown[]) => void): unknown[] {
  const params: unknown[] = [];
  for (const r of rows) add(r, params);
  return params;
}

/** A stored row as the write path uses it, from its COLUMNS in order: a plain object (no entity instance per row). */
function hydrate(r: unknown[], instant: (v: Date | string) => Date): ObservationEntity {
  return {
    id: Number(r[0]),
    unitId: Number(r[1]),
    indicatorId: Number(r[2]),
    period: String(r[3]),
    startMonth: Number(r[4]),
    endMonth: Number(r[5]),
    value: readDecimal(r[6])!,
    status: r[7] as ObservationStatusValue,
    source: (r[8] as string | null) ?? null,
    note: (r[9] as string | null) ?? null,
    version: Number(r[10]),
    updatedAt: instant(r[11] as Date | string),
    updatedBy: (r[12] as string | null) ?? null,
  };
}

/**
 * Current observations of the keys. `forUpdate` (MySQL/MariaDB) locks them until the transaction
 * ends, so the version checked is the version replaced; keys are locked in index order.
 */
export async function readCurrent(
  em: Executor,
  keys: readonly ObservationKey[],
  forUpdate: boolean,
): Promise<Map<string, ObservationEntity>> {
  const out = new Map<string, ObservationEntity>();
  const instant = instantReader();
  const sorted = sortKeys(keys);
  for (const chunk of inChunks(sorted, KEY_COLUMNS.length)) {
    const where = keysIn(em, chunk);
    const lock = forUpdate && mysqlOf(em) ? ' FOR UPDATE' : '';
    const rows = await queryArrays(em, `SELECT ${COLUMNS} FROM observation WHERE ${where.sql}${lock}`, where.params);
    for (const r of rows) {
      const o = hydrate(r, instant);
      out.set(observationKey(o.unitId, o.indicatorId, o.period), o);
    }
  }
  return out;
}

/** Ids of observations by key (the ids of rows a push has just inserted). */
export async function readIds(em: Executor, keys: readonly ObservationKey[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of inChunks(keys, KEY_COLUMNS.length)) {
    const where = keysIn(em, chunk);
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT id, unit_id, indicator_id, period FROM observation WHERE ${where.sql}`,
      where.params,
    );
    for (const r of rows)
      out.set(observationKey(Number(r.unit_id), Number(r.indicator_id), String(r.period)), Number(r.id));
  }
  return out;
}

/** The last revision version of each key that has revisions, so a re-created key continues its chain. */
export async function readLastVersions(em: Executor, keys: readonly ObservationKey[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of inChunks(keys, KEY_COLUMNS.length)) {
    const where = keysIn(em, chunk);
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT unit_id, indicator_id, period, MAX(version) AS v FROM observation_revision WHERE ${where.sql} GROUP BY unit_id, indicator_id, period`,
      where.params,
    );
    for (const r of rows)
      out.set(observationKey(Number(r.unit_id), Number(r.indicator_id), String(r.period)), Number(r.v));
  }
  return out;
}

/**
 * Revisions first: the unique (key, version) index admits exactly one writer per version, so a
 * writer that checked a version someone else has just replaced fails here and runs again.
 */
export async function insertRevisions(
  em: Executor,
  revisions: readonly RevisionWrite[],
  at: Date,
  by: string | null,
  batchId: string,
): Promise<void> {
  const when = sqlDateTime(at);
  for (const chunk of inChunks(sortKeys(revisions), 13, textSize)) {
    await em.query(
      `INSERT INTO observation_revision (unit_id, indicator_id, period, version, action, value, previous_value, status, source, note, changed_at, changed_by, batch_id)
       VALUES ${valuesList(chunk.length, 13)}`,
      paramsOf(chunk, (r, p) =>
        p.push(
          r.unitId,
          r.indicatorId,
          r.period,
          r.version,
          r.action,
          r.value,
          r.previousValue,
          r.status,
          r.source,
          r.note,
          when,
          by,
          batchId,
        ),
      ),
    );
  }
}

/**
 * Creates as plain multi-row INSERTs: if another writer created the key after this transaction
 * looked, the unique key refuses it and the batch runs again (and reports a CONFLICT).
 * Updates as multi-row upserts on the primary key of rows read FOR UPDATE (about twice as fast on
 * InnoDB as an upsert on the (unit, indicator, period) key).
 */
export async function writeObservations(
  em: Executor,
  rows: readonly ObservationWrite[],
  mode: 'CREATE' | 'UPDATE',
  at: Date,
  by: string | null,
): Promise<void> {
  const when = sqlDateTime(at);
  const update = mode === 'UPDATE';
  const onConflict = !update
    ? ''
    : mysqlOf(em)
      ? 'ON DUPLICATE KEY UPDATE value = VALUES(value), status = VALUES(status), source = VALUES(source), note = VALUES(note), version = VALUES(version), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)'
      : 'ON CONFLICT (id) DO UPDATE SET value = excluded.value, status = excluded.status, source = excluded.source, note = excluded.note, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by';
  for (const chunk of inChunks(sortKeys(rows), 13, textSize)) {
    await em.query(
      `INSERT INTO observation (${update ? 'id, ' : ''}unit_id, indicator_id, period, start_month, end_month, value, status, source, note, version, updated_at, updated_by)
       VALUES ${valuesList(chunk.length, update ? 13 : 12)} ${onConflict}`,
      paramsOf(chunk, (r, p) => {
        if (update) p.push(r.id!);
        p.push(
          r.unitId,
          r.indicatorId,
          r.period,
          r.startMonth,
          r.endMonth,
          r.value,
          r.status,
          r.source,
          r.note,
          r.version,
          when,
          by,
        );
      }),
    );
  }
}

export async function deleteObservations(em: Executor, ids: readonly number[]): Promise<void> {
  const sorted = [...ids].sort((a, b) => a - b);
  for (const chunk of inChunks(sorted)) {
    await em.query(`DELETE FROM observation WHERE id IN (${placeholders(chunk.length)})`, chunk);
  }
}
