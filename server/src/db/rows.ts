import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Connection as MysqlConnection } from 'mysql2';
import { QueryFailedError } from 'typeorm';
import { mysqlOf, type Executor } from './sql';

/**
 * Rows as arrays of their column values, in the SELECT's order, for the bulk reads of thousands of
 * rows a request decides on (a push reads the stored row of each of its keys). Both drivers have an
 * array mode that builds no object per row: better-sqlite3's `raw()` (a 13-column read of 5,000
 * rows takes about 11 ms instead of 20) and mysql2's `rowsAsArray`.
 *
 * The statement runs on the transaction's own connection (the executor's query runner), so it sees
 * the transaction's writes and holds its locks; a failure is TypeORM's QueryFailedError around the
 * driver's error, as `em.query` throws, so retries and the error model treat both alike; the
 * data source's logger sees the statement as it sees TypeORM's. Outside a transaction it is
 * `em.query`, its objects turned into arrays.
 */
export async function queryArrays(em: Executor, sql: string, params: unknown[]): Promise<unknown[][]> {
  const runner = em.queryRunner;
  if (!runner || runner.isReleased) {
    const rows: Record<string, unknown>[] = await em.query(sql, params);
    return rows.map((r) => Object.values(r));
  }
  const connection: unknown = await runner.connect();
  const logger = em.connection.logger;
  logger.logQuery(sql, params, runner);
  try {
    if (mysqlOf(em)) {
      const [rows] = await (connection as MysqlConnection).promise().query({ sql, rowsAsArray: true }, params);
      return rows as unknown[][];
    }
    return statementOf(connection as Database, sql).all(...params) as unknown[][];
  } catch (e) {
    logger.logQueryError(e as Error, sql, params, runner);
    throw new QueryFailedError(sql, params, e as Error);
  }
}

/**
 * Prepared statements in array mode, per SQLite connection: a push's key read is one long
 * statement (5,000 keys: 15,000 parameters) whose preparation costs a few milliseconds. TypeORM
 * caches its own statements, in object mode; these are separate objects, so neither sees the
 * other's mode.
 */
const statements = new WeakMap<Database, LRUCache<string, Statement>>();

function statementOf(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new LRUCache({ max: 16 })));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql).raw(true)));
  return st;
}
