import { badInput } from './errors';

/** Checks a page size argument (`first`) against the bounds of its list. */
export function assertPageSize(first: number, max: number, min = 0): void {
  if (!Number.isInteger(first) || first < min || first > max) {
    throw badInput('INVALID_FIRST', `first must be between ${min} and ${max}`, ['first']);
  }
}
