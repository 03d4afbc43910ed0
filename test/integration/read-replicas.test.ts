import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/app/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { mysqlUrl, scratchDatabase, type ScratchDatabase } from '../helpers/databases';
import { PUSH_MUTATION } from '../helpers/push';
import { ADMIN } from '../helpers/server';
import { gqlAt } from '../helpers/server-process';

/**
 * DATABASE_READ_URLS on one MariaDB (the replica is the same database under another URL, so the
 * routing runs without a second server; the cluster test has a replica that lags): the server starts,
 * reads and writes, and a caller's write records its change-feed position for read-your-own-writes.
 */
const required = process.env.REQUIRE_MYSQL === '1';
const suite = mysqlUrl || required ? describe : describe.skip;

suite('read replicas configured [mysql]', () => {
  let scratch: ScratchDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    if (!mysqlUrl) throw new Error('REQUIRE_MYSQL=1 but TEST_MYSQL_URL is not set');
    scratch = await scratchDatabase('mysql');
    const url = (scratch.config as { url: string }).url;
    server = await startServer({
      ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: ADMIN, DEMO_DATA: 'false' }),
      database: { type: 'mysql', url, readUrls: [url.replace('127.0.0.1', 'localhost')] },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await scratch?.drop();
  });

  it('writes on the primary, records the writer position, reads back through the API', async () => {
    const created = await gqlAt(
      server.url,
      'mutation { createIndicator(input: { code: "RR", name: "Replica", unit: "%", direction: HIGHER_IS_BETTER, category: "T", decimals: 2 }) { userErrors { code } } }',
    );
    expect(created.body.data.createIndicator.userErrors).toEqual([]);
    const pushed = await gqlAt(server.url, PUSH_MUTATION, {
      input: { rows: [{ unitCode: '01', indicatorCode: 'RR', period: '2023', value: 4.5 }] },
    });
    expect(pushed.body.data.pushObservations).toMatchObject({ applied: true, created: 1 });
    const conn = await mysql.createConnection({ uri: (scratch.config as { url: string }).url });
    try {
      const [positions] = await conn.query('SELECT subject, seq FROM client_position');
      const [[sequence]] = (await conn.query('SELECT n FROM change_sequence WHERE id = 1')) as unknown as [
        { n: number }[],
      ];
      expect(positions).toEqual([{ subject: expect.stringMatching(/^token:\d+$/), seq: Number(sequence!.n) }]);
    } finally {
      await conn.end();
    }
    const read = await gqlAt(
      server.url,
      'query { observations(filter: { unitCodes: ["01"], indicatorCodes: ["RR"] }, first: 5) { nodes { value version } } }',
    );
    expect(read.body.data.observations.nodes).toEqual([{ value: 4.5, version: 1 }]);
  });
});
