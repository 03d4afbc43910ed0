import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (GET /metrics, prom-client). One registry per process: every
 * server in the process adds to the same series, as Prometheus expects of one target.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'chitieu_' });

/** GraphQL requests by operation (`query pushObservations`: the operation type and its first root field). */
export const graphqlRequests = new Counter({
  name: 'chitieu_graphql_requests_total',
  help: 'GraphQL requests by operation and outcome (ok: no errors, error: refused or failed)',
  labelNames: ['operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const graphqlDuration = new Histogram({
  name: 'chitieu_graphql_request_duration_seconds',
  help: 'GraphQL request duration in seconds, by operation',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** Documents compiled by graphql-jit (graphql/executor.ts: a short document, on its second request). */
export const graphqlCompilations = new Counter({
  name: 'chitieu_graphql_compiled_total',
  help: 'GraphQL documents compiled for execution (a document of at most 8,000 characters, on its second request)',
  registers: [metricsRegistry],
});

const pushRowsTotal = new Counter({
  name: 'chitieu_push_rows_total',
  help: 'Rows of pushes (not dry runs, not replays), by outcome (CREATED, UPDATED, DELETED, UNCHANGED, or a rejection)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** Counts the rows of a push that was carried out (written or refused as a whole). */
export function countPushRows(rows: readonly { outcome: string }[]): void {
  const byOutcome = new Map<string, number>();
  for (const r of rows) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
  for (const [outcome, n] of byOutcome) pushRowsTotal.inc({ outcome }, n);
}

export interface PoolUse {
  /** primary or replica */
  pool: string;
  inUse: number;
  idle: number;
  max: number;
}

const poolSources = new Set<() => PoolUse[]>();

/** Database connection pools, read when Prometheus scrapes; the returned function unregisters. */
export function registerPoolSource(read: () => PoolUse[]): () => void {
  poolSources.add(read);
  return () => poolSources.delete(read);
}

new Gauge({
  name: 'chitieu_db_pool_connections',
  help: 'Database pool connections by pool (primary, replica) and state (in_use, idle, max)',
  labelNames: ['pool', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const totals = new Map<string, { inUse: number; idle: number; max: number }>();
    for (const read of poolSources)
      for (const p of read()) {
        const t = totals.get(p.pool) ?? { inUse: 0, idle: 0, max: 0 };
        totals.set(p.pool, { inUse: t.inUse + p.inUse, idle: t.idle + p.idle, max: t.max + p.max });
      }
    for (const [pool, t] of totals) {
      this.set({ pool, state: 'in_use' }, t.inUse);
      this.set({ pool, state: 'idle' }, t.idle);
      this.set({ pool, state: 'max' }, t.max);
    }
  },
});
