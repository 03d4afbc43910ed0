import { compoundGrowth, exactDifference, exactRatio } from '../common/exact';

export interface ChangeResult {
  /** value / base, the double nearest the exact quotient; how many times the base ("gấp 1,41 lần"). */
  ratio: number;
  /** value − base, exact to the stored scale (6 decimals). */
  difference: number;
  /** Whole years between the two periods' ends (negative when the base is later); null when not whole. */
  years: number | null;
  /**
   * ratio^(1/years) − 1: the constant annual growth from the earlier to the later value (years < 0: the
   * base is later, ratio^(1/years) = (base/value)^(1/|years|), still growth forward in time). Computed
   * on decimals (common/exact.ts compoundGrowth), 15 significant digits.
   */
  cagr: number | null;
}

/**
 * Change of a value against a base value of the same unit and indicator (contract: Change).
 * Null when the base is zero (no ratio exists). `cagr` is null when the periods' ends are not a
 * whole, non-zero number of years apart, or when growth is undefined: a zero or negative base, or a
 * negative value (a ratio across a change of sign has no annual rate).
 */
export function computeChange(
  value: number,
  valueEndMonth: number,
  base: number,
  baseEndMonth: number,
): ChangeResult | null {
  if (base === 0) return null;
  const ratio = exactRatio(value, base);
  const months = valueEndMonth - baseEndMonth;
  const years = months !== 0 && months % 12 === 0 ? months / 12 : null;
  let cagr: number | null = null;
  if (years !== null && base > 0 && value >= 0) {
    // 0 over a later base: growth from 0 has no rate (0^(−1/n) is infinite).
    if (value === 0) cagr = years > 0 ? -1 : null;
    else cagr = compoundGrowth(value, base, years);
  }
  return { ratio, difference: exactDifference(value, base), years, cagr };
}
