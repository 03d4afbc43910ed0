import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken } from '../helpers/push';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/**
 * Cost that matches the work: a query is priced before anything runs (rows it may return, what it
 * must read to find them, every cell of a compact table) and refused over the cap; what passes is
 * charged to the caller's budget for the minute, kept in the database, and a caller over budget
 * gets 429 with Retry-After while cheap queries stay free.
 */
const post = async (t: TestServer, query: string, headers: Record<string, string>) => {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { reason: string } }[] },
  };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/**
 * Budgets are per clock minute (fixed windows): a test whose requests must fall in one window starts
 * in a fresh minute when less than 15 s of this one are left.
 */
const inOneWindow = async () => {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
};
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('query cost: the cap refuses what would stall the server, before it runs', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { DEMO_DATA: 'false' });
  });
  afterAll(() => t?.stop());

  it('1,000 aliased searches (14,000 tokens): refused while parsing, 400, before validation and pricing', async () => {
    t.counter.reset();
    const r = await post(t, aliases(1000, 'adminUnits(search: "a", first: 1000) { code }'), bearer(ADMIN));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions.reason).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.body.errors?.[0]?.message).toMatch(/more tha[nt] 10000 tokens/); // graphql-js says "more that";
    expect(t.counter.statements.filter((s) => !/api_token/.test(s))).toEqual([]);
  });

  it.each([
    ['400 searches of 1,000 units', aliases(400, 'adminUnits(search: "a", first: 1000) { code }')],
    ['29 compact tables of 50,000 rows', aliases(29, 'observationTable(filter: {}, first: 50000) { rows }')],
  ])('%s: 400 QUERY_TOO_COMPLEX naming its cost and the cap, and no SQL ran', async (_name, query) => {
    t.counter.reset();
    const r = await post(t, query, bearer(ADMIN));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions.reason).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors?.[0]?.message).toMatch(/costs \d+, the cap is 1500000/);
    // Authentication reads the token (and may note its use); nothing of the query itself ran.
    expect(t.counter.statements.filter((s) => !/api_token/.test(s))).toEqual([]);
  });

  it('one search and one national page of the compact table pass', async () => {
    expect((await post(t, '{ adminUnits(search: "ha trung", first: 50) { code } }', bearer(ADMIN))).status).toBe(200);
    const page = await post(t, '{ observationTable(filter: {}, first: 50000) { totalCount } }', bearer(ADMIN));
    expect(page.status).toBe(200);
  });
});

describeEachDb('query budgets per minute, in the database', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    // 300,000 units a minute: two pages of 10,000 compact rows (14 columns) fit, a third does not.
    t = await startTestServer(db, { DEMO_DATA: 'false', QUERY_BUDGET_PER_MINUTE: '300000', PUBLIC_READ: 'true' });
  });
  afterAll(() => t?.stop());
  const PAGE = '{ observationTable(filter: { unitCodes: ["392"] }, first: 10000) { totalCount } }';

  it('a token over its budget gets 429 with Retry-After; cheap queries stay free; others keep theirs', async () => {
    const { secret } = await createToken(t, 'Đối tác A', 'VIEWER');
    const { secret: other } = await createToken(t, 'Đối tác B', 'VIEWER');
    await inOneWindow();
    expect((await post(t, PAGE, bearer(secret))).status).toBe(200);
    expect((await post(t, PAGE, bearer(secret))).status).toBe(200);
    const refused = await post(t, PAGE, bearer(secret));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BUDGET_EXHAUSTED' });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0]?.message).toMatch(/of 300000 cost units this minute/);
    // Who am I, and small reads: free, so the pane keeps working while a bulk pull waits.
    expect((await post(t, '{ me { name } }', bearer(secret))).status).toBe(200);
    // Another token has its own budget; ADMIN has none.
    expect((await post(t, PAGE, bearer(other))).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await post(t, PAGE, bearer(ADMIN))).status).toBe(200);
    // The spending is in the database: every server behind a load balancer sees it.
    const rows = await t.server.ds.query('SELECT subject, spent FROM query_budget ORDER BY subject');
    expect(rows.map((r: { subject: string }) => r.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^token:\d+$/)]),
    );
  });

  it('anonymous reads are charged to their address', async () => {
    await inOneWindow();
    expect((await post(t, PAGE, {})).status).toBe(200);
    expect((await post(t, PAGE, {})).status).toBe(200);
    const refused = await post(t, PAGE, {});
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions.reason).toBe('BUDGET_EXHAUSTED');
    // Without TRUST_PROXY a forwarded address is not believed: still the same caller.
    expect((await post(t, PAGE, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', {
      DEMO_DATA: 'false',
      QUERY_BUDGET_PER_MINUTE: '150000',
      PUBLIC_READ: 'true',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => t?.stop());
  const PAGE = '{ observationTable(filter: { unitCodes: ["392"] }, first: 10000) { totalCount } }';

  it('each forwarded client address has its own budget', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    await inOneWindow();
    expect((await post(t, PAGE, from('203.0.113.7'))).status).toBe(200);
    expect((await post(t, PAGE, from('203.0.113.7'))).status).toBe(429);
    expect((await post(t, PAGE, from('198.51.100.20'))).status).toBe(200);
  });
});

describe('a cap on the size of an answer (MAX_RESPONSE_SIZE)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { DEMO_DATA: 'false', MAX_RESPONSE_SIZE: '1kb' });
  });
  afterAll(() => t?.stop());

  it('an answer over the cap is refused (400 RESPONSE_TOO_LARGE, saying its size); smaller ones are sent whole', async () => {
    const big = await post(t, '{ provinces { code name } }', bearer(ADMIN));
    expect(big.status).toBe(400);
    expect(big.body.data).toBeUndefined();
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESPONSE_TOO_LARGE' });
    expect(big.body.errors?.[0]?.message).toMatch(/would be \d+ bytes, over the cap of 1024/);
    const small = await post(t, '{ province(code: "38") { code name } }', bearer(ADMIN));
    expect(small.status).toBe(200);
    expect(small.body).toEqual({ data: { province: { code: '38', name: 'Tỉnh Thanh Hóa' } } });
  });
});
