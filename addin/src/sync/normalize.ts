/**
 * Interpreting one sheet entry: codes (with lost-zero repair), period, value, status, texts.
 * Every reason an entry must not be pushed becomes a problem pinned to the offending cell, so the
 * taskpane can mark exactly that cell; nothing is guessed silently.
 */
import type { CodeIndex } from './codes';
import { normalizeCodeCell } from './codes';
import type { CellKey, RawField, SheetEntry, SheetField, SheetPos } from './model';
import { keyOf, normalizeText, parseStatusCell } from './model';
import type { UnitLookup } from './units';
import { resolveUnitId } from './units';
import { formatKind, isPercentUnit, percentPoints } from '../../../schema/contract/cell-formats';
import { isBlank, readValueCell } from '../../../schema/contract/cell-numbers';
import { normalizePeriodCell } from './period';
import type { ObservationStatus } from './wire';

/** Why a cell is not sent (each has a sentence in both languages in taskpane/explain-mark.ts). */
export const PROBLEM_CODES = [
  'TEXT_NOT_NUMBER',
  'LOST_LEADING_ZERO',
  'BAD_PERIOD',
  'BAD_STATUS',
  'MISSING_KEY',
  'DUPLICATE_KEY',
  'DERIVED_READ_ONLY',
  /** A percent-formatted value of an indicator not measured in %: 0.015 or 1.5? Never guessed. */
  'PERCENT_AMBIGUOUS',
  /** A date-formatted value cell: Excel holds a day count, not the figure. */
  'DATE_IN_VALUE',
  /** A read-only cell (a name, the unit of measure, a target) no longer shows what was pulled. */
  'READ_ONLY_EDITED',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface DiffProblem {
  readonly code: ProblemCode;
  readonly at: SheetPos;
  readonly field: SheetField;
  readonly raw: unknown;
  readonly message: string;
  /** The entry's key when it could be read (so the baseline row is not reported missing). */
  readonly key: CellKey | null;
  /** A unique fix the UI may offer with one click (a number, a code or a period). */
  readonly suggestion?: number | string;
  /** Several plausible fixes: ambiguous, so none is suggested. */
  readonly candidates?: readonly (number | string)[];
}

/** A code Excel stripped of its leading zeros, repaired; the UI should write `to` back as text. */
export interface CodeRepair {
  readonly at: SheetPos;
  readonly field: 'unitCode' | 'indicatorCode';
  readonly from: string;
  readonly to: string;
}

export interface NormalizeContext {
  readonly unitCodes: CodeIndex;
  /** Pins a code to a unit id (see units.ts); without it keys carry only the id the row gives. */
  readonly units?: UnitLookup;
  readonly indicatorCodes: CodeIndex;
  /** Accept a text value whose reading is unique ("12,5" → 12.5). Off by default. */
  readonly acceptUnambiguousText: boolean;
  /** An indicator's unit of measure; undefined when not known. Decides what a percent cell means. */
  readonly unitOfMeasure?: (indicatorCode: string) => string | null | undefined;
}

export interface NormalizedEntry {
  readonly entry: SheetEntry;
  readonly key: CellKey | null;
  /** Meaningful only when `problems` is empty. */
  readonly value: number | null;
  /** null: not given (empty cell, or no status column) — the diff keeps the baseline's. */
  readonly status: ObservationStatus | null;
  /** undefined: the layout has no such column — the diff keeps the baseline's. */
  readonly source: string | null | undefined;
  readonly note: string | null | undefined;
  readonly problems: readonly DiffProblem[];
  readonly repairs: readonly CodeRepair[];
}

/**
 * The figure a number cell means, given its format. The add-in writes figures (those of % indicators
 * too: 1.5 for 1,5%) as plain numbers in General cells, so a plain number is taken as is. A
 * percent-formatted cell shows its number × 100 with a % sign: on an indicator measured in % that is
 * the figure the user typed ("1,5%" holds 0.015 and means 1.5); on any other indicator it could be
 * either, so it is refused with both readings. A date-formatted cell holds a day count, never a figure.
 */
function numberAsShown(
  x: number,
  format: string | undefined,
  indicatorCode: string | null,
  ctx: NormalizeContext,
):
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly code: ProblemCode; readonly message: string; readonly candidates?: number[] } {
  const kind = formatKind(format);
  if (kind === 'date') {
    return {
      ok: false,
      code: 'DATE_IN_VALUE',
      message: `The cell is formatted as a date (${format}), so Excel holds ${x}, a day count; format it as a number and type the figure again.`,
    };
  }
  if (kind !== 'percent' || x === 0) return { ok: true, value: x };
  const points = percentPoints(x);
  const unit = indicatorCode === null ? undefined : ctx.unitOfMeasure?.(indicatorCode);
  if (isPercentUnit(unit)) return { ok: true, value: points };
  const measured =
    unit === undefined ? 'an unknown unit' : unit === null || unit.trim() === '' ? 'no unit' : `"${unit}"`;
  return {
    ok: false,
    code: 'PERCENT_AMBIGUOUS',
    message: `The cell is formatted as a percent (it shows ${points}%) but the indicator is measured in ${measured}: it could mean ${x} or ${points}. Format the cell as a number and type the figure.`,
    candidates: [x, points],
  };
}

function gridFields(e: SheetEntry): RawField[] {
  const all = [e.unitCode, e.indicatorCode, e.period, e.value, e.status, e.source, e.note];
  return all.filter((f): f is RawField => f !== undefined && f.at !== null);
}

/** Returns null for an entry with nothing in any of its grid cells (a blank row). */
export function normalizeEntry(entry: SheetEntry, ctx: NormalizeContext): NormalizedEntry | null {
  if (gridFields(entry).every((f) => isBlank(f.raw))) return null;
  const problems: DiffProblem[] = [];
  const repairs: CodeRepair[] = [];
  const posOf = (f: RawField): SheetPos => f.at ?? entry.value.at;
  const problem = (code: ProblemCode, field: SheetField, f: RawField, message: string, extra?: Partial<DiffProblem>) =>
    problems.push({ code, field, at: posOf(f), raw: f.raw, message, key: null, ...extra });

  const code = (field: 'unitCode' | 'indicatorCode', index: CodeIndex): string | null => {
    const f = entry[field];
    const r = normalizeCodeCell(f.raw, index);
    const what = field === 'unitCode' ? 'unit code' : 'indicator code';
    if (r.ok) {
      if (r.repairedFrom !== undefined) repairs.push({ at: posOf(f), field, from: r.repairedFrom, to: r.code });
      return r.code;
    }
    if (r.reason === 'EMPTY') problem('MISSING_KEY', field, f, `The ${what} is empty.`);
    else {
      problem(
        'LOST_LEADING_ZERO',
        field,
        f,
        `The ${what} "${r.text}" lost its leading zeros and could be any of ${r.candidates.join(', ')}; type it as text.`,
        {
          candidates: r.candidates,
        },
      );
    }
    return null;
  };
  const unitCode = code('unitCode', ctx.unitCodes);
  const indicatorCode = code('indicatorCode', ctx.indicatorCodes);

  let period: string | null = null;
  const p = normalizePeriodCell(entry.period.raw);
  if (p.ok) period = p.period;
  else if (p.empty) problem('MISSING_KEY', 'period', entry.period, p.message);
  else
    problem(
      'BAD_PERIOD',
      'period',
      entry.period,
      p.message,
      p.suggestion === undefined ? {} : { suggestion: p.suggestion },
    );

  let key: CellKey | null = null;
  if (unitCode !== null && indicatorCode !== null && period !== null) {
    const unitId = ctx.units
      ? resolveUnitId(ctx.units, entry.unitId?.raw, unitCode, period)
      : typeof entry.unitId?.raw === 'string' && entry.unitId.raw.trim() !== ''
        ? entry.unitId.raw.trim()
        : null;
    key = keyOf({ unitCode, unitId, indicatorCode, period });
  }

  let value: number | null = null;
  const v = readValueCell(entry.value.raw);
  if (v.kind === 'number') {
    const read = numberAsShown(v.value, entry.value.format, indicatorCode, ctx);
    if (read.ok) value = read.value;
    else problem(read.code, 'value', entry.value, read.message, read.candidates ? { candidates: read.candidates } : {});
  } else if (v.kind === 'text') {
    if (ctx.acceptUnambiguousText && v.suggestion !== null) value = v.suggestion;
    else {
      const message =
        v.suggestion !== null
          ? `"${v.text}" is text, not a number; did you mean ${v.suggestion}?`
          : v.candidates.length > 1
            ? `"${v.text}" is text and ambiguous (${v.candidates.join(' or ')}); type the number again.`
            : `"${v.text}" is not a number.`;
      problem('TEXT_NOT_NUMBER', 'value', entry.value, message, {
        ...(v.suggestion !== null ? { suggestion: v.suggestion } : {}),
        ...(v.candidates.length > 1 ? { candidates: v.candidates } : {}),
      });
    }
  }

  let status: ObservationStatus | null = null;
  if (entry.status) {
    const s = parseStatusCell(entry.status.raw);
    if (s.kind === 'ok') status = s.status;
    else if (s.kind === 'bad') {
      problem(
        'BAD_STATUS',
        'status',
        entry.status,
        `"${s.text}" is not a status (ESTIMATED, PRELIMINARY, OFFICIAL, FORECAST).`,
      );
    }
  }
  const source = entry.source ? normalizeText(entry.source.raw) : undefined;
  const note = entry.note ? normalizeText(entry.note.raw) : undefined;
  const keyed = key === null ? problems : problems.map((pr) => ({ ...pr, key }));
  return { entry, key, value, status, source, note, problems: keyed, repairs };
}
