/**
 * Reading code cells (unit and indicator codes). Codes are strings with significant leading zeros
 * ("001" is Quận Ba Đình, "01" is Hà Nội). Excel drops those zeros as soon as a code lands in a
 * cell that is not formatted as text (a paste, a fill-down, a CSV opened by double click), and
 * Office.js then returns the number 1.
 *
 * Repair rule: a code cell that Office.js returns as a *number* (the signature of Excel's
 * conversion: a text cell keeps "001"), that is not itself a known code, and that matches exactly
 * one known code once that code's leading zeros are stripped, is repaired to it (1 → "001").
 * Several matches ("001" and "01" both known) are reported, not guessed. A code returned as text
 * is what the user typed into a text cell — "101" next to a known "0101" may be a new code — so
 * it is left alone and the server judges it.
 */

export interface CodeIndex {
  readonly known: ReadonlySet<string>;
  /** Known all-digit codes by their zero-stripped form. */
  readonly byStripped: ReadonlyMap<string, readonly string[]>;
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

export function buildCodeIndex(codes: Iterable<string>): CodeIndex {
  const known = new Set<string>();
  const byStripped = new Map<string, string[]>();
  for (const code of codes) {
    if (known.has(code)) continue;
    known.add(code);
    if (!/^\d+$/.test(code)) continue;
    const stripped = stripZeros(code);
    const list = byStripped.get(stripped);
    if (list) list.push(code);
    else byStripped.set(stripped, [code]);
  }
  return { known, byStripped };
}

export type CodeCellResult =
  | { readonly ok: true; readonly code: string; readonly repairedFrom?: string }
  | { readonly ok: false; readonly reason: 'EMPTY' }
  | { readonly ok: false; readonly reason: 'AMBIGUOUS'; readonly text: string; readonly candidates: readonly string[] };

/** The text Excel most likely displayed for a code cell. */
function codeText(raw: unknown): string {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw.toFixed(0) : String(raw);
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

export function normalizeCodeCell(raw: unknown, index: CodeIndex): CodeCellResult {
  if (raw === null || raw === undefined) return { ok: false, reason: 'EMPTY' };
  const text = codeText(raw);
  if (text === '') return { ok: false, reason: 'EMPTY' };
  if (typeof raw !== 'number' || index.known.has(text) || !/^(?:[1-9]\d*|0)$/.test(text))
    return { ok: true, code: text };
  const candidates = (index.byStripped.get(text) ?? []).filter((c) => c !== text);
  if (candidates.length === 1) return { ok: true, code: candidates[0]!, repairedFrom: text };
  if (candidates.length > 1) return { ok: false, reason: 'AMBIGUOUS', text, candidates };
  return { ok: true, code: text };
}
