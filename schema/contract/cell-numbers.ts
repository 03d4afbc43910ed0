/**
 * Reading value cells and comparing values.
 *
 * The decimal-comma rule. A value cell that Office.js returns as a number is taken as is. A value
 * cell that comes back as *text* means Excel itself did not read it as a number in the user's
 * locale (a Vietnamese-locale Excel reads "12,5" as 12.5 and leaves "12.5" as text; an English one
 * does the reverse), so sums and PivotTables in the workbook ignore it too. Such a cell is never
 * pushed by default: it is a TEXT_NOT_NUMBER problem carrying the readings we can see.
 *
 * Readings considered for a text (after the sign): plain digits; `.` decimal; `,` decimal;
 * `,`-grouped thousands with optional `.` decimals (1,234.5); `.`-grouped thousands with optional
 * `,` decimals (1.234,5); space-grouped thousands with either decimal mark (1 234,5). If exactly
 * one distinct number results, it is offered as the suggestion ("12,5" → 12.5, "1.234,5" →
 * 1234.5, never 1.2345). If several do ("1.234" is 1.234 or 1234; "123,456" likewise), the text
 * is ambiguous: candidates are listed and nothing is suggested. A caller may opt in to accepting
 * unique readings (`acceptUnambiguousText`), never ambiguous ones.
 */

export type ValueCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | {
      readonly kind: 'text';
      readonly text: string;
      /** The only plausible reading, or null when there is none or more than one. */
      readonly suggestion: number | null;
      /** Every distinct plausible reading (≥ 2 means ambiguous). */
      readonly candidates: readonly number[];
    };

const READINGS: ReadonlyArray<{ re: RegExp; toJs: (body: string) => string }> = [
  { re: /^\d+$/, toJs: (s) => s },
  { re: /^\d*\.\d+$/, toJs: (s) => s },
  { re: /^\d*,\d+$/, toJs: (s) => s.replace(',', '.') },
  { re: /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/, toJs: (s) => s.replace(/,/g, '') },
  { re: /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/, toJs: (s) => s.replace(/\./g, '').replace(',', '.') },
  { re: /^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/, toJs: (s) => s.replace(/ /g, '').replace(',', '.') },
];

/** Every distinct number a human might have meant by `text` under the readings above. */
export function numberReadings(text: string): number[] {
  let body = text.trim().replace(/[\s\u00a0\u202f\u2009]+/g, ' ');
  let sign = 1;
  if (/^[+\-\u2212]/.test(body)) {
    if (body[0] !== '+') sign = -1;
    body = body.slice(1).trimStart();
  }
  const found: number[] = [];
  for (const { re, toJs } of READINGS) {
    if (!re.test(body)) continue;
    const n = sign * Number(toJs(body));
    if (Number.isFinite(n) && !found.some((f) => f === n)) found.push(n === 0 ? 0 : n);
  }
  return found;
}

export function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** Classifies what Office.js returned for a value cell (number, string, boolean, …). */
export function readValueCell(raw: unknown): ValueCell {
  if (isBlank(raw)) return { kind: 'empty' };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'number', value: raw === 0 ? 0 : raw };
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  // Excel error values (#N/A, #DIV/0!, #VALUE!) and booleans have no numeric reading.
  const candidates = typeof raw === 'string' ? numberReadings(text) : [];
  return { kind: 'text', text, suggestion: candidates.length === 1 ? candidates[0]! : null, candidates };
}

/**
 * Rounds half away from zero at `decimals` and returns the scaled integer. The `toPrecision(12)`
 * step absorbs binary noise first, so 1.005 (stored as 1.00499999…) rounds to 1.01 like a person
 * and like the server's DECIMAL column would.
 */
function scaledAt(x: number, decimals: number): number {
  const scaled = Number((Math.abs(x) * 10 ** decimals).toPrecision(12));
  return Math.sign(x) * Math.round(scaled);
}

const RELATIVE_NOISE = 1e-9;

/**
 * True when two values are the same for the purpose of a push: both absent, within floating
 * noise (0.1 + 0.2 vs 0.3), or equal once rounded at the indicator's decimals (what the server
 * keeps). `decimals` null/undefined = unknown indicator: only noise is forgiven.
 */
export function sameValue(a: number | null, b: number | null, decimals?: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  if (Math.abs(a - b) <= RELATIVE_NOISE * Math.max(1, Math.abs(a), Math.abs(b))) return true;
  if (decimals === null || decimals === undefined || !Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    return false;
  }
  return scaledAt(a, decimals) === scaledAt(b, decimals);
}
