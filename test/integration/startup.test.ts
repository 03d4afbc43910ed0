import net from 'node:net';
import { expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { startServer } from '../../server/src/server';
import { describeEachDb, scratchDatabase } from '../helpers/databases';

const post = (url: string, query: string, token?: string | null) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** True when a TCP connection to the server's port is refused (the listening socket is closed). */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Polls a condition until it holds; the bound only turns a hang into a clear failure. */
async function pollUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describeEachDb('start-up and shutdown', (db) => {
  it('first start of an empty database loads data and generates an admin token once; a restart keeps both', async () => {
    const scratch = await scratchDatabase(db);
    try {
      const config = { ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0' }), database: scratch.config };
      const first = await startServer(config);
      expect(first.bootstrap.referenceUnits).toBe(760);
      expect(first.bootstrap.demo?.observations).toBeGreaterThan(40);
      expect(first.bootstrap.reform2025).toEqual({
        communesBefore: 10047,
        provincesAfter: 34,
        communesAfter: 3321,
        // 10,667 lineage rows less the self-links of the 11 unchanged provinces (one unit each).
        links: 10_656,
      });
      expect(first.generatedAdminToken).toMatch(/^ctk_[A-Za-z0-9_-]{40,}$/);
      const me = await (await post(first.url, '{ me { role } }', first.generatedAdminToken)).json();
      expect(me).toEqual({ data: { me: { role: 'ADMIN' } } });
      const audit = await first.ds.query(
        `SELECT actor, action, entity_type FROM audit_event WHERE action = 'TOKEN_CREATED'`,
      );
      expect(audit).toEqual([{ actor: 'server start-up', action: 'TOKEN_CREATED', entity_type: 'ApiToken' }]);
      await first.stop();

      const second = await startServer(config);
      expect(second.bootstrap).toEqual({ referenceUnits: null, demo: null, reform2025: null });
      expect(second.generatedAdminToken).toBeNull();
      const again = await (await post(second.url, '{ provinces { code } }', first.generatedAdminToken)).json();
      expect(again.data.provinces).toHaveLength(34);
      await second.stop();
    } finally {
      await scratch.drop();
    }
  });

  it('drains a request in flight on stop, then refuses connections and closes the database', async () => {
    const scratch = await scratchDatabase(db);
    const release = deferred();
    try {
      const server = await startServer({
        ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: 'shutdown-test-token-123' }),
        database: scratch.config,
      });
      // Hold the request inside its resolver, so it is in flight by construction when stop() begins
      // (instead of hoping a fixed sleep was long enough for it to reach the server, and short enough
      // that it had not finished yet).
      const units = server.services.units;
      const provinces = units.provinces.bind(units);
      const reachedResolver = deferred();
      vi.spyOn(units, 'provinces').mockImplementation(async (on: string) => {
        reachedResolver.resolve();
        await release.promise;
        return provinces(on);
      });

      const inFlight = post(
        server.url,
        '{ provinces(on: "2025-06-01") { code districts(activeOn: "2025-06-01") { code terms { title } } } }',
        'shutdown-test-token-123',
      );
      await Promise.race([
        reachedResolver.promise,
        inFlight.then((r) =>
          Promise.reject(new Error(`the request finished (${r.status}) before reaching its resolver`)),
        ),
      ]);
      const stopped = server.stop();
      // Shutdown is under way (no new connections) while the request is still held, and the database stays open for it.
      await pollUntil(() => refusesConnections(server.url), 'the server stops accepting connections');
      expect(server.ds.isInitialized).toBe(true);
      release.resolve();

      const res = await inFlight;
      expect(res.status).toBe(200);
      expect((await res.json()).data.provinces).toHaveLength(63);
      await stopped;
      expect(server.ds.isInitialized).toBe(false);
      await expect(post(server.url, '{ me { name } }')).rejects.toThrow();
    } finally {
      release.resolve(); // never leave the request (and so stop()) hanging when an assertion fails
      await scratch.drop();
    }
  });
});
