import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../server/src/common/period';
import { activeAtPeriodEnd, lastDayOfMonth } from '../../../server/src/analytics/active';
import { computeChange } from '../../../server/src/analytics/change';
import { competitionRank } from '../../../server/src/analytics/ranking';

describe('competitionRank', () => {
  const items = [
    { code: 'a', v: 10 },
    { code: 'b', v: 30 },
    { code: 'c', v: 20 },
    { code: 'd', v: 20 },
    { code: 'e', v: 5 },
  ];
  const byCode = (x: { code: string }, y: { code: string }) => (x.code < y.code ? -1 : 1);
  it('ranks higher-is-better descending with shared ranks and gaps (1, 2, 2, 4)', () => {
    const r = competitionRank(items, (i) => i.v, 'HIGHER_IS_BETTER', 0, byCode);
    expect(r.map((x) => [x.item.code, x.rank, x.of])).toEqual([
      ['b', 1, 5],
      ['c', 2, 5],
      ['d', 2, 5],
      ['a', 4, 5],
      ['e', 5, 5],
    ]);
  });
  it('ranks lower-is-better ascending', () => {
    const r = competitionRank(items, (i) => i.v, 'LOWER_IS_BETTER', 0, byCode);
    expect(r.map((x) => [x.item.code, x.rank])).toEqual([
      ['e', 1],
      ['a', 2],
      ['c', 3],
      ['d', 3],
      ['b', 5],
    ]);
  });
  it('ties are judged at the indicator decimals; negatives order correctly', () => {
    const r = competitionRank(
      [
        { code: 'x', v: 7.341 },
        { code: 'y', v: 7.338 },
        { code: 'z', v: -1 },
      ],
      (i) => i.v,
      'HIGHER_IS_BETTER',
      2,
      byCode,
    );
    expect(r.map((x) => [x.item.code, x.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
    expect(competitionRank([], (i: { v: number }) => i.v, 'HIGHER_IS_BETTER', 0)).toEqual([]);
  });
});

describe('computeChange', () => {
  const end = (p: string) => parsePeriod(p).endMonth;
  it('1.41× 2020 with its compound annual growth', () => {
    const c = computeChange(141, end('2023'), 100, end('2020'))!;
    expect(c.ratio).toBeCloseTo(1.41, 12);
    expect(c.difference).toBe(41);
    expect(c.years).toBe(3);
    expect(c.cagr).toBeCloseTo(1.41 ** (1 / 3) - 1, 12);
    expect(c.cagr).toBeCloseTo(0.1213, 4);
  });
  it('difference is exact to the stored scale', () => {
    expect(computeChange(50.04, end('2023'), 38.05, end('2020'))!.difference).toBe(11.99);
  });
  it('cagr null when not whole years apart, or zero years', () => {
    expect(computeChange(2, end('2023-H1'), 1, end('2020'))!.cagr).toBeNull();
    expect(computeChange(2, end('2021..2023'), 1, end('2023'))).toMatchObject({ years: null, cagr: null, ratio: 2 });
  });
  it('a later base gives the forward growth rate all the same', () => {
    const c = computeChange(100, end('2020'), 141, end('2023'))!;
    expect(c.years).toBe(-3);
    expect(c.cagr).toBeCloseTo(1.41 ** (1 / 3) - 1, 12);
  });
  it('zero base: no change; negative values: ratio and difference, no cagr', () => {
    expect(computeChange(5, end('2023'), 0, end('2020'))).toBeNull();
    expect(computeChange(-2, end('2023'), 4, end('2020'))).toMatchObject({ ratio: -0.5, difference: -6, cagr: null });
    expect(computeChange(-4, end('2023'), -2, end('2020'))).toMatchObject({ ratio: 2, difference: -2, cagr: null });
    expect(computeChange(0, end('2022'), 4, end('2020'))!.cagr).toBe(-1);
  });
});

describe('activeAtPeriodEnd', () => {
  const dongSon = { validFrom: null, validTo: '2024-12-31' };
  it('a unit is active at a period when it existed on its last day', () => {
    expect(lastDayOfMonth(parsePeriod('2024-02').endMonth)).toBe('2024-02-29');
    expect(lastDayOfMonth(parsePeriod('2023-H1').endMonth)).toBe('2023-06-30');
    expect(activeAtPeriodEnd(dongSon, parsePeriod('2024').endMonth)).toBe(true);
    expect(activeAtPeriodEnd(dongSon, parsePeriod('2021..2024').endMonth)).toBe(true);
    expect(activeAtPeriodEnd(dongSon, parsePeriod('2025-01').endMonth)).toBe(false);
    expect(activeAtPeriodEnd(dongSon, parsePeriod('2021..2025').endMonth)).toBe(false);
    expect(activeAtPeriodEnd({ validFrom: '2025-07-01', validTo: null }, parsePeriod('2025-H1').endMonth)).toBe(false);
  });
});
