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

/** The sections of a format code, split at semicolons outside quoted text. */
function sections(format: string): string[] {
  const out = [''];
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

const CONDITION = /\[(<>|<=|>=|=|<|>)(-?\d+(?:\.\d+)?)\]/;

function holds(op: string, a: number, b: number): boolean {
  return op === '='
    ? a === b
    : op === '<>'
      ? a !== b
      : op === '<'
        ? a < b
        : op === '>'
          ? a > b
          : op === '<='
            ? a <= b
            : a >= b;
}

/**
 * The section of a format code that shows `value`, and whether it shows the value without its sign.
 * Without conditions: one section for all numbers; two: positive and zero, negative; three: positive,
 * negative, zero (a fourth is for text). With conditions ("[=4]"; at most two): the first section whose
 * condition holds, else the next section without one ("Review guidelines for customizing a number
 * format", support.microsoft.com).
 */
function pick(value: number, format: string): { code: string; unsigned: boolean } {
  const all = sections(format).slice(0, 3);
  if (all.some((x) => CONDITION.test(x))) {
    for (const x of all) {
      const m = CONDITION.exec(x);
      if (!m || holds(m[1]!, value, Number(m[2]))) return { code: x.replace(CONDITION, ''), unsigned: false };
    }
    return { code: '"########"', unsigned: false }; // no section fits the number: Excel fills the cell with #
  }
  if (all.length === 1 || value > 0 || (value === 0 && all.length === 2)) return { code: all[0]!, unsigned: false };
  if (value < 0) return { code: all[1]!, unsigned: true };
  return { code: all[2]!, unsigned: false };
}

/** A section made of literal text only ("Đạt", \x, or nothing): what it shows, or null. */
function literalOnly(code: string): string | null {
  const body = code.replace(/\[[A-Za-z]+\]/g, ''); // colour tags
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '"') {
      const end = body.indexOf('"', i + 1);
      if (end < 0) return null;
      out += body.slice(i + 1, end);
      i = end;
    } else if (ch === '\\' && i + 1 < body.length) out += body[++i];
    else if ("-+()$:^&'~{}<>=! ".includes(ch))
      out += ch; // shown without quotes
    else return null;
  }
  return out;
}

export function displayText(value: Value | null, format: string | undefined, locale: Locale): string {
  if (value === null || value === '') return '';
  if (value instanceof CellError) return value.code;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const chosen = pick(value, format ?? 'General');
  const literal = literalOnly(chosen.code);
  if (literal !== null) return literal;
  if (chosen.unsigned) value = Math.abs(value);
  const f = chosen.code.replace(/\[[A-Za-z]+\]/g, '');
  // Literal text before the digits of a section, as the minus in "#,##0;-#,##0".
  const lead = /^(?:"[^"]*"|\\.|[-+()$:^&'~{}<>=! ])*/.exec(f)![0];
  return (literalOnly(lead) ?? '') + numberText(value, f.slice(lead.length), locale);
}

function numberText(value: number, f: string, locale: Locale): string {
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
