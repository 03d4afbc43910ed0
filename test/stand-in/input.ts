/**
 * How Excel reads an entry: what a user types into a cell, and a string written through
 * Range.values. Formulas by their first character, numbers and percents in the workbook's locale,
 * dates in the locale's day/month order, TRUE/FALSE; a text-formatted ("@") cell keeps the entry.
 * See docs/excel-behaviours.md for the sources of each rule.
 */
import type { Scalar } from './model';

export type Locale = 'vi-VN' | 'en-US';

export interface Separators {
  decimal: string;
  group: string;
  /** Order of day and month in a short date. */
  dayFirst: boolean;
}

export function separators(locale: Locale): Separators {
  return locale === 'vi-VN'
    ? { decimal: ',', group: '.', dayFirst: true }
    : { decimal: '.', group: ',', dayFirst: false };
}

export type EntrySource = 'user' | 'api';

/** What an entry becomes: a constant or a formula, and the number format Excel gives the cell, if it changes it. */
export interface Entry {
  value: Scalar | null;
  formula?: string;
  format?: string;
}

export const isTextFormat = (format: string | undefined) => format === '@';
const isPercentFormat = (format: string | undefined) => !!format && /%/.test(format.replace(/"[^"]*"/g, ''));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number written in the locale: "1.234,5" (vi-VN), "-5", "1,5%", "1E3". null when it is not one. */
export function parseLocaleNumber(
  text: string,
  locale: Locale,
): { n: number; decimals: number; percent: boolean; grouped: boolean; scientific: boolean } | null {
  const { decimal, group } = separators(locale);
  const s = text.trim();
  const sci = new RegExp(`^([+-]?)(\\d+)(?:${esc(decimal)}(\\d+))?[eE]([+-]?\\d+)$`).exec(s);
  if (sci) {
    const n = Number(`${sci[1]}${sci[2]}.${sci[3] ?? '0'}e${sci[4]}`);
    return { n, decimals: 2, percent: false, grouped: false, scientific: true };
  }
  const re = new RegExp(`^([+-]?)(\\d{1,3}(?:${esc(group)}\\d{3})+|\\d*)(?:${esc(decimal)}(\\d*))?(%?)$`);
  const m = re.exec(s);
  if (!m || (m[2] === '' && !m[3])) return null;
  const int = m[2]!.split(group).join('') || '0';
  const frac = m[3] ?? '';
  // Excel keeps 15 significant digits: a 16-digit identifier typed as a number loses its tail.
  let n = Number(Number(`${int}.${frac || '0'}`).toPrecision(15));
  if (m[1] === '-') n = -n;
  const percent = m[4] === '%';
  if (percent) n = Number((n / 100).toPrecision(15));
  return { n, decimals: frac.length, percent, grouped: m[2]!.includes(group), scientific: false };
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

export function dateSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round((t - EPOCH) / DAY_MS);
}

export function serialDate(serial: number): Date {
  return new Date(EPOCH + Math.round(serial * DAY_MS));
}

export function shortDateFormat(locale: Locale): string {
  return locale === 'vi-VN' ? 'd/m/yyyy' : 'm/d/yyyy';
}

/** "15/7/2025" (vi-VN), "7/15/2025" (en-US), "2025-07-15", "2023-07", "15/7" (this year). */
function parseDate(text: string, locale: Locale): { serial: number; format: string } | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s);
  if (iso) {
    const serial = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3] ?? 1));
    return serial === null ? null : { serial, format: iso[3] ? 'yyyy-mm-dd' : 'mmm-yy' };
  }
  const m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(s);
  if (!m) return null;
  const { dayFirst } = separators(locale);
  const a = Number(m[1]);
  const b = Number(m[2]);
  let y = m[3] ? Number(m[3]) : new Date().getFullYear();
  if (m[3] && m[3].length === 2) y += y < 30 ? 2000 : 1900;
  const serial = dayFirst ? dateSerial(y, b, a) : dateSerial(y, a, b);
  return serial === null ? null : { serial, format: m[3] ? shortDateFormat(locale) : 'd-mmm' };
}

function percentFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
}

/**
 * Reads an entry into a cell whose number format is `format`. `source` is who wrote it: a user
 * typing (where "@" also starts a formula, and a percent-formatted cell takes "5" as 5%), or a
 * string written through the API.
 */
export function readEntry(raw: string, format: string | undefined, locale: Locale, source: EntrySource): Entry {
  if (raw === '') return { value: null };
  if (isTextFormat(format)) return { value: raw };
  // A leading apostrophe keeps the rest as typed, and is not part of the value.
  if (raw.startsWith("'")) return { value: raw.slice(1) === '' ? null : raw.slice(1) };
  const first = raw[0]!;
  const starts = source === 'user' ? '=+-@' : '=+-';
  const num = parseLocaleNumber(raw, locale);
  if (starts.includes(first) && raw.length > 1 && !num) {
    return { value: null, formula: first === '=' ? raw : `=${raw}` };
  }
  if (num) {
    if (num.percent) return { value: num.n, format: isPercentFormat(format) ? undefined : percentFormat(num.decimals) };
    if (num.scientific) return { value: num.n, format: format && format !== 'General' ? undefined : '0.00E+00' };
    const n = source === 'user' && isPercentFormat(format) ? Number((num.n / 100).toPrecision(15)) : num.n;
    return {
      value: n,
      format:
        num.grouped && (!format || format === 'General')
          ? '#,##0' + (num.decimals ? `.${'0'.repeat(num.decimals)}` : '')
          : undefined,
    };
  }
  const date = parseDate(raw, locale);
  if (date) return { value: date.serial, format: !format || format === 'General' ? date.format : undefined };
  if (/^(true|false)$/i.test(raw.trim())) return { value: raw.trim().toUpperCase() === 'TRUE' };
  return { value: raw };
}
