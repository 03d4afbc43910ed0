import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../server/src/common/period';
import { AchievementBand, ForecastMethod, ForecastOutcome } from '../../../server/src/analytics/enums';
import {
  achievementBand,
  chooseObservation,
  evaluateProgress,
  forecastOutcome,
  meets,
  progressRatio,
  projectTrend,
  roundTo,
  scorecardCounts,
  termWindow,
  type DatedValue,
} from '../../../server/src/analytics/progress';

const obs = (period: string, value: number, status = 'OFFICIAL'): DatedValue => {
  const p = parsePeriod(period);
  return { period, startMonth: p.startMonth, endMonth: p.endMonth, value, status };
};
const TERM = termWindow(2020, 2025);

describe('roundTo', () => {
  it('rounds half away from zero, robust to binary fractions', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(49.96, 1)).toBe(50);
    expect(roundTo(53.2, 2)).toBe(53.2);
    expect(roundTo(28864.4, 0)).toBe(28864);
    expect(roundTo(-0.0001, 2)).toBe(0);
    expect(Object.is(roundTo(-0.0001, 2), -0)).toBe(false);
  });
});

describe('chooseObservation (contract: latest in the term window, by asOf, longer span on equal end, no FORECAST)', () => {
  const all = [
    obs('2019', 1),
    obs('2021', 2),
    obs('2023-H1', 3),
    obs('2023', 4),
    obs('2021..2023', 5),
    obs('2024', 6, 'FORECAST'),
    obs('2026', 7),
  ];
  it('takes the latest end inside the term, the longer span on a tie, never a FORECAST', () => {
    expect(chooseObservation(all, TERM, null)?.value).toBe(5);
  });
  it('honours asOf (its end)', () => {
    expect(chooseObservation(all, TERM, parsePeriod('2023-H1').endMonth)?.value).toBe(3);
    expect(chooseObservation(all, TERM, parsePeriod('2022').endMonth)?.value).toBe(2);
    expect(chooseObservation(all, TERM, parsePeriod('2023-Q2').endMonth)?.value).toBe(3);
    expect(chooseObservation(all, TERM, parsePeriod('2020').endMonth)).toBeNull();
  });
  it('ignores periods reaching outside the term', () => {
    expect(chooseObservation([obs('2019..2021', 1), obs('2025..2026', 2)], TERM, null)).toBeNull();
    expect(chooseObservation([obs('2020', 1), obs('2025-12', 2)], TERM, null)?.value).toBe(2);
  });
});

describe('progressRatio and achievementBand', () => {
  it('is value/target for AT_LEAST and target/value for AT_MOST', () => {
    expect(progressRatio(5540, 10000, 'AT_LEAST')).toBeCloseTo(0.554, 12);
    expect(progressRatio(4.6, 3, 'AT_MOST')).toBeCloseTo(3 / 4.6, 12);
  });
  it('bands: MET by the comparator, then ≥ 0.8, ≥ 0.5, below', () => {
    expect(achievementBand(10, 10, 'AT_LEAST', 0)).toEqual({ ratio: 1, band: AchievementBand.MET });
    expect(achievementBand(12, 10, 'AT_LEAST', 0).band).toBe(AchievementBand.MET);
    expect(achievementBand(8, 10, 'AT_LEAST', 0)).toEqual({ ratio: 0.8, band: AchievementBand.ABOVE_80 });
    expect(achievementBand(7.99, 10, 'AT_LEAST', 2).band).toBe(AchievementBand.FROM_50_TO_80);
    expect(achievementBand(5, 10, 'AT_LEAST', 0).band).toBe(AchievementBand.FROM_50_TO_80);
    expect(achievementBand(4.99, 10, 'AT_LEAST', 2).band).toBe(AchievementBand.BELOW_50);
    expect(achievementBand(null, 10, 'AT_LEAST', 0)).toEqual({ ratio: null, band: AchievementBand.NO_DATA });
  });
  it('lower is better: AT_MOST met at or below the target, graded by target/value', () => {
    expect(achievementBand(2.5, 3, 'AT_MOST', 2).band).toBe(AchievementBand.MET);
    expect(achievementBand(3.5, 3, 'AT_MOST', 2).band).toBe(AchievementBand.ABOVE_80); // 0.857
    expect(achievementBand(4.6, 3, 'AT_MOST', 2).band).toBe(AchievementBand.FROM_50_TO_80); // 0.652
    expect(achievementBand(7, 3, 'AT_MOST', 2).band).toBe(AchievementBand.BELOW_50); // 0.43
  });
  it('compares as shown: at the indicator decimals', () => {
    expect(meets(49.96, 50, 'AT_LEAST', 1)).toBe(true);
    expect(meets(49.94, 50, 'AT_LEAST', 1)).toBe(false);
    expect(achievementBand(49.96, 50, 'AT_LEAST', 1).band).toBe(AchievementBand.MET);
  });
  it('target of zero: met or not by the comparator, ratio null unless equal', () => {
    expect(achievementBand(0, 0, 'AT_LEAST', 0)).toEqual({ ratio: 1, band: AchievementBand.MET });
    expect(achievementBand(3, 0, 'AT_LEAST', 0)).toEqual({ ratio: null, band: AchievementBand.MET });
    expect(achievementBand(-1, 0, 'AT_LEAST', 0)).toEqual({ ratio: null, band: AchievementBand.BELOW_50 });
    expect(achievementBand(0, 0, 'AT_MOST', 0)).toEqual({ ratio: 1, band: AchievementBand.MET });
    expect(achievementBand(5, 0, 'AT_MOST', 0)).toEqual({ ratio: 0, band: AchievementBand.BELOW_50 });
    expect(achievementBand(0, 5, 'AT_MOST', 0)).toEqual({ ratio: null, band: AchievementBand.MET });
  });
  it('negative values: a negative share counts as below 50; a negative target gives no ratio', () => {
    expect(achievementBand(-2, 5, 'AT_LEAST', 1)).toEqual({ ratio: -0.4, band: AchievementBand.BELOW_50 });
    expect(achievementBand(-0.5, -1, 'AT_LEAST', 1)).toEqual({ ratio: null, band: AchievementBand.MET });
    expect(achievementBand(-2, -1, 'AT_LEAST', 1)).toEqual({ ratio: null, band: AchievementBand.BELOW_50 });
    expect(achievementBand(-1, 2, 'AT_MOST', 1)).toEqual({ ratio: null, band: AchievementBand.MET });
  });
});

describe('forecastOutcome', () => {
  it('EXCEED / COMPLETE (equal at the decimals) / AT_RISK, following the comparator', () => {
    expect(forecastOutcome(10.04, 10, 'AT_LEAST', 1)).toBe(ForecastOutcome.COMPLETE);
    expect(forecastOutcome(10.06, 10, 'AT_LEAST', 1)).toBe(ForecastOutcome.EXCEED);
    expect(forecastOutcome(9.9, 10, 'AT_LEAST', 1)).toBe(ForecastOutcome.AT_RISK);
    expect(forecastOutcome(2.9, 3, 'AT_MOST', 1)).toBe(ForecastOutcome.EXCEED);
    expect(forecastOutcome(3.2, 3, 'AT_MOST', 1)).toBe(ForecastOutcome.AT_RISK);
  });
});

describe('projectTrend', () => {
  it("levels: constant compound growth through the first and last values of the target's kind", () => {
    // 100 (2020) → 121 (2022): 10 %/year → 2025: 121 × 1.1³ = 161.05
    expect(projectTrend([obs('2020', 100), obs('2021', 105), obs('2022', 121)], parsePeriod('2025'), 2, null)).toBe(
      161.05,
    );
    // a falling poor-household rate: 6.0 → 4.86 over 2 years (−10 %/year) → 2025: 4.86 × 0.9² = 3.94
    expect(projectTrend([obs('2021', 6), obs('2023', 4.86)], parsePeriod('2025'), 2, null)).toBe(3.94);
  });
  it('levels through zero or negative values: linear', () => {
    expect(projectTrend([obs('2021', -2), obs('2023', 2)], parsePeriod('2025'), 1, null)).toBe(6);
  });
  it('one value of the kind is held; values after the target period are not used', () => {
    expect(projectTrend([obs('2022', 50), obs('2024', 90)], parsePeriod('2023'), 0, null)).toBe(50);
  });
  it('rates over spans: the last span value', () => {
    expect(
      projectTrend([obs('2021..2022', 7), obs('2021..2023', 7.34), obs('2023', 9)], parsePeriod('2021..2025'), 2, null),
    ).toBe(7.34);
  });
  it("no value of the target's kind: the fallback (the progress observation) is held", () => {
    const h1 = obs('2023-H1', 10, 'PRELIMINARY');
    expect(projectTrend([h1], parsePeriod('2025'), 0, h1)).toBe(10);
    expect(projectTrend([], parsePeriod('2025'), 0, null)).toBeNull();
  });
});

describe('evaluateProgress', () => {
  const target = { period: '2025', value: 60, comparator: 'AT_LEAST' as const };
  it('uses a stored FORECAST at the target period first', () => {
    const r = evaluateProgress({
      target,
      decimals: 2,
      window: TERM,
      asOfEnd: null,
      observations: [obs('2020', 40), obs('2023', 53.2, 'ESTIMATED'), obs('2025', 60, 'FORECAST')],
    });
    expect(r.observation?.value).toBe(53.2);
    expect(r.band).toBe(AchievementBand.ABOVE_80);
    expect(r.ratio).toBeCloseTo(53.2 / 60, 12);
    expect(r).toMatchObject({
      forecast: ForecastOutcome.COMPLETE,
      forecastValue: 60,
      forecastMethod: ForecastMethod.FORECAST_VALUE,
    });
    expect(r.forecastObservation?.status).toBe('FORECAST');
  });
  it('otherwise projects the trend', () => {
    const r = evaluateProgress({
      target,
      decimals: 2,
      window: TERM,
      asOfEnd: null,
      observations: [obs('2020', 40), obs('2023', 53.2)],
    });
    expect(r.forecastMethod).toBe(ForecastMethod.TREND_PROJECTION);
    expect(r.forecastValue).toBe(roundTo(53.2 * (53.2 / 40) ** (2 / 3), 2));
    expect(r.forecast).toBe(ForecastOutcome.EXCEED);
    expect(r.forecastObservation).toBeNull();
  });
  it('no data: NO_DATA, no forecast', () => {
    expect(
      evaluateProgress({ target, decimals: 2, window: TERM, asOfEnd: null, observations: [obs('2019', 1)] }),
    ).toMatchObject({
      observation: null,
      ratio: null,
      band: AchievementBand.NO_DATA,
      forecast: null,
      forecastValue: null,
      forecastMethod: null,
    });
  });
  it('asOf also limits the trend', () => {
    const r = evaluateProgress({
      target,
      decimals: 2,
      window: TERM,
      asOfEnd: parsePeriod('2022').endMonth,
      observations: [obs('2020', 40), obs('2022', 50), obs('2023', 30)],
    });
    expect(r.observation?.value).toBe(50);
    expect(r.forecastValue).toBe(roundTo(50 * (50 / 40) ** 1.5, 2));
  });
});

describe('scorecardCounts', () => {
  it('counts bands and forecasts; metShare is the exact ratio (11/27)', () => {
    const items = [
      ...Array(11).fill({ band: AchievementBand.MET, forecast: ForecastOutcome.EXCEED }),
      ...Array(10).fill({ band: AchievementBand.ABOVE_80, forecast: ForecastOutcome.COMPLETE }),
      ...Array(4).fill({ band: AchievementBand.BELOW_50, forecast: ForecastOutcome.AT_RISK }),
      ...Array(2).fill({ band: AchievementBand.NO_DATA, forecast: null }),
    ];
    const c = scorecardCounts(items);
    expect(c).toMatchObject({
      total: 27,
      met: 11,
      above80: 10,
      from50To80: 0,
      below50: 4,
      noData: 2,
      forecastExceed: 11,
      forecastComplete: 10,
      forecastAtRisk: 4,
      forecastNone: 2,
    });
    expect(c.metShare).toBe(11 / 27);
    expect(c.metShare).toBeCloseTo(0.4074, 4);
    expect(scorecardCounts([]).metShare).toBe(0);
  });
});
