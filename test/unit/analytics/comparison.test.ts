import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../server/src/common/period';
import {
  assembleComparison,
  firstAfter,
  pickTarget,
  rowKey,
  type ComparisonInputRow,
  type TermTarget,
} from '../../../server/src/analytics/comparison';
import { AchievementBand } from '../../../server/src/analytics/enums';
import { termWindow } from '../../../server/src/analytics/progress';

const term = termWindow(2020, 2025);
let nextId = 1;
const target = (
  period: string,
  value: number,
  indicatorId = 1,
  comparator: 'AT_LEAST' | 'AT_MOST' = 'AT_LEAST',
): TermTarget => {
  const p = parsePeriod(period);
  return {
    targetId: nextId++,
    termStartMonth: term.startMonth,
    termEndMonth: term.endMonth,
    indicatorId,
    period,
    startMonth: p.startMonth,
    endMonth: p.endMonth,
    value,
    comparator,
  };
};
const row = (
  unitCode: string,
  period: string,
  value: number,
  indicatorId = 1,
  status = 'OFFICIAL',
): ComparisonInputRow => {
  const p = parsePeriod(period);
  return {
    observationId: nextId++,
    derived: false,
    complete: true,
    contributorIds: [],
    updatedAt: null,
    unitId: Number(unitCode),
    unitCode,
    level: unitCode.length === 5 ? 'COMMUNE' : 'DISTRICT',
    indicatorId,
    indicatorCode: `I${indicatorId}`,
    period,
    startMonth: p.startMonth,
    endMonth: p.endMonth,
    value,
    status,
    active: true,
  };
};

describe('pickTarget', () => {
  const t2023 = target('2023', 50);
  const t2025 = target('2025', 60);
  const tSpan = target('2021..2025', 10000);
  it('prefers the target at exactly the period', () => {
    expect(pickTarget(row('390', '2023', 1), [t2025, t2023, tSpan])).toBe(t2023);
  });
  it('else the nearest goal still ahead, of the same shape', () => {
    expect(pickTarget(row('390', '2024', 1), [t2025, t2023, tSpan])).toBe(t2025);
    expect(pickTarget(row('390', '2021..2023', 1), [t2025, t2023, tSpan])).toBe(tSpan);
  });
  it('none for periods outside the term or after every target', () => {
    expect(pickTarget(row('390', '2019', 1), [t2025])).toBeNull();
    expect(pickTarget(row('390', '2024', 1), [t2023])).toBeNull();
    expect(pickTarget(row('390', '2023', 1, 2), [t2023])).toBeNull();
  });
});

describe('assembleComparison', () => {
  it('ranks each indicator × period, measures against targets, orders by indicator, period, unit', () => {
    const rows = [
      row('392', '2023', 53.2),
      row('390', '2023', 50.04),
      row('391', '2023', 53.2),
      row('390', '2020', 38.05),
      row('390', '2025', 70, 1, 'FORECAST'),
      row('390', '2023', 4.6, 2),
      row('392', '2023', 3.1, 2),
      { ...row('405', '2021..2025', 9, 2), active: false },
    ];
    const indicators = new Map([
      [1, { direction: 'HIGHER_IS_BETTER' as const, decimals: 2 }],
      [2, { direction: 'LOWER_IS_BETTER' as const, decimals: 2 }],
    ]);
    const targets = new Map([[390, [target('2025', 60), target('2025', 3, 2, 'AT_MOST')]]]);
    const out = assembleComparison(rows, indicators, targets);
    expect(out.map((r) => [r.row.indicatorCode, r.row.period, r.row.unitCode, r.rank, r.rankOf])).toEqual([
      ['I1', '2020', '390', 1, 1],
      ['I1', '2023', '390', 3, 3],
      ['I1', '2023', '391', 1, 3],
      ['I1', '2023', '392', 1, 3],
      ['I1', '2025', '390', null, null],
      ['I2', '2021..2025', '405', null, null], // Đông Sơn: shown, not ranked after it ended
      ['I2', '2023', '390', 2, 2],
      ['I2', '2023', '392', 1, 2],
    ]);
    const camThuy2023 = out[1];
    expect(camThuy2023.target?.value).toBe(60);
    expect(camThuy2023.ratio).toBeCloseTo(50.04 / 60, 12);
    expect(camThuy2023.band).toBe(AchievementBand.ABOVE_80);
    expect(out[4].band).toBe(AchievementBand.MET);
    expect(out[6].band).toBe(AchievementBand.FROM_50_TO_80);
    expect(out[2].target).toBeNull();
    expect(out[2].band).toBeNull();
  });

  it('ranks districts among districts and communes among communes; a reused commune code sorts by unit id', () => {
    const indicators = new Map([[1, { direction: 'HIGHER_IS_BETTER' as const, decimals: 1 }]]);
    const rows = [
      row('392', '2024', 50),
      row('390', '2024', 60),
      row('14812', '2024', 40),
      row('14797', '2024', 70),
      row('14758', '2024', 40),
      // The same code, two units (old and new commune), one period spanning the change.
      { ...row('14758', '2025', 1), unitId: 90001 },
      { ...row('14758', '2025', 2), unitId: 80001 },
    ];
    const out = assembleComparison(rows, indicators, new Map());
    expect(out.map((r) => [r.row.unitCode, r.row.level, r.row.period, r.rank, r.rankOf])).toEqual([
      ['14758', 'COMMUNE', '2024', 2, 3],
      ['14797', 'COMMUNE', '2024', 1, 3],
      ['14812', 'COMMUNE', '2024', 2, 3],
      ['390', 'DISTRICT', '2024', 1, 2],
      ['392', 'DISTRICT', '2024', 2, 2],
      ['14758', 'COMMUNE', '2025', 1, 2],
      ['14758', 'COMMUNE', '2025', 2, 2],
    ]);
    expect(out.slice(-2).map((r) => r.row.unitId)).toEqual([80001, 90001]);
    // Keys are unique, so a cursor between the two units of one code loses neither.
    const keys = out.map((r) => JSON.stringify(rowKey(r.row)));
    expect(new Set(keys).size).toBe(out.length);
    expect(firstAfter(out, rowKey(out[5].row))).toBe(6);
  });
});
