/**
 * The cell lookups behind the add-in's Excel functions (CHITIEU.GIATRI, .MUCTIEU, .TYLEDAT, .XEPHANG),
 * shared by the server's `cellValues` query and the add-in: the four kinds, the batch limit and
 * the term grammar ("2020-2025").
 */
import { inYearRange } from './period';

/** VALUE: a reported value; TARGET: a term's target; PROGRESS: its progress ratio; RANK: place in the province. */
export const CELL_FUNCTIONS = ['VALUE', 'TARGET', 'PROGRESS', 'RANK'] as const;
export type CellFunction = (typeof CELL_FUNCTIONS)[number];

/** Cells in one `cellValues` request. */
export const MAX_CELLS = 5_000;

/** A term written as its years: "2020-2025", "2020–2025" (en dash) or "2020..2025"; spaces around the dash allowed. */
export function parseTerm(text: string): { startYear: number; endYear: number } | null {
  const m = /^\s*(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const startYear = Number(m[1]);
  const endYear = Number(m[2]);
  if (!inYearRange(startYear) || !inYearRange(endYear) || endYear <= startYear) return null;
  return { startYear, endYear };
}

export const TERM_HELP = 'write a term as its first and last year, e.g. 2020-2025';
