import 'reflect-metadata';
import mysql from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryArrays } from '../../server/src/db/rows';
import { isRetryableWriteError } from '../../server/src/db/write-transaction';
import { describeEachDb } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * queryArrays, the drivers' array mode for bulk reads: the same values as em.query in column
 * order, on the transaction's own connection (its writes, its locks), failures as TypeORM's.
 */
describeEachDb('rows as arrays (queryArrays)', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
  });
  afterAll(() => s?.close());

  const COLUMNS = 'id, unit_id, period, value, status, source, version, updated_at, updated_by';
  const some = `SELECT ${COLUMNS} FROM observation WHERE id IN (?, ?, ?) ORDER BY id DESC`;

  it('answers the values em.query answers, in the order of the SELECT, on both paths', async () => {
    const ids: number[] = (await s.ds.query('SELECT id FROM observation ORDER BY id LIMIT 3')).map(
      (r: { id: unknown }) => Number(r.id),
    );
    expect(ids).toHaveLength(3);
    const objects: Record<string, unknown>[] = await s.ds.query(some, ids);
    const expected = objects.map((o) => COLUMNS.split(', ').map((c) => o[c]));
    expect(expected.map((r) => Number(r[0]))).toEqual([...ids].reverse());
    // Outside a transaction (em.query underneath) and inside one (the driver's array mode).
    expect(await queryArrays(s.ds.manager, some, ids)).toEqual(expected);
    expect(await s.ds.transaction((em) => queryArrays(em, some, ids))).toEqual(expected);
    // The statement is kept prepared: the same text with other values answers for those values.
    const other = await s.ds.transaction((em) => queryArrays(em, some, [ids[0], -1, -2]));
    expect(other).toEqual([expected[2]]);
  });

  it("reads the transaction's own uncommitted writes, which a rollback then undoes", async () => {
    const [{ id }] = await s.ds.query('SELECT id FROM observation ORDER BY id LIMIT 1');
    const read = `SELECT note FROM observation WHERE id = ?`;
    const before = await queryArrays(s.ds.manager, read, [id]);
    const rolledBack = new Error('roll back');
    await expect(
      s.ds.transaction(async (em) => {
        await em.query(`UPDATE observation SET note = 'uncommitted' WHERE id = ?`, [id]);
        expect(await queryArrays(em, read, [id])).toEqual([['uncommitted']]);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await queryArrays(s.ds.manager, read, [id])).toEqual(before);
  });

  it("fails as em.query fails: TypeORM's QueryFailedError around the driver's error, seen by the logger", async () => {
    s.counter.reset();
    const failure = await s.ds
      .transaction((em) => queryArrays(em, 'SELECT nothing FROM no_such_table WHERE id = ?', [1]))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    const e = failure as QueryFailedError & { driverError: { code?: string } };
    expect(e.query).toBe('SELECT nothing FROM no_such_table WHERE id = ?');
    expect(e.parameters).toEqual([1]);
    expect(e.driverError.code).toBe(db === 'mysql' ? 'ER_NO_SUCH_TABLE' : 'SQLITE_ERROR');
    expect(isRetryableWriteError(e)).toBe(false);
    expect(s.counter.statements).toContain('SELECT nothing FROM no_such_table WHERE id = ?');
  });

  if (db === 'mysql') {
    it("holds the transaction's row locks: FOR UPDATE through it blocks another connection until the end", async () => {
      const [{ id }] = await s.ds.query('SELECT id FROM observation ORDER BY id LIMIT 1');
      // Another connection to the same scratch database.
      const other = await mysql.createConnection({ uri: (s.ds.options as { url: string }).url });
      const tryLock = () =>
        other.query('SELECT id FROM observation WHERE id = ? FOR UPDATE NOWAIT', [id]).then(
          () => 'locked it',
          (e: { errno?: number }) => `refused (${e.errno})`,
        );
      try {
        await s.ds.transaction(async (em) => {
          expect(await queryArrays(em, 'SELECT id FROM observation WHERE id = ? FOR UPDATE', [id])).toHaveLength(1);
          // The row is locked by this transaction's connection: NOWAIT refuses at once (MariaDB answers
          // 1205 ER_LOCK_WAIT_TIMEOUT, MySQL 3572 ER_LOCK_NOWAIT).
          expect(await tryLock()).toMatch(/^refused \((1205|3572)\)$/);
        });
        expect(await tryLock()).toBe('locked it');
      } finally {
        await other.end();
      }
    });
  }
});
