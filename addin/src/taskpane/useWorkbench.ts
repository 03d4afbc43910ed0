/**
 * The task pane's state and actions. Each action runs through `run`, which shows progress, turns
 * any failure into a sentence (errors.ts) and never leaves the pane stuck "busy".
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IndicatorHit, Viewer } from '../api';
import { endpointOf, fetchViewer, GraphQLClient, listIndicators } from '../api';
import { selectCell } from '../excel/sheets';
import type { Conflict, MarkState, ObservationStatus } from '../sync';
import { cellKey } from '../sync';
import { explain } from './errors';
import { explainItem } from './explain-mark';
import type { Lang, MessageKey } from './i18n';
import { STATE_LABELS, translator } from './i18n';
import * as settings from './settings';
import type { CompareRequest } from '../workflow/compare';
import { compare, pivotFor } from '../workflow/compare';
import type { PendingRefresh, Progress, PullOutcome, PullRequest } from '../workflow/pull';
import { download, pull, refresh, requestFromScope } from '../workflow/pull';
import type { ResultItem, ReviewResult } from '../workflow/push';
import { keepMine, markConflicts, review, takeServer } from '../workflow/push';
import type { ActiveSheet, BoundSheet } from '../workflow/sheet';
import { loadActiveSheet } from '../workflow/sheet';

export interface Notice {
  readonly intent: 'success' | 'error' | 'info' | 'warning';
  readonly text: string;
}

export interface Busy {
  readonly label: string;
  readonly done?: number;
  readonly total?: number;
}

/** After "keep mine" re-pushes one cell, its new outcome replaces the old line for that cell. */
function mergeResult(prev: ReviewResult | null, next: ReviewResult, keyId: string): ReviewResult {
  if (!prev) return next;
  const others = prev.items.filter((i) => !i.key || cellKey(i.key) !== keyId);
  const items = [...others, ...next.items];
  const counts: Partial<Record<MarkState, number>> = {};
  for (const i of items) counts[i.state] = (counts[i.state] ?? 0) + 1;
  return { ...prev, sheet: next.sheet, items, counts, warnings: [...prev.warnings, ...next.warnings] };
}

export function useWorkbench(origin: string) {
  const [lang, setLangState] = useState<Lang>(settings.savedLang());
  const t = useMemo(() => translator(lang), [lang]);
  const [client, setClient] = useState<GraphQLClient | null>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [indicators, setIndicators] = useState<IndicatorHit[]>([]);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [active, setActive] = useState<ActiveSheet | null>(null);
  const [result, setResult] = useState<ReviewResult | null>(null);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [conflictSheet, setConflictSheet] = useState<BoundSheet | null>(null);
  const [pending, setPending] = useState<PendingRefresh | null>(null);
  const [atomic, setAtomic] = useState(true);
  const [newStatus, setNewStatus] = useState<ObservationStatus>('OFFICIAL');
  const compareName = useRef<string | null>(null);
  const annotate = useCallback((item: ResultItem) => ({ title: STATE_LABELS[lang][item.state], message: explainItem(item, lang) }), [lang]);

  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: explain(e, lang) }), [lang]);
  const progress: Progress = useCallback(
    (phase, done, total) => {
      const key = phase === 'download' ? 'progressDownload' : phase === 'push' ? 'progressPush' : 'progressWrite';
      setBusy({ label: t(key, { done, total }), done, total });
    },
    [t],
  );
  const run = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy({ label: t('working') });
      setNotice(null);
      try {
        await fn();
      } catch (e) {
        console.error(e);
        fail(e);
      } finally {
        setBusy(null);
      }
    },
    [t, fail],
  );
  const bound = (s: BoundSheet): ActiveSheet => ({ kind: 'bound', sheet: s });
  const requireSheet = async (): Promise<BoundSheet | null> => {
    const a = await loadActiveSheet();
    setActive(a);
    return a.kind === 'bound' ? a.sheet : null;
  };

  const recheck = useCallback(() => {
    loadActiveSheet().then(setActive, fail);
  }, [fail]);
  useEffect(() => {
    recheck();
    window.addEventListener('focus', recheck);
    return () => window.removeEventListener('focus', recheck);
  }, [recheck]);

  const connect = useCallback(
    (server: string, token: string, quiet = false) =>
      run(async () => {
        const c = new GraphQLClient({ serverUrl: server || origin, token });
        try {
          const v = await fetchViewer(c);
          setIndicators(await listIndicators(c));
          settings.remember(c.endpoint, server, token);
          setViewer(v);
          setClient(c);
        } catch (e) {
          if (!quiet) throw e;
        }
      }),
    [run, origin],
  );
  // Reconnect with what this user used last time, silently: a stale token just shows the form.
  useEffect(() => {
    const server = settings.lastServer() ?? origin;
    const token = settings.rememberedToken(endpointOf(server, origin));
    if (token) void connect(server, token, true);
  }, [connect, origin]);

  const afterPull = async (outcome: PullOutcome) => {
    if (outcome.kind === 'decide') {
      setPending(outcome.pending);
      return;
    }
    setPending(null);
    setActive(bound(outcome.sheet));
    setResult(null);
    setConflicts([...outcome.conflicts]);
    setConflictSheet(outcome.sheet);
    await markConflicts(outcome.sheet, outcome.conflicts, annotate);
    let text = t(outcome.refreshed ? 'refreshed' : 'pulled', { rows: outcome.rows, sheet: outcome.sheet.sheetName });
    const province = compareName.current;
    compareName.current = null;
    if (province) {
      const p = await pivotFor(outcome, province);
      text = p.ok
        ? `${t('comparedPivot', { sheet: outcome.sheet.sheetName, pivot: p.sheetName })} ${p.filtered ? '' : t('comparePickIndicator')}`
        : t('compareNoPivot', { sheet: outcome.sheet.sheetName });
    }
    setNotice({ intent: 'success', text });
  };

  const actions = {
    setLang(l: Lang) {
      settings.saveLang(l);
      setLangState(l);
    },
    connect: (server: string, token: string) => connect(server, token),
    disconnect() {
      if (client) settings.forget(client.endpoint);
      setClient(null);
      setViewer(null);
    },
    recheck,
    setAtomic,
    setNewStatus,
    pull: (req: PullRequest) =>
      run(async () => {
        if (client) await afterPull(await pull(client, req, progress));
      }),
    fail,
    compare: (req: CompareRequest) =>
      run(async () => {
        if (!client) return;
        compareName.current = req.provinceName;
        await afterPull(await compare(client, req, progress));
      }),
    review: (dryRun: boolean) =>
      run(async () => {
        const sheet = await requireSheet();
        if (!client || !sheet) return;
        const r = await review(client, sheet, { dryRun, atomic, defaultStatus: newStatus, annotate, onProgress: (d, n) => progress('push', d, n) });
        setResult(r);
        setConflicts([...r.conflicts]);
        setConflictSheet(r.sheet);
        setActive(bound(r.sheet));
      }),
    refresh: () =>
      run(async () => {
        const sheet = await requireSheet();
        if (!client || !sheet) return;
        const req = requestFromScope(sheet.binding.scopeKey, sheet.sheetName);
        if (!req) throw new Error(`unknown scope ${sheet.binding.scopeKey}`);
        await afterPull(await refresh(sheet, await download(client, req, progress), null, progress));
      }),
    decide: (choice: 'merge' | 'overwrite' | null) => {
      const p = pending;
      setPending(null);
      if (!p || choice === null) {
        compareName.current = null;
        return;
      }
      void run(async () => afterPull(await refresh(p.sheet, p.fresh, choice, progress)));
    },
    take: (c: Conflict) =>
      run(async () => {
        if (!conflictSheet) return;
        const s = await takeServer(conflictSheet, c);
        setConflictSheet(s);
        setActive(bound(s));
        setConflicts((cs) => cs.filter((x) => x.keyId !== c.keyId));
      }),
    keep: (c: Conflict) =>
      run(async () => {
        if (!client || !conflictSheet) return;
        const r = await keepMine(client, conflictSheet, c, { atomic: true, defaultStatus: newStatus, annotate });
        setConflictSheet(r.sheet);
        setActive(bound(r.sheet));
        setConflicts((cs) => [...cs.filter((x) => x.keyId !== c.keyId), ...r.conflicts]);
        setResult((prev) => mergeResult(prev, r, c.keyId));
      }),
    select: (at: { row: number; col: number }) => {
      const id = conflictSheet?.sheetId ?? (active?.kind === 'bound' ? active.sheet.sheetId : null);
      if (id) selectCell(id, at.row, at.col).catch(fail);
    },
  };

  return { lang, t, client, viewer, indicators, busy, notice, active, result, conflicts, pending, atomic, newStatus, actions, dismiss: () => setNotice(null) };
}

export type Workbench = ReturnType<typeof useWorkbench>;
export type { MessageKey };
