import { parsePeriod as parseCanonical, PERIOD_HELP, periodMonths } from '../../../schema/contract/period';
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
 * One grammar for server and add-in (the contract's period module); the server adds the month
 * bounds it stores and queries with.
 */
export function tryParsePeriod(text: string): Period | null {
  const p = parseCanonical(text);
  if (!p) return null;
  const { first, last } = periodMonths(p);
  return {
    text,
    kind: p.kind,
    startMonth: first,
    endMonth: last,
    startYear: Math.floor(first / 12),
    endYear: Math.floor(last / 12),
  };
}

export { PERIOD_HELP };

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
