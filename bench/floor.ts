import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../server/src/app/config';

/**
 * The floor: the same rows fetched by one hand-written SQL statement straight through the driver
 * (better-sqlite3 or mysql2, no ORM, no GraphQL) and serialised to JSON.
 */
export interface Floor {
  query(sql: string, params: unknown[]): Promise<unknown[]>;
  /** Runs `fn` in one transaction (the floor of a push). */
  transaction(fn: (q: (sql: string, params: unknown[]) => Promise<any[]>) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function openFloor(db: DatabaseConfig): Promise<Floor> {
  if (db.type === 'sqlite') {
    const conn = new Database(db.path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 5000');
    return {
      query: async (sql, params) => conn.prepare(sql).all(...params),
      transaction: async (fn) => {
        conn.exec('BEGIN IMMEDIATE');
        try {
          await fn(async (sql, params) => {
            const st = conn.prepare(sql);
            return st.reader ? st.all(...params) : (st.run(...params), []);
          });
          conn.exec('COMMIT');
        } catch (e) {
          conn.exec('ROLLBACK');
          throw e;
        }
      },
      close: async () => {
        conn.close();
      },
    };
  }
  const conn = await mysql.createConnection({ uri: db.url, supportBigNumbers: true, decimalNumbers: true });
  return {
    query: async (sql, params) => (await conn.query(sql, params))[0] as unknown[],
    transaction: async (fn) => {
      await conn.beginTransaction();
      try {
        await fn(async (sql, params) => (await conn.query(sql, params))[0] as any[]);
        await conn.commit();
      } catch (e) {
        await conn.rollback();
        throw e;
      }
    },
    close: () => conn.end(),
  };
}

/** Fetch + serialise, as a server would before sending. */
export async function floorJson(floor: Floor, sql: string, params: unknown[]): Promise<number> {
  const rows = await floor.query(sql, params);
  return JSON.stringify(rows).length;
}
