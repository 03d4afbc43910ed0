import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES, isReasonCode, type ErrorCode } from '../../../schema/contract/reasons';
import { AppError, type ReasonCode } from '../common/errors';
import { errorForLog } from '../db/query-logger';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable';

/**
 * The one place errors get their shape. Every error leaves with `extensions.code` (one of the six
 * codes of the contract) and `extensions.reason` (a ReasonCode of schema/contract/reasons.ts): errors
 * of resolvers and plugins (`formatError`), Apollo's and graphql-js's own refusals of a malformed
 * request (`formatError`, finer reasons from `apolloReason`), and the HTTP layer's refusals before
 * GraphQL runs (`httpErrorBody`: unknown route, body too large or not JSON, wrong content type).
 */

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Apollo's and graphql-js's own codes for a malformed request. */
const MALFORMED: ReadonlySet<string> = new Set<ReasonCode>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Apollo says BAD_REQUEST for several distinct refusals; its messages tell them apart (pinned by
 * test/integration/http-errors.test.ts, so an Apollo upgrade that rewords them fails a test).
 */
function apolloReason(code: string, message: string): ReasonCode {
  if (code === 'BAD_REQUEST') {
    if (message.includes('Cross-Site Request Forgery')) return 'CSRF_PREVENTED';
    if (message.startsWith('GET requests only support query') || message.includes('supports only GET/POST'))
      return 'METHOD_NOT_ALLOWED';
    if (message.includes('`variables`') || message.includes('`extensions`')) return 'INVALID_VARIABLES';
    return 'BAD_REQUEST';
  }
  // Variables that do not coerce to their declared types (graphql-js, reported by Apollo as BAD_USER_INPUT).
  if (code === 'BAD_USER_INPUT') return message.startsWith('Variable "$') ? 'INVALID_VARIABLES' : 'BAD_USER_INPUT';
  return isReasonCode(code) ? code : 'GRAPHQL_VALIDATION_FAILED';
}

/**
 * The HTTP status of a response that carries no data, by its first error's code: a request refused
 * as a whole says why in its status too (401 no or bad token, 403 not allowed, 400 bad input, …).
 * A response with data (even partial) stays 200, as GraphQL over HTTP prescribes.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

/**
 * Refusals answered by the HTTP layer whose status is finer than their code's (HTTP_STATUS): the
 * spreadsheet routes (http/xlsx) and the body parsers. `httpStatusOf` is the one lookup.
 */
export const HTTP_REASON_STATUS: Readonly<Partial<Record<ReasonCode, number>>> = {
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  XLSX_MEDIA_TYPE: 415,
  XLSX_MALFORMED: 400,
  XLSX_FOREIGN: 422,
  XLSX_MISSING_COLUMNS: 422,
  XLSX_NOT_UPLOADABLE: 422,
  EXPORT_TOO_LARGE: 413,
  BUDGET_EXHAUSTED: 429,
  DATABASE_UNAVAILABLE: 503,
  OUTCOME_UNKNOWN: 503,
};

/** The HTTP status of an error answered outside GraphQL: by its reason when it has its own, else by its code. */
export function httpStatusOf(e: AppError): number {
  return HTTP_REASON_STATUS[e.reason] ?? HTTP_STATUS[e.code];
}

/** Reasons that mean "try again shortly": HTTP 503 with Retry-After, whatever their code. */
export const UNAVAILABLE_REASONS: ReadonlySet<string> = new Set<ReasonCode>([
  'DATABASE_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
]);

/** An AppError as a GraphQLError, e.g. to throw from an Apollo plugin. */
export function toGraphQLError(e: AppError, httpStatus?: number, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(e.message, {
    extensions: {
      code: e.code,
      reason: e.reason,
      ...(e.field ? { field: e.field } : {}),
      ...(httpStatus
        ? { http: { status: httpStatus, ...(headers ? { headers: new Map(Object.entries(headers)) } : {}) } }
        : {}),
    },
  });
}

/** The body of an error answered by the HTTP layer, in the GraphQL error shape. */
export function httpErrorBody(e: AppError): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: e.message, extensions: { code: e.code, reason: e.reason } }] };
}

/**
 * What an error thrown during a request is, by its original (unwrapped) error and its code: the
 * API's own (AppError), already coded (a plugin's refusal), a malformed request (Apollo's and
 * graphql-js's refusals), the database out of reach, or unexpected. `formatError` shapes the answer
 * from it and `errorLogPlugin` decides from it what to log, so the two cannot disagree.
 */
export type ErrorClass =
  | { kind: 'app'; error: AppError }
  | { kind: 'coded'; code: string }
  | { kind: 'malformed'; code: string }
  | { kind: 'unavailable'; driverCode: string }
  | { kind: 'internal'; detail: string };

export function classifyError(error: unknown, code: string): ErrorClass {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return { kind: 'app', error: original };
  if (CODES.has(code) && code !== 'BAD_USER_INPUT') return { kind: 'coded', code };
  if (MALFORMED.has(code) || (original instanceof GraphQLError && !original.originalError && code === ''))
    return { kind: 'malformed', code };
  if (isDatabaseUnavailable(original)) {
    const driverCode = (original as { driverError?: { code?: unknown }; code?: unknown }).code;
    return { kind: 'unavailable', driverCode: String(driverCode ?? 'unreachable') };
  }
  return { kind: 'internal', detail: errorForLog(original) };
}

/**
 * Every error leaves with one of the six codes of the contract and a reason; anything unexpected is
 * masked as INTERNAL (and logged, with its request id, by `errorLogPlugin`).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const reason = formatted.extensions?.reason;
  const kind = classifyError(error, code);
  switch (kind.kind) {
    case 'app':
      return {
        message: kind.error.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: kind.error.code,
          reason: kind.error.reason,
          ...(kind.error.field ? { field: kind.error.field } : {}),
        },
      };
    case 'coded':
      return { ...formatted, extensions: { ...formatted.extensions, code, reason: reason ?? code } };
    case 'malformed':
      return {
        ...formatted,
        extensions: {
          ...formatted.extensions,
          code: 'BAD_USER_INPUT',
          reason: reason ?? (code ? apolloReason(code, formatted.message) : 'GRAPHQL_VALIDATION_FAILED'),
        },
      };
    case 'unavailable': {
      const e = databaseUnavailable();
      return {
        message: e.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: e.code, reason: e.reason },
      };
    }
    case 'internal':
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'INTERNAL', reason: 'INTERNAL' },
      };
  }
}
