import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, assertErrorShape, startTestServer, type TestServer } from '../helpers/server';

/**
 * One error shape at the HTTP level too: every refusal before or around GraphQL (unknown route, body
 * too large, wrong content type, malformed JSON, a mutation over GET, CSRF prevention, a bad token, an
 * internal error) answers JSON `{ errors: [{ message, extensions: { code, reason } }] }` with its HTTP
 * status. These requests bypass `t.gql`, so each is checked with the same `assertErrorShape`.
 */
describe('HTTP-level errors have the one error shape', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { BODY_LIMIT: '2kb' });
  });
  afterAll(() => t?.stop());

  const auth = { authorization: `Bearer ${ADMIN}` };
  const json = { ...auth, 'content-type': 'application/json' };

  async function expectError(res: Response, status: number, code: string, reason: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string; reason: string } }[] };
    assertErrorShape(body, `${res.url} (${status})`);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code, reason });
    expect(body.errors[0].message.length).toBeGreaterThan(0);
  }
  const post = (body: string, headers: Record<string, string> = json) =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers, body });

  it('the check itself refuses an error without a reason or with an unknown code', () => {
    const check = (extensions: Record<string, string>) => () =>
      assertErrorShape({ errors: [{ message: 'x', extensions }] }, 'a made-up response', false);
    expect(check({ code: 'BAD_USER_INPUT' })).toThrow(/without a contract code and reason/);
    expect(check({ code: 'BAD_REQUEST', reason: 'BAD_REQUEST' })).toThrow();
    expect(check({ code: 'BAD_USER_INPUT', reason: 'NO_SUCH_REASON' })).toThrow();
    expect(check({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_JSON' })).not.toThrow();
  });

  it('404: an unknown route', async () => {
    await expectError(await fetch(`${t.url}/nope`, { headers: auth }), 404, 'NOT_FOUND', 'ROUTE_NOT_FOUND');
    const postNowhere = await fetch(`${t.url}/api`, { method: 'POST', headers: json, body: '{}' });
    await expectError(postNowhere, 404, 'NOT_FOUND', 'ROUTE_NOT_FOUND');
  });

  it('413: a body over BODY_LIMIT', async () => {
    await expectError(
      await post(JSON.stringify({ query: '{ me { name } }', variables: { x: 'a'.repeat(5000) } })),
      413,
      'BAD_USER_INPUT',
      'BODY_TOO_LARGE',
    );
  });

  it('415: a POST that is not JSON (text/plain, application/graphql, none)', async () => {
    for (const type of ['text/plain', 'application/graphql', 'application/x-www-form-urlencoded'])
      await expectError(
        await post('{ me { name } }', { ...auth, 'content-type': type }),
        415,
        'BAD_USER_INPUT',
        'UNSUPPORTED_MEDIA_TYPE',
      );
    const none = await fetch(`${t.url}/graphql`, { method: 'POST', headers: auth });
    await expectError(none, 415, 'BAD_USER_INPUT', 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('400: malformed JSON, a batch, variables that are not an object, no query', async () => {
    await expectError(await post('{"query": '), 400, 'BAD_USER_INPUT', 'MALFORMED_JSON');
    await expectError(await post("{'query': 1}"), 400, 'BAD_USER_INPUT', 'MALFORMED_JSON');
    await expectError(await post('[{"query":"{ me { name } }"}]'), 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
    await expectError(
      await post('{"query":"{ me { name } }","variables":3}'),
      400,
      'BAD_USER_INPUT',
      'INVALID_VARIABLES',
    );
    await expectError(await post('{}'), 400, 'BAD_USER_INPUT', 'BAD_REQUEST');
    await expectError(await post('{"query":"{ me { name "}'), 400, 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED');
    await expectError(await post('{"query":"{ nope }"}'), 400, 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED');
    await expectError(
      await post('{"query":"query A { me { name } } query B { me { name } }"}'),
      400,
      'BAD_USER_INPUT',
      'OPERATION_RESOLUTION_FAILURE',
    );
  });

  it('400: variables of the wrong type', async () => {
    const res = await post(
      JSON.stringify({
        query: 'query($p: String!) { ranking(provinceCode: "38", indicatorCode: "THU_NHAP_BQ", period: $p) { rank } }',
        variables: { p: 3 },
      }),
    );
    await expectError(res, 400, 'BAD_USER_INPUT', 'INVALID_VARIABLES');
  });

  it('405: a mutation over GET, and other methods', async () => {
    const q = encodeURIComponent('mutation { revokeApiToken(id: "x") { userErrors { code } } }');
    await expectError(
      await fetch(`${t.url}/graphql?query=${q}`, {
        headers: { ...auth, accept: 'application/json', 'apollo-require-preflight': 'true' },
      }),
      405,
      'BAD_USER_INPUT',
      'METHOD_NOT_ALLOWED',
    );
    await expectError(
      await fetch(`${t.url}/graphql`, { method: 'PUT', headers: json, body: '{}' }),
      405,
      'BAD_USER_INPUT',
      'METHOD_NOT_ALLOWED',
    );
  });

  it('400: a GET without a CSRF-safe header', async () => {
    const q = encodeURIComponent('{ me { name } }');
    await expectError(
      await fetch(`${t.url}/graphql?query=${q}`, { headers: { ...auth, accept: 'application/json' } }),
      400,
      'BAD_USER_INPUT',
      'CSRF_PREVENTED',
    );
  });

  it('401: a malformed header or an unknown token', async () => {
    for (const authorization of ['Bearer ctk_nope', 'Basic abc'])
      await expectError(
        await post('{"query":"{ me { name } }"}', { 'content-type': 'application/json', authorization }),
        401,
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
      );
  });

  it('403: a token whose role may not do this, when nothing of the operation could be answered', async () => {
    const made = await post(
      JSON.stringify({
        query: 'mutation { createApiToken(input: { name: "Đọc", role: VIEWER }) { token } }',
      }),
    );
    const viewer = ((await made.json()) as { data: { createApiToken: { token: string } } }).data.createApiToken.token;
    await expectError(
      await post('{"query":"{ apiTokens { id } }"}', {
        'content-type': 'application/json',
        authorization: `Bearer ${viewer}`,
      }),
      403,
      'FORBIDDEN',
      'FORBIDDEN',
    );
  });

  it('401: no token at all, for a read and for a write', async () => {
    const anon = { 'content-type': 'application/json' };
    await expectError(await post('{"query":"{ me { name } }"}', anon), 401, 'UNAUTHENTICATED', 'UNAUTHENTICATED');
    await expectError(
      await post('{"query":"mutation { revokeApiToken(id: \\"x\\") { userErrors { code } } }"}', anon),
      401,
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    );
  });

  it('400: a query over the cost cap, before anything runs', async () => {
    await expectError(
      await post('{"query":"{ adminUnits(search: \\"a\\", first: 2147483647) { code } }"}'),
      400,
      'BAD_USER_INPUT',
      'QUERY_TOO_COMPLEX',
    );
  });

  it('400: a persisted-query hash (persisted queries are off: no stack trace, no INTERNAL)', async () => {
    const body = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    await expectError(await post(body), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('404: explorer paths that name properties of a plain object', async () => {
    for (const file of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      await expectError(await fetch(`${t.url}/explorer/${file}`), 404, 'NOT_FOUND', 'ROUTE_NOT_FOUND');
  });
});
