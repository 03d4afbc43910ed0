/**
 * The workbench reducer: which intents start a job in which phase, and that everything else is
 * refused — the very same state comes back, so no job starts and nothing re-renders.
 */
import { describe, expect, it } from 'vitest';
import { reduce } from '../../../addin/src/taskpane/workbench/reducer';
import type { Action, Intent, WorkbenchState } from '../../../addin/src/taskpane/workbench/state';
import { initialState } from '../../../addin/src/taskpane/workbench/state';
import type { CompareRequest } from '../../../addin/src/workflow/compare';
import type { PullRequest } from '../../../addin/src/workflow/pull';
import { client, conflict, pending, ready, result, sheet } from './fixtures';

const PULL: PullRequest = { layout: 'term', termId: 't1' };
const COMPARE: CompareRequest = {
  provinceCode: '38',
  provinceName: 'Thanh Hóa',
  indicatorCodes: [],
  fromYear: 2021,
  toYear: 2023,
};
const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reduce, s);

const STARTS: readonly Intent[] = [
  { type: 'connect', server: '', token: 'ctk_x', quiet: false },
  { type: 'pull', request: PULL },
  { type: 'compare', request: COMPARE },
  { type: 'refresh' },
  { type: 'review', dryRun: true },
  { type: 'review', dryRun: false },
  { type: 'take', conflict: conflict('GTSX') },
  { type: 'keep', conflict: conflict('GTSX') },
  { type: 'decide', choice: 'overwrite' },
];

describe('workbench: starting a job', () => {
  it('begins idle, with nothing on the desk', () => {
    const s = initialState('vi');
    expect(s.phase).toEqual({ kind: 'idle' });
    expect(s.desk).toEqual({ result: null, conflicts: [], sheet: null });
    expect([s.atomic, s.newStatus]).toEqual([true, 'OFFICIAL']);
  });

  it('connect → connecting → connected: back to idle with the connection', () => {
    const s = run(initialState('vi'), { type: 'connect', server: '', token: 'ctk_x', quiet: true });
    expect(s.phase).toEqual({
      kind: 'connecting',
      job: { kind: 'connect', server: '', token: 'ctk_x', quiet: true },
      progress: null,
      cancelled: false,
    });
    const c = { client, viewer: { name: 'A', role: 'VIEWER' as const, scopeCode: null }, indicators: [] };
    const done = run(s, { type: 'connected', connection: c });
    expect(done.phase.kind).toBe('idle');
    expect(done.connection).toBe(c);
    expect(run(done, { type: 'connect', server: '', token: 'ctk_y', quiet: false })).toBe(done); // already connected
  });

  it('counts the jobs it starts, and only those', () => {
    const s = run(ready(), { type: 'pull', request: PULL });
    expect(s.jobsStarted).toBe(ready().jobsStarted + 1);
    expect(run(s, { type: 'pull', request: PULL }).jobsStarted).toBe(s.jobsStarted); // refused while pulling
  });

  it('a pull starts from idle and clears the last notice', () => {
    const s = run({ ...ready(), notice: { intent: 'success', text: 'old' } }, { type: 'pull', request: PULL });
    expect(s.phase).toEqual({
      kind: 'pulling',
      job: { kind: 'pull', client, request: PULL },
      progress: null,
      cancelled: false,
    });
    expect(s.notice).toBeNull();
  });

  it('preview and push take the push options of the moment they start', () => {
    const s = run(ready(), { type: 'set-atomic', atomic: false }, { type: 'set-status', status: 'ESTIMATED' });
    const preview = run(s, { type: 'review', dryRun: true });
    expect(preview.phase).toEqual({
      kind: 'previewing',
      job: { kind: 'review', client, dryRun: true, atomic: false, defaultStatus: 'ESTIMATED' },
      progress: null,
      cancelled: false,
    });
    expect(run(s, { type: 'review', dryRun: false }).phase.kind).toBe('pushing');
  });

  it('nothing that needs the server starts without a connection', () => {
    const s = { ...ready(), connection: null };
    for (const a of STARTS.filter((x) => x.type !== 'connect')) expect(run(s, a), a.type).toBe(s);
  });

  it('preview, push and refresh need a pulled sheet', () => {
    const s = { ...ready(), active: { kind: 'unbound' as const, sheetName: 'Sheet1' } };
    for (const a of STARTS.filter((x) => x.type === 'review' || x.type === 'refresh')) expect(run(s, a)).toBe(s);
    expect(run(s, { type: 'pull', request: PULL }).phase.kind).toBe('pulling');
  });

  it('one job at a time: every start is refused while a job runs', () => {
    for (const first of [
      { type: 'pull', request: PULL },
      { type: 'review', dryRun: true },
      { type: 'review', dryRun: false },
    ] as const) {
      const s = run(ready(), first);
      for (const a of STARTS) expect(run(s, a), `${a.type} during ${s.phase.kind}`).toBe(s);
    }
  });

  it('settling a conflict or deciding a refresh is refused when there is none', () => {
    const s = ready();
    for (const a of STARTS.filter((x) => x.type === 'take' || x.type === 'keep' || x.type === 'decide'))
      expect(run(s, a)).toBe(s);
    expect(run(s, { type: 'decide', choice: null })).toBe(s);
  });

  it('reports of a job that is not running are ignored', () => {
    const idle = ready();
    const reports: Action[] = [
      { type: 'progress', progress: { stage: 'download', done: 1, total: 2 } },
      { type: 'pulled', sheet: sheet(), conflicts: [] },
      { type: 'needs-choice', pending: pending(true) },
      { type: 'reviewed', result: result() },
      { type: 'taken', sheet: result().sheet },
      { type: 'kept', result: result() },
      { type: 'finished', notice: { intent: 'success', text: 'late' } },
      { type: 'failed', text: 'late' },
    ];
    for (const r of reports) expect(run(idle, r), r.type).toBe(idle);
    const pulling = run(idle, { type: 'pull', request: PULL });
    for (const r of reports.filter((x) => ['reviewed', 'taken', 'kept'].includes(x.type)))
      expect(run(pulling, r), r.type).toBe(pulling);
    const previewing = run(idle, { type: 'review', dryRun: true });
    for (const r of reports.filter((x) => ['pulled', 'needs-choice', 'taken'].includes(x.type)))
      expect(run(previewing, r), r.type).toBe(previewing);
  });

  it('progress updates the running phase and keeps its job (the hook runs each job once)', () => {
    const s = run(ready(), { type: 'pull', request: PULL });
    const next = run(s, { type: 'progress', progress: { stage: 'write', done: 10, total: 40 } });
    expect(next.phase).toMatchObject({ kind: 'pulling', progress: { stage: 'write', done: 10, total: 40 } });
    expect('job' in next.phase && 'job' in s.phase && next.phase.job === s.phase.job).toBe(true);
  });

  it('a failure elsewhere, the sheet re-check, options and sign-out are taken in any phase', () => {
    const s = run(ready(), { type: 'review', dryRun: false });
    const n = run(
      s,
      { type: 'notice', notice: { intent: 'error', text: 'focus' } },
      { type: 'set-atomic', atomic: false },
      { type: 'disconnect' },
    );
    expect([n.phase, n.notice?.text, n.atomic, n.connection]).toEqual([s.phase, 'focus', false, null]);
    const unbound = { kind: 'unbound' as const, sheetName: 'Sheet2' };
    expect(run(s, { type: 'sheet-loaded', active: unbound }).active).toBe(unbound);
    expect(run(n, { type: 'dismiss' }).notice).toBeNull();
  });
});
