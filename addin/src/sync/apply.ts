/**
 * Applying the server's per-row results to the baseline and to cell marks, and resolving
 * conflicts. The baseline moves only for rows the server really wrote (or confirmed unchanged),
 * so every row that was not written stays a pending edit in the next diff: nothing is lost.
 *
 * - Real push, written: CREATED/UPDATED/UNCHANGED take the server's observation (its version,
 *   and its value — the server may have rounded); DELETED removes the key.
 * - Dry run: the baseline does not move; marks say what would happen (WILL_CREATE, …).
 * - Atomic push with `applied: false`: nothing was written, good rows included; they are marked
 *   NOT_APPLIED (with the outcome they would have had), bad rows with their outcome.
 * - CONFLICT (in any mode): the sheet keeps the user's value; the server's `current` is recorded
 *   in a Conflict, which `resolveTakeServer` / `resolveKeepMine` settle.
 */
import type { Baseline, BaselineCell } from './baseline';
import { baselineCell, updateBaseline } from './baseline';
import type { FieldPositions } from './diff';
import type { GridValue } from './layouts/grid';
import type { CellContent, CellKey, SheetPos } from './model';
import { cellKey, STATUS_LABELS_VI } from './model';
import type { DiffProblem } from './normalize';
import type { PushBatch } from './plan';
import { REJECTING_OUTCOMES } from '../../../schema/contract/outcomes';
import type { ObservationStatus, PushObservationsPayload, RowOutcome, RowResult, ServerObservation } from './wire';

export type MarkState =
  | 'CREATED'
  | 'UPDATED'
  | 'DELETED'
  | 'UNCHANGED'
  | 'WILL_CREATE'
  | 'WILL_UPDATE'
  | 'WILL_DELETE'
  | 'WILL_BE_UNCHANGED'
  | 'NOT_APPLIED'
  | 'CONFLICT'
  | 'INVALID'
  | 'LOCKED'
  | 'FORBIDDEN'
  | 'NO_RESULT'
  | 'LOCAL_PROBLEM'
  /** A derived value (boundaries CURRENT): shown, never sent. */
  | 'DERIVED';

export interface CellMark {
  readonly at: SheetPos;
  readonly key: CellKey | null;
  readonly state: MarkState;
  /** The server's outcome (for NOT_APPLIED: what the row would have done); null if none. */
  readonly outcome: RowOutcome | null;
  readonly code: string | null;
  readonly message: string | null;
}

/** The server's row as a conflict reports it. */
export interface ServerSnapshot extends CellContent {
  readonly value: number;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}

export interface Conflict {
  readonly key: CellKey;
  readonly keyId: string;
  readonly at: FieldPositions;
  readonly mine: CellContent;
  readonly baseVersion: number | null;
  /** null: the server has no row any more (deleted under the user's edit). */
  readonly server: ServerSnapshot | null;
}

/** A value the taskpane should write into the sheet (server rounding, "take server value"). */
export interface CellWrite {
  readonly at: SheetPos;
  /** null: empty the cell. */
  readonly value: GridValue;
  /** A text cell (status, source, note): formatted as text before the value lands. */
  readonly text?: boolean;
}

export interface ApplyResult {
  readonly baseline: Baseline;
  readonly marks: readonly CellMark[];
  readonly conflicts: readonly Conflict[];
  readonly writes: readonly CellWrite[];
  /** Server answers the engine could not use (missing rows, bad indexes, user errors). */
  readonly warnings: readonly string[];
}

const DRY: Record<'CREATED' | 'UPDATED' | 'DELETED' | 'UNCHANGED', MarkState> = {
  CREATED: 'WILL_CREATE',
  UPDATED: 'WILL_UPDATE',
  DELETED: 'WILL_DELETE',
  UNCHANGED: 'WILL_BE_UNCHANGED',
};

export function snapshotOf(o: ServerObservation): ServerSnapshot {
  return {
    value: o.value === 0 ? 0 : o.value,
    version: o.version,
    status: o.status as ObservationStatus,
    source: o.source ?? null,
    note: o.note ?? null,
    updatedBy: o.updatedBy ?? null,
    updatedAt: o.updatedAt ?? null,
  };
}

function toBaselineCell(key: CellKey, s: ServerSnapshot): BaselineCell {
  return baselineCell(key, s, s.version);
}

export function applyPushResult(baseline: Baseline, batch: PushBatch, payload: PushObservationsPayload): ApplyResult {
  const warnings: string[] = (payload.userErrors ?? []).map((u) => `${u.code}: ${u.message}`);
  const byIndex = new Map<number, RowResult>();
  for (const r of payload.rows) {
    if (!Number.isInteger(r.index) || r.index < 0 || r.index >= batch.rows.length) {
      warnings.push(`The server reported a result for row ${r.index}, which was not sent.`);
    } else if (byIndex.has(r.index)) {
      warnings.push(`The server reported row ${r.index} twice; the first report is used.`);
    } else byIndex.set(r.index, r);
  }
  // A non-atomic push writes its good rows whatever `applied` says; an atomic one only if applied.
  const written = !payload.dryRun && (payload.applied || !batch.atomic);
  const marks: CellMark[] = [];
  const conflicts: Conflict[] = [];
  const writes: CellWrite[] = [];
  const put: BaselineCell[] = [];
  const remove: string[] = [];

  batch.refs.forEach((ref, i) => {
    const r = byIndex.get(i);
    const mark = (state: MarkState, outcome: RowOutcome | null, message: string | null = r?.message ?? null) =>
      marks.push({ at: ref.at.value, key: ref.key, state, outcome, code: r?.code ?? null, message });
    if (!r) {
      warnings.push(`The server returned no result for row ${i}.`);
      return mark('NO_RESULT', null, 'No result from the server; push again.');
    }
    if (REJECTING_OUTCOMES.has(r.outcome)) {
      mark(r.outcome as MarkState, r.outcome);
      if (r.outcome === 'CONFLICT') {
        conflicts.push({
          key: ref.key,
          keyId: ref.keyId,
          at: ref.at,
          mine: ref.mine,
          baseVersion: ref.baseVersion,
          server: r.current ? snapshotOf(r.current) : null,
        });
      }
      return;
    }
    const good = r.outcome as keyof typeof DRY;
    if (payload.dryRun) return mark(DRY[good], good);
    if (!written) return mark('NOT_APPLIED', good, 'Not written: the atomic push was rejected because of other rows.');
    mark(good, good);
    const sentValue = batch.rows[i]!.value;
    if (good === 'DELETED' || (good === 'UNCHANGED' && sentValue === null)) {
      remove.push(ref.keyId);
    } else if (r.observation) {
      const s = snapshotOf(r.observation);
      put.push(toBaselineCell(ref.key, s));
      if (sentValue !== null && !Object.is(s.value, sentValue)) writes.push({ at: ref.at.value, value: s.value });
    } else if (good !== 'UNCHANGED') {
      // Without the new version the next push would conflict; better to say so now.
      warnings.push(`Row ${i} was ${good.toLowerCase()} but the server did not return its new version; pull again.`);
    }
  });

  const next = put.length > 0 || remove.length > 0 ? updateBaseline(baseline, { put, remove }) : baseline;
  return { baseline: next, marks, conflicts, writes, warnings };
}

/** Marks for the problems that were not sent, so they show in the sheet with the results. */
export function problemMarks(problems: readonly DiffProblem[]): CellMark[] {
  return problems.map((p) => ({
    at: p.at,
    key: p.key,
    state: 'LOCAL_PROBLEM',
    outcome: null,
    code: p.code,
    message: p.message,
  }));
}

/**
 * "Take server value": the server's row becomes both the baseline and the sheet content; the
 * user's edit is dropped. If the server has no row any more, the key leaves the baseline and the
 * cell is emptied.
 */
export function resolveTakeServer(baseline: Baseline, conflict: Conflict): { baseline: Baseline; writes: CellWrite[] } {
  const s = conflict.server;
  const next = s
    ? updateBaseline(baseline, { put: [toBaselineCell(conflict.key, s)] })
    : updateBaseline(baseline, { remove: [cellKey(conflict.key)] });
  const writes: CellWrite[] = [{ at: conflict.at.value, value: s ? s.value : null }];
  if (conflict.at.status)
    writes.push({ at: conflict.at.status, value: s ? STATUS_LABELS_VI[s.status] : null, text: true });
  if (conflict.at.source) writes.push({ at: conflict.at.source, value: s ? s.source : null, text: true });
  if (conflict.at.note) writes.push({ at: conflict.at.note, value: s ? s.note : null, text: true });
  return { baseline: next, writes };
}

/**
 * "Keep mine": the baseline learns the server's current row (version and content), the sheet keeps
 * the user's content, so the next diff sees the user's edit against the server's version and the
 * next push overwrites it knowingly. If the server has no row, the key leaves the baseline and the
 * user's value will be created anew (or, if the user had cleared it, nothing remains to do).
 */
export function resolveKeepMine(baseline: Baseline, conflict: Conflict): { baseline: Baseline } {
  const s = conflict.server;
  return {
    baseline: s
      ? updateBaseline(baseline, { put: [toBaselineCell(conflict.key, s)] })
      : updateBaseline(baseline, { remove: [cellKey(conflict.key)] }),
  };
}
