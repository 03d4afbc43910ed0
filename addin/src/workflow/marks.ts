/**
 * What each outcome looks like in the sheet and in the results list. Colours follow Excel's own
 * conditional-formatting palette (green good, red bad, amber neutral) so they read as familiar.
 */
import type { MarkState } from '../sync';

export const MARK_COLORS: Readonly<Record<MarkState, string>> = {
  WILL_CREATE: '#C6EFCE',
  CREATED: '#C6EFCE',
  WILL_UPDATE: '#BDD7EE',
  UPDATED: '#BDD7EE',
  WILL_DELETE: '#F8CBAD',
  DELETED: '#F8CBAD',
  WILL_BE_UNCHANGED: '#EDEDED',
  UNCHANGED: '#EDEDED',
  CONFLICT: '#FFD966',
  LOCKED: '#BFBFBF',
  INVALID: '#FFC7CE',
  LOCAL_PROBLEM: '#FFC7CE',
  FORBIDDEN: '#D9B3FF',
  NOT_APPLIED: '#FFF2CC',
  NO_RESULT: '#FFF2CC',
  DERIVED: '#D9E1F2',
};

/** States the user has to act on, listed first. */
export const NEEDS_ATTENTION: ReadonlySet<MarkState> = new Set([
  'CONFLICT',
  'INVALID',
  'LOCAL_PROBLEM',
  'LOCKED',
  'FORBIDDEN',
  'NOT_APPLIED',
  'NO_RESULT',
]);

/** The legend's order: what a push will do, then why it will not. */
export const LEGEND: readonly MarkState[] = [
  'WILL_CREATE',
  'WILL_UPDATE',
  'WILL_DELETE',
  'WILL_BE_UNCHANGED',
  'CONFLICT',
  'LOCKED',
  'INVALID',
  'FORBIDDEN',
  'NOT_APPLIED',
];
