/**
 * Range.text: what a cell shows, from its value, its number format (en-US codes, as
 * Range.numberFormat returns them) and the workbook's locale separators. Covers General, "@",
 * fixed decimals with or without grouping, percents, scientific, and day/month/year dates; other
 * codes show as General (a simplification, see docs/excel-behaviours.md).
 */
import type { Locale } from './input';
import { separators, serialDate } from './input';
import type { Value } from './model';
import { CellError } from './model';

function localize(s: string, locale: Locale): string {
  const { decimal, group } = separators(locale);
  return s.replace(/[.,]/g, (c) => (c === '.' ? decimal : group));
}

function grouped(fixed: string): string {
  const [int, frac] = fixed.split('.') as [string, string?];
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const g = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + g + (frac !== undefined ? `.${frac}` : '');
}

/** General: up to 11 characters, as Excel's General format fits a number into a standard-width column. */
function general(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [m, e] = n.toExponential(5).split('e') as [string, string];
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
  const decimals = Math.max(0, 10 - intDigits - (n < 0 ? 1 : 0));
  return String(Number(n.toFixed(decimals)));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateText(serial: number, format: string): string {
  const d = serialDate(serial);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    yy: String(d.getUTCFullYear()).slice(-2),
    mmm: MONTHS[d.getUTCMonth()]!,
    mm: String(d.getUTCMonth() + 1).padStart(2, '0'),
    m: String(d.getUTCMonth() + 1),
    dd: String(d.getUTCDate()).padStart(2, '0'),
    d: String(d.getUTCDate()),
  };
  return format.replace(/yyyy|yy|mmm|mm|m|dd|d/g, (t) => parts[t]!);
}

export function displayText(value: Value | null, format: string | undefined, locale: Locale): string {
  if (value === null || value === '') return '';
  if (value instanceof CellError) return value.code;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const f = (format ?? 'General').replace(/;.*$/, '');
  if (f === 'General' || f === '@') return localize(general(value), locale);
  const pct = /^(#,##)?0(?:\.(0+))?%$/.exec(f);
  if (pct) return localize((value * 100).toFixed(pct[2]?.length ?? 0), locale) + '%';
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(f);
  if (fixed) {
    const s = value.toFixed(fixed[2]?.length ?? 0);
    return localize(fixed[1] ? grouped(s) : s, locale);
  }
  const sci = /^0(?:\.(0+))?E\+00$/.exec(f);
  if (sci) {
    const [m, e] = value.toExponential(sci[1]?.length ?? 0).split('e') as [string, string];
    const exp = Number(e);
    return localize(m, locale) + `E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (/[dy]/.test(f) || /^m+[-/]/.test(f)) return dateText(value, f);
  return localize(general(value), locale);
}
