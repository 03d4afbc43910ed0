import { tryParsePeriod, type Period } from '../common/period';
import { Dec, exactRatio, roundHalfAway, toDec, toNumber } from '../common/exact';
import { firstMonthOf, lastMonthOf } from '../common/year';
import { AchievementBand, ForecastMethod, ForecastOutcome } from './enums';

/**
 * Pure progress arithmetic (no SQL, no GraphQL): which observation a target is measured by, the
 * direction-aware ratio, the achievement band and the forecast outcome. See docs/api.md "Analytics" for
 * the definitions, including the edge cases (zero and negative values, no data).
 */

export type ComparatorValue = 'AT_LEAST' | 'AT_MOST';

/** What the computations need of an observation; `T` keeps the caller's own object. */
export interface DatedValue {
  period: string;
  startMonth: number;
  endMonth: number;
  value: number;
  status: string;
}

/** Month ordinals (year * 12 + month - 1) of a term's first and last month. */
export interface MonthWindow {
  startMonth: number;
  endMonth: number;
}

export const termWindow = (startYear: number, endYear: number): MonthWindow => ({
  startMonth: firstMonthOf(startYear),
  endMonth: lastMonthOf(endYear),
});

/** Band thresholds, compared with the ratio as returned (so a band always agrees with the ratio shown). */
export const ABOVE_80 = 0.8;
export const FROM_50 = 0.5;

/**
 * Rounds half away from zero at `decimals` (0–6), on the value's decimal (1.005 → 1.01; 49.95 → 50.0
 * with one decimal). Values are stored with at most 6 decimals, so this is exact.
 */
export const roundTo = (value: number, decimals: number): number => roundHalfAway(value, decimals);

/**
 * The progress observation (contract): the latest non-FORECAST observation whose period lies inside
 * the window (the term's years) and ends no later than `asOfEnd`; on equal end the longer span wins.
 */
export function chooseObservation<T extends DatedValue>(
  candidates: readonly T[],
  window: MonthWindow,
  asOfEnd: number | null,
): T | null {
  let best: T | null = null;
  for (const o of candidates) {
    if (o.status === 'FORECAST') continue;
    if (o.startMonth < window.startMonth || o.endMonth > window.endMonth) continue;
    if (asOfEnd !== null && o.endMonth > asOfEnd) continue;
    if (!best || o.endMonth > best.endMonth || (o.endMonth === best.endMonth && o.startMonth < best.startMonth))
      best = o;
  }
  return best;
}

/**
 * Whether `value` meets `target`, compared as shown: both rounded to the indicator's decimals
 * (so 49.96 with one decimal, shown as 50.0, meets "at least 50").
 */
export function meets(value: number, target: number, comparator: ComparatorValue, decimals: number): boolean {
  const v = roundTo(value, decimals);
  const t = roundTo(target, decimals);
  return comparator === 'AT_LEAST' ? v >= t : v <= t;
}

/**
 * value/target (AT_LEAST) or target/value (AT_MOST). A value equal to its target is 1 (also 0 of 0).
 * Null when the denominator is zero or negative: a share of a zero or negative quantity says nothing
 * about how far along a district is (the band then comes from the comparator alone).
 */
export function progressRatio(value: number, target: number, comparator: ComparatorValue): number | null {
  if (value === target) return 1;
  const [num, den] = comparator === 'AT_LEAST' ? [value, target] : [target, value];
  if (!(den > 0)) return null;
  return exactRatio(num, den);
}

/**
 * MET when the comparator holds; otherwise by ratio: ABOVE_80 (≥ 0.8), FROM_50_TO_80 (≥ 0.5), else
 * BELOW_50 (also when the ratio is undefined). NO_DATA without a value.
 */
export function achievementBand(
  value: number | null,
  target: number,
  comparator: ComparatorValue,
  decimals: number,
): { ratio: number | null; band: AchievementBand } {
  if (value === null) return { ratio: null, band: AchievementBand.NO_DATA };
  const ratio = progressRatio(value, target, comparator);
  if (meets(value, target, comparator, decimals)) return { ratio, band: AchievementBand.MET };
  if (ratio !== null && ratio >= ABOVE_80) return { ratio, band: AchievementBand.ABOVE_80 };
  if (ratio !== null && ratio >= FROM_50) return { ratio, band: AchievementBand.FROM_50_TO_80 };
  return { ratio, band: AchievementBand.BELOW_50 };
}

/**
 * EXCEED when the forecast beats the target, COMPLETE when it equals it at the indicator's decimals,
 * AT_RISK when it falls short. "Beats" follows the comparator: above for AT_LEAST, below for AT_MOST.
 */
export function forecastOutcome(
  forecast: number,
  target: number,
  comparator: ComparatorValue,
  decimals: number,
): ForecastOutcome {
  const f = roundTo(forecast, decimals);
  const t = roundTo(target, decimals);
  if (f === t) return ForecastOutcome.COMPLETE;
  const beats = comparator === 'AT_LEAST' ? f > t : f < t;
  return beats ? ForecastOutcome.EXCEED : ForecastOutcome.AT_RISK;
}

const kindOf = (p: DatedValue) => tryParsePeriod(p.period)?.kind ?? null;

/**
 * Projects the observed trend to the target's period, from `observed` (non-FORECAST values of the
 * unit × indicator inside the term window, ending no later than asOf). Null without any value.
 *
 * - Span target (2021..2025: an average rate or a multi-year total): the latest span value, as is.
 * - Year, half, quarter or month target (a level): constant compound growth through the first and
 *   the last observation of the same kind ending by the target's end, continued to the target's end
 *   (linear instead when either value is zero or negative); one such value is held constant.
 * - No value of the right kind: the latest value of any kind (`fallback`, the progress observation)
 *   is held constant.
 * The result is rounded to the indicator's decimals: a projection has no more precision than that.
 */
export function projectTrend(
  observed: readonly DatedValue[],
  target: Period,
  decimals: number,
  fallback: DatedValue | null,
): number | null {
  const usable = observed.filter((o) => o.status !== 'FORECAST' && o.endMonth <= target.endMonth);
  let projected: Dec | null = null;
  if (target.kind === 'SPAN') {
    const spans = usable.filter((o) => kindOf(o) === 'SPAN');
    const latest = chooseObservation(spans, { startMonth: -Infinity, endMonth: Infinity }, null);
    projected = latest ? toDec(latest.value) : null;
  } else {
    const series = usable.filter((o) => kindOf(o) === target.kind).sort((a, b) => a.endMonth - b.endMonth);
    if (series.length === 1) projected = toDec(series[0].value);
    else if (series.length > 1) {
      const first = toDec(series[0].value);
      const last = toDec(series[series.length - 1].value);
      // steps = (months from the last value to the target's end) / (months from the first to the last)
      const steps = new Dec(target.endMonth - series[series.length - 1].endMonth).div(
        series[series.length - 1].endMonth - series[0].endMonth,
      );
      projected =
        first.gt(0) && last.gt(0) ? last.times(last.div(first).pow(steps)) : last.plus(last.minus(first).times(steps));
    }
  }
  if (projected === null && fallback) projected = toDec(fallback.value);
  if (projected === null || !projected.isFinite()) return null;
  return toNumber(projected.toDecimalPlaces(Math.min(Math.max(Math.trunc(decimals), 0), 6), Dec.ROUND_HALF_UP));
}

export interface TargetSpec {
  period: string;
  value: number;
  comparator: ComparatorValue;
}

export interface ProgressInput<T extends DatedValue> {
  target: TargetSpec;
  /** The indicator's decimals: comparisons are made as values are shown. */
  decimals: number;
  /** The term's years as months. */
  window: MonthWindow;
  /** End month of `asOf`, or null for "everything stored". */
  asOfEnd: number | null;
  /** Observations of the term's unit × the target's indicator, any status and period. */
  observations: readonly T[];
}

export interface ProgressResult<T extends DatedValue> {
  observation: T | null;
  ratio: number | null;
  band: AchievementBand;
  forecast: ForecastOutcome | null;
  forecastValue: number | null;
  forecastMethod: ForecastMethod | null;
  forecastObservation: T | null;
}

/** Everything `Progress` shows for one target. */
export function evaluateProgress<T extends DatedValue>(input: ProgressInput<T>): ProgressResult<T> {
  const { target, decimals, window, asOfEnd, observations } = input;
  const targetPeriod = tryParsePeriod(target.period);
  const observation = chooseObservation(observations, window, asOfEnd);
  const { ratio, band } = achievementBand(
    observation ? observation.value : null,
    target.value,
    target.comparator,
    decimals,
  );

  // The forecast: a stored FORECAST value at exactly the target's period, else the observed trend.
  const forecastObservation = observations.find((o) => o.status === 'FORECAST' && o.period === target.period) ?? null;
  let forecastValue: number | null = null;
  let forecastMethod: ForecastMethod | null = null;
  if (forecastObservation) {
    forecastValue = forecastObservation.value;
    forecastMethod = ForecastMethod.FORECAST_VALUE;
  } else if (targetPeriod) {
    const observed = observations.filter(
      (o) =>
        o.startMonth >= window.startMonth &&
        o.endMonth <= window.endMonth &&
        (asOfEnd === null || o.endMonth <= asOfEnd),
    );
    forecastValue = projectTrend(observed, targetPeriod, decimals, observation);
    if (forecastValue !== null) forecastMethod = ForecastMethod.TREND_PROJECTION;
  }
  const forecast =
    forecastValue === null ? null : forecastOutcome(forecastValue, target.value, target.comparator, decimals);
  return { observation, ratio, band, forecast, forecastValue, forecastMethod, forecastObservation };
}

export interface ScorecardCounts {
  total: number;
  met: number;
  above80: number;
  from50To80: number;
  below50: number;
  noData: number;
  /** met / total, exact (11/27 = 0.407407…); 0 for a term without targets. */
  metShare: number;
  forecastExceed: number;
  forecastComplete: number;
  forecastAtRisk: number;
  forecastNone: number;
}

export function scorecardCounts(
  items: readonly { band: AchievementBand; forecast: ForecastOutcome | null }[],
): ScorecardCounts {
  const count = (band: AchievementBand) => items.filter((i) => i.band === band).length;
  const forecasts = (f: ForecastOutcome | null) => items.filter((i) => i.forecast === f).length;
  const met = count(AchievementBand.MET);
  return {
    total: items.length,
    met,
    above80: count(AchievementBand.ABOVE_80),
    from50To80: count(AchievementBand.FROM_50_TO_80),
    below50: count(AchievementBand.BELOW_50),
    noData: count(AchievementBand.NO_DATA),
    metShare: items.length ? exactRatio(met, items.length) : 0,
    forecastExceed: forecasts(ForecastOutcome.EXCEED),
    forecastComplete: forecasts(ForecastOutcome.COMPLETE),
    forecastAtRisk: forecasts(ForecastOutcome.AT_RISK),
    forecastNone: forecasts(null),
  };
}
