/**
 * Running a job: the workflow calls it stands for, with progress and intermediate results sent
 * back as reports while it runs, and the report that ends it returned. A thrown error is the
 * caller's to turn into words (errors.ts), so that every job fails the same way.
 */
import { CancelledError, fetchViewer, GraphQLClient, listIndicators } from '../../api';
import { insertReportSentences } from '../../workflow/sentences';
import type { CompareRequest, ComparisonOutcome } from '../../workflow/compare';
import { buildComparison, compare, refreshComparisons } from '../../workflow/compare';
import type { Progress as OnProgress, PullOutcome } from '../../workflow/pull';
import { download, pull, refresh, requestFromScope } from '../../workflow/pull';
import type { ResultItem } from '../../workflow/push';
import { keepMine, markConflicts, markDerived, review, takeServer } from '../../workflow/push';
import type { BoundSheet } from '../../workflow/sheet';
import { loadActiveSheet } from '../../workflow/sheet';
import { explainItem } from '../explain-mark';
import type { Lang, Translate } from '../i18n';
import { STATE_LABELS } from '../labels';
import * as settings from '../settings';
import type { Intent, Job, Report } from './state';
import { compareOf } from './state';

export interface JobContext {
  /** The pane's own origin: the server when the user leaves the address empty. */
  readonly origin: string;
  readonly lang: Lang;
  readonly t: Translate;
  /** Also takes a notice: a push that finished despite a cancel says so beside its results. */
  readonly report: (r: Report | Extract<Intent, { type: 'notice' }>) => void;
  /** Fired by the pane's Cancel button; the workflow stops at its next safe point. */
  readonly signal: AbortSignal;
}

/**
 * Runs `job`. A cancelled job ends with a notice saying what it left behind (nothing); one that
 * was past its last safe point when the user cancelled finishes, and says cancelling came too late.
 */
export async function perform(job: Job, ctx: JobContext): Promise<Report> {
  const { t } = ctx;
  const pushing = job.kind === 'review' && !job.dryRun;
  let report: Report;
  try {
    report = await run(job, ctx);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    const text = t(pushing ? 'cancelledPush' : job.kind === 'review' ? 'cancelledPreview' : 'cancelledPull');
    return { type: 'finished', notice: { intent: 'info', text } };
  }
  if (!ctx.signal.aborted) return report;
  if (report.type === 'needs-choice') {
    // Nothing is written before the user chooses: the cancel still holds.
    return { type: 'finished', notice: { intent: 'info', text: t('cancelledPull') } };
  }
  if (report.type === 'finished' && report.notice) {
    const text = `${t('cancelTooLatePull')} ${report.notice.text}`;
    return { ...report, notice: { ...report.notice, text } };
  }
  if (report.type === 'reviewed' && pushing && report.result.unsent === 0) {
    ctx.report({ type: 'notice', notice: { intent: 'info', text: t('cancelTooLatePush') } });
  }
  return report;
}

async function run(job: Job, ctx: JobContext): Promise<Report> {
  const { signal } = ctx;
  const onProgress: OnProgress = (stage, done, total) =>
    ctx.report({ type: 'progress', progress: { stage, done, total } });
  // What a marked cell says when selected in Excel, in the user's language.
  const annotate = (item: ResultItem) => ({
    title: STATE_LABELS[item.state][ctx.lang],
    message: explainItem(item, ctx.lang),
  });
  // After the long table: the comparison a Compare asked for, or (after a refresh) every comparison
  // sheet of the workbook, re-read from the server.
  const client = 'client' in job ? job.client : null;
  const follow = (): Follow => {
    const req = compareOf(job);
    if (req && client) return { kind: 'compare', client, request: req };
    return (job.kind === 'refresh' || job.kind === 'apply-refresh') && client ? { kind: 'refresh-all', client } : null;
  };
  const written = (outcome: PullOutcome) => afterPull(outcome, follow(), ctx, annotate, onProgress, signal);
  switch (job.kind) {
    case 'connect':
      return connect(job, ctx.origin);
    case 'pull':
      return written(await pull(job.client, job.request, onProgress, signal));
    case 'compare':
      return written(await compare(job.client, job.request, onProgress, signal));
    case 'refresh': {
      const sheet = await requireSheet(ctx);
      if (!sheet) return { type: 'finished', notice: null };
      const req = requestFromScope(sheet.binding.scopeKey, sheet.sheetName);
      if (!req) throw new Error(`unknown scope ${sheet.binding.scopeKey}`);
      const fresh = await download(job.client, req, onProgress, signal);
      return written(await refresh(sheet, fresh, null, onProgress, signal));
    }
    case 'sentences': {
      const r = await insertReportSentences(job.client, job.sheet, job.lang === 'vi' ? 'VI' : 'EN', signal);
      // The new sheet is the one shown now: a plain sheet, not one the add-in pulled.
      ctx.report({ type: 'sheet-loaded', active: { kind: 'unbound', sheetName: r.sheetName } });
      const text = ctx.t('sentencesWritten', { sheet: r.sheetName });
      return { type: 'finished', notice: { intent: 'success', text } };
    }
    case 'apply-refresh':
      return written(await refresh(job.pending.sheet, job.pending.fresh, job.choice, onProgress));
    case 'review': {
      const sheet = await requireSheet(ctx);
      if (!sheet) return { type: 'finished', notice: null };
      const opts = {
        dryRun: job.dryRun,
        atomic: job.atomic,
        defaultStatus: job.defaultStatus,
        annotate,
        onProgress: (d: number, n: number) => onProgress('push', d, n),
        signal,
      };
      const result = await review(job.client, sheet, opts);
      // Targets, values and so ranks moved: the comparison sheets are re-read (before the report,
      // so what the pane says is what the workbook shows).
      if (!job.dryRun && result.applied && result.sent > 0) {
        const redone = await refreshComparisons(job.client, onProgress);
        if (redone.length)
          ctx.report({ type: 'notice', notice: { intent: 'info', text: comparedText(ctx.t, redone) } });
      }
      return { type: 'reviewed', result };
    }
    case 'take':
      return { type: 'taken', sheet: await takeServer(job.sheet, job.conflict) };
    case 'keep':
      return {
        type: 'kept',
        result: await keepMine(job.client, job.sheet, job.conflict, {
          atomic: true,
          defaultStatus: job.defaultStatus,
          annotate,
        }),
      };
  }
}

async function connect(job: Extract<Job, { kind: 'connect' }>, origin: string): Promise<Report> {
  const client = new GraphQLClient({ serverUrl: job.server || origin, token: job.token });
  try {
    const viewer = await fetchViewer(client);
    const indicators = await listIndicators(client);
    settings.remember(client.endpoint, job.server, job.token);
    return { type: 'connected', connection: { client, viewer, indicators } };
  } catch (e) {
    // The silent reconnect at start: a stale token just leaves the form to fill in.
    if (job.quiet) return { type: 'finished', notice: null };
    throw e;
  }
}

/** Preview, push and refresh act on the sheet the user is on now, read afresh. */
async function requireSheet(ctx: JobContext): Promise<BoundSheet | null> {
  const active = await loadActiveSheet();
  ctx.report({ type: 'sheet-loaded', active });
  return active.kind === 'bound' ? active.sheet : null;
}

type Follow =
  | { readonly kind: 'compare'; readonly client: GraphQLClient; readonly request: CompareRequest }
  | { readonly kind: 'refresh-all'; readonly client: GraphQLClient }
  | null;

/** What the pane says about comparison sheets just (re)written. */
function comparedText(t: Translate, done: readonly ComparisonOutcome[]): string {
  return done
    .map((o) =>
      t(o.pivot.ok ? 'comparedSheets' : 'comparedSheetsNoPivot', {
        sheet: o.comparison.sheetName,
        pivot: o.pivot.ok ? o.pivot.sheetName : '',
        bands: o.bands.ok ? o.bands.sheetName : '',
        scorecard: o.scorecard.sheetName,
        rows: o.rows,
      }),
    )
    .join(' ');
}

async function afterPull(
  outcome: PullOutcome,
  follow: Follow,
  ctx: JobContext,
  annotate: (i: ResultItem) => { title: string; message: string | null },
  onProgress: OnProgress,
  signal: AbortSignal,
): Promise<Report> {
  if (outcome.kind === 'decide') return { type: 'needs-choice', pending: outcome.pending };
  // Shown at once; the conflicts' paint and the comparison sheets follow under the same progress bar.
  ctx.report({ type: 'pulled', sheet: outcome.sheet, conflicts: outcome.conflicts });
  await markConflicts(outcome.sheet, outcome.conflicts, annotate);
  await markDerived(outcome.sheet, outcome.table, annotate);
  const { t } = ctx;
  const sheet = outcome.sheet.sheetName;
  let text = t(outcome.refreshed ? 'refreshed' : 'pulled', { rows: outcome.rows, sheet });
  if (follow?.kind === 'compare') {
    const done = await buildComparison(follow.client, follow.request, onProgress, signal);
    text = `${t('comparedLong', { sheet })} ${comparedText(t, [done])}`;
  } else if (follow?.kind === 'refresh-all') {
    const done = await refreshComparisons(follow.client, onProgress, signal);
    if (done.length) text = `${text} ${comparedText(t, done)}`;
  }
  return { type: 'finished', notice: { intent: 'success', text } };
}
