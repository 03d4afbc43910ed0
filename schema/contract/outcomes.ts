/**
 * What a push can do to a row, and the observation statuses: the enums both sides of the API
 * reason about. The server registers these objects as the GraphQL enums `RowOutcome` and
 * `ObservationStatus`; the add-in and the command line classify results with the same sets.
 */

export const RowOutcome = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  DELETED: 'DELETED',
  UNCHANGED: 'UNCHANGED',
  CONFLICT: 'CONFLICT',
  INVALID: 'INVALID',
  LOCKED: 'LOCKED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type RowOutcome = (typeof RowOutcome)[keyof typeof RowOutcome];
export const ROW_OUTCOMES: readonly RowOutcome[] = Object.values(RowOutcome);

/** Outcomes that refuse a row: in an atomic push any one of them means nothing is written. */
export const REJECTING_OUTCOMES: ReadonlySet<RowOutcome> = new Set<RowOutcome>([
  'CONFLICT',
  'INVALID',
  'LOCKED',
  'FORBIDDEN',
]);
/** Outcomes that write a revision. */
export const WRITING_OUTCOMES: ReadonlySet<RowOutcome> = new Set<RowOutcome>(['CREATED', 'UPDATED', 'DELETED']);

/** What each outcome means for a person (the result column of an uploaded workbook). */
export const OUTCOME_TEXTS: Readonly<Record<RowOutcome, { readonly vi: string; readonly en: string }>> = {
  CREATED: { vi: 'Đã thêm', en: 'Created' },
  UPDATED: { vi: 'Đã cập nhật', en: 'Updated' },
  DELETED: { vi: 'Đã xoá', en: 'Deleted' },
  UNCHANGED: { vi: 'Không đổi', en: 'Unchanged' },
  CONFLICT: { vi: 'Xung đột', en: 'Conflict' },
  INVALID: { vi: 'Không hợp lệ', en: 'Invalid' },
  LOCKED: { vi: 'Kỳ đã khoá', en: 'Locked' },
  FORBIDDEN: { vi: 'Không có quyền', en: 'Forbidden' },
};

export const ObservationStatus = {
  ESTIMATED: 'ESTIMATED',
  PRELIMINARY: 'PRELIMINARY',
  OFFICIAL: 'OFFICIAL',
  FORECAST: 'FORECAST',
} as const;
export type ObservationStatus = (typeof ObservationStatus)[keyof typeof ObservationStatus];
export const OBSERVATION_STATUSES: readonly ObservationStatus[] = Object.values(ObservationStatus);
