import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { RequestContext } from '../auth/request-context';
import { formatError } from './errors';
import { jitGateway } from './executor';
import { responseSizeCap } from './response-size';
import {
  accessPlugin,
  complexityPlugin,
  httpStatusPlugin,
  metricsPlugin,
  noStorePlugin,
  requestLogPlugin,
  type BudgetLimits,
} from './plugins';

export interface ApolloLimits {
  publicRead: boolean;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  budget: BudgetLimits | null;
  maxResponseBytes: number;
}

export const MAX_QUERY_TOKENS = 10_000;

/** Apollo with the API's error mapping, access rule, depth and cost limits. */
export async function createApollo(
  schema: GraphQLSchema,
  limits: ApolloLimits,
  httpServer: http.Server,
): Promise<ApolloServer<RequestContext>> {
  const responseCap = responseSizeCap(limits.maxResponseBytes);
  const apollo = new ApolloServer<RequestContext>({
    gateway: jitGateway(schema),
    formatError,
    csrfPrevention: true,
    // Compact JSON: Apollo pretty-prints by default, which costs time and a third more bytes on bulk pulls.
    // (Serialised once, by the response-size cap, which keeps the text.)
    stringifyResult: responseCap.stringify,
    introspection: true,
    // A document of more tokens is refused while it is parsed (400 GRAPHQL_PARSE_FAILED), before
    // validation, whose overlapping-fields rule grows with the square of the aliases: the abusive
    // 51 KB query of 1,000 aliases has 14,000 tokens; the add-in's largest document about 200.
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // Automatic persisted queries keep their cache in one process's memory: behind a load balancer a
    // hash registered on one server is unknown to the next. Off: every request carries its query.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM/SIGINT (drain, close the database, exit 0). Apollo's own handlers
    // (on by default unless NODE_ENV=test) would re-raise the signal as soon as Apollo has stopped,
    // killing the process before the database is closed.
    stopOnTerminationSignals: false,
    validationRules: [
      maxDepthRule({
        n: limits.maxQueryDepth,
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
      metricsPlugin(),
      noStorePlugin(),
      httpStatusPlugin(),
      responseCap.plugin,
      accessPlugin(limits.publicRead),
      complexityPlugin(schema, limits.maxQueryComplexity, limits.budget),
      // Last: its willSendResponse sees the answer as the plugins above leave it (status, OUTCOME_UNKNOWN).
      requestLogPlugin(),
    ],
  });
  await apollo.start();
  return apollo;
}
