/**
 * Which unit a row means. Codes are not unique across time: 37 names old Ninh Bình until
 * 2025-06-30 and merged Ninh Bình from 2025-07-01, so a 2025 figure under code 37 could be either.
 * Pulled rows carry their unit's id (the long table's hidden column, the term sheet's scope); a row
 * the user typed gets the id of the one catalogue unit with its code that existed in its period,
 * and none when the catalogue cannot tell (the server then resolves the code, or answers
 * AMBIGUOUS_UNIT).
 */
import type { UnitRef } from './baseline';
import { parsePeriod, periodMonths } from './period';

export interface UnitLookup {
  /** Catalogue units with known validity, by code. */
  readonly byCode: ReadonlyMap<string, readonly UnitRef[]>;
  /** Every unit id known (catalogue and baseline cells) → its code. */
  readonly codeOfId: ReadonlyMap<string, string>;
}

export function buildUnitLookup(
  refs: Iterable<UnitRef>,
  known: Iterable<{ readonly unitCode: string; readonly unitId?: string | null }> = [],
): UnitLookup {
  const byCode = new Map<string, UnitRef[]>();
  const codeOfId = new Map<string, string>();
  for (const r of refs) {
    const list = byCode.get(r.code) ?? [];
    if (!list.some((x) => x.id === r.id)) list.push(r);
    byCode.set(r.code, list);
    codeOfId.set(r.id, r.code);
  }
  for (const k of known) if (k.unitId && !codeOfId.has(k.unitId)) codeOfId.set(k.unitId, k.unitCode);
  return { byCode, codeOfId };
}

/** YYYY-MM-DD → months since year 0, as `periodMonths` counts. */
const monthOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** Whether the unit existed during some month of the period. */
export function existedIn(u: Pick<UnitRef, 'validFrom' | 'validTo'>, period: string): boolean {
  const p = parsePeriod(period);
  if (!p) return false;
  const { first, last } = periodMonths(p);
  return (!u.validFrom || last >= monthOf(u.validFrom)) && (!u.validTo || first <= monthOf(u.validTo));
}

/** The one catalogue unit with `code` that existed in `period`; null when none or several did. */
export function unitIdFor(lookup: UnitLookup, code: string, period: string): string | null {
  const during = (lookup.byCode.get(code) ?? []).filter((u) => existedIn(u, period));
  return during.length === 1 ? during[0]!.id : null;
}

/**
 * The id a row is sent with: the one it carries, unless that id belongs to another code (the user
 * retyped the code), else the catalogue's answer for its code and period.
 */
export function resolveUnitId(lookup: UnitLookup, given: unknown, code: string, period: string): string | null {
  const id = typeof given === 'string' ? given.trim() : '';
  if (id !== '') {
    const owner = lookup.codeOfId.get(id);
    if (owner === undefined || owner === code) return id;
  }
  return unitIdFor(lookup, code, period);
}
