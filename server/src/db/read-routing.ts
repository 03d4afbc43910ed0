import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import { isMysql } from './dialect';

/**
 * Where a request's reads go when the database has read replicas (DATABASE_READ_URLS, TypeORM
 * replication). Writes and transactions always use the primary. A read goes to a replica only when
 * the request has not written anything yet and every replica has applied the last write of the same
 * client (`client_position`, the change-feed sequence of its last write transaction): a client never
 * reads from a replica its own writes have not reached. Everything outside a request (start-up,
 * command line, tests) reads from the primary.
 */
interface Route {
  /** True: every read of this request uses the primary. */
  primary: boolean;
  /** The caller whose writes are recorded in client_position (a token id), or null (anonymous). */
  subject: string | null;
}

const routes = new AsyncLocalStorage<Route>();
const replicated = new WeakSet<DataSource>();
/** The highest change sequence each replica was seen to have applied (it only grows). */
const replicaSeen = new WeakMap<DataSource, number[]>();

export const hasReadReplicas = (ds: DataSource) => replicated.has(ds);

/** Runs one request: reads on the primary until `allowReplicaReads`. */
export function runWithRoute<T>(fn: () => T): T {
  return routes.run({ primary: true, subject: null }, fn);
}

/** The request wrote (or must see the primary's latest): the rest of it reads from the primary. */
export function readFromPrimary(): void {
  const route = routes.getStore();
  if (route) route.primary = true;
}

/** The caller of the current request, whose writes are recorded for read-your-own-writes. */
export const currentSubject = (): string | null => routes.getStore()?.subject ?? null;

const replicaAllowed = () => routes.getStore()?.primary === false;

const READ = /^\s*(SELECT|WITH)\b/i;
/** Locking reads, and reads of what the request itself just wrote outside a transaction (marked `/* primary *\/`). */
const LOCKING = /\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\/\* primary \*\//i;

/**
 * Makes `ds` send the reads of requests that may use a replica to its replicas: query builders and
 * repositories (TypeORM asks for a "slave" runner) and plain `ds.query` SELECTs outside transactions.
 */
export function installReadRouting(ds: DataSource): void {
  replicated.add(ds);
  const createQueryRunner = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode = 'master') =>
    createQueryRunner(mode === 'slave' && replicaAllowed() ? 'slave' : 'master');
  const query = ds.query.bind(ds);
  ds.query = async <T = unknown>(sql: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> => {
    if (queryRunner || !replicaAllowed() || !READ.test(sql) || LOCKING.test(sql))
      return query(sql, parameters, queryRunner);
    const runner = createQueryRunner('slave');
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  };
}

/** Records, inside the write transaction, the sequence the current caller's last write took. */
export async function recordClientPosition(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  ds: DataSource,
  seq: number,
) {
  const subject = currentSubject();
  if (!subject || !hasReadReplicas(ds)) return;
  const upsert = isMysql(ds)
    ? 'INSERT INTO client_position (subject, seq) VALUES (?, ?) ON DUPLICATE KEY UPDATE seq = GREATEST(seq, VALUES(seq))'
    : 'INSERT INTO client_position (subject, seq) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET seq = MAX(seq, excluded.seq)';
  await run(upsert, [subject, seq]);
}

type PoolCluster = { getConnection(pattern: string, cb: (err: unknown, conn: PooledConnection) => void): void };
type PooledConnection = {
  query(sql: string, cb: (err: unknown, rows: { n: unknown }[]) => void): void;
  release(): void;
};

function askReplica(cluster: PoolCluster, index: number): Promise<number> {
  return new Promise((resolve, reject) =>
    cluster.getConnection(`SLAVE${index}`, (err, conn) => {
      if (err) return reject(err);
      conn.query('SELECT n FROM change_sequence WHERE id = 1', (qerr, rows) => {
        conn.release();
        if (qerr) reject(qerr);
        else resolve(Number(rows[0]?.n ?? 0));
      });
    }),
  );
}

/**
 * Called once the caller is known: lets the request read from the replicas when all of them have
 * applied the caller's last write (its change sequence), otherwise keeps it on the primary. A replica
 * that cannot be asked counts as behind.
 */
export async function allowReplicaReads(ds: DataSource, subject: string | null): Promise<void> {
  const route = routes.getStore();
  if (!route || !hasReadReplicas(ds)) return;
  route.subject = subject;
  let needed = 0;
  if (subject) {
    const rows: { seq: unknown }[] = await ds.query('SELECT seq FROM client_position WHERE subject = ?', [subject]);
    needed = Number(rows[0]?.seq ?? 0);
  }
  const replicas = ((ds.options as { replication?: { slaves: unknown[] } }).replication?.slaves ?? []).length;
  let seen = replicaSeen.get(ds);
  if (!seen) replicaSeen.set(ds, (seen = Array<number>(replicas).fill(0)));
  const cluster = (ds.driver as unknown as { poolCluster: PoolCluster }).poolCluster;
  const behind = seen.flatMap((n, i) => (n >= needed ? [] : [i]));
  try {
    await Promise.all(behind.map(async (i) => (seen[i] = Math.max(seen[i]!, await askReplica(cluster, i)))));
  } catch {
    return;
  }
  if (seen.every((n) => n >= needed)) route.primary = false;
}
