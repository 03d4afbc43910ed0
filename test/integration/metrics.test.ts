import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push } from '../helpers/push';
import { startTestServer, type TestServer } from '../helpers/server';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one series in Prometheus's text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return 0;
}

describeEachDb('GET /metrics', (db) => {
  let open: TestServer;
  let guarded: TestServer;

  beforeAll(async () => {
    [open, guarded] = await Promise.all([
      startTestServer(db, { DEMO_DATA: 'false' }),
      startTestServer(db, { DEMO_DATA: 'false', METRICS_TOKEN: TOKEN }),
    ]);
  });
  afterAll(async () => {
    await open?.stop();
    await guarded?.stop();
  });

  const metrics = async (t: TestServer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('without METRICS_TOKEN: callers on the machine only, not a request relayed by a proxy', async () => {
    const local = await metrics(open);
    expect(local.status).toBe(200);
    expect(local.type).toMatch(/^text\/plain/);
    expect(local.text).toContain('# TYPE chitieu_graphql_requests_total counter');
    const relayed = await metrics(open, { 'x-forwarded-for': '203.0.113.9' });
    expect(relayed.status).toBe(403);
    expect(JSON.parse(relayed.text).errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'METRICS_FORBIDDEN',
    });
  });

  it('with METRICS_TOKEN: the bearer token, and nothing else, opens it', async () => {
    expect((await metrics(guarded)).status).toBe(403);
    expect((await metrics(guarded, { authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await metrics(guarded, { authorization: 'Bearer short' })).status).toBe(403);
    expect((await metrics(guarded, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('counts requests by operation, push rows by outcome, and (MariaDB) the pool', async () => {
    const before = (await metrics(open)).text;
    await open.gql(
      'mutation { createIndicator(input: { code: "MET", name: "Metrics", unit: "%", direction: HIGHER_IS_BETTER, category: "T", decimals: 2 }) { userErrors { code } } }',
    );
    const rows = ['01', '02', '04'].map((unitCode) => ({ unitCode, indicatorCode: 'MET', period: '2023', value: 1 }));
    await push(open, rows);
    await push(open, [{ ...rows[0]!, value: 2, baseVersion: 7 }]);
    await open.gql('query { indicators { code } }');
    const after = (await metrics(open)).text;
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('chitieu_push_rows_total', { outcome: 'CREATED' })).toBe(3);
    expect(delta('chitieu_push_rows_total', { outcome: 'CONFLICT' })).toBe(1);
    expect(delta('chitieu_graphql_requests_total', { operation: 'mutation pushObservations', outcome: 'ok' })).toBe(2);
    expect(delta('chitieu_graphql_requests_total', { operation: 'query indicators', outcome: 'ok' })).toBe(1);
    expect(delta('chitieu_graphql_request_duration_seconds_count', { operation: 'query indicators' })).toBe(1);
    if (db === 'mysql')
      expect(sample(after, 'chitieu_db_pool_connections', { pool: 'primary', state: 'max' })).toBeGreaterThan(0);
  });
});
