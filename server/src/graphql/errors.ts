import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES } from '../../../schema/contract/reasons';
import { AppError, type ReasonCode } from '../common/errors';

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

/** An AppError as a GraphQLError, e.g. to throw from an Apollo plugin. */
export function toGraphQLError(e: AppError, httpStatus?: number): GraphQLError {
  return new GraphQLError(e.message, {
    extensions: {
      code: e.code,
      reason: e.reason,
      ...(e.field ? { field: e.field } : {}),
      ...(httpStatus ? { http: { status: httpStatus } } : {}),
    },
  });
}

/**
 * The one place errors become GraphQL error codes: every error leaves with one of the six codes
 * of the contract; anything unexpected is logged and masked as INTERNAL.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        reason: original.reason,
        ...(original.field ? { field: original.field } : {}),
      },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (CODES.has(code)) return formatted;
  if (MALFORMED.has(code) || (original instanceof GraphQLError && !original.originalError && code === '')) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', reason: code || 'GRAPHQL_VALIDATION_FAILED' },
    };
  }
  console.error('[graphql] internal error:', original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL' },
  };
}
