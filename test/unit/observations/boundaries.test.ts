import { describe, expect, it } from 'vitest';
import {
  closePredecessors,
  deriveValues,
  exactSum,
  exactWeightedMean,
  fromScaled,
  toScaled,
  type Contributor,
  type Rule,
  type SourceValue,
} from '../../../server/src/observations/boundaries';

const at = new Date('2025-01-01T00:00:00Z');
const v = (unitId: number, indicatorId: number, value: number, status = 'OFFICIAL', period = '2023'): SourceValue => ({
  unitId,
  indicatorId,
  period,
  startMonth: 2023 * 12,
  endMonth: 2023 * 12 + 11,
  value,
  status,
  updatedAt: new Date(at.getTime() + unitId * 1000),
});
const SUM: Rule = { aggregation: 'SUM', weightIndicatorId: null };
const NONE: Rule = { aggregation: 'NONE', weightIndicatorId: null };
const MEAN: Rule = { aggregation: 'WEIGHTED_MEAN', weightIndicatorId: 9 };
const full = (...ids: number[]): Contributor[] => ids.map((unitId) => ({ unitId, kind: 'FULL' }));

describe('decimal arithmetic at the stored scale', () => {
  it('reads a stored value as millionths and back without loss', () => {
    for (const x of [0, 0.000001, -0.000001, 600.6, -12.5, 53.2, 1e-6 * 7])
      expect(fromScaled(toScaled(x))).toBe(Number(x.toFixed(6)));
  });
  it('sums exactly where binary floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(exactSum([0.1, 0.2])).toBe(0.3);
    expect(exactSum([100.1, 200.2, 300.3])).toBe(600.6);
    expect(exactSum([-0.000001, 0.000001])).toBe(0);
    // Every sum of random 6-decimal values equals the integer sum of millionths.
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2e6 - 1e6;
    for (let i = 0; i < 500; i++) {
      const xs = Array.from({ length: 1 + (i % 9) }, () => Number(rand().toFixed(6)));
      const millionths = xs.reduce((s, x) => s + BigInt(Math.round(x * 1e6)), 0n);
      expect(exactSum(xs)).toBe(Number(millionths) / 1e6);
    }
  });
  it('weighs and rounds half away from zero at 6 decimals', () => {
    expect(
      exactWeightedMean([
        { value: 50, weight: 800 },
        { value: 60, weight: 1800 },
        { value: 55, weight: 1000 },
      ]),
    ).toBe(56.388889);
    expect(
      exactWeightedMean([
        { value: 0.0000005, weight: 1 },
        { value: 0, weight: 1 },
      ]),
    ).toBe(0); // 0.00000025 → 0
    expect(
      exactWeightedMean([
        { value: 0.000001, weight: 1 },
        { value: 0, weight: 1 },
      ]),
    ).toBe(0.000001); // 0.0000005 → up
    expect(
      exactWeightedMean([
        { value: -0.000001, weight: 1 },
        { value: 0, weight: 1 },
      ]),
    ).toBe(-0.000001);
    expect(exactWeightedMean([{ value: 5, weight: 0 }])).toBeNull();
  });
});

/** deriveValues for target 100 whose direct predecessors are `preds` (none of them in force). */
const derive100 = (
  preds: Contributor[],
  values: SourceValue[],
  rules: ReadonlyMap<number, Rule>,
  wanted: (id: number) => boolean,
) =>
  deriveValues([100], { predecessorsOf: new Map([[100, preds]]), inForce: (id) => id === 100 }, values, rules, wanted);

describe('deriveValues', () => {
  const rules = new Map<number, Rule>([
    [1, SUM],
    [2, NONE],
    [3, MEAN],
    [9, SUM],
  ]);
  const all = () => true;

  it('sums the contributors, keeps the least final status and the latest write, and lists who contributed', () => {
    const out = derive100(
      full(1, 2, 3),
      [v(1, 1, 1.1), v(2, 1, 2.2, 'ESTIMATED'), v(3, 1, 3.3, 'PRELIMINARY')],
      rules,
      all,
    );
    expect(out).toEqual([
      expect.objectContaining({
        unitId: 100,
        indicatorId: 1,
        value: 6.6,
        status: 'ESTIMATED',
        complete: true,
        contributorIds: [1, 2, 3],
        updatedAt: new Date(at.getTime() + 3000),
      }),
    ]);
  });

  it('is incomplete with a missing contributor or a PARTIAL link', () => {
    expect(derive100(full(1, 2), [v(1, 1, 5)], rules, all)[0]).toMatchObject({
      value: 5,
      complete: false,
    });
    const partial: Contributor[] = [...full(1), { unitId: 2, kind: 'PARTIAL' }];
    expect(derive100(partial, [v(1, 1, 5), v(2, 1, 6)], rules, all)[0]).toMatchObject({
      value: 11,
      complete: false,
    });
  });

  it('FORECAST makes the combination a forecast', () => {
    expect(derive100(full(1, 2), [v(1, 1, 5), v(2, 1, 6, 'FORECAST')], rules, all)[0].status).toBe('FORECAST');
  });

  it('NONE carries a value over only from a single, whole predecessor', () => {
    expect(derive100(full(1), [v(1, 2, 7.5)], rules, all)).toMatchObject([{ value: 7.5, complete: true }]);
    expect(derive100(full(1, 2), [v(1, 2, 7.5), v(2, 2, 8)], rules, all)).toEqual([]);
    expect(derive100([{ unitId: 1, kind: 'PARTIAL' }], [v(1, 2, 7.5)], rules, all)).toEqual([]);
  });

  it('WEIGHTED_MEAN uses the weight indicator at the same period, and only contributors that have both', () => {
    const values = [v(1, 3, 50), v(2, 3, 60), v(3, 3, 99), v(1, 9, 800), v(2, 9, 1800)];
    const [d] = derive100(full(1, 2, 3), values, rules, (id) => id === 3);
    expect(d).toMatchObject({ indicatorId: 3, value: 56.923077, complete: false, contributorIds: [1, 2] });
    // No weight at all: nothing to say.
    expect(derive100(full(1), [v(1, 3, 50)], rules, (id) => id === 3)).toEqual([]);
  });

  it("never derives over the target's own value, nor for indicators not wanted or without a rule", () => {
    expect(derive100(full(1), [v(1, 1, 5), v(100, 1, 4)], rules, all)).toEqual([]);
    expect(derive100(full(1), [v(1, 1, 5)], rules, () => false)).toEqual([]);
    expect(derive100(full(1), [v(1, 77, 5)], rules, all)).toEqual([]);
  });

  it('derives each period separately', () => {
    const out = derive100(full(1, 2), [v(1, 1, 1), v(2, 1, 2), v(1, 1, 10, 'OFFICIAL', '2022')], rules, all);
    expect(out.map((d) => [d.period, d.value, d.complete]).sort()).toEqual([
      ['2022', 10, false],
      ['2023', 3, true],
    ]);
  });
});

describe('chains of reorganisations', () => {
  // 1 and 2 formed 10 (2022); 10 and 3 formed 100 (2025).
  const lineage = {
    predecessorsOf: new Map<number, Contributor[]>([
      [100, full(10, 3)],
      [10, full(1, 2)],
    ]),
    inForce: (id: number) => id === 100,
  };
  const rules = new Map<number, Rule>([[1, SUM]]);
  const at = (unitId: number, value: number, period: string) => v(unitId, 1, value, 'OFFICIAL', period);

  it("takes an intermediate unit's own figure for the periods it reported, its predecessors' before", () => {
    const values = [at(10, 30, '2023'), at(3, 5, '2023'), at(1, 10, '2021'), at(2, 11, '2021'), at(3, 4, '2021')];
    const out = deriveValues([100], lineage, values, rules, () => true);
    expect(out.map((d) => [d.period, d.value, d.complete, d.contributorIds]).sort()).toEqual([
      ['2021', 25, true, [1, 2, 3]],
      ['2023', 35, true, [3, 10]],
    ]);
  });

  it('is incomplete when a unit deep in the chain did not report', () => {
    const out = deriveValues([100], lineage, [at(1, 10, '2021'), at(3, 4, '2021')], rules, () => true);
    expect(out.map((d) => [d.value, d.complete])).toEqual([[14, false]]);
  });
});

describe('closePredecessors', () => {
  it('follows chains, composes PARTIAL, prefers a whole path, and stops at units in force', () => {
    // 1 → 10 (FULL), 2 → 10 (PARTIAL), 10 → 100 (FULL), 3 → 100 (FULL), 4 (in force) → 100.
    const links = new Map<number, Contributor[]>([
      [100, [...full(10, 3), { unitId: 4, kind: 'FULL' }]],
      [10, [...full(1), { unitId: 2, kind: 'PARTIAL' }]],
    ]);
    const out = closePredecessors([100, 5], links, (id) => id === 4);
    expect(out.get(100)).toEqual([
      { unitId: 1, kind: 'FULL' },
      { unitId: 2, kind: 'PARTIAL' },
      { unitId: 3, kind: 'FULL' },
      { unitId: 10, kind: 'FULL' },
    ]);
    expect(out.get(5)).toEqual([]);
  });
});
