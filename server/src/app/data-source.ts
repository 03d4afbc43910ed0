import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './config';
import { entities } from './entities';
import { migrations } from '../db/migrations';
import { RedactingQueryLogger } from '../db/query-logger';
import { createLog, pinoStderr, type Log } from '../common/log';
import { installReadRouting } from '../db/read-routing';
import { prepareSqliteConnection, type SqliteHandle } from '../db/sqlite-connection';
import { withStartupLock } from '../db/startup-lock';

export interface DataSourceOptions {
  /** Receives every SQL statement (tests count them to prove there is no N+1). */
  logger?: Logger;
  /** Where failed statements (their code and shape only) and migrations are logged; stderr at warn by default. */
  log?: Log;
}

export function createDataSource(db: DatabaseConfig, opts: DataSourceOptions = {}): DataSource {
  const common = {
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logger: opts.logger ?? new RedactingQueryLogger(opts.log ?? createLog('warn', pinoStderr())),
    logging: opts.logger ? (['query', 'error'] as const) : (['error', 'warn', 'migration'] as const),
  };
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') fs.mkdirSync(path.dirname(db.path), { recursive: true });
    return new DataSource({
      ...common,
      logging: [...common.logging],
      type: 'better-sqlite3',
      database: db.path,
      prepareDatabase: (sqlite: SqliteHandle) => prepareSqliteConnection(sqlite),
    });
  }
  const connection = {
    ...common,
    logging: [...common.logging],
    type: 'mysql' as const,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    // Exact DECIMAL strings, converted in one transformer; big ids stay numbers.
    supportBigNumbers: true,
    bigNumberStrings: false,
    extra: { connectionLimit: 20, decimalNumbers: false },
  };
  if (!db.readUrls?.length) return new DataSource({ ...connection, url: db.url });
  // Read replicas: TypeORM's replication (a mysql2 pool cluster); db/read-routing.ts decides per request.
  const ds = new DataSource({
    ...connection,
    replication: {
      master: { url: db.url },
      slaves: db.readUrls.map((url) => ({ url })),
      // A replica that fails is left out for a while and its reads go to another one (or fail over).
      canRetry: true,
      removeNodeErrorCount: 3,
      restoreNodeTimeout: 5000,
    },
  });
  installReadRouting(ds);
  return ds;
}

/**
 * Opens the database and brings its schema up to date; `andThen` (first-start data) runs under the
 * same lock. Servers started at once take turns (db/startup-lock.ts): the migrations run once.
 */
export async function openDatabase(
  db: DatabaseConfig,
  opts: DataSourceOptions = {},
  andThen?: (ds: DataSource) => Promise<void>,
): Promise<DataSource> {
  const ds = createDataSource(db, opts);
  await ds.initialize();
  try {
    await withStartupLock(ds, async () => {
      await ds.runMigrations({ transaction: 'each' });
      await andThen?.(ds);
    });
  } catch (e) {
    await ds.destroy();
    throw e;
  }
  return ds;
}
