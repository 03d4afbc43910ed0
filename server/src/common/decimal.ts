import type { ValueTransformer } from 'typeorm';

/** Scale of every stored value: DECIMAL(20,6). */
export const VALUE_SCALE = 6;

/**
 * DECIMAL reads back as "53.200000" on MariaDB and 53.2 on SQLite; both become the number 53.2 here,
 * so a value reads back identically from either database.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : roundValue(value)),
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

export const roundValue = (value: number) => Number(value.toFixed(VALUE_SCALE));

/** Largest magnitude that fits DECIMAL(20,6). */
export const MAX_ABS_VALUE = 1e14 - 1;
