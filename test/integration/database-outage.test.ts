import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { mysqlUrl, scratchDatabase, type ScratchDatabase } from '../helpers/databases';
import { PUSH_MUTATION } from '../helpers/push';
import { ADMIN, assertErrorShape } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

/**
 * The database goes away under a running server (a loopback proxy between them is cut): reads and
 * writes answer HTTP 503 with Retry-After and DATABASE_UNAVAILABLE, never a 200 or a bare 500; a write
 * whose connection is lost at COMMIT answers OUTCOME_UNKNOWN — whether the database committed it or
 * not — and the retry with the same idempotency key writes it exactly once. The server recovers by
 * itself when the database is back.
 */
const suite = mysqlUrl ? describe : describe.skip;

suite('a database outage under a running server [mysql]', () => {
  let scratch: ScratchDatabase;
  let proxy: TcpProxy;
  let server: RunningServer;

  beforeAll(async () => {
    scratch = await scratchDatabase('mysql');
    const direct = new URL((scratch.config as { url: string }).url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 3306) });
    const proxied = new URL(direct);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    server = await startServer({
      ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: ADMIN }),
      database: { type: 'mysql', url: proxied.toString() },
    });
  });
  afterAll(async () => {
    await proxy?.resume();
    await server?.stop();
    await proxy?.close();
    await scratch?.drop();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: { pushObservations?: { created: number; replayed: boolean; batchId: string } } | null;
      errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
    };
    assertErrorShape(body, query);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  };
  const pushOne = (period: string, value: number, idempotencyKey: string) =>
    gql(PUSH_MUTATION, {
      input: { rows: [{ unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period, value }], idempotencyKey },
    });
  const writtenRevisions = async (period: string): Promise<number> => {
    const rows = await server.ds.query(
      `SELECT COUNT(*) AS n FROM observation_revision r JOIN admin_unit u ON u.id = r.unit_id
       JOIN indicator i ON i.id = r.indicator_id WHERE u.code = '392' AND i.code = 'THU_NHAP_BQ' AND r.period = ?`,
      [period],
    );
    return Number(rows[0].n);
  };
  const expectUnavailable = (
    r: Awaited<ReturnType<typeof gql>>,
    reason: 'DATABASE_UNAVAILABLE' | 'OUTCOME_UNKNOWN',
  ) => {
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('5');
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL', reason });
  };

  it('unreachable: 503 with Retry-After for reads, writes and /healthz; back by itself afterwards', async () => {
    expect((await gql('{ me { name } }')).status).toBe(200);
    await proxy.cut();
    expectUnavailable(await gql('{ me { name } }'), 'DATABASE_UNAVAILABLE');
    expectUnavailable(await pushOne('2024-07', 1, 'outage-write-1'), 'DATABASE_UNAVAILABLE');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    await proxy.resume();
    expect((await gql('{ me { name } }')).status).toBe(200);
    const pushed = await pushOne('2024-07', 1, 'outage-write-1');
    expect(pushed.status).toBe(200);
    expect(pushed.body.data?.pushObservations, JSON.stringify(pushed.body)).toMatchObject({ created: 1 });
  });

  for (const when of ['before', 'after'] as const) {
    it(`lost at COMMIT (${when} the database ran it): OUTCOME_UNKNOWN, and the retry writes exactly once`, async () => {
      const period = when === 'before' ? '2024-08' : '2024-09';
      const key = `outage-commit-${when}`;
      const trap = proxy.cutAtCommit(when);
      const lost = await pushOne(period, 7.5, key);
      await trap;
      expectUnavailable(lost, 'OUTCOME_UNKNOWN');
      await proxy.resume();
      // What the database holds now: the write if it committed, nothing if it did not.
      expect(await writtenRevisions(period)).toBe(when === 'after' ? 1 : 0);
      const retry = await pushOne(period, 7.5, key);
      expect(retry.status).toBe(200);
      expect(retry.body.data?.pushObservations?.replayed).toBe(when === 'after');
      expect(await writtenRevisions(period)).toBe(1);
      const again = await pushOne(period, 7.5, key);
      expect(again.body.data?.pushObservations?.replayed).toBe(true);
      expect(await writtenRevisions(period)).toBe(1);
    });
  }
});
