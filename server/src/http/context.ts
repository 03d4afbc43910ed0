import type { Request, Response } from 'express';
import type { Services } from '../app/services';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../common/errors';
import type { RequestTrace } from '../common/log';
import { toGraphQLError } from '../graphql/errors';
import { allowReplicaReads } from '../db/read-routing';
import { databaseUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable';

/**
 * The caller from the bearer token (401 when it is not valid), and a child container for the
 * request: the context of every GraphQL operation, whether it arrives at /graphql or is run by the
 * spreadsheet routes (http/xlsx) on the caller's behalf.
 */
export const requestContext =
  (services: Services) =>
  async ({ req, res }: { req: Request; res: Response }): Promise<RequestContext> => {
    // What the request's log line says of it (http/request-log.ts), filled in by graphql/plugins.ts.
    const trace: RequestTrace = {};
    res.locals.trace = trace;
    let viewer;
    try {
      viewer = await services.auth.authenticate(req.headers.authorization);
    } catch (e) {
      trace.outcome = 'error';
      if (e instanceof AppError) {
        trace.reasons = [e.reason];
        throw toGraphQLError(e, 401);
      }
      if (isDatabaseUnavailable(e)) {
        trace.reasons = ['DATABASE_UNAVAILABLE'];
        throw toGraphQLError(databaseUnavailable(), 503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      }
      throw e;
    }
    // Replicas may answer this client's reads once they have its last write (db/read-routing.ts).
    await allowReplicaReads(services.ds, viewer ? `token:${viewer.tokenId}` : null).catch(() => undefined);
    return {
      viewer,
      container: services.container.createChildContainer(),
      clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      log: req.log,
      trace,
    };
  };
