import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../helpers/push';
import { describeEachDb } from '../helpers/databases';
import { ADMIN, errorCode, startTestServer, type TestServer } from '../helpers/server';

/**
 * The server's log (docs/operations.md "Logs"): one JSON line per request with its id (sent back as
 * X-Request-Id), operation, status, duration and outcome; an unexpected failure logged once more
 * with the same id, by its class and statement shape; never tokens, variables, notes or values.
 */
const SECRET_NOTE = 'Ghi chú mật của chi cục 91c2';
const SECRET_VALUE = 98_765.4321;

describeEachDb('request log', (db) => {
  let t: TestServer;
  let viewer: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    viewer = (await createToken(t, 'log reader', 'VIEWER')).secret;
  });
  afterAll(() => t?.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const requestLines = () => t.logs.filter((l) => l.msg === 'request' || l.msg === 'request failed');
  const lineFor = (res: Response) => {
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    const lines = requestLines().filter((l) => l.reqId === id);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('one line per request: id, method, path, status, duration, operation and outcome', async () => {
    const res = await post({ query: 'query Provinces { provinces { code } }' }, { authorization: `Bearer ${viewer}` });
    expect(res.status).toBe(200);
    await res.json();
    const line = lineFor(res);
    expect(line).toMatchObject({
      level: 'info',
      service: 'chitieu',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Provinces',
      outcome: 'ok',
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.time).toEqual(expect.any(String));
    expect(line).not.toHaveProperty('reasons');
  });

  it("keeps a client's well-formed request id and replaces anything else", async () => {
    const kept = await post(
      { query: '{ me { name } }' },
      { authorization: `Bearer ${viewer}`, 'x-request-id': 'office-42.a' },
    );
    expect(kept.headers.get('x-request-id')).toBe('office-42.a');
    expect(lineFor(kept)).toMatchObject({ operation: 'anonymous query', outcome: 'ok' });
    const injected = await post(
      { query: '{ me { name } }' },
      { authorization: `Bearer ${viewer}`, 'x-request-id': 'x"} {"level":"fatal' },
    );
    expect(injected.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    lineFor(injected);
  });

  it('refusals: status and reasons on the line, and no token, variables or query string', async () => {
    const anonymous = await post({ query: 'query Me { me { name } }' });
    expect(anonymous.status).toBe(401);
    expect(lineFor(anonymous)).toMatchObject({ status: 401, outcome: 'error', reasons: ['UNAUTHENTICATED'] });

    const badToken = await post(
      { query: '{ me { name } }' },
      { authorization: 'Bearer ctk_not-a-real-token-1234567890' },
    );
    expect(lineFor(badToken)).toMatchObject({ status: 401, outcome: 'error' });

    const overCap = await post(
      {
        query: `query Huge { ${Array.from({ length: 40 }, (_, i) => `a${i}: observationTable(filter: {}, first: 50000) { rows }`).join(' ')} }`,
      },
      { authorization: `Bearer ${viewer}` },
    );
    expect(overCap.status).toBe(400);
    expect(lineFor(overCap)).toMatchObject({
      status: 400,
      operation: 'Huge',
      outcome: 'error',
      reasons: ['QUERY_TOO_COMPLEX'],
    });

    const viaGet = await fetch(
      `${t.url}/graphql?query=${encodeURIComponent(`{ indicators(search: "${SECRET_NOTE}") { code } }`)}`,
      { headers: { authorization: `Bearer ${viewer}`, accept: 'application/json', 'apollo-require-preflight': '1' } },
    );
    expect(lineFor(viaGet)).toMatchObject({ method: 'GET', path: '/graphql' });

    const all = JSON.stringify(t.logs);
    expect(all).not.toContain(viewer);
    expect(all).not.toContain(ADMIN);
    expect(all).not.toContain('ctk_not-a-real-token');
    expect(all).not.toContain(SECRET_NOTE);
  });

  it('an unexpected failure: one error line with the same request id, its statement shape and no user data', async () => {
    // A push whose statements fail unexpectedly (a table gone): the rows' note and value are in the
    // failing statements' parameters.
    await t.server.ds.query('DROP TABLE observation_revision');
    const before = t.logs.length;
    const res = await post(
      {
        query: 'mutation Push($input: PushObservationsInput!) { pushObservations(input: $input) { applied } }',
        variables: {
          input: {
            rows: [
              { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: SECRET_VALUE, note: SECRET_NOTE },
            ],
          },
        },
      },
      { authorization: `Bearer ${ADMIN}` },
    );
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('INTERNAL');
    const id = res.headers.get('x-request-id');
    const mine = t.logs.slice(before).filter((l) => l.reqId === id);
    const errors = mine.filter((l) => l.event === 'graphql.internal_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: 'error', path: 'pushObservations', count: 1 });
    expect(String(errors[0]!.error)).toMatch(/^QueryFailedError: \S+ in \w+ … \w+$/);
    const requestLine = mine.filter((l) => l.msg === 'request failed');
    expect(requestLine).toEqual([
      expect.objectContaining({ level: 'error', status: 500, operation: 'Push', reasons: ['INTERNAL'] }),
    ]);
    // Only these two lines came from the request: the failed statement is not logged a second time.
    expect(t.logs.slice(before).filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([
      errors[0],
      requestLine[0],
    ]);
    const all = JSON.stringify(t.logs);
    expect(all).not.toContain(SECRET_NOTE);
    expect(all).not.toContain(String(SECRET_VALUE));
    expect(all).not.toMatch(/INSERT INTO|VALUES \(/i);
    // Nothing of the push was kept (one transaction): a read says there is no such observation.
    const read = await t.gql('{ observations(filter: { unitCodes: ["37"], periods: ["2024"] }) { nodes { value } } }');
    expect(errorCode(read)).toBeUndefined();
    expect(read.data.observations.nodes).toEqual([]);
  });

  it('every line is one JSON object with a level and a time', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    for (const l of t.logs) {
      expect(typeof l.level).toBe('string');
      expect(typeof l.time).toBe('string');
    }
  });
});
