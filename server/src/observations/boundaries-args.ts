import { isoDate } from '../admin-units/admin-unit.service';
import { badInput } from '../common/errors';
import { Boundaries } from './observation.types';

export const BOUNDARIES_DOC =
  'AS_REPORTED (default): values as reported by the units of the time. CURRENT: on the boundaries of `on`; values of units since merged are combined into their successors (derived, read-only)';
export const ON_DOC = 'With boundaries CURRENT: the date whose boundaries apply (default today)';

/** The date of the boundaries a read asks for: null for AS_REPORTED. */
export function boundariesDate(boundaries: Boundaries, on: Date | null | undefined): string | null {
  if (boundaries === Boundaries.AS_REPORTED) {
    if (on) throw badInput('ON_WITHOUT_BOUNDARIES', 'on goes with boundaries CURRENT', ['on']);
    return null;
  }
  return isoDate(on ?? new Date());
}
