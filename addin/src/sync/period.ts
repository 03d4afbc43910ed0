/**
 * Reading a period out of an Excel cell. The grammar itself is the contract's
 * (schema/contract/period.ts, documented in docs/api.md); this adds what Excel does to typed periods (a year typed into a
 * General cell comes back as the number 2023, people type spaces and en dashes) and refuses —
 * with a suggestion — what it cannot read without guessing.
 */
import {
  formatPeriod,
  inYearRange,
  isCanonicalPeriod,
  MAX_YEAR,
  MIN_YEAR,
  type Period,
} from '../../../schema/contract/period';

export * from '../../../schema/contract/period';

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
    return bad(
      `"${raw}" is not a valid span: the start year must be before the end year, both ${MIN_YEAR}–${MAX_YEAR}.`,
    );
  }
  const shortMonth = /^(\d{4})-([1-9])$/.exec(compact);
  if (shortMonth) {
    const suggestion = `${shortMonth[1]}-0${shortMonth[2]}`;
    if (isCanonicalPeriod(suggestion)) return bad(`Months have two digits: did you mean ${suggestion}?`, suggestion);
  }
  return bad(`"${raw}" is not a period; use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023.`);
}
