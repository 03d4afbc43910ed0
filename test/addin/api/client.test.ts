import { describe, expect, it } from 'vitest';
import { ApiError, endpointOf, GraphQLClient } from '../../../addin/src/api';

describe('endpointOf', () => {
  it('turns what a user types into the GraphQL endpoint', () => {
    expect(endpointOf('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/graphql');
    expect(endpointOf('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/graphql');
    expect(endpointOf('stats.example.vn')).toBe('https://stats.example.vn/graphql');
    expect(endpointOf('https://stats.example.vn/graphql/')).toBe('https://stats.example.vn/graphql');
    expect(endpointOf('https://stats.example.vn/addin/taskpane.html?x=1#y')).toBe('https://stats.example.vn/graphql');
    expect(endpointOf('https://stats.example.vn/chitieu')).toBe('https://stats.example.vn/chitieu/graphql');
    expect(endpointOf('', 'https://localhost:4000')).toBe('https://localhost:4000/graphql');
  });
});

describe('GraphQLClient errors', () => {
  const client = (res: () => Promise<Response>) =>
    new GraphQLClient({ serverUrl: 'https://x', token: 't', fetch: () => res() });
  const kind = async (c: GraphQLClient) => {
    try {
      await c.request('{ me { name } }');
      return 'none';
    } catch (e) {
      return (e as ApiError).kind;
    }
  };
  const json = (status: number, body: unknown) => async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('sorts failures into kinds the pane can explain', async () => {
    expect(await kind(client(async () => Promise.reject(new TypeError('Failed to fetch'))))).toBe('NETWORK');
    expect(await kind(client(async () => new Response('<html>proxy</html>', { status: 502 })))).toBe('NOT_GRAPHQL');
    expect(
      await kind(client(json(401, { errors: [{ message: 'bad token', extensions: { code: 'UNAUTHENTICATED' } }] }))),
    ).toBe('UNAUTHENTICATED');
    expect(await kind(client(json(200, { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })))).toBe(
      'FORBIDDEN',
    );
    expect(
      await kind(
        client(
          json(400, {
            errors: [
              {
                message: 'Cannot query field "progress" on type "Target".',
                extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
              },
            ],
          }),
        ),
      ),
    ).toBe('OUTDATED_SERVER');
    expect(
      await kind(
        client(json(200, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] })),
      ),
    ).toBe('SERVER');
    expect(await kind(client(json(200, { data: { me: { name: 'a' } } })))).toBe('none');
  });

  it('sends the bearer token', async () => {
    let auth: string | null = null;
    const c = new GraphQLClient({
      serverUrl: 'https://x',
      token: ' ctk_1 ',
      fetch: async (_u, init) => {
        auth = new Headers(init?.headers).get('authorization');
        return new Response(JSON.stringify({ data: {} }));
      },
    });
    await c.request('{ __typename }');
    expect(auth).toBe('Bearer ctk_1');
  });
});
