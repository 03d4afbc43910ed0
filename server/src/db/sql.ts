import type { DataSource, EntityManager } from 'typeorm';
import { isMysql } from './dialect';

/**
 * Small helpers for bulk statements, written once for both dialects. Placeholders are
 * positional `?` on both drivers (named `:name` in query builders).
 */
export type Executor = Pick<EntityManager, 'query' | 'queryRunner'> & { connection: DataSource };

export const mysqlOf = (em: Executor) => isMysql(em.connection);

/**
 * Most values one statement binds, on both databases: SQLite allows 32,766 host parameters
 * (SQLITE_MAX_VARIABLE_NUMBER since 3.32), MySQL/MariaDB 65,535 placeholders per prepared
 * statement. 30,000 stays under the lower limit with room for the few parameters of a statement's
 * own (month bounds, an id), and a statement of 30,000 numbers or codes stays well under a
 * megabyte, far below max_allowed_packet (16 MB by default on MariaDB, 64 MB on MySQL 8); rows
 * carrying free text are also cut by size (see inChunks).
 */
export const MAX_PARAMETERS = 30_000;
/** Text bytes per statement, far below MariaDB's default 16 MB max_allowed_packet. */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/**
 * Splits `items` into the chunks of one statement each, so that no statement binds more than
 * MAX_PARAMETERS values: `perItem` is how many an item binds (a row's columns, a key tuple's
 * parts; k lists crossed in one statement pass k each, so together they stay within the limit).
 * With `textOf` (characters of free text an item carries, 4 bytes each at most in UTF-8), a chunk
 * also stays within about MAX_STATEMENT_BYTES.
 */
export function inChunks<T>(items: readonly T[], perItem = 1, textOf?: (item: T) => number): T[][] {
  const maxItems = Math.max(1, Math.floor(MAX_PARAMETERS / perItem));
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = textOf ? 64 + 4 * textOf(item) : 0;
    if (current.length > 0 && (current.length >= maxItems || bytes + size > MAX_STATEMENT_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** `?, ?, ?` for an `IN (…)` list of n values. */
export const placeholders = (n: number) => Array(n).fill('?').join(', ');

const group = (n: number) => `(${placeholders(n)})`;

/** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list. */
export const valuesList = (rows: number, cols: number) => Array(rows).fill(group(cols)).join(', ');

/**
 * `(a, b, c) IN (…)` for a list of tuples, a range lookup on a composite index in both databases
 * (SQLite needs the tuples as a VALUES subquery; MySQL/MariaDB as a list of row constructors).
 */
const tupleInSql = (mysql: boolean, columns: string[], groups: string) =>
  `(${columns.join(', ')}) IN (${mysql ? groups : `VALUES ${groups}`})`;

/** tupleInSql with positional parameters, for `em.query`: `params` holds the tuples' values one tuple after another. */
export function tupleIn(em: Executor, columns: string[], params: unknown[]): { sql: string; params: unknown[] } {
  const tuples = params.length / columns.length;
  return { sql: tupleInSql(mysqlOf(em), columns, valuesList(tuples, columns.length)), params };
}

/** tupleInSql with named parameters (`:t0_0`, …), for a query builder's `where`. */
export function namedTupleIn(
  ds: DataSource,
  columns: string[],
  tuples: readonly unknown[][],
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const groups = tuples.map((tuple, i) => {
    const names = tuple.map((value, j) => {
      params[`t${i}_${j}`] = value;
      return `:t${i}_${j}`;
    });
    return `(${names.join(', ')})`;
  });
  return { sql: tupleInSql(isMysql(ds), columns, groups.join(', ')), params };
}

/** A DATETIME(3) parameter as both databases store it: UTC "YYYY-MM-DD HH:MM:SS.mmm". */
export const sqlDateTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A DATETIME read back raw: a Date from mysql2 (timezone Z), UTC text from SQLite. */
export function readDateTime(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

/** A DECIMAL read back raw ("53.200000" on MariaDB, 53.2 on SQLite) as a number; null stays null. */
export const readDecimal = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Reads DATETIME columns (SQLite: "YYYY-MM-DD HH:MM:SS.SSS" UTC text; MariaDB: a Date), memoised per
 * page: a bulk push stamps thousands of rows with one instant, and they share one Date.
 */
export function instantReader(): (v: Date | string) => Date {
  const seen = new Map<number | string, Date>();
  return (v) => {
    const key = v instanceof Date ? v.getTime() : v;
    let d = seen.get(key);
    if (d === undefined) seen.set(key, (d = readDateTime(v)));
    return d;
  };
}
