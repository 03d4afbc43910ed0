import mysql from 'mysql2/promise';
import type { Logger } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { PUSH_MUTATION } from '../helpers/push';
import { ADMIN, assertErrorShape, type GqlResponse } from '../helpers/server';
import { mariadbAvailable, MARIADBD, startPrivateMariadb, type PrivateMariadb } from './private-mariadb';

/**
 * The database process dies (SIGKILL) while an atomic push is being written, again and again: trial i
 * kills it as the server sends the push's k-th SQL statement, either before the statement leaves or a
 * moment after. Even trials spread k over all the push's statements (those after COMMIT too), odd
 * ones aim at the statements around COMMIT. Whatever the moment: the client gets success or a 503
 * (DATABASE_UNAVAILABLE, OUTCOME_UNKNOWN), the batch is in the database whole or not at all, revision
 * numbers have no gaps, /healthz follows the database down and up without the server restarting, and
 * sending the push again with its idempotency key leaves it written exactly once.
 */
const TRIALS = 30;
const UNITS = 25;
const PERIODS = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);

const required = process.env.REQUIRE_MYSQL === '1';
if (!mariadbAvailable && !required)
  console.warn(`\n*** ${MARIADBD} not found: the MariaDB kill tests are SKIPPED (REQUIRE_MYSQL=1 fails instead) ***\n`);
const suite = mariadbAvailable || required ? describe : describe.skip;

type Answer = { status: number; kind: string; replayed?: boolean };

suite('MariaDB killed during atomic pushes [fault]', () => {
  let db: PrivateMariadb;
  let server: RunningServer;
  let units: string[];
  /** Counts the statements the server sends; calls `fire` at statement number `at`. */
  const tripwire = { seen: 0, at: 0, fire: () => {}, commitAt: 0 };
  const logger: Logger = {
    logQuery: (query) => {
      if (/^\s*COMMIT/i.test(query)) tripwire.commitAt = tripwire.seen + 1;
      if (++tripwire.seen === tripwire.at) tripwire.fire();
    },
    logQueryError: () => {},
    logQuerySlow: () => {},
    logSchemaBuild: () => {},
    logMigration: () => {},
    log: () => {},
  };

  beforeAll(async () => {
    if (!mariadbAvailable) throw new Error(`REQUIRE_MYSQL=1 but ${MARIADBD} is missing`);
    db = await startPrivateMariadb();
    server = await startServer(
      {
        ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: ADMIN, DEMO_DATA: 'false' }),
        database: { type: 'mysql', url: db.url },
      },
      { logger },
    );
    units = (
      await inspect<{ code: string }>(
        `SELECT code FROM admin_unit WHERE (valid_from IS NULL OR valid_from <= '2024-01-01')
         AND (valid_to IS NULL OR valid_to >= '2024-12-31') ORDER BY code LIMIT ${UNITS}`,
      )
    ).map((u) => u.code);
    expect(units).toHaveLength(UNITS);
    // One indicator per trial (and one to time a push), so each trial's batch is told apart by it.
    const codes = ['FAULT_CAL', ...Array.from({ length: TRIALS }, (_, i) => `FAULT_${i}`)];
    const fields = codes.map(
      (code, i) =>
        `i${i}: createIndicator(input: { code: "${code}", name: "${code}", unit: "%", direction: HIGHER_IS_BETTER,
         category: "Fault", decimals: 2 }) { userErrors { code } }`,
    );
    const res = await gql(`mutation { ${fields.join(' ')} }`);
    expect(JSON.stringify(res.body)).not.toMatch(/"errors"|"code"/);
  });

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await db?.stop();
  });

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: { pushObservations?: { applied: boolean; replayed: boolean; created: number } } | null;
      errors?: GqlResponse['errors'];
    };
    assertErrorShape(body, query);
    return { status: res.status, body };
  }

  const rowsOf = (indicatorCode: string) =>
    units.flatMap((unitCode, u) =>
      PERIODS.map((period, p) => ({ unitCode, indicatorCode, period, value: u + p / 10 })),
    );

  /**
   * The answer's kind: `200` (all written, every detail read back), or the reason of a 503 — also
   * when the push committed but its rows' details could not be read back (OUTCOME_UNKNOWN, never a
   * partial 200 whose errors would say nothing was changed).
   */
  async function push(indicator: string, idempotencyKey: string): Promise<Answer> {
    const { status, body } = await gql(PUSH_MUTATION, { input: { rows: rowsOf(indicator), idempotencyKey } });
    const payload = body.data?.pushObservations;
    if (status !== 200 || !payload) return { status, kind: body.errors?.[0]?.extensions?.reason ?? `${status}` };
    expect(payload.applied, JSON.stringify(body).slice(0, 500)).toBe(true);
    expect(body.errors, String(JSON.stringify(body.errors)).slice(0, 500)).toBeUndefined();
    return { status, kind: '200', replayed: payload.replayed };
  }

  /** Reads the database directly, through a connection of its own (not the server's pool). */
  async function inspect<T>(sql: string): Promise<T[]> {
    const conn = await mysql.createConnection({ uri: db.url });
    try {
      return (await conn.query(sql))[0] as T[];
    } finally {
      await conn.end();
    }
  }

  const written = async (indicator: string) =>
    Number(
      (
        await inspect<{ n: number }>(
          `SELECT COUNT(*) AS n FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = '${indicator}'`,
        )
      )[0]!.n,
    );
  /** Keys whose revisions are not exactly 1..n. */
  const revisionGaps = () =>
    inspect(
      `SELECT unit_id, indicator_id, period FROM observation_revision GROUP BY unit_id, indicator_id, period
       HAVING MIN(version) <> 1 OR MAX(version) <> COUNT(*) OR COUNT(DISTINCT version) <> COUNT(*)`,
    );
  const maxRevisionsPerKey = async (indicator: string) =>
    Number(
      (
        await inspect<{ n: number | null }>(
          `SELECT MAX(c) AS n FROM (SELECT COUNT(*) AS c FROM observation_revision r JOIN indicator i
           ON i.id = r.indicator_id WHERE i.code = '${indicator}' GROUP BY r.unit_id, r.period) k`,
        )
      )[0]!.n ?? 0,
    );
  const health = async () => (await fetch(`${server.url}/healthz`)).status;

  it(`answers, writes all or nothing, and converges on retry across ${TRIALS} kills`, async () => {
    const rowCount = UNITS * PERIODS.length;
    tripwire.seen = 0;
    expect(await push('FAULT_CAL', 'fault-cal')).toMatchObject({ status: 200 });
    const statements = tripwire.seen;
    const commitAt = tripwire.commitAt;
    expect(commitAt).toBeGreaterThan(1);

    const answers: Record<string, number> = {};
    let committed = 0;
    let retries = 0;
    for (let i = 0; i < TRIALS; i++) {
      const indicator = `FAULT_${i}`;
      const key = `fault-${i}`;
      let killed: Promise<void> | null = null;
      const kill = () => (killed = db.kill());
      tripwire.seen = 0;
      tripwire.at = i % 2 ? commitAt - 1 + (i % 3) : 1 + Math.floor((i * statements) / TRIALS);
      // Half the time the statement reaches the database (and COMMIT perhaps commits) before the kill.
      tripwire.fire = i % 4 < 2 ? kill : () => setTimeout(kill, i % 3);
      const first = await push(indicator, key);
      await (killed ?? kill());
      tripwire.at = 0;
      const kind = first.kind;
      answers[kind] = (answers[kind] ?? 0) + 1;
      expect(['200', 'DATABASE_UNAVAILABLE', 'OUTCOME_UNKNOWN']).toContain(kind);
      if (kind !== '200') expect(first.status).toBe(503);
      expect(await health()).toBe(503);

      await db.restart();
      // The server's pool reconnects by itself.
      while ((await health()) !== 200) await new Promise((r) => setTimeout(r, 20));
      const n = await written(indicator);
      expect([0, rowCount], `trial ${i}: ${kind}`).toContain(n);
      if (first.status === 200) expect(n).toBe(rowCount);
      if (kind === 'DATABASE_UNAVAILABLE') expect(n).toBe(0);
      if (n) committed++;
      expect(await revisionGaps()).toEqual([]);

      // The client sends the same push again; a 503 now would be sent again too.
      let again = await push(indicator, key);
      for (let tries = 1; again.status === 503 && tries < 5; tries++) again = await push(indicator, key);
      expect(again, `trial ${i}`).toMatchObject({ kind: '200', replayed: n === rowCount });
      if (again.status === 200) retries++;
      expect(await written(indicator)).toBe(rowCount);
      expect(await maxRevisionsPerKey(indicator)).toBe(1);
    }
    expect(await revisionGaps()).toEqual([]);
    console.log(
      `MariaDB kill trials: ${TRIALS} (killed at statements 1..${statements} of a push, COMMIT ${commitAt}); answers ${JSON.stringify(answers)}; committed ${committed}, not ${TRIALS - committed}; ` +
        `retries converged ${retries}/${TRIALS}`,
    );
  }, 150_000);
});
