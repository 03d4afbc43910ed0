// As main.ts (npm start): production mode unless NODE_ENV says otherwise, before graphql-js loads.
import '../server/src/app/production-mode';
import 'reflect-metadata';
import { loadConfig, type DatabaseConfig } from '../server/src/app/config';
import { startServer } from '../server/src/server';
import { generateDataset, type DatasetSpec } from './dataset';
import { openDb, startFloor } from './floor';
import { answerMemory, type MemoryReply, type MemoryRequest } from './process-memory';

/**
 * The bench's server process (forked by bench/run.ts): the chitieu server and the floor app, each on
 * its own port, over the same database. It generates the dataset, then answers the bench's requests;
 * the bench talks to it only over HTTP, plus IPC for the process's own memory figures.
 */
export interface StartMessage {
  type: 'start';
  database: DatabaseConfig;
  spec: DatasetSpec;
  token: string;
}

export type Reply =
  | { type: 'ready'; url: string; floorUrl: string; dataset: unknown; dbVersion: string; pid: number }
  | MemoryReply
  | { type: 'error'; message: string };

export type Request = MemoryRequest | { type: 'stop' };

const send = (m: Reply) => process.send!(m);

process.once('message', (m: StartMessage) => {
  void (async () => {
    const server = await startServer({
      ...loadConfig({ PORT: '0', ADMIN_TOKEN: m.token, DEMO_DATA: 'false', LOG_LEVEL: 'silent' }),
      host: '127.0.0.1',
      database: m.database,
    });
    const dataset = await generateDataset(server.ds, m.spec);
    const dbVersion =
      m.database.type === 'mysql'
        ? (await server.ds.query('SELECT VERSION() AS v'))[0].v
        : `SQLite ${(await server.ds.query('SELECT sqlite_version() AS v'))[0].v}`;
    const db = await openDb(m.database);
    const floor = await startFloor(db);
    process.on('message', (r: Request) => {
      if (r.type === 'mem') answerMemory(r);
      else
        void (async () => {
          await floor.close();
          await db.close();
          await server.stop();
          process.exit(0);
        })();
    });
    send({ type: 'ready', url: server.url, floorUrl: floor.url, dataset, dbVersion, pid: process.pid });
  })().catch((e) => {
    send({ type: 'error', message: (e as Error).stack ?? String(e) });
    process.exit(1);
  });
});
// The bench died: nothing to serve.
process.on('disconnect', () => process.exit(0));
