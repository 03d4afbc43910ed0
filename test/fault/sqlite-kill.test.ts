import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_MUTATION } from '../helpers/push';
import { ADMIN } from '../helpers/server';

/**
 * The server's own process dies (SIGKILL) while it writes an atomic push to its SQLite file, at
 * moments spread over the push's duration. Each time: the file passes `PRAGMA integrity_check`, the
 * batch is in it whole or not at all, revision numbers have no gaps, and the server started again on
 * the file serves and takes the same push (same idempotency key) exactly once.
 */
const TRIALS = 10;
const ROOT = path.resolve(__dirname, '../..');
const PERIODS = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);

describe('the server process killed while writing to SQLite [fault]', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-sqlite-kill-'));
  const file = path.join(dir, 'db.sqlite');
  let child: ChildProcess | null = null;
  let url = '';
  let units: string[];

  /** The server from its TypeScript sources, in a process of its own, on the file. */
  async function start() {
    const proc = spawn(process.execPath, ['-r', './test/fault/swc-register.cjs', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${file}`, ADMIN_TOKEN: ADMIN, DEMO_DATA: 'false' },
    });
    child = proc;
    let log = '';
    url = await new Promise<string>((resolve, reject) => {
      proc.stderr!.on('data', (d) => (log += d));
      proc.stdout!.on('data', (d) => {
        log += d;
        const m = /listening on (http:\/\/\S+)\/graphql/.exec(log);
        if (m) resolve(m[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)));
    });
  }
  async function kill() {
    const proc = child!;
    child = null;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(proc.pid!, 'SIGKILL');
    await exited;
  }
  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  }
  const rowsOf = (indicatorCode: string) =>
    units.flatMap((unitCode, u) =>
      PERIODS.map((period, p) => ({ unitCode, indicatorCode, period, value: u + p / 10 })),
    );
  const push = (indicator: string, idempotencyKey: string) =>
    gql(PUSH_MUTATION, { input: { rows: rowsOf(indicator), idempotencyKey } });

  /** Opens the file as an operator would after the crash (a WAL left behind is recovered here). */
  function inspect<T>(read: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return read(db);
    } finally {
      db.close();
    }
  }
  const written = (db: Database.Database, indicator: string) =>
    (
      db
        .prepare('SELECT COUNT(*) AS n FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = ?')
        .get(indicator) as { n: number }
    ).n;
  const revisionGaps = (db: Database.Database) =>
    db
      .prepare(
        `SELECT unit_id, indicator_id, period FROM observation_revision GROUP BY unit_id, indicator_id, period
         HAVING MIN(version) <> 1 OR MAX(version) <> COUNT(*) OR COUNT(DISTINCT version) <> COUNT(*)`,
      )
      .all();

  beforeAll(async () => {
    await start();
    const codes = ['FAULT_CAL', ...Array.from({ length: TRIALS }, (_, i) => `FAULT_${i}`)];
    const fields = codes.map(
      (code, i) =>
        `i${i}: createIndicator(input: { code: "${code}", name: "${code}", unit: "%", direction: HIGHER_IS_BETTER,
         category: "Fault", decimals: 2 }) { userErrors { code } }`,
    );
    expect(JSON.stringify((await gql(`mutation { ${fields.join(' ')} }`)).body)).not.toMatch(/"errors"|"code"/);
    units = inspect((db) =>
      db
        .prepare(
          `SELECT code FROM admin_unit WHERE (valid_from IS NULL OR valid_from <= '2024-01-01')
           AND (valid_to IS NULL OR valid_to >= '2024-12-31') ORDER BY code LIMIT 100`,
        )
        .all()
        .map((u) => (u as { code: string }).code),
    );
    expect(units).toHaveLength(100);
  }, 120_000);

  afterAll(async () => {
    if (child) await kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps the file whole and the batch all or nothing across ${TRIALS} kills`, async () => {
    const rowCount = units.length * PERIODS.length;
    const t0 = performance.now();
    expect((await push('FAULT_CAL', 'fault-cal')).body.data?.pushObservations?.applied).toBe(true);
    const pushMs = performance.now() - t0;

    let committed = 0;
    for (let i = 0; i < TRIALS; i++) {
      const indicator = `FAULT_${i}`;
      const key = `fault-${i}`;
      const answer = push(indicator, key).catch(() => null); // the connection dies with the process
      // Kill moments spread from the request's arrival to most of its usual length (its COMMIT comes well before its answer).
      await new Promise((r) => setTimeout(r, (pushMs * 0.8 * i) / TRIALS));
      await kill();
      await answer;

      const n = inspect((db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(revisionGaps(db)).toEqual([]);
        return written(db, indicator);
      });
      expect([0, rowCount], `trial ${i}`).toContain(n);
      if (n) committed++;

      await start();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const again = await push(indicator, key);
      expect(again.body.data?.pushObservations, `trial ${i}`).toMatchObject({ applied: true, replayed: n > 0 });
      inspect((db) => {
        expect(written(db, indicator)).toBe(rowCount);
        const perKey = db
          .prepare(
            `SELECT MAX(c) AS n FROM (SELECT COUNT(*) AS c FROM observation_revision r JOIN indicator i
             ON i.id = r.indicator_id WHERE i.code = ? GROUP BY r.unit_id, r.period)`,
          )
          .get(indicator) as { n: number };
        expect(perKey.n).toBe(1);
      });
    }
    console.log(
      `SQLite process kill trials: ${TRIALS} (pushes of ${rowCount} rows, ~${Math.round(pushMs)} ms each); ` +
        `committed ${committed}, not ${TRIALS - committed}; retries converged ${TRIALS}/${TRIALS}`,
    );
  }, 150_000);
});
