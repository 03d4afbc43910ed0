import { AppError } from '../common/errors';

/**
 * Telling "the database is unreachable" apart from a bug. The driver's connection errors (refused,
 * reset, lost, timed out, the server shutting down, too many connections) and a SQLite file held
 * beyond the busy timeout mean: nothing is wrong with the request, try again shortly. They leave as
 * INTERNAL / DATABASE_UNAVAILABLE with HTTP 503 and Retry-After, not as a bare 500 or a 200.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'SQLITE_BUSY',
  // A Galera node outside the primary component (lost its quorum, still joining): 1047 "WSREP has
  // not yet prepared node for application use". Another node, or this one shortly, takes the request.
  'ER_UNKNOWN_COM_ERROR',
  // Read replicas (a mysql2 pool cluster) with none reachable.
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
]);

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

function driverError(e: unknown): { code?: unknown; message?: unknown; fatal?: unknown } | null {
  if (!e || typeof e !== 'object') return null;
  return ((e as { driverError?: unknown }).driverError ?? e) as { code?: unknown; message?: unknown };
}

export function isDatabaseUnavailable(e: unknown): boolean {
  const err = driverError(e);
  if (!err) return false;
  if (typeof err.code === 'string' && CONNECTION_CODES.has(err.code)) return true;
  // mysql2 refuses work on a connection or pool it has closed after a fatal error.
  return (
    typeof err.message === 'string' &&
    /^(Pool is closed|Can't add new command when connection is in closed state)/.test(err.message)
  );
}

/** The statement a failed query ran, when TypeORM recorded it. */
function failedStatement(e: unknown): string | null {
  const q = (e as { query?: unknown } | null)?.query;
  return typeof q === 'string' ? q.trim().toUpperCase() : null;
}

export const databaseUnavailable = () =>
  new AppError(
    'INTERNAL',
    `The database cannot be reached; nothing was changed by this request. Try again in ${RETRY_AFTER_SECONDS} seconds`,
    'DATABASE_UNAVAILABLE',
  );

export const outcomeUnknown = () =>
  new AppError(
    'INTERNAL',
    'The connection to the database was lost while the write was committing: it may or may not have been ' +
      'saved. Send the same request again with the same idempotencyKey: it is then written exactly once',
    'OUTCOME_UNKNOWN',
  );

/**
 * The error a failed write transaction leaves as. Lost at COMMIT: the database may have committed
 * before the connection dropped, so the outcome is unknown. Lost earlier: the database rolls an
 * unfinished transaction back when its connection goes, so nothing was written.
 */
export function writeFailure(e: unknown): unknown {
  if (!isDatabaseUnavailable(e)) return e;
  return failedStatement(e) === 'COMMIT' ? outcomeUnknown() : databaseUnavailable();
}
