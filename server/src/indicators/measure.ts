import { MAX_ABS_VALUE, VALUE_SCALE } from '../common/decimal';

/** What an indicator's unit of measure allows. */
export interface MeasureRules {
  unit: string;
  minValue: number | null;
  maxValue: number | null;
  integerOnly: boolean;
}

export interface ValueProblem {
  code: 'INVALID_VALUE' | 'VALUE_OUT_OF_RANGE' | 'TOO_MANY_DECIMALS' | 'NOT_AN_INTEGER';
  message: string;
}

const show = (n: number) => String(n);

/**
 * True when `value` has significant digits beyond the 6 decimals of DECIMAL(20,6). Binary noise
 * (0.1 + 0.2 = 0.30000000000000004) is not a digit anyone typed, so it is tolerated and rounded away.
 */
export function hasExcessDecimals(value: number): boolean {
  const rounded = Number(value.toFixed(VALUE_SCALE));
  return Math.abs(value - rounded) > 8 * Number.EPSILON * Math.max(Math.abs(value), 1e-300);
}

/** The first problem of a value with the storage limits and the indicator's rules, or null. */
export function checkValue(value: unknown, rules?: MeasureRules | null): ValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: 'INVALID_VALUE', message: 'The value must be a finite number' };
  }
  if (Math.abs(value) > MAX_ABS_VALUE) {
    return {
      code: 'VALUE_OUT_OF_RANGE',
      message: `The value ${show(value)} is too large: at most ${MAX_ABS_VALUE} in absolute value`,
    };
  }
  if (hasExcessDecimals(value)) {
    return { code: 'TOO_MANY_DECIMALS', message: `The value ${show(value)} has more than ${VALUE_SCALE} decimals` };
  }
  if (!rules) return null;
  const unit = rules.unit ? ` (${rules.unit})` : '';
  if (rules.integerOnly && !Number.isInteger(Number(value.toFixed(VALUE_SCALE)))) {
    return {
      code: 'NOT_AN_INTEGER',
      message: `This indicator counts whole units${unit}: ${show(value)} is not a whole number`,
    };
  }
  if (rules.minValue !== null && value < rules.minValue) {
    return {
      code: 'VALUE_OUT_OF_RANGE',
      message: `The value ${show(value)} is below the smallest allowed for this indicator${unit}: ${rules.minValue}`,
    };
  }
  if (rules.maxValue !== null && value > rules.maxValue) {
    return {
      code: 'VALUE_OUT_OF_RANGE',
      message: `The value ${show(value)} is above the largest allowed for this indicator${unit}: ${rules.maxValue}`,
    };
  }
  return null;
}
