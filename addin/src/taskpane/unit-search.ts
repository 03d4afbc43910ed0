/**
 * Pure helpers of the unit picker: which date a search runs on, which levels can be searched on it,
 * the "đến 30/06/2025" label of a unit that no longer exists, and hits kept unique by id.
 * No React, no DOM: tested in test/addin/unit-search.test.ts.
 */
import type { Texts } from '../../../schema/contract/reasons';
import type { UnitHit, UnitLevel } from '../api';
import type { Lang } from './i18n';

/** The last day before the 1 July 2025 reorganisation (34 provinces, communes, no districts). */
export const BEFORE_REFORM = '2025-06-30';

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The date a search runs on: the day before the reform when the switch is on, else today. */
export function searchDate(beforeReform: boolean, today: string): string {
  return beforeReform ? BEFORE_REFORM : today;
}

/** Districts exist only before the reform. */
export function levelAvailable(level: UnitLevel, beforeReform: boolean): boolean {
  return level !== 'DISTRICT' || beforeReform;
}

const UNTIL: Texts = { vi: 'đến {date}', en: 'until {date}' };

/** "30/06/2025" from "2025-06-30" (day first, as both languages of the pane write dates). */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "đến 30/06/2025" for a unit that ended before `today`; null for a unit still in force. */
export function validityLabel(validTo: string | null, today: string, lang: Lang): string | null {
  if (!validTo || validTo >= today) return null;
  return UNTIL[lang].replace('{date}', formatDay(validTo));
}

/** The unit above a hit: a commune's district (before the reform) or its province. */
export function parentName(u: UnitHit): string | null {
  return u.district?.name ?? u.province?.name ?? null;
}

/** Hits unique by id, first one kept (codes repeat across time, ids do not). */
export function uniqueById<T extends { readonly id: string }>(hits: readonly T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.id) ? false : (seen.add(h.id), true)));
}
