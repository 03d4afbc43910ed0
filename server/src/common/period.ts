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

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const GRAMMAR = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2])|\.\.(\d{4}))?$/;

const month = (year: number, m: number) => year * 12 + (m - 1);

export function tryParsePeriod(text: string): Period | null {
  const m = GRAMMAR.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const [, , sub, spanEnd] = m;
  if (spanEnd !== undefined) {
    const end = Number(spanEnd);
    if (end <= year || end > MAX_YEAR) return null;
    return { text, kind: 'SPAN', startMonth: month(year, 1), endMonth: month(end, 12), startYear: year, endYear: end };
  }
  if (sub === undefined) return { text, kind: 'YEAR', startMonth: month(year, 1), endMonth: month(year, 12), startYear: year, endYear: year };
  if (sub[0] === 'H') {
    const h = Number(sub[1]);
    return { text, kind: 'HALF', startMonth: month(year, h * 6 - 5), endMonth: month(year, h * 6), startYear: year, endYear: year };
  }
  if (sub[0] === 'Q') {
    const q = Number(sub[1]);
    return { text, kind: 'QUARTER', startMonth: month(year, q * 3 - 2), endMonth: month(year, q * 3), startYear: year, endYear: year };
  }
  const mm = Number(sub);
  return { text, kind: 'MONTH', startMonth: month(year, mm), endMonth: month(year, mm), startYear: year, endYear: year };
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
