import type { ErrorCode, ReasonCode } from '../../../schema/contract/reasons';

/** The six top-level error codes of the contract; everything thrown maps onto one of them. */
export type { ErrorCode, ReasonCode };

/**
 * The one error type of the application. `reason` is the finer machine-readable cause
 * (e.g. INVALID_PERIOD, UNKNOWN_UNIT) that also appears as `code` in userErrors and row results.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason: ReasonCode = code,
    readonly field?: string[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (reason: ReasonCode, message: string, field?: string[]) =>
  new AppError('BAD_USER_INPUT', message, reason, field);
export const notFound = (reason: ReasonCode, message: string, field?: string[]) =>
  new AppError('NOT_FOUND', message, reason, field);
export const forbidden = (message: string, reason: ReasonCode = 'FORBIDDEN') =>
  new AppError('FORBIDDEN', message, reason);
export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** BAD_USER_INPUT / `reason` at `field` naming (the first ten of) the codes `found` lacks. */
export function assertKnownCodes(
  codes: readonly string[],
  found: ReadonlyMap<string, unknown>,
  reason: ReasonCode,
  what: string,
  field: string[],
): void {
  const unknown = codes.filter((c) => !found.has(c));
  if (unknown.length) throw badInput(reason, `Unknown ${what} code(s): ${unknown.slice(0, 10).join(', ')}`, field);
}
