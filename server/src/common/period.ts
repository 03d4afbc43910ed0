import { parsePeriod as parseCanonical, periodMonths } from '../../../addin/src/sync/period';
import { badInput } from './errors';

export type PeriodKind = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH' | 'SPAN';

/**
 * A parsed period. Months are counted as year * 12 + (month - 1) so that containment,
 * "ends no later than" and span length are plain integer comparisons on both databases.
 */
export interface Period {
  text: string;
  kind: PeriodKind;
  startMonth: number;
  endMonth: number;
  startYear: number;
  endYear: number;
}

/**
 * One grammar for server and add-in: the add-in's pure period module is the single implementation;
 * the server adds the month bounds it stores and queries with.
 */
export function tryParsePeriod(text: string): Period | null {
  const p = parseCanonical(text);
  if (!p) return null;
  const { first, last } = periodMonths(p);
  return { text, kind: p.kind, startMonth: first, endMonth: last, startYear: Math.floor(first / 12), endYear: Math.floor(last / 12) };
}

export const PERIOD_HELP = 'use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023';

export function parsePeriod(text: string, field: string[] = ['period']): Period {
  const p = tryParsePeriod(text);
  if (!p) throw badInput('INVALID_PERIOD', `"${truncate(text)}" is not a period: ${PERIOD_HELP}`, field);
  return p;
}

/** True when `inner` lies within `outer` (a year contains its halves, quarters and months). */
export const periodContains = (outer: Period, inner: Period) =>
  inner.startMonth >= outer.startMonth && inner.endMonth <= outer.endMonth;

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
