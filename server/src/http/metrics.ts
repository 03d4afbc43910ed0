import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { forbidden } from '../common/errors';
import { metricsRegistry, registerPoolSource, type PoolUse } from '../common/metrics';
import { httpErrorBody } from '../graphql/errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * GET /metrics in Prometheus's text format. Who may read it: with METRICS_TOKEN, a caller sending
 * `Authorization: Bearer <METRICS_TOKEN>`; without it, only a caller on the same machine (loopback
 * socket, and no X-Forwarded-For: a request relayed by a local proxy is not local). Anyone else: 403.
 */
export const metricsRoute = (token: string | null) => async (req: Request, res: Response) => {
  if (!mayRead(req, token)) {
    res
      .status(403)
      .json(
        httpErrorBody(
          forbidden(
            token
              ? '/metrics needs Authorization: Bearer <METRICS_TOKEN>'
              : '/metrics answers callers on the server itself only; set METRICS_TOKEN to let Prometheus in from elsewhere',
            'METRICS_FORBIDDEN',
          ),
        ),
      );
    return;
  }
  res.set('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
};

function mayRead(req: Request, token: string | null): boolean {
  if (token) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

type Mysql2Pool = {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  config?: { connectionLimit?: number };
};

function useOf(pool: string, p: Mysql2Pool | undefined): PoolUse[] {
  if (!p?._allConnections) return [];
  const all = p._allConnections.length;
  const free = p._freeConnections?.length ?? 0;
  return [{ pool, inUse: all - free, idle: free, max: p.config?.connectionLimit ?? 0 }];
}

/** Reports the data source's mysql2 pools (primary, and replicas when configured); SQLite has none. */
export function watchPools(ds: DataSource): () => void {
  return registerPoolSource(() => {
    const driver = ds.driver as unknown as {
      pool?: Mysql2Pool;
      poolCluster?: { _nodes?: Record<string, { pool: Mysql2Pool }> };
    };
    if (driver.poolCluster?._nodes)
      return Object.entries(driver.poolCluster._nodes).flatMap(([id, node]) =>
        useOf(id === 'MASTER' ? 'primary' : 'replica', node.pool),
      );
    return useOf('primary', driver.pool);
  });
}
