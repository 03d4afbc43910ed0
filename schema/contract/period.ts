/**
 * The one canonical period grammar of the API, shared by server and add-in:
 * `2023` · `2023-H1` · `2023-Q3` · `2023-07` · `2021..2023` (start < end), years 1900–2100.
 * The server rejects anything else with INVALID_PERIOD; the add-in normalises what Excel hands
 * back into this form before a row is sent (addin/src/sync/period.ts).
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export type Period =
  | { readonly kind: 'YEAR'; readonly year: number }
  | { readonly kind: 'HALF'; readonly year: number; readonly half: 1 | 2 }
  | { readonly kind: 'QUARTER'; readonly year: number; readonly quarter: 1 | 2 | 3 | 4 }
  | { readonly kind: 'MONTH'; readonly year: number; readonly month: number }
  | { readonly kind: 'SPAN'; readonly start: number; readonly end: number };

// `\d` without the `u` flag is ASCII only, so full-width or Arabic-Indic digits never parse.
const CANONICAL = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2})|\.\.(\d{4}))?$/;

export function inYearRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Parses the strict canonical form only; `null` for anything else. */
export function parsePeriod(text: string): Period | null {
  const m = CANONICAL.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (!inYearRange(year)) return null;
  const part = m[2];
  const endText = m[3];
  if (endText !== undefined) {
    const end = Number(endText);
    return inYearRange(end) && year < end ? { kind: 'SPAN', start: year, end } : null;
  }
  if (part === undefined) return { kind: 'YEAR', year };
  if (part[0] === 'H') return { kind: 'HALF', year, half: Number(part[1]) as 1 | 2 };
  if (part[0] === 'Q') return { kind: 'QUARTER', year, quarter: Number(part[1]) as 1 | 2 | 3 | 4 };
  const month = Number(part);
  return month >= 1 && month <= 12 ? { kind: 'MONTH', year, month } : null;
}

export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'YEAR':
      return String(p.year);
    case 'HALF':
      return `${p.year}-H${p.half}`;
    case 'QUARTER':
      return `${p.year}-Q${p.quarter}`;
    case 'MONTH':
      return `${p.year}-${String(p.month).padStart(2, '0')}`;
    case 'SPAN':
      return `${p.start}..${p.end}`;
  }
}

export function isCanonicalPeriod(text: string): boolean {
  return parsePeriod(text) !== null;
}

/** First and last month covered, as `year * 12 + monthIndex`, for ordering and containment. */
export function periodMonths(p: Period): { first: number; last: number } {
  switch (p.kind) {
    case 'YEAR':
      return { first: p.year * 12, last: p.year * 12 + 11 };
    case 'HALF':
      return { first: p.year * 12 + (p.half - 1) * 6, last: p.year * 12 + p.half * 6 - 1 };
    case 'QUARTER':
      return { first: p.year * 12 + (p.quarter - 1) * 3, last: p.year * 12 + p.quarter * 3 - 1 };
    case 'MONTH':
      return { first: p.year * 12 + p.month - 1, last: p.year * 12 + p.month - 1 };
    case 'SPAN':
      return { first: p.start * 12, last: p.end * 12 + 11 };
  }
}

/**
 * Chronological order for display: by start, then the longer period first (a year before its
 * halves), then text. Non-canonical strings sort after all periods so they stay visible.
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa && pb) {
    const ma = periodMonths(pa);
    const mb = periodMonths(pb);
    if (ma.first !== mb.first) return ma.first - mb.first;
    if (ma.last !== mb.last) return mb.last - ma.last;
  } else if (pa || pb) {
    return pa ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How to write a period, for error messages. */
export const PERIOD_HELP = 'use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023';
