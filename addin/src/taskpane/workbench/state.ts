/**
 * The workbench as data: what the pane is doing now (its phase), what the last pull or push left
 * to act on (the desk), and the connection. Pure — no React, no Office — so every transition can
 * be tested without a browser. reducer.ts is the only way it changes; useWorkbench.ts runs the job
 * a phase names (jobs.ts) and feeds what it reports back in.
 */
import type { GraphQLClient, IndicatorHit, Viewer } from '../../api';
import type { Conflict, ObservationStatus } from '../../sync';
import type { CompareRequest } from '../../workflow/compare';
import type { PendingRefresh, PullRequest } from '../../workflow/pull';
import type { ReviewResult } from '../../workflow/push';
import type { ActiveSheet, BoundSheet } from '../../workflow/sheet';
import type { Lang } from '../i18n';

export interface Notice {
  readonly intent: 'success' | 'error' | 'info' | 'warning';
  readonly text: string;
}

export interface Connection {
  readonly client: GraphQLClient;
  readonly viewer: Viewer | null;
  readonly indicators: readonly IndicatorHit[];
}

/** What the last pull, preview or push left to look at and act on. */
export interface Desk {
  /** The last preview or push; null after a pull (then only the conflicts a refresh found). */
  readonly result: ReviewResult | null;
  readonly conflicts: readonly Conflict[];
  /** The sheet the conflicts are in: settling one writes there even if another sheet is active. */
  readonly sheet: BoundSheet | null;
}

/**
 * A unit of work and everything it needs, fixed when it starts (options changed meanwhile apply to
 * the next one). `compare` is the comparison whose sheets follow the long table's pull; it rides
 * along through a refresh decision, which is why it is data and not a variable of the hook.
 */
export type Job =
  | { readonly kind: 'connect'; readonly server: string; readonly token: string; readonly quiet: boolean }
  | { readonly kind: 'pull'; readonly client: GraphQLClient; readonly request: PullRequest }
  | { readonly kind: 'compare'; readonly client: GraphQLClient; readonly request: CompareRequest }
  | { readonly kind: 'refresh'; readonly client: GraphQLClient }
  /** The report sentences of the term sheet `sheet`, written into a new sheet (workflow/sentences.ts). */
  | { readonly kind: 'sentences'; readonly client: GraphQLClient; readonly sheet: BoundSheet; readonly lang: Lang }
  | {
      readonly kind: 'apply-refresh';
      readonly pending: PendingRefresh;
      readonly choice: 'merge' | 'overwrite';
      readonly compare: CompareRequest | null;
      /** To re-read the comparison sheets afterwards (null: not connected any more). */
      readonly client: GraphQLClient | null;
    }
  | {
      readonly kind: 'review';
      readonly client: GraphQLClient;
      readonly dryRun: boolean;
      readonly atomic: boolean;
      readonly defaultStatus: ObservationStatus;
    }
  | { readonly kind: 'take'; readonly sheet: BoundSheet; readonly conflict: Conflict }
  | {
      readonly kind: 'keep';
      readonly client: GraphQLClient;
      readonly sheet: BoundSheet;
      readonly conflict: Conflict;
      readonly defaultStatus: ObservationStatus;
    };

type JobOf<K extends Job['kind']> = Extract<Job, { kind: K }>;

export interface Progress {
  readonly stage: 'download' | 'write' | 'push';
  readonly done: number;
  readonly total: number;
}

interface Running<K extends string, J extends Job> {
  readonly kind: K;
  readonly job: J;
  /** null until the job reports a count: the pane then just says it is working. */
  readonly progress: Progress | null;
  /** The user asked to cancel; the job stops at its next safe point (see cancellable). */
  readonly cancelled: boolean;
}

/**
 * At rest: idle, conflict-review (conflicts wait for "take server value" / "keep mine"), or
 * refresh-confirm (a refresh would overwrite un-pushed work and waits for the user's choice).
 * Running: one job at a time. A failure is not a phase: the pane comes back to rest with the
 * error in the notice, and everything allowed before is allowed again.
 */
export type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'conflict-review' }
  | { readonly kind: 'refresh-confirm'; readonly pending: PendingRefresh; readonly compare: CompareRequest | null }
  | Running<'connecting', JobOf<'connect'>>
  | Running<'pulling', JobOf<'pull' | 'compare' | 'refresh' | 'apply-refresh' | 'sentences'>>
  | Running<'previewing', JobOf<'review'>>
  | Running<'pushing', JobOf<'review'>>
  | Running<'resolving', JobOf<'take' | 'keep'>>;

export type RunningPhase = Extract<Phase, { job: Job }>;

export interface WorkbenchState {
  readonly lang: Lang;
  readonly connection: Connection | null;
  /** Options of the next push. */
  readonly atomic: boolean;
  readonly newStatus: ObservationStatus;
  /** The sheet the user is on, as last loaded; null until the first look. */
  readonly active: ActiveSheet | null;
  readonly desk: Desk;
  readonly notice: Notice | null;
  readonly phase: Phase;
  /** How many jobs have started: lets a test (or an assistive tool) tell a finished job from one not begun. */
  readonly jobsStarted: number;
}

/** What the user asks for. Where the state does not allow it, the reducer returns the state unchanged. */
export type Intent =
  | { readonly type: 'set-lang'; readonly lang: Lang }
  | { readonly type: 'set-atomic'; readonly atomic: boolean }
  | { readonly type: 'set-status'; readonly status: ObservationStatus }
  | { readonly type: 'connect'; readonly server: string; readonly token: string; readonly quiet: boolean }
  | { readonly type: 'disconnect' }
  | { readonly type: 'pull'; readonly request: PullRequest }
  | { readonly type: 'compare'; readonly request: CompareRequest }
  | { readonly type: 'refresh' }
  | { readonly type: 'sentences' }
  | { readonly type: 'review'; readonly dryRun: boolean }
  | { readonly type: 'decide'; readonly choice: 'merge' | 'overwrite' | null }
  | { readonly type: 'take'; readonly conflict: Conflict }
  | { readonly type: 'keep'; readonly conflict: Conflict }
  /** Cancel the running pull, preview or push (the hook also fires the job's AbortSignal). */
  | { readonly type: 'cancel' }
  /** A failure outside any job (the focus re-check, a picker's search, selecting a cell). */
  | { readonly type: 'notice'; readonly notice: Notice }
  | { readonly type: 'dismiss' };

/**
 * What a running job reports. Each is accepted only from the phase whose job sends it; the last
 * one (connected, needs-choice, reviewed, taken, kept, finished or failed) ends the job.
 */
export type Report =
  | { readonly type: 'progress'; readonly progress: Progress }
  /** Also sent by the focus re-check, so accepted in every phase. */
  | { readonly type: 'sheet-loaded'; readonly active: ActiveSheet }
  /** A pull wrote the sheet; painting conflicts and building a pivot may still follow. */
  | { readonly type: 'pulled'; readonly sheet: BoundSheet; readonly conflicts: readonly Conflict[] }
  | { readonly type: 'needs-choice'; readonly pending: PendingRefresh }
  | { readonly type: 'connected'; readonly connection: Connection }
  | { readonly type: 'reviewed'; readonly result: ReviewResult }
  | { readonly type: 'taken'; readonly sheet: BoundSheet }
  | { readonly type: 'kept'; readonly result: ReviewResult }
  /** The notice to show, or null to leave the current one (a re-check's error, say) in place. */
  | { readonly type: 'finished'; readonly notice: Notice | null }
  | { readonly type: 'failed'; readonly text: string };

export type Action = Intent | Report;

export function initialState(lang: Lang): WorkbenchState {
  return {
    lang,
    connection: null,
    atomic: true,
    newStatus: 'OFFICIAL',
    active: null,
    desk: { result: null, conflicts: [], sheet: null },
    notice: null,
    phase: { kind: 'idle' },
    jobsStarted: 0,
  };
}

export function isRunning(phase: Phase): phase is RunningPhase {
  return 'job' in phase;
}

/**
 * Jobs the user may cancel: pulls stop before they write the sheet, pushes between server requests.
 * Connecting and settling one conflict are single short requests, not worth a button.
 */
export function cancellable(job: Job): boolean {
  return job.kind === 'pull' || job.kind === 'compare' || job.kind === 'refresh' || job.kind === 'review';
}

/** The comparison a pull job ends with (its sheets built after the long table), if it is or continues one. */
export function compareOf(job: Job): CompareRequest | null {
  if (job.kind === 'compare') return job.request;
  return job.kind === 'apply-refresh' ? job.compare : null;
}

/** The sheet a click in the results list selects in: the conflicts' sheet, else the active one. */
export function selectionSheetId(s: WorkbenchState): string | null {
  return s.desk.sheet?.sheetId ?? (s.active?.kind === 'bound' ? s.active.sheet.sheetId : null);
}
