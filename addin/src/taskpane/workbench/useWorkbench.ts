/**
 * The task pane's state and actions: a reducer (reducer.ts) holds the state, and this hook only
 * runs effects — the job the phase names, the focus re-check, the silent reconnect at start —
 * dispatching what they report. Every failure becomes a sentence (errors.ts) in the notice.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { endpointOf } from '../../api';
import { selectCell } from '../../excel/sheets';
import type { Conflict, ObservationStatus } from '../../sync';
import type { CompareRequest } from '../../workflow/compare';
import type { PullRequest } from '../../workflow/pull';
import { loadActiveSheet } from '../../workflow/sheet';
import { explain } from '../errors';
import type { Lang, Translate } from '../i18n';
import { translator } from '../i18n';
import * as settings from '../settings';
import { perform } from './jobs';
import { reduce } from './reducer';
import type { Phase, Progress } from './state';
import { cancellable, initialState, isRunning, selectionSheetId } from './state';

export type { Notice } from './state';

export interface Busy {
  readonly label: string;
  readonly done?: number;
  readonly total?: number;
  readonly stage?: Progress['stage'];
  /** Whether the Cancel button is offered, and whether it can act now. */
  readonly cancel: 'none' | 'ready' | 'writing' | 'requested';
}

const STAGE_LABEL = {
  download: 'progressDownload',
  write: 'progressWrite',
  push: 'progressPush',
} as const satisfies Record<Progress['stage'], string>;

/** What the progress area shows for `phase`, and what its Cancel button may do. */
export function busyOf(phase: Phase, t: Translate): Busy | null {
  if (!isRunning(phase)) return null;
  const p = phase.progress;
  // Once the sheet is being written a pull runs to its end: half a sheet would be worse.
  const cancel = !cancellable(phase.job)
    ? 'none'
    : phase.cancelled
      ? 'requested'
      : p?.stage === 'write'
        ? 'writing'
        : 'ready';
  const counts = p ? { done: p.done, total: p.total, stage: p.stage } : {};
  if (phase.cancelled) {
    // A push request already sent is answered and applied; saying so is the point of this line.
    const sent = phase.kind === 'pushing' && p?.stage === 'push';
    return { label: t(sent ? 'cancelAfterSent' : 'cancelling'), ...counts, cancel };
  }
  return { label: p ? t(STAGE_LABEL[p.stage], { done: p.done, total: p.total }) : t('working'), ...counts, cancel };
}

export function useWorkbench(origin: string) {
  const [s, dispatch] = useReducer(reduce, undefined, () => initialState(settings.savedLang()));
  const { lang } = s;
  const t = useMemo(() => translator(lang), [lang]);
  // Stable per language: pickers re-run their searches when their onError changes.
  const fail = useCallback(
    (e: unknown) => dispatch({ type: 'notice', notice: { intent: 'error', text: explain(e, lang) } }),
    [lang],
  );

  // Runs each job once, when its phase begins. The job carries its inputs; the language and
  // origin are those of the moment it started.
  const job = isRunning(s.phase) ? s.phase.job : null;
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!job) return;
    const controller = new AbortController();
    abort.current = controller;
    perform(job, { origin, lang, t, report: dispatch, signal: controller.signal }).then(dispatch, (e: unknown) => {
      console.error(e);
      dispatch({ type: 'failed', text: explain(e, lang) });
    });
  }, [job]);

  const recheck = useCallback(() => {
    loadActiveSheet().then((active) => dispatch({ type: 'sheet-loaded', active }), fail);
  }, [fail]);
  useEffect(() => {
    recheck();
    window.addEventListener('focus', recheck);
    return () => window.removeEventListener('focus', recheck);
  }, [recheck]);

  // Reconnect with what this user used last time, silently: a stale token just shows the form.
  useEffect(() => {
    const server = settings.lastServer() ?? origin;
    const token = settings.rememberedToken(endpointOf(server, origin));
    if (token) dispatch({ type: 'connect', server, token, quiet: true });
  }, [origin]);

  const client = s.connection?.client ?? null;
  const actions = {
    setLang(l: Lang) {
      settings.saveLang(l);
      dispatch({ type: 'set-lang', lang: l });
    },
    connect: (server: string, token: string) => dispatch({ type: 'connect', server, token, quiet: false }),
    disconnect() {
      if (client) settings.forget(client.endpoint);
      dispatch({ type: 'disconnect' });
    },
    recheck,
    setAtomic: (atomic: boolean) => dispatch({ type: 'set-atomic', atomic }),
    setNewStatus: (status: ObservationStatus) => dispatch({ type: 'set-status', status }),
    pull: (request: PullRequest) => dispatch({ type: 'pull', request }),
    fail,
    compare: (request: CompareRequest) => dispatch({ type: 'compare', request }),
    review: (dryRun: boolean) => dispatch({ type: 'review', dryRun }),
    refresh: () => dispatch({ type: 'refresh' }),
    sentences: () => dispatch({ type: 'sentences' }),
    decide: (choice: 'merge' | 'overwrite' | null) => dispatch({ type: 'decide', choice }),
    take: (conflict: Conflict) => dispatch({ type: 'take', conflict }),
    keep: (conflict: Conflict) => dispatch({ type: 'keep', conflict }),
    cancel() {
      if (job && cancellable(job)) abort.current?.abort();
      dispatch({ type: 'cancel' });
    },
    select(at: { row: number; col: number }) {
      const id = selectionSheetId(s);
      if (id) selectCell(id, at.row, at.col).catch(fail);
    },
  };

  return {
    lang,
    t,
    client,
    viewer: s.connection?.viewer ?? null,
    indicators: s.connection?.indicators ?? [],
    busy: busyOf(s.phase, t),
    /** What the running job is (a push, a preview, a pull…), for the announcements. */
    phase: s.phase.kind,
    jobsStarted: s.jobsStarted,
    running: isRunning(s.phase),
    notice: s.notice,
    active: s.active,
    result: s.desk.result,
    conflicts: s.desk.conflicts,
    /** The sheet the results and conflicts are about (its baseline holds the figures as pulled). */
    deskSheet: s.desk.sheet,
    pending: s.phase.kind === 'refresh-confirm' ? s.phase.pending : null,
    atomic: s.atomic,
    newStatus: s.newStatus,
    actions,
    dismiss: () => dispatch({ type: 'dismiss' }),
  };
}

export type Workbench = ReturnType<typeof useWorkbench>;
