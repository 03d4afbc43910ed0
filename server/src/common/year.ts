import { badInput } from './errors';

/** The years the application accepts: terms, targets' terms and filters by year. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const isYear = (year: number) => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;

/** BAD_USER_INPUT / INVALID_YEAR at `field` unless `year` is a whole year from 1900 to 2100. */
export function assertYear(year: number, field: string): void {
  if (!isYear(year))
    throw badInput('INVALID_YEAR', `${field} must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, [field]);
}

/** Month ordinals (year * 12 + month - 1, as common/period.ts counts them) of a year's first and last month. */
export const firstMonthOf = (year: number) => year * 12;
export const lastMonthOf = (year: number) => year * 12 + 11;

/** The month ordinal of an ISO date (YYYY-MM-DD). */
export const monthOfDate = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;

/**
 * True when something valid from `validFrom` to `validTo` (ISO dates; null: open) existed at some time
 * in the months [fromMonth, toMonth] (null: unbounded): old and merged Ninh Bình (37) both existed in
 * 2024–2025.
 */
export function existedDuring(
  u: { validFrom: string | null; validTo: string | null },
  fromMonth: number | null,
  toMonth: number | null,
): boolean {
  return (
    (toMonth === null || !u.validFrom || monthOfDate(u.validFrom) <= toMonth) &&
    (fromMonth === null || !u.validTo || monthOfDate(u.validTo) >= fromMonth)
  );
}

/** True when something valid from `validFrom` to `validTo` (ISO dates; null: open) existed on `day` (ISO date). */
export const existedOn = (u: { validFrom: string | null; validTo: string | null }, day: string) =>
  (!u.validFrom || u.validFrom <= day) && (!u.validTo || day <= u.validTo);

/**
 * Of the units sharing a code (oldest first), the one that existed on `day`; without a day, the one
 * today or, for a code no unit has today (a district abolished in 2025), the newest that had it.
 */
export function pickOnDay<T extends { validFrom: string | null; validTo: string | null }>(
  units: readonly T[],
  day: string | null,
): T | null {
  if (day) return units.find((u) => existedOn(u, day)) ?? null;
  const today = new Date().toISOString().slice(0, 10);
  return units.find((u) => existedOn(u, today)) ?? units[units.length - 1] ?? null;
}
