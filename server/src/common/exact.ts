import Decimal from 'decimal.js';
import { VALUE_SCALE } from './decimal';

/**
 * Exact arithmetic on stored values (DECIMAL(20,6)) for everything the API derives from them: sums and
 * weighted means (history on today's boundaries, roll-ups), ratios and shares (progress, scorecards,
 * comparison, change), differences, compound growth and trend projections. A stored value arrives as
 * the double nearest to its decimal; `toScaled` recovers the decimal exactly (an integer count of
 * millionths). Results leave as the double nearest to the exact value (docs/api.md "Exact numbers"):
 * 1.2 / 1.5 is 0.8, never 0.7999999999999999.
 */

const SCALE = 10n ** BigInt(VALUE_SCALE);
const FACTOR = 10 ** VALUE_SCALE;

/**
 * decimal.js for what integers cannot do (quotients of large values, roots): 40 significant digits,
 * half-even, far beyond a double's 17, so converting the result to the nearest double loses nothing
 * a double could carry.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -50, toExpPos: 50 });
export type Dec = InstanceType<typeof Dec>;

/** Below 2^33 a double's spacing is under 10⁻⁶, so `toFixed(6)` gives back the stored decimal. */
const FIXED_SAFE = 2 ** 33;

/**
 * A stored value (DECIMAL(20,6)) as an integer count of millionths, exactly as the database holds it
 * (for any value with at most 15 significant digits, all a double carries: larger ones through the
 * double's shortest decimal form, as `toFixed` would show the binary noise of 1234567890123.45).
 */
export function toScaled(value: number): bigint {
  const text = Math.abs(value) < FIXED_SAFE ? value.toFixed(VALUE_SCALE) : toDec(value).toFixed(VALUE_SCALE);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const n = BigInt(whole) * SCALE + BigInt(fraction);
  return negative ? -n : n;
}

/** The number nearest to an integer count of millionths. */
export function fromScaled(n: bigint): number {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(VALUE_SCALE, '0')}`;
  return Number(negative ? `-${text}` : text);
}

/**
 * A stored value as a decimal, exactly: the double's shortest decimal form (which is the stored decimal
 * whenever that has at most 15 significant digits) at the stored scale.
 */
export const toDec = (value: number): Dec => new Dec(value).toDecimalPlaces(VALUE_SCALE, Decimal.ROUND_HALF_EVEN);

/** The double nearest to a decimal (no -0). */
export function toNumber(d: Dec): number {
  const n = Number(d.toString());
  return n === 0 ? 0 : n;
}

/** numerator / denominator (denominator > 0) rounded half away from zero to an integer. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** Σ values, exact at the stored scale. */
export function exactSum(values: readonly number[]): number {
  return fromScaled(values.reduce((s, v) => s + toScaled(v), 0n));
}

/** a − b, exact at the stored scale. */
export const exactDifference = (a: number, b: number): number => fromScaled(toScaled(a) - toScaled(b));

/** Σ value × weight / Σ weight, rounded half away from zero to the stored scale; null when Σ weight is 0. */
export function exactWeightedMean(parts: readonly { value: number; weight: number }[]): number | null {
  let numerator = 0n; // scale²
  let weights = 0n; // scale
  for (const p of parts) {
    numerator += toScaled(p.value) * toScaled(p.weight);
    weights += toScaled(p.weight);
  }
  if (weights <= 0n) return null;
  return fromScaled(divideRounded(numerator, weights));
}

/**
 * Up to 2^50 millionths (|value| < 1.1·10⁹), value × 10⁶ is off its integer by under 0.25, so rounding
 * recovers the stored decimal exactly, and the integer is exact in a double.
 */
const SAFE = 2 ** 50;

/**
 * numerator / denominator of two stored values (denominator ≠ 0), as the double nearest to the exact
 * quotient. Both as integer counts of millionths; when those fit a double exactly (|value| < 1.1·10⁹,
 * the usual case) one IEEE division is the correctly rounded quotient already; otherwise decimal.js
 * divides at 40 significant digits and the result is converted to the nearest double.
 */
export function exactRatio(numerator: number, denominator: number): number {
  const a = Math.round(numerator * FACTOR);
  const b = Math.round(denominator * FACTOR);
  if (Math.abs(a) <= SAFE && Math.abs(b) <= SAFE && b !== 0) {
    const q = a / b;
    return q === 0 ? 0 : q;
  }
  return toNumber(toDec(numerator).div(toDec(denominator)));
}

/** The exact quotient of two stored values as a decimal (40 significant digits). */
export const decRatio = (numerator: number, denominator: number): Dec => toDec(numerator).div(toDec(denominator));

/**
 * The constant annual growth from `base` to `value` (both > 0) over `years` (≠ 0):
 * ratio^(1/years) − 1 with ratio = value / base, rounded half-even to 15 significant digits and returned as the nearest double.
 * A later base (years < 0) is (base/value)^(1/|years|) − 1. One year apart it is a quotient, exact at 40
 * digits; otherwise decimal.js computes exp(ln(r) / |years|) at 40 significant digits (a root has no
 * finite decimal form; 40 digits leave the 15 returned exact except for a root within 10⁻³⁰ of a
 * rounding tie).
 */
export function compoundGrowth(value: number, base: number, years: number): number {
  const r = years > 0 ? decRatio(value, base) : decRatio(base, value);
  const n = Math.abs(years);
  const root = n === 1 ? r : r.ln().div(n).exp();
  return toNumber(root.minus(1).toSignificantDigits(15, Decimal.ROUND_HALF_EVEN));
}

/**
 * Rounds a stored (or computed) value half away from zero to `decimals` (0–6), on its decimal: 1.005
 * with two decimals is 1.01, 49.95 with one is 50.0.
 */
export function roundHalfAway(value: number, decimals: number): number {
  const d = Math.min(Math.max(Math.trunc(decimals), 0), VALUE_SCALE);
  const m = Math.round(value * FACTOR);
  if (Math.abs(m) <= SAFE) {
    // The same on integers a double holds exactly (the usual case, and 30 times faster than BigInt):
    // the millionths, rounded at the step; m / 10⁶ is then the double nearest to the decimal.
    const step = 10 ** (VALUE_SCALE - d);
    const abs = Math.abs(m);
    const rest = abs % step;
    const q = (abs - rest) / step + (2 * rest >= step ? 1 : 0);
    const r = (Math.sign(m) * q * step) / FACTOR;
    return r === 0 ? 0 : r;
  }
  const n = toScaled(value);
  const step = 10n ** BigInt(VALUE_SCALE - d);
  return fromScaled(divideRounded(n, step) * step);
}
