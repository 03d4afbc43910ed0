import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/common/global-id';
import { describeEachDb, type DbKind } from '../helpers/databases';
import { ADMIN, assertErrorShape, ok, startTestServer, type GqlResponse, type TestServer } from '../helpers/server';
import { fuzzCase, MUTATIONS, OPERATIONS, tokenRole, type FuzzCase } from './argument-fuzz/arbitraries';

/**
 * Every mutation and list/search argument, fuzzed over HTTP (issue 13): whatever a client sends,
 * the server answers below 500 in the one error shape, and a refusal leaves the database as it was.
 */

/**
 * What a write could touch; counts and the highest key are enough to see a row added or removed.
 * Not push_batch: a refused atomic push with an idempotencyKey stores its answer there by design
 * (docs/api.md "Idempotency"), so that sending it again answers the same.
 */
const TABLES = [
  'observation',
  'observation_revision',
  'audit_event',
  'target',
  'term',
  'indicator',
  'api_token',
  'period_lock',
  'change_tx',
  'change_entry',
];

const RUNS: Record<DbKind, number> = { sqlite: 2000, mysql: 1000 };
/**
 * One seed per CI run, so that a red run is the code's doing, not the dice's: a seed once found a
 * 500 (provinceRollUp on MariaDB) and is pinned as a test of its own. Explore further with
 * FUZZ_SEED=<n>, and pin what it finds the same way.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_201;

describeEachDb('argument fuzz', (db) => {
  let t: TestServer;
  let fingerprintSql: string;
  const tokens: Record<string, string> = { ADMIN };
  /** The tokens the fuzz sends (ADMIN_TOKEN is stored too): revoking them would turn the rest of the run into 401s. */
  const ownTokenIds = new Set<string>();

  beforeAll(async () => {
    // Budgets are tested elsewhere (query-cost.test.ts); here they would only hide deeper refusals.
    t = await startTestServer(db, { QUERY_BUDGET_PER_MINUTE: '1000000000000' });
    const qr = t.server.ds.createQueryRunner();
    const parts: string[] = [];
    for (const name of TABLES) {
      const table = await qr.getTable(name);
      if (!table) throw new Error(`no table ${name}`);
      const key = table.findColumnByName('id') ? 'id' : table.findColumnByName('seq') ? 'seq' : null;
      parts.push(`SELECT '${name}' AS t, COUNT(*) AS n, ${key ? `MAX(${key})` : 'NULL'} AS m FROM ${name}`);
    }
    await qr.release();
    fingerprintSql = parts.join(' UNION ALL ');
    const create = 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }';
    for (const [role, scopeCode] of [
      ['DISTRICT_EDITOR', '392'],
      ['PROVINCE_EDITOR', '38'],
      ['VIEWER', null],
    ] as const) {
      const { token } = ok(await t.gql(create, { i: { name: `fuzz ${role}`, role, scopeCode } })).createApiToken;
      tokens[role] = token;
    }
    // ADMIN_TOKEN is stored as a token too
    for (const r of await t.server.ds.query('SELECT id FROM api_token')) ownTokenIds.add(String(r.id));
  });
  afterAll(() => t?.stop());

  const fingerprint = async () =>
    JSON.stringify((await t.server.ds.query(fingerprintSql)).map((r: any) => `${r.t}:${r.n}:${r.m}`));

  const send = async (c: FuzzCase, token: string): Promise<GqlResponse> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: OPERATIONS[c.op], variables: c.variables }),
    });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
    }
    return { ...body, status: res.status };
  };

  /** Whether the answer says nothing was written: an error, userErrors, a dry run, an atomic push refused. */
  const refused = (c: FuzzCase, res: GqlResponse) => {
    if (res.errors?.length) return true;
    const payload = res.data?.[c.op];
    if (!MUTATIONS.has(c.op)) return true; // a read never writes
    if (payload?.userErrors?.length) return true;
    return c.op === 'pushObservations' && payload?.applied === false;
  };

  it(`answers ${RUNS[db]} fuzzed requests below 500, in the error shape, unchanged on refusal`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, tokenRole, async (c, role) => {
        const revoked = c.op === 'revokeApiToken' && typeof c.variables.id === 'string' ? c.variables.id : null;
        fc.pre(revoked === null || !ownTokenIds.has(String(fromGlobalId(revoked)?.id ?? Number(revoked))));
        const before = await fingerprint();
        const res = await send(c, tokens[role]);
        const summary = () => `${role} ${c.op} → HTTP ${res.status} ${JSON.stringify(res).slice(0, 600)}`;
        expect(res.status, summary()).toBeLessThan(500);
        expect(res.data !== undefined || res.errors?.length, summary()).toBeTruthy();
        assertErrorShape(res, `${c.op} ${JSON.stringify(c.variables)}`, false);
        if (refused(c, res)) expect(await fingerprint(), `a refusal changed the database: ${summary()}`).toBe(before);
      }),
      { numRuns: RUNS[db], seed: SEED, endOnFailure: false },
    );
  }, 240_000);
});
