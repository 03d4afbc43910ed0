import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { Config } from '../config';
import { AppError } from '../common/errors';
import type { Context } from '../graphql/context';
import { formatError } from '../graphql/errors';
import { createLoaders } from '../graphql/loaders';
import { accessPlugin, complexityPlugin, noStorePlugin } from '../graphql/plugins';
import type { Services } from '../graphql/services';
import { addinRouter } from './addin';
import { EXPLORER_HTML, explorerRouter } from './explorer';
import { toGraphQLError } from '../graphql/errors';

export interface AppParts {
  app: Express;
  apollo: ApolloServer<Context>;
  /** Resolves when no GraphQL request is executing (a client that hung up does not stop its handler). */
  idle(): Promise<void>;
}

/** Counts GraphQL requests whose handlers are still running, so shutdown can wait for them. */
function inFlightTracker() {
  let active = 0;
  let waiters: (() => void)[] = [];
  return {
    wrap<A extends unknown[]>(handler: (...args: A) => unknown) {
      return async (...args: A) => {
        active++;
        try {
          await handler(...args);
        } finally {
          if (--active === 0) {
            waiters.forEach((w) => w());
            waiters = [];
          }
        }
      };
    },
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
  };
}

/** The Express app: /graphql (API and offline explorer), /healthz, and the add-in's static files. */
export async function createApp(config: Config, services: Services, schema: GraphQLSchema, httpServer: http.Server): Promise<AppParts> {
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    csrfPrevention: true,
    // Compact JSON: Apollo pretty-prints by default, which costs time and a third more bytes on bulk pulls.
    stringifyResult: (result) => JSON.stringify(result),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM/SIGINT (drain, close the database, exit 0). Apollo's own handlers
    // (on by default unless NODE_ENV=test) would re-raise the signal as soon as Apollo has stopped,
    // killing the process before the database is closed.
    stopOnTerminationSignals: false,
    validationRules: [
      maxDepthRule({
        n: config.maxQueryDepth,
        ignoreIntrospection: true,
        flattenFragments: true,
        // Report as a validation error (→ BAD_USER_INPUT) instead of throwing (→ a 500).
        propagateOnRejection: false,
        onReject: [(ctx, err) => ctx?.reportError(err)],
      }),
    ],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      accessPlugin(),
      complexityPlugin(schema, config.maxQueryComplexity),
    ],
  });
  await apollo.start();

  const inFlight = inFlightTracker();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', async (_req, res) => {
    try {
      await services.ds.query('SELECT 1');
      res.json({ status: 'ok', database: 'up', databaseType: services.ds.options.type });
    } catch {
      res.status(503).json({ status: 'error', database: 'down' });
    }
  });

  app.use('/addin', addinRouter(config));
  app.use(explorerRouter());
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query) {
      res.type('html').send(EXPLORER_HTML);
      return;
    }
    next();
  });

  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    inFlight.wrap(expressMiddleware(apollo, {
      context: async ({ req }) => {
        let viewer;
        try {
          viewer = await services.auth.authenticate(req.headers.authorization);
        } catch (e) {
          if (e instanceof AppError) throw toGraphQLError(e, 401);
          throw e;
        }
        return { viewer, config, services, loaders: createLoaders(services) };
      },
    })),
  );

  // Body-parser failures (too large, not JSON) answer in the GraphQL error shape, never as an HTML 500.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message = err.type === 'entity.too.large'
      ? `The request body is larger than ${config.bodyLimit}; send fewer rows per request`
      : status < 500 ? `Malformed request: ${err.message}` : 'Internal server error';
    if (status >= 500) console.error('[http]', err);
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL' } }] });
  });

  return { app, apollo, idle: inFlight.idle };
}
