import type { DataSource, EntityManager } from 'typeorm';
import { isMysql } from './dialect';

/**
 * Small helpers for the bulk statements of the write path, written once for both dialects.
 * Placeholders are positional `?` on both drivers.
 */
export type Executor = Pick<EntityManager, 'query'> & { connection: DataSource };

export const mysqlOf = (em: Executor) => isMysql(em.connection);

/** Rows per statement: far below SQLite's 32,766 and MySQL's 65,535 placeholders at ≤ 15 columns. */
export const ROWS_PER_STATEMENT = 2000;
/** Text bytes per statement, far below MariaDB's default 16 MB max_allowed_packet. */
const BYTES_PER_STATEMENT = 4 * 1024 * 1024;

/** Splits rows into chunks of at most `maxRows` rows and about `maxBytes` of text. */
export function chunkRows<T>(rows: readonly T[], textOf: (row: T) => number = () => 0, maxRows = ROWS_PER_STATEMENT, maxBytes = BYTES_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = 64 + 4 * textOf(row);
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

const group = (n: number) => `(${Array(n).fill('?').join(', ')})`;

/** `(?, ?, ?), (?, ?, ?)` for a multi-row VALUES list. */
export const valuesList = (rows: number, cols: number) => Array(rows).fill(group(cols)).join(', ');

/**
 * `(a, b, c) IN (…)` for a list of tuples, a range lookup on a composite index in both databases
 * (SQLite needs the tuples as a VALUES subquery; MySQL/MariaDB as a list of row constructors).
 */
export function tupleIn(em: Executor, columns: string[], tuples: readonly unknown[][]): { sql: string; params: unknown[] } {
  const list = valuesList(tuples.length, columns.length);
  const sql = `(${columns.join(', ')}) IN (${mysqlOf(em) ? list : `VALUES ${list}`})`;
  return { sql, params: tuples.flat() };
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
