import { setTimeout as sleep } from 'node:timers/promises';

/** The part of a better-sqlite3 connection the set-up uses. */
export interface SqliteHandle {
  pragma(source: string): unknown;
}

const WAL_ATTEMPTS = 20;

/**
 * Prepares each SQLite connection: a busy timeout (writers wait for the lock rather than fail at
 * once), foreign keys, and the WAL journal (readers run beside the single writer).
 *
 * Switching a new database to WAL is tried again when SQLite answers SQLITE_BUSY. The switch reads
 * the header under a shared lock, then asks for an exclusive one; when two servers open a new
 * database at the same moment, both hold the shared lock, and SQLite does not invoke the busy
 * handler for a lock that could deadlock: it returns SQLITE_BUSY to one of them at once
 * (sqlite.org/c3ref/busy_handler.html). The loser sleeps and finds the database in WAL on its next
 * try. On a database already in WAL the pragma changes nothing and does not wait for a writer.
 */
export async function prepareSqliteConnection(sqlite: SqliteHandle, busyTimeoutMs = 5000): Promise<void> {
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('foreign_keys = ON');
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'SQLITE_BUSY' || attempt >= WAL_ATTEMPTS) throw e;
      await sleep(20 + Math.random() * 80);
    }
  }
}
