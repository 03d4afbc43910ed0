import type { ReasonCode } from '../../../schema/contract/reasons';
import { canWrite } from '../auth/scope';
import type { Viewer } from '../auth/auth.types';
import { lockCovering, type LockSpan } from '../approval/period-lock.service';
import type { ObservationEntity } from './observation.entity';
import type { RowProblem, ValidRow } from './push-validate';
import { RowOutcome } from './push.types';

/** What the database holds for the keys of a push, read inside its transaction. */
export interface StoredState {
  /** Current observation by key. */
  current: Map<string, ObservationEntity>;
  /** Highest revision version by key, for keys without a current observation (deleted earlier). */
  lastVersion: Map<string, number>;
  /** Approved periods by unit id. */
  locks: Map<number, LockSpan[]>;
}

/** The decision for one input row. */
export interface PlannedRow {
  index: number;
  outcome: RowOutcome;
  code: ReasonCode | null;
  message: string | null;
  field: string | null;
  row: ValidRow | null;
  /** The stored observation the row was checked against. */
  current: ObservationEntity | null;
  /** The version a write produces. */
  newVersion: number | null;
}

const fmt = (o: ObservationEntity) =>
  `version ${o.version}: ${o.value} ${o.status}${o.updatedBy ? `, by ${o.updatedBy}` : ''}`;

/** Same value (at the 6 stored decimals), status, source and note: writing it would change nothing. */
export function sameAsStored(r: ValidRow, c: ObservationEntity): boolean {
  return (
    r.value !== null &&
    r.value.toFixed(6) === Number(c.value).toFixed(6) &&
    r.status === c.status &&
    r.source === (c.source ?? null) &&
    r.note === (c.note ?? null)
  );
}

/**
 * Decides each row, in the order of the house style: INVALID (checked before) → FORBIDDEN (scope)
 * → UNCHANGED (nothing to write, so neither a lock nor a version can object) → LOCKED → CONFLICT
 * (optimistic concurrency on baseVersion) → CREATED / UPDATED / DELETED.
 */
export function planRows(
  viewer: Viewer,
  valid: readonly ValidRow[],
  problems: readonly RowProblem[],
  state: StoredState,
): PlannedRow[] {
  const planned: PlannedRow[] = problems.map((p) => ({
    index: p.index,
    outcome: RowOutcome.INVALID,
    code: p.code,
    message: p.message,
    field: p.field,
    row: null,
    current: null,
    newVersion: null,
  }));
  let row: ValidRow;
  let current: ObservationEntity | null;
  const decide = (
    outcome: RowOutcome,
    code: ReasonCode | null = null,
    message: string | null = null,
    newVersion: number | null = null,
  ) => planned.push({ index: row.index, outcome, code, message, field: null, row, current, newVersion });
  const where = () => `${row.indicator.code} of ${row.unit.code} at ${row.period.text}`;
  for (row of valid) {
    current = state.current.get(row.key) ?? null;

    if (!canWrite(viewer, row.unit)) {
      decide(
        RowOutcome.FORBIDDEN,
        'OUT_OF_SCOPE',
        `This token (${viewer.role}${viewer.scopeCode ? ` of ${viewer.scopeCode}` : ''}) may not write unit ${row.unit.code} (${row.unit.name})`,
      );
      continue;
    }
    if (row.value === null && !current) {
      decide(RowOutcome.UNCHANGED, 'ALREADY_ABSENT', `Nothing to delete: no value is stored for ${where()}`);
      continue;
    }
    if (current && sameAsStored(row, current)) {
      decide(RowOutcome.UNCHANGED);
      continue;
    }
    const lock = lockCovering(state.locks.get(row.unit.id), row.period);
    if (lock) {
      const by = `${lock.lockedBy ? ` by ${lock.lockedBy}` : ''}${lock.lockedAt ? ` on ${lock.lockedAt.toISOString().slice(0, 10)}` : ''}`;
      decide(
        RowOutcome.LOCKED,
        'LOCKED',
        `${row.unit.name} ${row.period.text} is locked: ${lock.period} was approved${by}. Approved values are read-only until the period is unapproved`,
      );
      continue;
    }
    if (!current) {
      if (row.baseVersion !== null) {
        decide(
          RowOutcome.CONFLICT,
          'NOT_FOUND',
          `The value you edited (version ${row.baseVersion}) no longer exists: someone deleted it. Push without baseVersion to create it again`,
        );
      } else {
        decide(RowOutcome.CREATED, null, null, (state.lastVersion.get(row.key) ?? 0) + 1);
      }
      continue;
    }
    if (row.baseVersion === null) {
      decide(
        RowOutcome.CONFLICT,
        'ALREADY_EXISTS',
        `A value is already stored for ${where()} (${fmt(current)}): send baseVersion ${current.version} to ${row.value === null ? 'delete' : 'replace'} it`,
      );
    } else if (row.baseVersion !== current.version) {
      decide(
        RowOutcome.CONFLICT,
        'STALE_VERSION',
        `The value changed since you read it: you sent baseVersion ${row.baseVersion}, the stored one is ${fmt(current)}. Review it and push again with baseVersion ${current.version}`,
      );
    } else {
      decide(row.value === null ? RowOutcome.DELETED : RowOutcome.UPDATED, null, null, current.version + 1);
    }
  }
  return planned.sort((a, b) => a.index - b.index);
}
