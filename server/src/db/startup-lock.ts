import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { isMysql } from './dialect';
import { isRetryableWriteError } from './write-transaction';

/** How long a holder's claim lasts without renewal (a server that died holding it blocks no one longer). */
export const STARTUP_LEASE_MS = 60_000;
const RENEW_MS = 10_000;

/**
 * Runs `work` (migrations, first-start data, the admin token) while no other server does: two
 * servers started at once against one database run the migrations once, the second finds them done.
 *
 * The lock is one committed row, `startup_lock` id 1, inserted by its holder (a primary-key insert:
 * works the same on SQLite, one MariaDB and a Galera cluster, where GET_LOCK and row locks held in an
 * open transaction are local to one node but a conflicting insert fails certification on commit). It
 * is a lease: the holder renews it every 10 s; a row left by a server that died expires after 60 s
 * and the next server takes it over. Servers' clocks must agree within seconds (NTP).
 *
 * A waiter only reads until the row is gone or expired. Its writes would take the database's write
 * lock, however briefly: on SQLite, a transaction of the holder that reads before it writes gets
 * SQLITE_BUSY at once, without a busy wait, when it asks for the write lock at such a moment, and
 * the holder's start-up would fail.
 */
export async function withStartupLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  await ds.query(
    'CREATE TABLE IF NOT EXISTS startup_lock (id INT NOT NULL PRIMARY KEY, owner VARCHAR(64) NOT NULL, ' +
      `expires_at BIGINT NOT NULL)${isMysql(ds) ? ' ENGINE=InnoDB' : ''}`,
  );
  const owner = randomUUID();
  for (let waited = 0; ; waited++) {
    const now = Date.now();
    try {
      const held: { expires_at: unknown }[] = await ds.query('SELECT expires_at FROM startup_lock WHERE id = 1');
      if (!held.length || Number(held[0]!.expires_at) < now) {
        await ds.query('DELETE FROM startup_lock WHERE id = 1 AND expires_at < ?', [now]);
        await ds.query('INSERT INTO startup_lock (id, owner, expires_at) VALUES (1, ?, ?)', [
          owner,
          now + STARTUP_LEASE_MS,
        ]);
        break;
      }
    } catch (e) {
      // Held by another server (duplicate key), or lost a race for it (deadlock, Galera certification).
      if (!isRetryableWriteError(e)) throw e;
    }
    await sleep(100 + Math.random() * Math.min(1000, 50 * waited));
  }
  const renew = setInterval(() => {
    ds.query('UPDATE startup_lock SET expires_at = ? WHERE id = 1 AND owner = ?', [
      Date.now() + STARTUP_LEASE_MS,
      owner,
    ]).catch(() => undefined);
  }, RENEW_MS);
  renew.unref();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await ds.query('DELETE FROM startup_lock WHERE id = 1 AND owner = ?', [owner]).catch(() => undefined);
  }
}
