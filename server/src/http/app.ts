import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { Config } from '../app/config';
import type { Services } from '../app/services';
import type { RequestContext } from '../auth/request-context';
import { AppError, badInput, notFound } from '../common/errors';
import { createApollo } from '../graphql/apollo';
import { httpErrorBody } from '../graphql/errors';
import { addinRouter } from './addin';
import { EXPLORER_HTML, explorerRouter } from './explorer';
import { errorForLog } from '../db/query-logger';
import type { Log } from '../common/log';
import { requestLog } from './request-log';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';
import { requestContext } from './context';
import { xlsxRouter } from './xlsx/routes';
import { inFlightTracker } from './in-flight';
import { metricsRoute } from './metrics';
import { runWithRoute } from '../db/read-routing';
import { addinHeaders, apiHeaders, corsFor, explorerHeaders } from './security';

export interface AppParts {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  /** Resolves when no GraphQL request is executing (a client that hung up does not stop its handler). */
  idle(): Promise<void>;
}

/** The Express app: /graphql (API and offline explorer), /healthz, and the add-in's static files. */
export async function createApp(
  config: Config,
  services: Services,
  schema: GraphQLSchema,
  httpServer: http.Server,
  publicUrl: () => string,
  log: Log,
): Promise<AppParts> {
  const budget = {
    perMinute: config.queryBudgetPerMinute,
    charge: (subject: string, cost: number, perMinute: number) => services.budget.charge(subject, cost, perMinute),
  };
  const apollo = await createApollo(schema, { ...config, budget }, httpServer);
  const inFlight = inFlightTracker();
  const app = express();
  app.disable('x-powered-by');
  // Who the client is (req.ip: an anonymous caller's budget) when a proxy forwards the request.
  app.set('trust proxy', config.trustProxy);
  app.use(requestLog(log));
  const tls = config.tls !== null;
  const cors = corsFor(config.corsOrigins);
  app.get('/healthz', apiHeaders(tls), healthz(services));
  app.get('/metrics', apiHeaders(tls), metricsRoute(config.metricsToken));
  app.use('/addin', addinHeaders(tls), addinRouter(config, publicUrl));
  app.use('/explorer', explorerHeaders(tls), explorerRouter());
  app.get('/graphql', explorerHeaders(tls), explorerPage);
  app.use(
    '/graphql',
    apiHeaders(tls),
    ...(cors ? [cors] : []),
    jsonOnly,
    express.json({ limit: config.bodyLimit }),
    // Each request decides once where its reads go (db/read-routing.ts); the primary until then.
    (_req: Request, _res: Response, next: NextFunction) => runWithRoute(next),
    inFlight.wrap(expressMiddleware(apollo, { context: requestContext(services) })),
  );
  // The same tables as .xlsx files, for Excel without the add-in (and LibreOffice): docs/api.md#spreadsheets.
  app.use(apiHeaders(tls), ...(cors ? [cors] : []), xlsxRouter({ apollo, services, config, publicUrl, inFlight }));
  app.use(apiHeaders(tls), routeNotFound);
  app.use(bodyErrors(config.bodyLimit));
  return { app, apollo, idle: inFlight.idle };
}

const healthz = (services: Services) => async (_req: Request, res: Response) => {
  try {
    await services.ds.query('SELECT 1');
    res.json({ status: 'ok', database: 'up', databaseType: services.ds.options.type });
  } catch {
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'error', database: 'down' });
  }
};

/** A browser opening /graphql gets the explorer; API clients go on to Apollo. */
function explorerPage(req: Request, res: Response, next: NextFunction) {
  if (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query) {
    res.type('html').set('Cache-Control', 'no-cache').send(EXPLORER_HTML);
    return;
  }
  next();
}

/** A POST to /graphql must be JSON (415 otherwise, before the body is read). */
function jsonOnly(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  const type = req.headers['content-type'] ?? 'none';
  res
    .status(415)
    .json(
      httpErrorBody(
        badInput(
          'UNSUPPORTED_MEDIA_TYPE',
          `POST /graphql takes Content-Type: application/json (got ${type}): {"query": …, "variables": …}`,
        ),
      ),
    );
}

/** Anything no route answered: 404 in the error shape, not Express's HTML page. */
function routeNotFound(req: Request, res: Response) {
  res
    .status(404)
    .json(
      httpErrorBody(
        notFound('ROUTE_NOT_FOUND', `No such address: ${req.method} ${req.path}; the API is POST /graphql`),
      ),
    );
}

/** Body-parser failures (too large, not JSON) answer in the GraphQL error shape, never as an HTML 500. */
const bodyErrors =
  (bodyLimit: string) =>
  (err: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    let error: AppError;
    if (err.type === 'entity.too.large')
      error = badInput('BODY_TOO_LARGE', `The request body is larger than ${bodyLimit}; send fewer rows per request`);
    else if (err.type === 'entity.parse.failed') error = badInput('MALFORMED_JSON', `Malformed JSON: ${err.message}`);
    else if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
      error = badInput('UNSUPPORTED_MEDIA_TYPE', `Malformed request: ${err.message}`);
    else if (status < 500) error = badInput('BAD_REQUEST', `Malformed request: ${err.message}`);
    else {
      req.log.error({ event: 'http.internal_error', error: errorForLog(err) }, 'internal error');
      error = new AppError('INTERNAL', 'Internal server error');
    }
    res.status(status).json(httpErrorBody(error));
  };
