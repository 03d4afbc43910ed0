// First: PostGraphile's modules must all load one graphql-js.
import './one-graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile, type PostGraphileOptions } from 'postgraphile';
import { answerMemory, type MemoryRequest } from '../process-memory';

/**
 * The PostGraphile process (forked by the bench, like the chitieu server process): PostGraphile 4 as
 * a library on node:http over the scratch PostgreSQL database, answering POST /graphql. The bench
 * talks to it over HTTP, plus IPC for the process's own memory figures.
 */
export interface PostGraphileStart {
  type: 'start';
  url: string;
}
export type PostGraphileReady = { type: 'ready'; url: string; pid: number };

/**
 * Production settings (PostGraphile's "recommended options for production", less what would cost
 * chitieu nothing to match): the default schema of the public tables, read-only, no GraphiQL, no
 * watch, no query log, no batching, errors without stack or extensions. The process runs with
 * NODE_ENV=production, as chitieu's does.
 */
export const OPTIONS: PostGraphileOptions = {
  disableDefaultMutations: true,
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  dynamicJson: false,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  enableQueryBatching: false,
  retryOnInitFail: false,
  showErrorStack: false,
  extendedErrors: [],
};

/** The pool's size is chitieu's on MariaDB (20; server/src/app/data-source.ts), not pg's default 10. */
const POOL_SIZE = 20;

const send = (m: PostGraphileReady | { type: 'error'; message: string }) => process.send!(m);

process.once('message', (m: PostGraphileStart) => {
  void (async () => {
    const pool = new pg.Pool({ connectionString: m.url, max: POOL_SIZE });
    const handler = postgraphile(pool, 'public', OPTIONS);
    // Introspect and build the schema now, not in the first measured request.
    await handler.getGraphQLSchema();
    const server = http.createServer(handler);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    process.on('message', (r: MemoryRequest | { type: 'stop' }) => {
      if (r.type === 'mem') answerMemory(r);
      else
        void (async () => {
          await new Promise((done) => server.close(done));
          await handler.release();
          await pool.end();
          process.exit(0);
        })();
    });
    send({ type: 'ready', url: `http://127.0.0.1:${port}/graphql`, pid: process.pid });
  })().catch((e) => {
    send({ type: 'error', message: (e as Error).stack ?? String(e) });
    process.exit(1);
  });
});
// The bench died: nothing to serve.
process.on('disconnect', () => process.exit(0));
