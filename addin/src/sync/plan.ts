/**
 * The push plan: the `ObservationRowInput[]` to send, each with a reference back to its sheet
 * cell (so per-row results can be shown where the user typed) and what the user wanted (so a
 * conflict can offer "keep mine"); plus the local problems, which are never sent.
 */
import type { BaselineCell } from './baseline';
import type { Diff, DiffEntry, DiffProblem, FieldPositions } from './diff';
import type { CellContent, CellKey } from './model';
import type { ObservationRowInput } from './wire';

/** The server's `first`/rows limit per request. */
export const SERVER_MAX_ROWS = 50_000;

export type PlannedKind = 'EDITED' | 'CLEARED' | 'ADDED';

export interface RowRef {
  readonly key: CellKey;
  readonly keyId: string;
  readonly at: FieldPositions;
  readonly kind: PlannedKind;
  readonly mine: CellContent;
  /** The baseline version sent as `baseVersion`; null for ADDED (sent without one). */
  readonly baseVersion: number | null;
}

export interface PushPlan {
  readonly rows: readonly ObservationRowInput[];
  /** `refs[i]` describes `rows[i]`. */
  readonly refs: readonly RowRef[];
  readonly problems: readonly DiffProblem[];
  readonly missing: readonly BaselineCell[];
}

export function rowInput(e: DiffEntry): ObservationRowInput {
  const row = {
    unitCode: e.key.unitCode,
    ...(e.key.unitId ? { unitId: e.key.unitId } : {}),
    indicatorCode: e.key.indicatorCode,
    period: e.key.period,
    value: e.desired.value,
    status: e.desired.status,
    source: e.desired.source,
    note: e.desired.note,
  };
  // Omitted, not null: "no baseVersion" is the contract's way to say "I believe this is new".
  return e.kind === 'ADDED' || e.base === null ? row : { ...row, baseVersion: e.base.version };
}

export function planPush(diff: Diff): PushPlan {
  const rows: ObservationRowInput[] = [];
  const refs: RowRef[] = [];
  for (const e of diff.entries) {
    if (e.kind === 'UNCHANGED') continue;
    rows.push(rowInput(e));
    refs.push({
      key: e.key,
      keyId: e.keyId,
      at: e.at,
      kind: e.kind,
      mine: e.desired,
      baseVersion: e.kind === 'ADDED' || e.base === null ? null : e.base.version,
    });
  }
  return { rows, refs, problems: diff.problems, missing: diff.missing };
}

export interface PushBatch {
  readonly rows: readonly ObservationRowInput[];
  readonly refs: readonly RowRef[];
  /** Sent as `atomic`; apply needs it to know whether good rows were written. */
  readonly atomic: boolean;
  /** Position of the batch's first row in the plan. */
  readonly offset: number;
}

export interface SplitOptions {
  readonly maxRows?: number;
  /** Default true, as in the contract. */
  readonly atomic?: boolean;
  /**
   * An atomic push larger than `maxRows` cannot be all-or-nothing: each batch would be atomic on
   * its own, and a failure in batch 3 leaves batches 1–2 written. That is a decision for the
   * user, so it must be asked for explicitly; otherwise the split is refused.
   */
  readonly allowSplittingAtomic?: boolean;
}

export type SplitResult =
  | {
      readonly ok: true;
      readonly batches: readonly PushBatch[];
      /** 'ALL': one atomic request; 'PER_BATCH': atomic per batch only; 'NONE': non-atomic. */
      readonly atomicity: 'ALL' | 'PER_BATCH' | 'NONE';
    }
  | { readonly ok: false; readonly reason: 'ATOMIC_TOO_LARGE'; readonly rowCount: number; readonly maxRows: number };

export function splitPlan(plan: PushPlan, options: SplitOptions = {}): SplitResult {
  const maxRows = options.maxRows ?? SERVER_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1)
    throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`);
  const atomic = options.atomic ?? true;
  const total = plan.rows.length;
  if (atomic && total > maxRows && !options.allowSplittingAtomic) {
    return { ok: false, reason: 'ATOMIC_TOO_LARGE', rowCount: total, maxRows };
  }
  const batches: PushBatch[] = [];
  for (let offset = 0; offset < total; offset += maxRows) {
    batches.push({
      rows: plan.rows.slice(offset, offset + maxRows),
      refs: plan.refs.slice(offset, offset + maxRows),
      atomic,
      offset,
    });
  }
  return { ok: true, batches, atomicity: !atomic ? 'NONE' : batches.length > 1 ? 'PER_BATCH' : 'ALL' };
}

/** A plan as a single batch (the common case: under the limit). */
export function singleBatch(plan: PushPlan, atomic = true): PushBatch {
  return { rows: plan.rows, refs: plan.refs, atomic, offset: 0 };
}
