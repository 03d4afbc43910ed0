/**
 * The workbench reducer through whole user flows: a pull, a refresh that needs a decision (and a
 * comparison's pivot surviving it), a push with conflicts settled both ways, and failures.
 */
import { describe, expect, it } from 'vitest';
import { reduce } from '../../../addin/src/taskpane/workbench/reducer';
import type { Action, WorkbenchState } from '../../../addin/src/taskpane/workbench/state';
import { compareOf, selectionSheetId } from '../../../addin/src/taskpane/workbench/state';
import type { CompareRequest } from '../../../addin/src/workflow/compare';
import { conflict, item, pending, ready, result, sheet } from './fixtures';

const COMPARE: CompareRequest = {
  provinceCode: '38',
  provinceName: 'Thanh Hóa',
  indicatorCodes: [],
  fromYear: null,
  toYear: null,
};
const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reduce, s);
const pulled = sheet('S2', 'Dữ liệu Hà Trung');

describe('workbench: pull', () => {
  it('a written pull replaces the desk at once, then finishes with its notice', () => {
    const before = run(
      ready(),
      { type: 'review', dryRun: true },
      { type: 'reviewed', result: result({ items: [item('GTSX', 'WILL_UPDATE')] }) },
    );
    expect(before.desk.result).not.toBeNull();
    const writing = run(
      before,
      { type: 'pull', request: { layout: 'term', termId: 't1' } },
      { type: 'pulled', sheet: pulled, conflicts: [] },
    );
    expect(writing.phase.kind).toBe('pulling'); // conflicts are painted next, under the same progress bar
    expect(writing.desk).toEqual({ result: null, conflicts: [], sheet: pulled });
    expect(writing.active).toEqual({ kind: 'bound', sheet: pulled });
    const done = run(writing, { type: 'finished', notice: { intent: 'success', text: 'Đã tải' } });
    expect([done.phase.kind, done.notice?.text]).toEqual(['idle', 'Đã tải']);
  });

  it('a refresh that found conflicts ends in conflict review', () => {
    const s = run(
      ready(),
      { type: 'refresh' },
      { type: 'pulled', sheet: pulled, conflicts: [conflict('GTSX')] },
      { type: 'finished', notice: null },
    );
    expect(s.phase.kind).toBe('conflict-review');
  });

  it('a failure comes back to rest with the error, and keeps what the desk held', () => {
    const s = run(
      ready(),
      { type: 'review', dryRun: false },
      { type: 'reviewed', result: result({ conflicts: [conflict('GTSX')] }) },
    );
    const failed = run(
      s,
      { type: 'pull', request: { layout: 'term', termId: 't1' } },
      { type: 'failed', text: 'Không kết nối được' },
    );
    expect(failed.phase.kind).toBe('conflict-review');
    expect(failed.notice).toEqual({ intent: 'error', text: 'Không kết nối được' });
    expect(failed.desk).toBe(s.desk);
    expect(run(failed, { type: 'review', dryRun: true }).phase.kind).toBe('previewing'); // usable again
  });

  it('finishing without a notice leaves an error reported meanwhile', () => {
    const s = run(
      ready(),
      { type: 'review', dryRun: true },
      { type: 'notice', notice: { intent: 'error', text: 'focus' } },
      { type: 'finished', notice: null },
    );
    expect([s.phase.kind, s.notice?.text]).toEqual(['idle', 'focus']);
  });
});

describe('workbench: a refresh that would overwrite un-pushed work', () => {
  it('waits for a choice; a comparison keeps its request for the comparison sheets through it', () => {
    const asked = run(ready(), { type: 'compare', request: COMPARE }, { type: 'needs-choice', pending: pending(true) });
    expect(asked.phase).toEqual({ kind: 'refresh-confirm', pending: pending(true), compare: COMPARE });
    const merging = run(asked, { type: 'decide', choice: 'merge' });
    expect(merging.phase).toMatchObject({
      kind: 'pulling',
      job: { kind: 'apply-refresh', choice: 'merge', compare: COMPARE },
    });
    expect('job' in merging.phase && compareOf(merging.phase.job)).toEqual(COMPARE);
  });

  it('a plain pull or refresh starts no comparison of its own, even after a comparison failed', () => {
    const s = run(
      ready(),
      { type: 'compare', request: COMPARE },
      { type: 'failed', text: 'x' },
      { type: 'refresh' },
      { type: 'needs-choice', pending: pending(true) },
    );
    expect(s.phase).toMatchObject({ kind: 'refresh-confirm', compare: null });
  });

  it('cancel writes nothing and comes back to rest; merge is refused when the sheet cannot be read', () => {
    const asked = run(ready(), { type: 'refresh' }, { type: 'needs-choice', pending: pending(false) });
    expect(run(asked, { type: 'decide', choice: 'merge' })).toBe(asked);
    expect(run(asked, { type: 'decide', choice: 'overwrite' }).phase).toMatchObject({
      kind: 'pulling',
      job: { kind: 'apply-refresh', choice: 'overwrite' },
    });
    expect(run(asked, { type: 'decide', choice: null }).phase).toEqual({ kind: 'idle' });
  });

  it('nothing else starts while the choice is open (the dialog is modal)', () => {
    const asked = run(ready(), { type: 'refresh' }, { type: 'needs-choice', pending: pending(true) });
    expect(run(asked, { type: 'review', dryRun: true })).toBe(asked);
    expect(run(asked, { type: 'pull', request: { layout: 'term', termId: 't1' } })).toBe(asked);
    expect(run(asked, { type: 'finished', notice: null })).toBe(asked); // the job ended with the question
  });
});

describe('workbench: conflicts', () => {
  const a = conflict('GTSX', 3);
  const b = conflict('THU_NHAP_BQ', 4);
  const pushed = sheet('S1');
  const review = () =>
    run(
      ready(),
      { type: 'review', dryRun: false },
      {
        type: 'reviewed',
        result: result({
          sheet: pushed,
          items: [item('GTSX', 'CONFLICT', 3), item('THU_NHAP_BQ', 'CONFLICT', 4), item('GTSX', 'UPDATED', 5)],
          conflicts: [a, b],
        }),
      },
    );

  it('a push with conflicts ends in conflict review, on the pushed sheet', () => {
    const s = review();
    expect(s.phase.kind).toBe('conflict-review');
    expect(s.desk.conflicts).toEqual([a, b]);
    expect(selectionSheetId({ ...s, active: { kind: 'unbound', sheetName: 'Sheet9' } })).toBe('S1');
  });

  it('only a conflict on the desk can be settled', () => {
    const s = review();
    expect(run(s, { type: 'take', conflict: conflict('OTHER') })).toBe(s);
    expect(run(s, { type: 'take', conflict: a }).phase).toMatchObject({
      kind: 'resolving',
      job: { kind: 'take', conflict: a, sheet: pushed },
    });
    expect(run({ ...s, connection: null }, { type: 'keep', conflict: a })).toEqual({ ...s, connection: null }); // keeping mine pushes
  });

  it('take server value removes the conflict; the last one settled goes back to idle', () => {
    const saved = sheet('S1', 'Hà Trung XXII (saved)');
    const one = run(review(), { type: 'take', conflict: a }, { type: 'taken', sheet: saved });
    expect([one.phase.kind, one.desk.conflicts, one.desk.sheet, one.active]).toEqual([
      'conflict-review',
      [b],
      saved,
      { kind: 'bound', sheet: saved },
    ]);
    const none = run(one, { type: 'take', conflict: b }, { type: 'taken', sheet: saved });
    expect(none.phase.kind).toBe('idle');
  });

  it('a conflict settled by taking the server value leaves the results too: nothing settled is listed as open', () => {
    const one = run(review(), { type: 'take', conflict: a }, { type: 'taken', sheet: pushed });
    // Every line of the settled cell goes (the fixture's GTSX lines share one cell key).
    expect(one.desk.result?.items.map((i) => `${i.key?.indicatorCode}:${i.state}`)).toEqual(['THU_NHAP_BQ:CONFLICT']);
    expect(one.desk.result?.counts).toEqual({ CONFLICT: 1 });
    const none = run(one, { type: 'take', conflict: b }, { type: 'taken', sheet: pushed });
    expect(none.desk.conflicts).toEqual([]);
    expect(none.desk.result?.items.filter((i) => i.state === 'CONFLICT')).toEqual([]);
  });

  it("keep mine replaces that cell's line in the results and adds any new conflict", () => {
    const c = conflict('NEW', 6);
    const r = result({ sheet: pushed, items: [item('THU_NHAP_BQ', 'UPDATED', 4)], conflicts: [c], warnings: ['w'] });
    const s = run(review(), { type: 'keep', conflict: b }, { type: 'kept', result: r });
    expect(s.desk.conflicts).toEqual([a, c]);
    expect(s.desk.result?.items.map((i) => `${i.key?.indicatorCode}:${i.state}`)).toEqual([
      'GTSX:CONFLICT',
      'GTSX:UPDATED',
      'THU_NHAP_BQ:UPDATED',
    ]);
    expect(s.desk.result?.counts).toEqual({ CONFLICT: 1, UPDATED: 2 });
    expect(s.desk.result?.warnings).toEqual(['w']);
  });

  it('a busy pane refuses to settle conflicts', () => {
    const s = run(review(), { type: 'take', conflict: a });
    expect(run(s, { type: 'keep', conflict: b })).toBe(s);
  });
});

describe('workbench: cancel', () => {
  const PULL = { type: 'pull', request: { layout: 'term', termId: 't1' } } as const;

  it('marks a running pull, preview or push as cancelled, once; the job still ends it', () => {
    for (const start of [PULL, { type: 'review', dryRun: true } as const, { type: 'review', dryRun: false } as const]) {
      const s = run(ready(), start, { type: 'cancel' });
      expect(s.phase, start.type).toMatchObject({ cancelled: true });
      expect(run(s, { type: 'cancel' })).toBe(s);
      const done = run(s, { type: 'finished', notice: { intent: 'info', text: 'Đã huỷ' } });
      expect([done.phase.kind, done.notice?.intent]).toEqual(['idle', 'info']);
    }
  });

  it('keeps its progress, so the pane can tell a push already sent from one not yet sent', () => {
    const s = run(
      ready(),
      { type: 'review', dryRun: false },
      { type: 'progress', progress: { stage: 'push', done: 0, total: 3 } },
      { type: 'cancel' },
    );
    expect(s.phase).toMatchObject({ kind: 'pushing', cancelled: true, progress: { stage: 'push' } });
  });

  it('is refused at rest, while connecting and while settling a conflict', () => {
    const idle = ready();
    expect(run(idle, { type: 'cancel' })).toBe(idle);
    const connecting = run({ ...idle, connection: null }, { type: 'connect', server: '', token: 't', quiet: false });
    expect(run(connecting, { type: 'cancel' })).toBe(connecting);
    const c = conflict('GTSX');
    const settling = run(
      idle,
      { type: 'review', dryRun: false },
      { type: 'reviewed', result: result({ conflicts: [c] }) },
      { type: 'take', conflict: c },
    );
    expect(settling.phase.kind).toBe('resolving');
    expect(run(settling, { type: 'cancel' })).toBe(settling);
  });
});
