import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { RoleValue } from '../../server/src/auth/api-token.entity';
import type { Viewer } from '../../server/src/auth/auth.types';
import { bootstrapData } from '../../server/src/app/bootstrap';
import { openDatabase } from '../../server/src/app/data-source';
// The only import of the service container factory in the tests: when it moves, change this line.
import { createServices, type Services } from '../../server/src/app/services';
import { scratchDatabase, type DbKind } from './databases';
import { QueryCounter } from './query-counter';

export type { Services };

/** The ADMIN_TOKEN of the test servers and service containers: its viewer is named "ADMIN_TOKEN". */
export const ADMIN = 'test-admin-token-0123456789';

export interface ServiceDb {
  db: DbKind;
  services: Services;
  ds: DataSource;
  /** Every SQL statement of this database (reset it before the calls being counted). */
  counter: QueryCounter;
  /** The ADMIN_TOKEN caller, as the API resolves it. */
  admin: Viewer;
  /** Creates a token through the token service and returns its caller, as the API would resolve its secret. */
  viewer(name: string, role: RoleValue, scopeCode?: string | null): Promise<Viewer>;
  /** Closes the database and drops it. */
  close(): Promise<void>;
}

/**
 * The service tier's database: a fresh SQLite file or MariaDB/MySQL database, migrated and loaded
 * (reference units, and the demo data unless `demoData: false`) exactly as the server's start-up
 * does, with the application's service container over it — everything but HTTP and GraphQL.
 */
export async function openServices(db: DbKind, opts: { demoData?: boolean } = {}): Promise<ServiceDb> {
  const scratch = await scratchDatabase(db);
  const counter = new QueryCounter();
  let ds: DataSource | null = null;
  try {
    ds = await openDatabase(scratch.config, { logger: counter });
    await bootstrapData(ds, { demoData: opts.demoData ?? true });
    const services = createServices(ds);
    await services.auth.bootstrapAdmin(ADMIN);
    const admin = await services.auth.authenticate(`Bearer ${ADMIN}`);
    if (!admin) throw new Error('the ADMIN token did not authenticate');
    const open = ds;
    return {
      db,
      services,
      ds: open,
      counter,
      admin,
      async viewer(name, role, scopeCode = null) {
        const made = await services.tokens.create(admin, { name, role, scopeCode });
        if (made.userErrors.length) throw new Error(`createApiToken: ${JSON.stringify(made.userErrors)}`);
        return (await services.auth.authenticate(`Bearer ${made.token}`))!;
      },
      async close() {
        if (open.isInitialized) await open.destroy();
        await scratch.drop();
      },
    };
  } catch (e) {
    if (ds?.isInitialized) await ds.destroy();
    await scratch.drop();
    throw e;
  }
}
