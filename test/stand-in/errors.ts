/**
 * Errors as Office.js reports them: a RichApi.Error whose `code` is one of Excel.ErrorCodes
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export type ErrorCode =
  | 'AccessDenied'
  | 'ApiNotFound'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidOperationInCellEditMode'
  | 'InvalidReference'
  | 'ItemAlreadyExists'
  | 'ItemNotFound'
  | 'PivotTableRangeConflict'
  | 'PropertyNotLoaded'
  | 'RangeExceedsLimit'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'UnsupportedOperation';

export class RichApiError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly debugInfo: { code: ErrorCode; message: string; errorLocation?: string } = { code, message },
  ) {
    super(message);
  }
}

export function fail(code: ErrorCode, message: string, where?: string): never {
  throw new RichApiError(code, message, { code, message, errorLocation: where });
}
