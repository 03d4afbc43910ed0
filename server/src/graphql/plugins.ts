import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlDuration, graphqlRequests } from '../common/metrics';
import type { GraphQLSchema } from 'graphql';
import type { Charge } from '../budget/budget.service';
import { AppError, badInput, forbidden } from '../common/errors';
import type { RequestContext } from '../auth/request-context';
import { outcomeUnknown, RETRY_AFTER_SECONDS } from '../db/unavailable';
import { queryCost } from './cost';
import { classifyError, HTTP_STATUS, toGraphQLError, UNAVAILABLE_REASONS } from './errors';
import type { ErrorCode } from '../../../schema/contract/reasons';

/**
 * Reads need a valid token unless PUBLIC_READ; writes always need one. Checked once per operation
 * (not per field), before anything resolves. Introspection stays open so the explorer works.
 */
export function accessPlugin(publicRead: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.viewer || !operation) return;
          const onlyIntrospection = operation.selectionSet.selections.every(
            (s) => s.kind === 'Field' && s.name.value.startsWith('__'),
          );
          if (onlyIntrospection) return;
          if (operation.operation === 'query' && publicRead) return;
          throw toGraphQLError(
            new AppError(
              'UNAUTHENTICATED',
              operation.operation === 'query'
                ? 'Send "Authorization: Bearer <token>" to read (this server does not allow anonymous reads)'
                : 'Send "Authorization: Bearer <token>" to write',
            ),
          );
        },
      };
    },
  };
}

/** Queries cheaper than this are not charged to a budget (most requests: no database write). */
export const FREE_BELOW = 1_000;

export interface BudgetLimits {
  readonly perMinute: number;
  readonly charge: (subject: string, cost: number, perMinute: number) => Promise<Charge>;
}

/**
 * The query's estimated cost, before any resolver runs: over `max` it is refused (400
 * QUERY_TOO_COMPLEX, saying its cost and the cap); under it, it is charged to the caller's budget
 * for the minute (the token's; an anonymous caller's address), and a caller over budget is refused
 * (429 BUDGET_EXHAUSTED with Retry-After). ADMIN tokens have no budget.
 */
export function complexityPlugin(
  schema: GraphQLSchema,
  max: number,
  budget: BudgetLimits | null = null,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          let complexity: number;
          try {
            complexity = queryCost(schema, document, request.variables, request.operationName);
          } catch (e) {
            // Variables a cost depends on that do not coerce (e.g. "ten" for an Int) surface here first;
            // the others when the operation runs, with the same code and reason.
            throw toGraphQLError(badInput('INVALID_VARIABLES', e instanceof Error ? e.message : String(e)), 400);
          }
          if (complexity > max) {
            throw toGraphQLError(
              badInput(
                'QUERY_TOO_COMPLEX',
                `The query is too complex: it costs ${complexity}, the cap is ${max}; ask for fewer fields or smaller pages (docs/api.md#query-cost)`,
              ),
              400,
            );
          }
          const viewer = contextValue.viewer;
          if (!budget || budget.perMinute <= 0 || complexity < FREE_BELOW || viewer?.role === 'ADMIN') return;
          const subject = viewer ? `token:${viewer.tokenId}` : `address:${contextValue.clientAddress}`;
          const charged = await budget.charge(subject, complexity, budget.perMinute);
          if (!charged.ok) {
            throw toGraphQLError(
              forbidden(
                `Query budget spent: ${charged.spent} of ${budget.perMinute} cost units this minute; try again in ${charged.retryAfterSeconds} s`,
                'BUDGET_EXHAUSTED',
              ),
              429,
              { 'retry-after': String(charged.retryAfterSeconds) },
            );
          }
        },
      };
    },
  };
}

/**
 * `Cache-Control: no-store` on every GraphQL response (answers depend on the caller's token). This
 * replaces Apollo's cache-control plugin, which is disabled because its per-field hook costs about a
 * second on a whole-province comparison (23,000 rows × 17 fields) and the API sets no cache hints.
 */
export function noStorePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/**
 * A response without data (the operation refused as a whole: no token, over the cost cap, bad
 * variables, not allowed) gets the HTTP status of its error's code, so proxies, logs and clients
 * that look only at the status see a client error as one, not as a 200 or a 500.
 */
export function httpStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (
            operation?.operation === 'mutation' &&
            data &&
            errors?.some((e) => e.extensions?.reason === 'DATABASE_UNAVAILABLE')
          ) {
            // The mutation ran (and may have committed) but its answer could not be read back: a
            // partial answer would say "nothing was changed" of a write that was saved. The client
            // learns the truth by sending it again with the same idempotency key.
            const e = outcomeUnknown();
            response.body.singleResult = {
              errors: [{ message: e.message, extensions: { code: e.code, reason: e.reason } }],
            };
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            return;
          }
          if (data !== undefined && data !== null) return;
          const first = errors?.[0]?.extensions;
          if (UNAVAILABLE_REASONS.has(String(first?.reason))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            return;
          }
          const code = first?.code as ErrorCode | undefined;
          const status = code ? HTTP_STATUS[code] : undefined;
          // A 4xx Apollo chose itself (405 for a mutation over GET) is more precise than the code's.
          const chosen = response.http.status;
          if (status && !(chosen && chosen >= 400 && chosen < 500)) response.http.status = status;
        },
      };
    },
  };
}

/**
 * Fills in the request's log line (operation name, outcome, error reasons: `http/request-log.ts`
 * writes it when the response is sent) and logs what went wrong unexpectedly, once, with the request
 * id: an internal error by its class and, for a failed statement, its code and shape (never its SQL
 * or parameters); the database out of reach as a warning. Errors the API answers on purpose (bad
 * input, refusals, conflicts) are in the request line's reasons and need no line of their own.
 */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { trace, log } = contextValue;
      return {
        async didResolveOperation({ operationName, operation }) {
          trace.operation = operationName ?? (operation ? `anonymous ${operation.operation}` : undefined);
        },
        async didEncounterErrors({ errors }) {
          // One line per kind of fault and request (a lost connection fails every pending field of a
          // page at once): the first one's path and detail, and how many there were.
          const faults = new Map<string, { path?: string; code?: string; error?: string; count: number }>();
          for (const error of errors) {
            const kind = classifyError(error, String(error.extensions?.code ?? ''));
            if (kind.kind !== 'unavailable' && kind.kind !== 'internal') continue;
            const seen = faults.get(kind.kind);
            if (seen) seen.count++;
            else
              faults.set(kind.kind, {
                path: error.path?.join('.'),
                ...(kind.kind === 'unavailable' ? { code: kind.driverCode } : { error: kind.detail }),
                count: 1,
              });
          }
          const unavailable = faults.get('unavailable');
          if (unavailable) log.warn({ event: 'db.unavailable', ...unavailable }, 'database unavailable');
          const internal = faults.get('internal');
          if (internal) log.error({ event: 'graphql.internal_error', ...internal }, 'internal error');
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          trace.outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
          if (errors?.length)
            trace.reasons = [...new Set(errors.map((e) => String(e.extensions?.reason ?? e.extensions?.code)))];
        },
      };
    },
  };
}

/**
 * Prometheus request metrics (common/metrics.ts): count and duration by operation, labelled with the
 * operation type and its first root field (`mutation pushObservations`): names from the schema, so
 * clients cannot grow the number of series. Documents that do not parse count as `invalid`.
 */
export function metricsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation }) {
          const field = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
          const name = operation
            ? `${operation.operation} ${field?.kind === 'Field' ? field.name.value : '?'}`
            : 'invalid';
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          graphqlRequests.inc({ operation: name, outcome: failed ? 'error' : 'ok' });
          graphqlDuration.observe({ operation: name }, Number(process.hrtime.bigint() - start) / 1e9);
        },
      };
    },
  };
}
