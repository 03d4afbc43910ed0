import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../server/src/app/data-source';
import { createLog } from '../../server/src/common/log';
import { errorForLog } from '../../server/src/db/query-logger';
import { describeEachDb, scratchDatabase, type ScratchDatabase } from '../helpers/databases';

/**
 * The server's SQL log carries no user data: a failed statement is logged by its error code and
 * shape, never with its parameters or the values the driver quotes; expected races (a duplicate key
 * under concurrent creates) are not logged at all.
 */
const SECRET = 'Ghi chú riêng của chi cục 7f3a';

describeEachDb('SQL errors are logged without user data', (db) => {
  let scratch: ScratchDatabase;
  let ds: DataSource;
  const lines: string[] = [];
  beforeAll(async () => {
    scratch = await scratchDatabase(db);
    const log = createLog('info', { write: (line: string) => void lines.push(line) });
    ds = await openDatabase(scratch.config, { log });
    await ds.query('CREATE TABLE probe (id INT PRIMARY KEY, note VARCHAR(100) NOT NULL, code INT NOT NULL)');
    await ds.query('INSERT INTO probe (id, note, code) VALUES (?, ?, ?)', [1, SECRET, 1]);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await scratch?.drop();
  });

  it('a failed statement: not logged by the SQL logger (once, by whoever handles it), and for the log only its code and table', async () => {
    lines.length = 0;
    // The statement's parameters hold a note: TypeORM's own logger would print them.
    const failure = await ds
      .query('INSERT INTO probe (id, note, code) VALUES (?, ?, ?)', [2, SECRET, null])
      .catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(lines).toEqual([]);
    const forLog = errorForLog(failure);
    expect(forLog).toMatch(/QueryFailedError: \S+ in INSERT … probe/);
    expect(forLog).not.toContain(SECRET);
  });

  it('a duplicate key (a routine race under concurrent creates) is not logged', async () => {
    lines.length = 0;
    const dup = await ds
      .query('INSERT INTO probe (id, note, code) VALUES (?, ?, ?)', [1, SECRET, 1])
      .catch((e: Error) => e);
    expect(dup).toBeInstanceOf(Error);
    expect(lines).toEqual([]);
    // MariaDB's own message quotes the key's value; the log line for it does not.
    expect(String((dup as Error).message)).toContain(db === 'mysql' ? "'1'" : 'UNIQUE');
    expect(errorForLog(dup)).not.toContain(SECRET);
  });
});
