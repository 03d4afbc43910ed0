/**
 * Every change of the workbench. An intent the phase does not allow, or a report from a job that
 * is not running, returns the very same state: the buttons are disabled in those phases anyway,
 * and refusing here too means a double click or a late callback can never start a second job or
 * overwrite newer results.
 */
import type { Conflict, MarkState } from '../../sync';
import { cellKey } from '../../sync';
import type { ReviewResult } from '../../workflow/push';
import type { BoundSheet } from '../../workflow/sheet';
import { termOf } from '../../workflow/sentences';
import type { Action, Intent, Job, Phase, WorkbenchState } from './state';
import { cancellable, compareOf, isRunning } from './state';

const bound = (sheet: BoundSheet) => ({ kind: 'bound', sheet }) as const;

/** Back to rest: conflict-review while conflicts wait for the user, else idle. */
function settle(s: WorkbenchState): WorkbenchState {
  return { ...s, phase: s.desk.conflicts.length > 0 ? { kind: 'conflict-review' } : { kind: 'idle' } };
}

function running(job: Job): Phase {
  switch (job.kind) {
    case 'connect':
      return { kind: 'connecting', job, progress: null, cancelled: false };
    case 'review':
      return { kind: job.dryRun ? 'previewing' : 'pushing', job, progress: null, cancelled: false };
    case 'take':
    case 'keep':
      return { kind: 'resolving', job, progress: null, cancelled: false };
    default:
      return { kind: 'pulling', job, progress: null, cancelled: false };
  }
}

/** The conflicts' sheet, when `c` is one of the conflicts waiting on the desk. */
function openConflict(s: WorkbenchState, c: Conflict): BoundSheet | null {
  return s.desk.conflicts.some((x) => x.keyId === c.keyId) ? s.desk.sheet : null;
}

/** The job an intent starts, or null where the state does not allow it. */
export function jobFor(s: WorkbenchState, a: Intent): Job | null {
  const atRest = s.phase.kind === 'idle' || s.phase.kind === 'conflict-review';
  const client = s.connection?.client ?? null;
  const onSheet = s.active?.kind === 'bound';
  switch (a.type) {
    case 'connect':
      return atRest && !client ? { kind: 'connect', server: a.server, token: a.token, quiet: a.quiet } : null;
    case 'pull':
      return atRest && client ? { kind: 'pull', client, request: a.request } : null;
    case 'compare':
      return atRest && client ? { kind: 'compare', client, request: a.request } : null;
    case 'refresh':
      return atRest && client && onSheet ? { kind: 'refresh', client } : null;
    case 'sentences':
      return atRest && client && s.active?.kind === 'bound' && termOf(s.active.sheet)
        ? { kind: 'sentences', client, sheet: s.active.sheet, lang: s.lang }
        : null;
    case 'review':
      return atRest && client && onSheet
        ? { kind: 'review', client, dryRun: a.dryRun, atomic: s.atomic, defaultStatus: s.newStatus }
        : null;
    case 'take':
    case 'keep': {
      const sheet = s.phase.kind === 'conflict-review' ? openConflict(s, a.conflict) : null;
      if (!sheet) return null;
      if (a.type === 'take') return { kind: 'take', sheet, conflict: a.conflict };
      return client ? { kind: 'keep', client, sheet, conflict: a.conflict, defaultStatus: s.newStatus } : null;
    }
    case 'decide': {
      const p = s.phase;
      if (p.kind !== 'refresh-confirm' || a.choice === null) return null;
      // Merging is offered only when the sheet can still be read; the dialog disables it otherwise.
      if (a.choice === 'merge' && !p.pending.canMerge) return null;
      return { kind: 'apply-refresh', pending: p.pending, choice: a.choice, compare: p.compare, client };
    }
    default:
      return null;
  }
}

/** After "keep mine" re-pushes one cell, its new outcome replaces the old line for that cell. */
export function mergeResult(prev: ReviewResult | null, next: ReviewResult, keyId: string): ReviewResult {
  if (!prev) return next;
  return { ...withoutCell(prev, keyId, next.items), sheet: next.sheet, warnings: [...prev.warnings, ...next.warnings] };
}

/**
 * After "take server value" the cell is the server's again and unmarked: its conflict line leaves
 * the results, so nothing settled is still listed as open.
 */
export function withoutCell(prev: ReviewResult, keyId: string, replacement: ReviewResult['items'] = []): ReviewResult {
  const others = prev.items.filter((i) => !i.key || cellKey(i.key) !== keyId);
  const items = [...others, ...replacement];
  const counts: Partial<Record<MarkState, number>> = {};
  for (const i of items) counts[i.state] = (counts[i.state] ?? 0) + 1;
  return { ...prev, items, counts };
}

export function reduce(s: WorkbenchState, a: Action): WorkbenchState {
  const p = s.phase;
  switch (a.type) {
    case 'set-lang':
      return { ...s, lang: a.lang };
    case 'set-atomic':
      return { ...s, atomic: a.atomic };
    case 'set-status':
      return { ...s, newStatus: a.status };
    case 'notice':
      return { ...s, notice: a.notice };
    case 'dismiss':
      return { ...s, notice: null };
    case 'disconnect':
      // Allowed while a job runs, as the button is: the job keeps the client it started with.
      return s.connection ? { ...s, connection: null } : s;
    case 'sheet-loaded':
      return { ...s, active: a.active };
    case 'decide':
      if (p.kind === 'refresh-confirm' && a.choice === null) return settle(s); // cancelled: nothing written
      break;
    case 'progress':
      return isRunning(p) ? { ...s, phase: { ...p, progress: a.progress } } : s;
    case 'cancel':
      return isRunning(p) && cancellable(p.job) && !p.cancelled ? { ...s, phase: { ...p, cancelled: true } } : s;
    case 'pulled':
      return p.kind === 'pulling'
        ? { ...s, active: bound(a.sheet), desk: { result: null, conflicts: a.conflicts, sheet: a.sheet } }
        : s;
    case 'needs-choice':
      return p.kind === 'pulling'
        ? { ...s, phase: { kind: 'refresh-confirm', pending: a.pending, compare: compareOf(p.job) } }
        : s;
    case 'connected':
      return p.kind === 'connecting' ? settle({ ...s, connection: a.connection }) : s;
    case 'reviewed': {
      if (p.kind !== 'previewing' && p.kind !== 'pushing') return s;
      const r = a.result;
      return settle({ ...s, active: bound(r.sheet), desk: { result: r, conflicts: r.conflicts, sheet: r.sheet } });
    }
    case 'taken':
    case 'kept': {
      if (p.kind !== 'resolving') return s;
      const keyId = p.job.conflict.keyId;
      const others = s.desk.conflicts.filter((c) => c.keyId !== keyId);
      const desk =
        a.type === 'taken'
          ? {
              result: s.desk.result && withoutCell(s.desk.result, keyId),
              conflicts: others,
              sheet: a.sheet,
            }
          : {
              result: mergeResult(s.desk.result, a.result, keyId),
              conflicts: [...others, ...a.result.conflicts],
              sheet: a.result.sheet,
            };
      return settle({ ...s, active: bound(desk.sheet), desk });
    }
    case 'finished':
      return isRunning(p) ? settle({ ...s, notice: a.notice ?? s.notice }) : s;
    case 'failed':
      return isRunning(p) ? settle({ ...s, notice: { intent: 'error', text: a.text } }) : s;
  }
  const job = jobFor(s, a);
  // A new job clears the last notice: it answered the previous action, not this one.
  return job ? { ...s, notice: null, phase: running(job), jobsStarted: s.jobsStarted + 1 } : s;
}
