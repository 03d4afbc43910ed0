import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { ApiTokenEntity } from '../../server/src/auth/api-token.entity';
import { AuditEventEntity } from '../../server/src/audit/audit-event.entity';
import { startServer } from '../../server/src/server';
import { describeEachDb, scratchDatabase, type ScratchDatabase } from '../helpers/databases';
import { ADMIN, ok, startTestServer, type TestServer } from '../helpers/server';

const CREATE = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id expiresAt lastUsedAt } userErrors { code field } }
}`;
const errorOf = (r: { errors?: { message: string; extensions?: { code?: string } }[] }) => r.errors?.[0];

describeEachDb('token lifetime: expiry, last use, ADMIN_TOKEN rotation', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
  });
  afterAll(() => t?.stop());

  const tokens = async () =>
    ok(await t.gql('{ apiTokens { id name expiresAt lastUsedAt revokedAt } }')).apiTokens as {
      id: string;
      name: string;
      expiresAt: string | null;
      lastUsedAt: string | null;
    }[];

  it('an expiry in the past is refused, and nothing is created', async () => {
    const before = (await tokens()).length;
    const r = ok(await t.gql(CREATE, { input: { name: 'x', role: 'VIEWER', expiresAt: '2020-01-01T00:00:00Z' } }));
    expect(r.createApiToken.userErrors).toEqual([{ code: 'INVALID_EXPIRY', field: ['input', 'expiresAt'] }]);
    expect(r.createApiToken.token).toBe(null);
    expect((await tokens()).length).toBe(before);
  });

  it('a token works until its expiry and is refused (401, saying so) from then on', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const made = ok(await t.gql(CREATE, { input: { name: 'Tạm thời', role: 'VIEWER', expiresAt } })).createApiToken;
    expect(made.apiToken.expiresAt).toBe(expiresAt);
    expect(ok(await t.gql('{ me { name } }', {}, made.token)).me.name).toBe('Tạm thời');
    // The clock cannot be moved here; the expiry can: as if the 30 days had passed.
    const repo = t.server.ds.getRepository(ApiTokenEntity);
    await repo.update({ name: 'Tạm thời' }, { expiresAt: new Date(Date.now() - 1000) });
    const refused = await t.gql('{ me { name } }', {}, made.token);
    expect(refused.status).toBe(401);
    expect(errorOf(refused)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(refused)?.message).toMatch(/expired at/);
  });

  it('apiTokens shows when a token was last used, recorded at most once a minute', async () => {
    const made = ok(await t.gql(CREATE, { input: { name: 'Đọc', role: 'VIEWER' } })).createApiToken;
    expect(made.apiToken.lastUsedAt).toBe(null);
    const start = Date.now();
    ok(await t.gql('{ me { name } }', {}, made.token));
    const first = (await tokens()).find((x) => x.name === 'Đọc')!.lastUsedAt;
    expect(first).not.toBe(null);
    expect(new Date(first!).getTime()).toBeGreaterThanOrEqual(start - 1000);
    ok(await t.gql('{ me { name } }', {}, made.token));
    expect((await tokens()).find((x) => x.name === 'Đọc')!.lastUsedAt).toBe(first);
    // A minute later (moved back instead of waiting), the next use is recorded again.
    const repo = t.server.ds.getRepository(ApiTokenEntity);
    await repo.update({ name: 'Đọc' }, { lastUsedAt: new Date(Date.now() - 120_000) });
    ok(await t.gql('{ me { name } }', {}, made.token));
    const later = (await tokens()).find((x) => x.name === 'Đọc')!.lastUsedAt!;
    expect(new Date(later).getTime()).toBeGreaterThanOrEqual(start - 1000);
  });
});

describeEachDb('ADMIN_TOKEN rotation', (db) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase(db);
  });
  afterAll(() => scratch?.drop());

  const start = (adminToken: string) =>
    startServer({
      ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: adminToken, DEMO_DATA: 'false' }),
      database: scratch.config,
    });
  const me = async (url: string, token: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    return { status: res.status, body: (await res.json()) as { data?: { me: { role: string } } } };
  };

  it('a restart with a new value revokes the token of the old one (audited); the new one works', async () => {
    const oldValue = ADMIN;
    const newValue = 'rotated-admin-token-after-a-leak-0001';
    const first = await start(oldValue);
    expect((await me(first.url, oldValue)).body.data?.me.role).toBe('ADMIN');
    await first.stop();

    const second = await start(newValue);
    try {
      expect((await me(second.url, newValue)).body.data?.me.role).toBe('ADMIN');
      expect((await me(second.url, oldValue)).status).toBe(401);
      const audit = await second.ds
        .getRepository(AuditEventEntity)
        .findBy({ action: 'TOKEN_REVOKED', actor: 'server start-up' });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain('ADMIN_TOKEN changed');
    } finally {
      await second.stop();
    }
    // Restarting with the same value changes nothing; going back to the leaked value does not revive it.
    const third = await start(oldValue);
    try {
      expect((await me(third.url, oldValue)).status).toBe(401);
      expect((await me(third.url, newValue)).status).toBe(401);
    } finally {
      await third.stop();
    }
  });
});
