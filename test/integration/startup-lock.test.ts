import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDataSource } from '../../server/src/app/data-source';
import { migrations } from '../../server/src/db/migrations';
import { STARTUP_LEASE_MS, withStartupLock } from '../../server/src/db/startup-lock';
import { describeEachDb, scratchDatabase, type ScratchDatabase } from '../helpers/databases';
import { QueryCounter } from '../helpers/query-counter';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Two server processes started at the same moment on one empty database (what a deployment of N
 * servers does after an upgrade): the migrations and the first-start load run once, by one of them;
 * the other waits for the start-up lock and finds everything done. Also: the lock is exclusive, and a
 * lock left by a server that died expires.
 */
describeEachDb('servers started at once', (kind) => {
  let scratch: ScratchDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase(kind);
  });
  afterAll(async () => {
    for (const s of servers) await s.kill();
    await scratch?.drop();
  });

  async function rows<T>(sql: string): Promise<T[]> {
    const c = scratch.config;
    if (c.type === 'sqlite') {
      const db = new Database(c.path, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    }
    const conn = await mysql.createConnection({ uri: c.url });
    try {
      return (await conn.query(sql))[0] as T[];
    } finally {
      await conn.end();
    }
  }

  it('run the migrations and the first-start load once, both then serve', async () => {
    const c = scratch.config;
    const url = c.type === 'sqlite' ? `sqlite:${c.path}` : c.url;
    servers = await Promise.all([0, 1].map(() => startServerProcess({ DATABASE_URL: url })));
    for (const s of servers) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const names = await rows<{ name: string; n: number }>('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name');
    expect(names.map((r) => r.name).sort()).toEqual(migrations.map((m) => new m().name!).sort());
    expect(names.every((r) => Number(r.n) === 1)).toBe(true);
    expect(servers.filter((s) => /"event":"startup.reference_data"/.test(s.output()))).toHaveLength(1);
    expect(
      await rows('SELECT level, code, valid_from FROM admin_unit GROUP BY level, code, valid_from HAVING COUNT(*) > 1'),
    ).toEqual([]);
    expect(await rows("SELECT id FROM api_token WHERE role = 'ADMIN'")).toHaveLength(1);
    expect(await rows('SELECT id FROM startup_lock')).toEqual([]);
  }, 180_000);

  it('is held by one at a time, and a lock left by a dead server expires', async () => {
    const a = createDataSource(scratch.config);
    const b = createDataSource(scratch.config);
    await a.initialize();
    await b.initialize();
    try {
      const spans: [number, number][] = [];
      const hold = (ms: number) => async () => {
        const start = performance.now();
        await new Promise((r) => setTimeout(r, ms));
        spans.push([start, performance.now()]);
      };
      await Promise.all([withStartupLock(a, hold(300)), withStartupLock(b, hold(300)), withStartupLock(a, hold(300))]);
      spans.sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);

      // A server died holding the lock a lease ago: the next start takes it over.
      await a.query('INSERT INTO startup_lock (id, owner, expires_at) VALUES (1, ?, ?)', ['dead', Date.now() - 1]);
      expect(await withStartupLock(b, async () => 'ran')).toBe('ran');
      // A live holder's lock is not taken: its lease is renewed before it expires.
      expect(STARTUP_LEASE_MS).toBeGreaterThan(10_000);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('is waited for with reads only: a waiter writes once the holder has let go', async () => {
    const a = createDataSource(scratch.config);
    const seen = new QueryCounter();
    const b = createDataSource(scratch.config, { logger: seen });
    await a.initialize();
    await b.initialize();
    try {
      const onTheLock = () => seen.statements.filter((s) => /startup_lock/.test(s) && !/CREATE TABLE/.test(s));
      let waiting: Promise<string> | undefined;
      let whileHeld: string[] = [];
      await withStartupLock(a, async () => {
        waiting = withStartupLock(b, async () => 'ran');
        while (onTheLock().length < 3) await new Promise((r) => setTimeout(r, 20));
        whileHeld = onTheLock();
      });
      expect(whileHeld.filter((s) => !/^SELECT/.test(s))).toEqual([]);
      expect(await waiting).toBe('ran');
      expect(onTheLock().some((s) => /^INSERT/.test(s))).toBe(true);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});
