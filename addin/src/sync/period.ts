/**
 * The contract's one canonical period grammar (docs/api.md, "Periods"):
 * `2023` · `2023-H1` · `2023-Q3` · `2023-07` · `2021..2023` (start < end), years 1900–2100.
 *
 * The server rejects anything else with INVALID_PERIOD, so the add-in normalises what Excel hands
 * back (a year typed into a General cell comes back as the number 2023, people type spaces and
 * en dashes) before a row is ever sent, and refuses — with a suggestion — what it cannot read
 * without guessing.
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

function inYearRange(year: number): boolean {
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

export type PeriodCellResult =
  | { readonly ok: true; readonly period: string }
  | { readonly ok: false; readonly empty: boolean; readonly message: string; readonly suggestion?: string };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A month typed as `2023-07` into a General cell is turned by Excel into the date 1 July 2023,
 * which Office.js returns as a serial number. We do not accept it silently (the user may have
 * meant the day), but we can tell them what to type. Serials below 61 sit before Excel's
 * fictitious 29 Feb 1900 and are never months in our range of interest.
 */
function monthSuggestionFromDate(date: Date): string | undefined {
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== 1) return undefined;
  const p: Period = { kind: 'MONTH', year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
  return inYearRange(p.year) ? formatPeriod(p) : undefined;
}

function monthSuggestionFromSerial(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61) return undefined;
  return monthSuggestionFromDate(new Date(EXCEL_EPOCH_MS + serial * DAY_MS));
}

function bad(message: string, suggestion?: string): PeriodCellResult {
  return suggestion === undefined
    ? { ok: false, empty: false, message }
    : { ok: false, empty: false, message, suggestion };
}

const EMPTY: PeriodCellResult = { ok: false, empty: true, message: 'The period is empty.' };

/**
 * Accepts what an Excel cell gives back and returns the canonical period, or an error.
 * Accepted leniencies, each unambiguous: the number 2023 (a year cell), any whitespace
 * (including non-breaking), lower-case `h`/`q`, en/em dashes and the minus sign for `-`, and
 * `2021-2023` / `2021 – 2023` for the span `2021..2023` (a month always has two digits after the
 * dash, so four digits can only be an end year). Everything else is refused.
 */
export function normalizePeriodCell(raw: unknown): PeriodCellResult {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number') {
    if (inYearRange(raw)) return { ok: true, period: String(raw) };
    const suggestion = monthSuggestionFromSerial(raw);
    return suggestion
      ? bad(`Excel turned the period into a date; type it as text, e.g. '${suggestion}.`, suggestion)
      : bad(`${raw} is not a period (years run ${MIN_YEAR}–${MAX_YEAR}).`);
  }
  if (raw instanceof Date) {
    const suggestion = monthSuggestionFromDate(raw);
    return bad('A date is not a period; type the period as text.', suggestion);
  }
  if (typeof raw !== 'string') return bad(`${String(raw)} is not a period.`);
  const compact = raw
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase();
  if (compact === '') return EMPTY;
  if (isCanonicalPeriod(compact)) return { ok: true, period: compact };
  const span = /^(\d{4})-(\d{4})$/.exec(compact);
  if (span) {
    const text = `${span[1]}..${span[2]}`;
    if (isCanonicalPeriod(text)) return { ok: true, period: text };
    return bad(`"${raw}" is not a valid span: the start year must be before the end year, both ${MIN_YEAR}–${MAX_YEAR}.`);
  }
  const shortMonth = /^(\d{4})-([1-9])$/.exec(compact);
  if (shortMonth) {
    const suggestion = `${shortMonth[1]}-0${shortMonth[2]}`;
    if (isCanonicalPeriod(suggestion)) return bad(`Months have two digits: did you mean ${suggestion}?`, suggestion);
  }
  return bad(`"${raw}" is not a period; use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023.`);
}
