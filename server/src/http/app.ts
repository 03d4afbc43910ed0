import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { Config } from '../app/config';
import type { Services } from '../app/services';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../common/errors';
import { createApollo } from '../graphql/apollo';
import { toGraphQLError } from '../graphql/errors';
import { addinRouter } from './addin';
import { EXPLORER_HTML, explorerRouter } from './explorer';
import { inFlightTracker } from './in-flight';

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
): Promise<AppParts> {
  const apollo = await createApollo(schema, config, httpServer);
  const inFlight = inFlightTracker();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.get('/healthz', healthz(services));
  app.use('/addin', addinRouter(config));
  app.use(explorerRouter());
  app.get('/graphql', explorerPage);
  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    inFlight.wrap(expressMiddleware(apollo, { context: requestContext(services) })),
  );
  app.use(bodyErrors(config.bodyLimit));
  return { app, apollo, idle: inFlight.idle };
}

const healthz = (services: Services) => async (_req: Request, res: Response) => {
  try {
    await services.ds.query('SELECT 1');
    res.json({ status: 'ok', database: 'up', databaseType: services.ds.options.type });
  } catch {
    res.status(503).json({ status: 'error', database: 'down' });
  }
};

/** A browser opening /graphql gets the explorer; API clients go on to Apollo. */
function explorerPage(req: Request, res: Response, next: NextFunction) {
  if (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query) {
    res.type('html').send(EXPLORER_HTML);
    return;
  }
  next();
}

/** The caller from the bearer token (401 when it is not valid), and a child container for the request. */
const requestContext =
  (services: Services) =>
  async ({ req }: { req: Request }): Promise<RequestContext> => {
    let viewer;
    try {
      viewer = await services.auth.authenticate(req.headers.authorization);
    } catch (e) {
      if (e instanceof AppError) throw toGraphQLError(e, 401);
      throw e;
    }
    return { viewer, container: services.container.createChildContainer() };
  };

/** Body-parser failures (too large, not JSON) answer in the GraphQL error shape, never as an HTML 500. */
const bodyErrors =
  (bodyLimit: string) =>
  (err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err.type === 'entity.too.large'
        ? `The request body is larger than ${bodyLimit}; send fewer rows per request`
        : status < 500
          ? `Malformed request: ${err.message}`
          : 'Internal server error';
    if (status >= 500) console.error('[http]', err);
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL' } }] });
  };
