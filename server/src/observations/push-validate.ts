import type { ReasonCode } from '../../../schema/contract/reasons';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  loadScopedUnitsByCode,
  loadScopedUnitsById,
  unitGlobalId,
  unitsOnPeriod,
  type ScopedUnit,
} from '../auth/scope';
import { unitLocalId } from '../admin-units/admin-unit.types';
import { roundValue } from '../common/decimal';
import { inChunks } from '../db/sql';
import { PERIOD_HELP, truncate, tryParsePeriod, type Period } from '../common/period';
import { monthOfDate } from '../common/year';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { checkValue, type MeasureRules } from '../indicators/measure';
import type { ObservationStatusValue } from './observation.entity';
import { observationKey } from './observation.types';

export const MAX_PUSH_ROWS = 50_000;
export const MAX_SOURCE_CHARS = 500;
export const MAX_NOTE_CHARS = 2000;
const STATUSES: readonly ObservationStatusValue[] = ['ESTIMATED', 'PRELIMINARY', 'OFFICIAL', 'FORECAST'];

/** A row as it arrives (GraphQL input or a CSV line); nothing about it is trusted yet. */
export interface RawRow {
  unitCode: unknown;
  /** The unit's global id (AdminUnit.id): which unit, when its code names two in the period. */
  unitId?: unknown;
  indicatorCode: unknown;
  period: unknown;
  value?: unknown;
  status?: unknown;
  source?: unknown;
  note?: unknown;
  baseVersion?: unknown;
}

export interface IndicatorRef extends MeasureRules {
  id: number;
  code: string;
}

/** A row that passed every check that needs no knowledge of the stored values. */
export interface ValidRow {
  index: number;
  key: string;
  unit: ScopedUnit;
  indicator: IndicatorRef;
  period: Period;
  /** Rounded to the 6 stored decimals; null deletes. */
  value: number | null;
  status: ObservationStatusValue;
  source: string | null;
  note: string | null;
  baseVersion: number | null;
}

export interface RowProblem {
  index: number;
  code: ReasonCode;
  message: string;
  field: string;
}

export interface Catalogue {
  /** Every unit with each code, oldest first: a row's code is resolved on its period. */
  units: Map<string, ScopedUnit[]>;
  /** The units the rows name by unitId, by local id. */
  unitsById: Map<number, ScopedUnit>;
  indicators: Map<string, IndicatorRef>;
}

/** Units and indicators the rows name, in a few bulk queries. */
export async function loadCatalogue(
  em: Pick<EntityManager, 'query' | 'getRepository'>,
  rows: readonly RawRow[],
): Promise<Catalogue> {
  const units = await loadScopedUnitsByCode(
    em,
    rows.map((r) => r.unitCode).filter((c): c is string => typeof c === 'string'),
  );
  const unitsById = await loadScopedUnitsById(
    em,
    rows.map((r) => unitIdOf(r.unitId)).filter((id): id is number => id !== null),
  );
  const codes = [...new Set(rows.map((r) => r.indicatorCode))].filter(
    (c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 40,
  );
  const indicators = new Map<string, IndicatorRef>();
  for (const chunk of inChunks(codes)) {
    for (const e of await em.getRepository(IndicatorEntity).findBy({ code: In(chunk) })) {
      indicators.set(e.code, {
        id: e.id,
        code: e.code,
        unit: e.unit,
        minValue: e.minValue,
        maxValue: e.maxValue,
        integerOnly: Boolean(e.integerOnly),
      });
    }
  }
  return { units, unitsById, indicators };
}

const toUnitGlobalId = unitGlobalId;

/** The local id in a unit's global id, or null when it is not one. */
function unitIdOf(v: unknown): number | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > 100) return null;
  return unitLocalId(v);
}

const spanOf = (u: ScopedUnit) =>
  u.validFrom || u.validTo
    ? `${u.validFrom ? `from ${u.validFrom}` : ''}${u.validFrom && u.validTo ? ' ' : ''}${u.validTo ? `until ${u.validTo}` : ''}`
    : 'always';

/** Length in characters (code points), as the database counts them; cheap for huge strings. */
function chars(s: string, limit: number): number {
  if (s.length <= limit) return s.length;
  if (s.length > 2 * limit) return s.length; // surely over the limit, whatever the surrogate pairs
  return [...s].length;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const quote = (v: unknown) => (typeof v === 'string' ? `"${truncate(v)}"` : String(v));

type Text = { ok: true; value: string | null } | { ok: false; problem: Omit<RowProblem, 'index'> };
const NO_TEXT: Text = Object.freeze({ ok: true, value: null });

function text(v: unknown, field: 'source' | 'note', max: number): Text {
  if (v === undefined || v === null || v === '') return NO_TEXT;
  if (typeof v !== 'string')
    return { ok: false, problem: { code: 'INVALID_TEXT', field, message: `The ${field} must be text` } };
  const n = chars(v, max);
  if (n > max) {
    return {
      ok: false,
      problem: {
        code: 'TEXT_TOO_LONG',
        field,
        message: `The ${field} has ${n.toLocaleString('en')} characters; at most ${max} are allowed`,
      },
    };
  }
  if (LONE_SURROGATE.test(v))
    return {
      ok: false,
      problem: { code: 'INVALID_TEXT', field, message: `The ${field} is not valid Unicode text (a broken character)` },
    };
  return { ok: true, value: v };
}

/** The first problem of one row, or the row made typed and canonical. */
export function validateRow(
  raw: RawRow,
  index: number,
  cat: Catalogue,
  parsePeriod: (text: string) => Period | null = tryParsePeriod,
): ValidRow | RowProblem {
  const fail = (code: ReasonCode, field: string, message: string): RowProblem => ({ index, code, field, message });
  const hasUnitId = raw.unitId !== undefined && raw.unitId !== null;
  const byId = hasUnitId ? unitIdOf(raw.unitId) : null;
  const chosen = byId === null ? undefined : cat.unitsById.get(byId);
  if (hasUnitId && !chosen)
    return fail('UNKNOWN_UNIT', 'unitId', `No province, district or commune has id ${quote(raw.unitId)}`);
  if (chosen && chosen.code !== raw.unitCode)
    return fail(
      'UNIT_MISMATCH',
      'unitId',
      `unitId ${quote(raw.unitId)} is ${chosen.name} (${chosen.code}), not a unit with code ${quote(raw.unitCode)}`,
    );
  const candidates = typeof raw.unitCode === 'string' ? cat.units.get(raw.unitCode) : undefined;
  if (!candidates)
    return fail(
      'UNKNOWN_UNIT',
      'unitCode',
      `No province, district or commune has code ${quote(raw.unitCode)} (GSO codes keep their leading zeros, e.g. "392" Hà Trung)`,
    );
  const indicator = typeof raw.indicatorCode === 'string' ? cat.indicators.get(raw.indicatorCode) : undefined;
  if (!indicator)
    return fail('UNKNOWN_INDICATOR', 'indicatorCode', `No indicator has code ${quote(raw.indicatorCode)}`);
  const period = typeof raw.period === 'string' ? parsePeriod(raw.period) : null;
  if (!period) return fail('INVALID_PERIOD', 'period', `${quote(raw.period)} is not a period: ${PERIOD_HELP}`);
  // A code can name several units over time (37 Ninh Bình before and after 2025-07-01): the one that
  // existed in the period; when two did (37 in 2025), the row must say which with unitId; when none
  // did, the oldest, reported inactive below.
  const overlapping = unitsOnPeriod(candidates, period.startMonth, period.endMonth);
  if (!chosen && overlapping.length > 1)
    return fail(
      'AMBIGUOUS_UNIT',
      'unitCode',
      `Code ${quote(raw.unitCode)} names ${overlapping.length} units in ${period.text}: ${overlapping
        .map((u) => `${u.name} (${u.code}, ${spanOf(u)}, id ${toUnitGlobalId(u)})`)
        .join(' and ')}. Send the unit's id as unitId, or a period inside one unit's validity`,
    );
  const unit = chosen ?? (overlapping.length === 1 ? overlapping[0] : candidates[0]);
  if (
    (unit.validTo && period.startMonth > monthOfDate(unit.validTo)) ||
    (unit.validFrom && period.endMonth < monthOfDate(unit.validFrom))
  ) {
    return fail(
      'UNIT_INACTIVE',
      'period',
      `${unit.name} (${unit.code}) did not exist in ${period.text}: it existed ${spanOf(unit)}`,
    );
  }
  const status = raw.status === undefined || raw.status === null ? 'OFFICIAL' : raw.status;
  if (typeof status !== 'string' || !STATUSES.includes(status as ObservationStatusValue)) {
    return fail('INVALID_STATUS', 'status', `${quote(status)} is not a status: use ${STATUSES.join(', ')}`);
  }
  let value: number | null = null;
  if (raw.value !== null && raw.value !== undefined) {
    const problem = checkValue(raw.value, indicator);
    if (problem) return fail(problem.code, 'value', problem.message);
    value = roundValue(raw.value as number);
  }
  const source = text(raw.source, 'source', MAX_SOURCE_CHARS);
  if (!source.ok) return { index, ...source.problem };
  const note = text(raw.note, 'note', MAX_NOTE_CHARS);
  if (!note.ok) return { index, ...note.problem };
  let baseVersion: number | null = null;
  if (raw.baseVersion !== null && raw.baseVersion !== undefined) {
    if (typeof raw.baseVersion !== 'number' || !Number.isInteger(raw.baseVersion) || raw.baseVersion < 1) {
      return fail(
        'INVALID_BASE_VERSION',
        'baseVersion',
        `baseVersion must be a version read from the server (a whole number from 1), not ${quote(raw.baseVersion)}`,
      );
    }
    baseVersion = raw.baseVersion;
  }
  return {
    index,
    key: observationKey(unit.id, indicator.id, period.text),
    unit,
    indicator,
    period,
    value,
    status: status as ObservationStatusValue,
    source: source.value,
    note: note.value,
    baseVersion,
  };
}

/** Every row checked on its own, then rows that name the same key twice are all refused. */
export function validateRows(rows: readonly RawRow[], cat: Catalogue): { valid: ValidRow[]; problems: RowProblem[] } {
  // A push names few distinct periods: each is parsed once (periods are never modified).
  const periods = new Map<string, Period | null>();
  const parse = (text: string) => {
    let p = periods.get(text);
    if (p === undefined) periods.set(text, (p = tryParsePeriod(text)));
    return p;
  };
  const checked = rows.map((r, i) => validateRow(r, i, cat, parse));
  // The first row of each key, and every row of the keys named more than once.
  const first = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (const c of checked) {
    if (!('key' in c)) continue;
    const seen = first.get(c.key);
    if (seen === undefined) first.set(c.key, c.index);
    else {
      const all = repeated.get(c.key);
      if (all) all.push(c.index);
      else repeated.set(c.key, [seen, c.index]);
    }
  }
  const valid: ValidRow[] = [];
  const problems: RowProblem[] = [];
  for (const c of checked) {
    if (!('key' in c)) problems.push(c);
    else if (repeated.has(c.key)) {
      const all = repeated.get(c.key)!;
      const others: number[] = []; // the first five
      for (let i = 0; i < all.length && others.length < 5; i++) if (all[i] !== c.index) others.push(all[i]);
      problems.push({
        index: c.index,
        code: 'DUPLICATE_ROW',
        field: 'period',
        message: `Row ${c.index} and row${all.length > 2 ? 's' : ''} ${others.join(', ')} have the same unit, indicator and period: send each value once`,
      });
    } else valid.push(c);
  }
  return { valid, problems };
}
