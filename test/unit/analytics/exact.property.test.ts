import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../server/src/common/period';
import { computeChange } from '../../../server/src/analytics/change';
import { AchievementBand } from '../../../server/src/analytics/enums';
import { achievementBand, roundTo, scorecardCounts } from '../../../server/src/analytics/progress';

/**
 * Ratios, shares and changes against decimal.js computed independently of the server's code: the
 * stored decimals are built from integer millionths (not from the doubles the server sees), divided
 * at 80 significant digits and converted to the nearest double. The server must return exactly that
 * double, and bands must agree with the ratio it returns. 10,000 seeded cases each.
 */

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
/** Roots at 50 digits (80 would take seconds): still 10 digits beyond the server's 40. */
const D50 = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
const RUNS = { seed: 20261201, numRuns: 10_000 };

/** Keeps the 15 leading significant digits: all a Float (a double) carries of a decimal. */
const fifteenDigits = (m: bigint) => {
  const digits = (m < 0n ? -m : m).toString().length;
  const cut = 10n ** BigInt(Math.max(0, digits - 15));
  return (m / cut) * cut;
};
/** A stored value: an integer count of millionths, small (the usual figures) or up to DECIMAL(20,6). */
const millionths = fc.oneof(
  fc.bigInt({ min: -100_000_000n, max: 100_000_000n }), // |v| ≤ 100
  fc.bigInt({ min: -1_000_000_000_000_000n, max: 1_000_000_000_000_000n }), // |v| ≤ 10⁹
  fc.bigInt({ min: -(10n ** 20n) + 1n, max: 10n ** 20n - 1n }).map(fifteenDigits), // |v| < 10¹⁴
  fc.integer({ min: -200, max: 200 }).map((n) => BigInt(n) * 100_000n), // one decimal: 1.2, 1.5, 0.8 …
);
const dec = (m: bigint) => new D(m.toString()).div(1_000_000);
/** The double the server reads from the database for that decimal. */
const stored = (m: bigint) => Number(dec(m).toString());
const nearest = (d: Decimal) => {
  const n = Number(d.toString());
  return n === 0 ? 0 : n;
};

describe('exact ratios, shares and changes (property, decimal.js reference)', () => {
  it('1.2 against "at least 1.5" is 0.8 and ABOVE_80', () => {
    expect(achievementBand(1.2, 1.5, 'AT_LEAST', 2)).toEqual({ ratio: 0.8, band: AchievementBand.ABOVE_80 });
    expect(achievementBand(1.5, 1.2, 'AT_MOST', 2)).toEqual({ ratio: 0.8, band: AchievementBand.ABOVE_80 });
  });

  it('progress ratio is the nearest double of the exact quotient; bands follow it', () => {
    fc.assert(
      fc.property(
        millionths,
        millionths,
        fc.constantFrom('AT_LEAST' as const, 'AT_MOST' as const),
        fc.integer({ min: 0, max: 6 }),
        (vm, tm, comparator, decimals) => {
          const value = stored(vm);
          const target = stored(tm);
          const { ratio, band } = achievementBand(value, target, comparator, decimals);
          const [num, den] = comparator === 'AT_LEAST' ? [vm, tm] : [tm, vm];
          const expected = vm === tm ? 1 : den > 0n ? nearest(dec(num).div(dec(den))) : null;
          expect(ratio).toBe(expected);
          // The partial bands are decided by the ratio as returned.
          if (band === AchievementBand.ABOVE_80) expect(ratio).toBeGreaterThanOrEqual(0.8);
          if (band === AchievementBand.FROM_50_TO_80) {
            expect(ratio).toBeGreaterThanOrEqual(0.5);
            expect(ratio).toBeLessThan(0.8);
          }
          if (band === AchievementBand.BELOW_50 && ratio !== null) expect(ratio).toBeLessThan(0.5);
          if (ratio !== null && ratio >= 0.8) expect([AchievementBand.MET, AchievementBand.ABOVE_80]).toContain(band);
        },
      ),
      RUNS,
    );
  });

  it("rounding to the indicator's decimals is half away from zero on the decimal (MET, COMPLETE, ranks)", () => {
    expect([roundTo(49.95, 1), roundTo(49.94, 1), roundTo(1.005, 2), roundTo(-2.5, 0), roundTo(0.5, 0)]).toEqual([
      50, 49.9, 1.01, -3, 1,
    ]);
    fc.assert(
      fc.property(millionths, fc.integer({ min: 0, max: 6 }), (m, decimals) => {
        expect(roundTo(stored(m), decimals)).toBe(nearest(dec(m).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP)));
      }),
      RUNS,
    );
  });

  it('scorecard metShare is the nearest double of met / total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(), (total, m) => {
        const met = m % (total + 1);
        const items = Array.from({ length: total }, (_, i) => ({
          band: i < met ? AchievementBand.MET : AchievementBand.BELOW_50,
          forecast: null,
        }));
        expect(scorecardCounts(items).metShare).toBe(nearest(new D(met).div(total)));
      }),
      { ...RUNS, numRuns: 2_000 }, // each case builds up to 1,000 items
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (total, m) => {
        const met = m % (total + 1);
        const items = Array.from({ length: total }, (_, i) => ({
          band: i < met ? AchievementBand.MET : AchievementBand.NO_DATA,
          forecast: null,
        }));
        expect(scorecardCounts(items).metShare).toBe(nearest(new D(met).div(total)));
      }),
      RUNS,
    );
  });

  it('change: ratio and difference exact, cagr to 15 significant digits', () => {
    const endOf = (year: number) => parsePeriod(String(year), ['period']).endMonth;
    fc.assert(
      fc.property(
        millionths,
        millionths,
        fc.integer({ min: 1990, max: 2030 }),
        fc.integer({ min: 1990, max: 2030 }),
        (vm, bm, vy, by) => {
          const c = computeChange(stored(vm), endOf(vy), stored(bm), endOf(by));
          if (bm === 0n) {
            expect(c).toBeNull();
            return;
          }
          const ratio = dec(vm).div(dec(bm));
          expect(c!.ratio).toBe(nearest(ratio));
          expect(c!.difference).toBe(nearest(dec(vm).minus(dec(bm))));
          const years = vy === by ? null : vy - by;
          expect(c!.years).toBe(years);
          let cagr: number | null = null;
          if (years !== null && bm > 0n && vm >= 0n) {
            if (vm === 0n) cagr = years > 0 ? -1 : null;
            else {
              const r = years > 0 ? ratio : dec(bm).div(dec(vm));
              const n = Math.abs(years);
              const root = n === 1 ? r : new D(new D50(r.toString()).pow(new D50(1).div(n)).toString());
              cagr = nearest(root.minus(1).toSignificantDigits(15));
            }
          }
          expect(c!.cagr).toBe(cagr);
        },
      ),
      RUNS,
    );
  });
});
