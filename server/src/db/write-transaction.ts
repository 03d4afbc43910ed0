import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { Mutex } from '../common/mutex';
import { openChangeLog, sealChangeLog } from './change-log';
import { isMysql } from './dialect';
import { readFromPrimary, recordClientPosition } from './read-routing';
import { writeFailure } from './unavailable';

const sqliteWriters = new WeakMap<DataSource, Mutex>();
const galera = new WeakMap<DataSource, Promise<boolean>>();

/** Whether the MySQL/MariaDB server is a Galera node (wsrep_on), asked once per data source. */
function isGalera(ds: DataSource): Promise<boolean> {
  if (!isMysql(ds)) return Promise.resolve(false);
  let known = galera.get(ds);
  if (!known) {
    known = ds.query("SHOW VARIABLES LIKE 'wsrep_on'").then(
      (rows: { Value?: string }[]) => String(rows[0]?.Value ?? '').toUpperCase() === 'ON',
      () => {
        galera.delete(ds);
        return false;
      },
    );
    galera.set(ds, known);
  }
  return known;
}
const MAX_ATTEMPTS = 12;

/**
 * Errors that mean "another writer got there first": a deadlock (1213; on a Galera cluster also a
 * certification failure at COMMIT, when another node committed a conflicting write first) or lock wait timeout (1205)
 * on MySQL/MariaDB, a unique key taken by a concurrent insert (1062, SQLITE_CONSTRAINT_UNIQUE), or
 * a busy SQLite file (another process writing). Running the whole unit of work again re-reads
 * the winner's rows, so the retry reports a CONFLICT or ALREADY_EXISTS instead of failing.
 */
export function isRetryableWriteError(e: unknown): boolean {
  const err = ((e as { driverError?: unknown })?.driverError ?? e) as { errno?: number; code?: string } | null;
  if (!err) return false;
  if (err.errno === 1213 || err.errno === 1205 || err.errno === 1062) return true;
  return typeof err.code === 'string' && /^SQLITE_(BUSY|CONSTRAINT_UNIQUE|CONSTRAINT_PRIMARYKEY)/.test(err.code);
}

/**
 * Runs `work` in one write transaction, again from the start when it loses a race (see
 * isRetryableWriteError). SQLite: writes run one at a time (in-process lock around the shared
 * connection). MySQL/MariaDB: READ COMMITTED, so locking reads see the latest committed rows and
 * take no gap locks; the unique indexes decide races between inserts.
 * `work` must be safe to run more than once: it reads everything it decides on inside the transaction.
 * Changes `work` records (db/change-log.ts recordChanges) get their commit sequence as its last statement.
 */
export async function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  // Each attempt gets its own change log; its commit sequence is taken last (db/change-log.ts).
  const logged = async (em: EntityManager) => {
    // Galera: row locks are not replicated, so the shared locks that order a push after an approval
    // on one database do not reach the other nodes. Taking the change-feed counter's row first makes
    // every write transaction conflict with any other committed meanwhile on any node (the applier
    // of the other node's write aborts this one, or certification does): it runs again on fresh rows.
    if (await isGalera(ds)) await em.query('SELECT n FROM change_sequence WHERE id = 1 FOR UPDATE');
    openChangeLog(em);
    const result = await work(em);
    const seq = await sealChangeLog(em);
    if (seq !== null) await recordClientPosition((sql, params) => em.query(sql, params), ds, seq);
    return result;
  };
  // The rest of the request (the push's result, later fields) reads what it wrote: from the primary.
  readFromPrimary();
  const attempt = () => (isMysql(ds) ? ds.transaction('READ COMMITTED', logged) : ds.transaction(logged));
  const withRetries = async () => {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        if (n >= MAX_ATTEMPTS || !isRetryableWriteError(e)) throw writeFailure(e);
        // Jittered backoff so the writers that collided do not collide again in lockstep.
        await sleep(Math.random() * Math.min(200, 5 * 2 ** n));
      }
    }
  };
  if (isMysql(ds)) return withRetries();
  let lock = sqliteWriters.get(ds);
  if (!lock) sqliteWriters.set(ds, (lock = new Mutex()));
  return lock.run(withRetries);
}
