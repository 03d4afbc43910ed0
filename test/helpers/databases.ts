import { describe } from 'vitest';
import mysql from 'mysql2/promise';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '../../server/src/app/config';

export type DbKind = 'sqlite' | 'mysql';

export const mysqlUrl = process.env.TEST_MYSQL_URL ?? null;
export const DATABASES: DbKind[] = mysqlUrl ? ['sqlite', 'mysql'] : ['sqlite'];

/** Runs the same suite on SQLite and, when TEST_MYSQL_URL is set, on MariaDB/MySQL. */
export function describeEachDb(name: string, fn: (db: DbKind) => void): void {
  for (const db of ['sqlite', 'mysql'] as DbKind[]) {
    if (DATABASES.includes(db)) describe(`${name} [${db}]`, () => fn(db));
    else describe.skip(`${name} [${db}] (skipped: TEST_MYSQL_URL not set)`, () => fn(db));
  }
}

export interface ScratchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a new schema on the MySQL server. */
export async function scratchDatabase(kind: DbKind): Promise<ScratchDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-test-'));
    return {
      config: { type: 'sqlite', path: path.join(dir, 'test.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!mysqlUrl) throw new Error('TEST_MYSQL_URL is not set');
  const name = `chitieu_t_${suffix}`;
  const admin = await mysql.createConnection({ uri: mysqlUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  return {
    config: { type: 'mysql', url: url.toString() },
    drop: async () => {
      const conn = await mysql.createConnection({ uri: mysqlUrl });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
