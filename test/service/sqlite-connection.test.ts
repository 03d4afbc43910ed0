import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareSqliteConnection } from '../../server/src/db/sqlite-connection';
import { scratchDatabase, type ScratchDatabase } from '../helpers/databases';

/**
 * Each SQLite connection's set-up on a real database file. The switch to WAL must survive the
 * moment another connection holds a lock on a new database: two servers started at once on an empty
 * file both try the switch, and one of them gets SQLITE_BUSY from SQLite without a busy wait.
 * Here a reader holds its shared lock for 300 ms and the connection's busy timeout is 20 ms, so the
 * first tries fail with SQLITE_BUSY (after 20 ms; the loser of the race gets it at once) and the
 * set-up must try again to succeed.
 */
describe('an SQLite connection set-up', () => {
  let scratch: ScratchDatabase;
  let path: string;
  const open: Database.Database[] = [];
  const connect = () => {
    const db = new Database(path, { timeout: 20 });
    open.push(db);
    return db;
  };
  beforeEach(async () => {
    scratch = await scratchDatabase('sqlite');
    path = (scratch.config as { path: string }).path;
  });
  afterEach(async () => {
    for (const db of open.splice(0)) db.close();
    await scratch.drop();
  });

  it('switches a new database to WAL once another connection lets go of its lock', async () => {
    const reader = connect();
    reader.exec('CREATE TABLE t (x INTEGER)');
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM t').get();
    setTimeout(() => reader.exec('COMMIT'), 300);

    const conn = connect();
    expect(() => conn.pragma('journal_mode = WAL')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    await prepareSqliteConnection(conn, 20);
    expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(conn.pragma('busy_timeout', { simple: true })).toBe(20);
    expect(reader.inTransaction).toBe(false);
  });

  it('gives up with the driver error when the lock is not let go', async () => {
    const reader = connect();
    reader.exec('CREATE TABLE t (x INTEGER)');
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM t').get();
    const conn = connect();
    await expect(prepareSqliteConnection(conn, 1)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(conn.pragma('journal_mode', { simple: true })).toBe('delete');
  });
});
