import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../../server/src/app/config';
import { startChild } from '../child';
import { openDb } from '../floor';
import { loadPostgres, scratchPostgres } from './postgres';
import type { PostGraphileReady, PostGraphileStart } from './postgraphile-server';

/** The admin connection when neither --pg-url nor TEST_PG_URL names one. */
export const DEFAULT_PG_URL = 'postgres://root@127.0.0.1:5432/postgres';

/** PostGraphile over the bench's dataset, ready to be measured. */
export interface GeneratedApi {
  /** Its POST /graphql. */
  url: string;
  /** “PostGraphile <version> on PostgreSQL <version>”. */
  description: string;
  /** The rows copied into PostgreSQL, per table. */
  loaded: Record<string, number>;
  /** The PostGraphile process's memory, as `Ctx.memory` is the chitieu server process's. */
  memory(reset: boolean): Promise<{ rssMiB: number; peakMiB: number }>;
  stop(): Promise<void>;
}

/** What the comparison rows get: the generated API, or why they are not measured, or why setting it up failed. */
export type GeneratedSide = { api: GeneratedApi } | { notMeasured: string } | { failed: string };

const POSTGRAPHILE_VERSION: string = JSON.parse(
  fs.readFileSync(require.resolve('postgraphile/package.json'), 'utf8'),
).version;

type Scratch = Awaited<ReturnType<typeof scratchPostgres>>;

const shown = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/**
 * Before the dataset is generated: the scratch PostgreSQL database. Unreachable, the comparison is
 * not measured (the rows say why) unless the user named the server with --pg-url: then the run fails
 * before it spends minutes on the dataset.
 */
export async function preparePostgres(
  adminUrl: string,
  explicit: boolean,
): Promise<{ scratch: Scratch } | { notMeasured: string }> {
  try {
    return { scratch: await scratchPostgres(adminUrl) };
  } catch (e) {
    const why = `PostgreSQL at ${shown(adminUrl)}: ${(e as Error).message || String(e)}`;
    if (explicit) throw new Error(`--pg-url: ${why}`, { cause: e });
    return { notMeasured: `${why} (pass --pg-url to make this an error)` };
  }
}

/**
 * After the dataset is generated in chitieu's database (`source`): copy it into the scratch
 * PostgreSQL database and start the PostGraphile process over it.
 */
export async function startGenerated(scratch: Scratch, source: DatabaseConfig): Promise<GeneratedSide> {
  try {
    const db = await openDb(source);
    let loaded: Record<string, number>;
    try {
      loaded = await loadPostgres(db, scratch.url);
    } finally {
      await db.close();
    }
    const child = await startChild<PostGraphileReady>(
      path.join(__dirname, 'postgraphile-server.js'),
      { type: 'start', url: scratch.url } satisfies PostGraphileStart,
      // As chitieu's server process: production mode unless NODE_ENV says otherwise.
      { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    );
    const description = `PostGraphile ${POSTGRAPHILE_VERSION} on ${scratch.version}`;
    return { api: { url: child.info.url, description, loaded, memory: child.memory, stop: child.stop } };
  } catch (e) {
    return { failed: `PostGraphile over ${scratch.name}: ${(e as Error).message}` };
  }
}
