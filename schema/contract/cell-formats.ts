/**
 * What a cell's number format says about the number Office.js hands back. Excel keeps one number
 * per cell and shows it through the format, so the same 0.015 is "1,5%" in a percent cell and
 * 0,015 in a General one, and a date is a day count (45292 is 1 January 2024). The add-in writes
 * values as plain numbers in General cells; a format the user (or a paste) put on a value cell is
 * read here, never guessed around (see normalize.ts for what each kind means for a push).
 */

export type FormatKind = 'general' | 'number' | 'text' | 'percent' | 'date';

/** The format with quoted text, escaped characters, padding and colour/locale tags removed. */
function codes(format: string): { body: string; elapsed: boolean } {
  let elapsed = false;
  const body = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[([^\]]*)\]/g, (_, inner: string) => {
      // [h], [mm], [ss]: elapsed time; anything else in brackets is a colour, condition or locale.
      if (/^(h+|m+|s+)$/i.test(inner)) elapsed = true;
      return '';
    });
  return { body, elapsed };
}

/** Classifies an Excel number format code (Range.numberFormat, the locale-independent one). */
export function formatKind(format: unknown): FormatKind {
  if (typeof format !== 'string') return 'general';
  const trimmed = format.trim();
  if (trimmed === '' || /^general$/i.test(trimmed)) return 'general';
  const { body, elapsed } = codes(trimmed);
  if (body.includes('@')) return 'text';
  if (elapsed || /[dmyhs]/i.test(body.replace(/general/gi, '')) || /AM\/PM|A\/P/i.test(body)) return 'date';
  if (body.includes('%')) return 'percent';
  return 'number';
}

/**
 * The percent a percent-formatted cell shows, as a number: 0.015 → 1.5. Excel keeps 15
 * significant digits, so the product is taken in decimal (shifting the exponent of the
 * shortest decimal form) rather than as 0.015 * 100 = 1.5000000000000002.
 */
export function percentPoints(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const [mantissa, exponent = '0'] = String(Number(x.toPrecision(15))).split('e');
  return Number(`${mantissa}e${Number(exponent) + 2}`);
}

/** An indicator measured in percent ("%", "% GDP"): its figures are typed as percents (1.5 = 1,5%). */
export function isPercentUnit(unit: string | null | undefined): boolean {
  return typeof unit === 'string' && unit.trim().startsWith('%');
}
