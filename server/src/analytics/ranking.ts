import { roundTo } from './progress';

export type DirectionValue = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface Ranked<T> {
  item: T;
  rank: number;
  of: number;
}

/**
 * Standard competition ranking ("1224"): items are ordered best first by `direction`, values are
 * compared as shown (rounded to the indicator's decimals), equal values share a rank and the next
 * rank skips (1, 2, 2, 4); `of` is the number ranked. `tieBreak` only orders items within a tie
 * (e.g. by unit code) so the output is deterministic.
 */
export function competitionRank<T>(
  items: readonly T[],
  value: (item: T) => number,
  direction: DirectionValue,
  decimals: number,
  tieBreak: (a: T, b: T) => number = () => 0,
): Ranked<T>[] {
  const sign = direction === 'LOWER_IS_BETTER' ? 1 : -1;
  const keyed = items.map((item) => ({ item, key: roundTo(value(item), decimals) }));
  keyed.sort((a, b) => sign * (a.key - b.key) || tieBreak(a.item, b.item));
  const out: Ranked<T>[] = [];
  for (let i = 0; i < keyed.length; i++) {
    const rank = i > 0 && keyed[i].key === keyed[i - 1].key ? out[i - 1].rank : i + 1;
    out.push({ item: keyed[i].item, rank, of: keyed.length });
  }
  return out;
}
