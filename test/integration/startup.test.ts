import { expect, it } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { startServer } from '../../server/src/server';
import { describeEachDb, scratchDatabase } from '../helpers/databases';

const post = (url: string, query: string, token?: string | null) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });

describeEachDb('start-up and shutdown', (db) => {
  it('first start of an empty database loads data and generates an admin token once; a restart keeps both', async () => {
    const scratch = await scratchDatabase(db);
    try {
      const config = { ...loadConfig({ PORT: '0' }), database: scratch.config };
      const first = await startServer(config);
      expect(first.bootstrap.referenceUnits).toBe(760);
      expect(first.bootstrap.demo?.observations).toBeGreaterThan(40);
      expect(first.generatedAdminToken).toMatch(/^ctk_[A-Za-z0-9_-]{40,}$/);
      const me = await (await post(first.url, '{ me { role } }', first.generatedAdminToken)).json();
      expect(me).toEqual({ data: { me: { role: 'ADMIN' } } });
      const audit = await first.ds.query(`SELECT actor, action, entity_type FROM audit_event WHERE action = 'TOKEN_CREATED'`);
      expect(audit).toEqual([{ actor: 'server start-up', action: 'TOKEN_CREATED', entity_type: 'ApiToken' }]);
      await first.stop();

      const second = await startServer(config);
      expect(second.bootstrap).toEqual({ referenceUnits: null, demo: null });
      expect(second.generatedAdminToken).toBeNull();
      const again = await (await post(second.url, '{ provinces { code } }', first.generatedAdminToken)).json();
      expect(again.data.provinces).toHaveLength(63);
      await second.stop();
    } finally {
      await scratch.drop();
    }
  });

  it('drains a request in flight on stop, then refuses connections and closes the database', async () => {
    const scratch = await scratchDatabase(db);
    try {
      const server = await startServer({ ...loadConfig({ PORT: '0', ADMIN_TOKEN: 'shutdown-test-token-123' }), database: scratch.config });
      const inFlight = post(server.url, '{ provinces { code districts { code terms { title } } } }', 'shutdown-test-token-123');
      await new Promise((r) => setTimeout(r, 20));
      const stopped = server.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect((await res.json()).data.provinces).toHaveLength(63);
      await stopped;
      expect(server.ds.isInitialized).toBe(false);
      await expect(post(server.url, '{ me { name } }')).rejects.toThrow();
    } finally {
      await scratch.drop();
    }
  });
});
