import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type DatabaseConfig } from '../../server/src/app/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { describeEachDb } from '../helpers/databases';
import { push, readBack } from '../helpers/push';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/**
 * The backups docs/operations.md prescribes, taken while the server runs and restored into a new
 * database: `mariadb-dump --single-transaction` (MariaDB) and SQLite's online backup API
 * (better-sqlite3 `backup()`, what `sqlite3 .backup` does). A server started on the copy answers
 * with the same observations, revisions and tokens.
 */
describeEachDb('backup and restore', (kind) => {
  let live: TestServer;
  let restored: RunningServer | null = null;
  let dropRestored = async () => {};
  const units = ['01', '02', '04'];

  beforeAll(async () => {
    live = await startTestServer(kind, { DEMO_DATA: 'false' });
    await live.gql(
      'mutation { createIndicator(input: { code: "BK", name: "Backup", unit: "%", direction: HIGHER_IS_BETTER, category: "T", decimals: 2 }) { userErrors { code } } }',
    );
    const rows = units.flatMap((unitCode, u) =>
      ['2022', '2023'].map((period, p) => ({ unitCode, indicatorCode: 'BK', period, value: 10 * u + p + 0.25 })),
    );
    await push(live, rows);
    await push(live, [{ unitCode: '01', indicatorCode: 'BK', period: '2023', value: 99.5, baseVersion: 1 }]);
  });
  afterAll(async () => {
    await restored?.stop().catch(() => undefined);
    await dropRestored();
    await live?.stop();
  });

  async function backup(): Promise<DatabaseConfig> {
    const db = live.server.ds.options;
    if (kind === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-backup-'));
      const copy = path.join(dir, 'restored.sqlite');
      // Online: the server keeps its connection open (and could be writing) while the copy is made.
      const source = new Database(String(db.database));
      try {
        await source.backup(copy);
      } finally {
        source.close();
      }
      dropRestored = async () => fs.rmSync(dir, { recursive: true, force: true });
      return { type: 'sqlite', path: copy };
    }
    const url = new URL((live.server.ds.options as { url: string }).url);
    const conn = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username)];
    const dump = execFileSync('mariadb-dump', [...conn, '--single-transaction', '--routines', url.pathname.slice(1)], {
      maxBuffer: 512 * 1024 * 1024,
    });
    const name = `${url.pathname.slice(1)}_restored`;
    const admin = await mysql.createConnection({ uri: `${url.protocol}//${url.username}@${url.host}/` });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    dropRestored = async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    };
    execFileSync('mariadb', [...conn, name], { input: dump });
    url.pathname = `/${name}`;
    return { type: 'mysql', url: url.toString() };
  }

  it('a server started on the restored copy answers with the same data', async () => {
    const before = await readBack(live, units);
    expect(before.size).toBe(6);
    const copy = await backup();
    restored = await startServer({
      ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: ADMIN, DEMO_DATA: 'false' }),
      database: copy,
    });
    // No migration ran again, no first-start load: the copy is a complete database.
    expect(restored.bootstrap.referenceUnits).toBeNull();
    const view = { ...live, url: restored.url, gql: live.gql.bind({}) } as TestServer;
    view.gql = async (query, variables, token = ADMIN) => {
      const res = await fetch(`${restored!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { ...((await res.json()) as object), status: res.status };
    };
    expect(await readBack(view, units)).toEqual(before);
    expect(before.get('01|BK|2023')).toMatchObject({ value: 99.5, version: 2 });
  });
});
