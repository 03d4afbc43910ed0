import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Log, RequestTrace } from '../common/log';

/** A client's own request id is kept when it is a plain token; anything else gets a fresh one. */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

type Req = IncomingMessage & { originalUrl?: string };
type Res = ServerResponse & { locals?: { trace?: RequestTrace } };

/**
 * One JSON line per HTTP request when its response is sent: request id (also sent back as
 * X-Request-Id), method, path without its query string (a GET query carries the query and its
 * variables), status, duration, and for GraphQL the operation name, outcome and error reasons. Never
 * headers, bodies, variables or tokens. /healthz is logged at debug level (load balancers poll it).
 */
export function requestLog(log: Log) {
  const line = (req: Req, res: Res, durationMs: number) => {
    const trace = res.locals?.trace ?? {};
    const status = res.statusCode;
    return {
      method: req.method,
      path: (req.originalUrl ?? req.url ?? '').split('?')[0],
      status,
      durationMs,
      ...(trace.operation ? { operation: trace.operation } : {}),
      outcome: trace.outcome ?? (status < 400 ? 'ok' : 'error'),
      ...(trace.reasons?.length ? { reasons: trace.reasons } : {}),
    };
  };
  return pinoHttp<Req, Res>({
    logger: log,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && CLIENT_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      return (req.originalUrl ?? req.url ?? '').startsWith('/healthz') ? 'debug' : 'info';
    },
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req, res, val.responseTime),
    customErrorObject: (req, res, _err, val: { responseTime: number }) => line(req, res, val.responseTime),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
  });
}
