/** The "report sentences" intent: a job only on a term sheet, connected and at rest, in the pane's language. */
import { describe, expect, it } from 'vitest';
import { jobFor, reduce } from '../../../addin/src/taskpane/workbench/reducer';
import type { WorkbenchState } from '../../../addin/src/taskpane/workbench/state';
import type { BoundSheet } from '../../../addin/src/workflow/sheet';
import { client, ready, sheet } from './fixtures';

const onSheet = (scopeKey: string, s: WorkbenchState = ready()): WorkbenchState => {
  const base = sheet();
  const bound: BoundSheet = { ...base, binding: { ...base.binding, scopeKey } };
  return { ...s, active: { kind: 'bound', sheet: bound } };
};

describe('workbench: report sentences', () => {
  it('on a term sheet: a job with the sheet and the pane’s language, shown as running', () => {
    const s = onSheet('term:VGVybTox', { ...ready(), lang: 'en' });
    const job = jobFor(s, { type: 'sentences' });
    expect(job).toMatchObject({ kind: 'sentences', client, lang: 'en', sheet: { sheetName: 'Hà Trung XXII' } });
    const running = reduce(s, { type: 'sentences' });
    expect(running.phase.kind).toBe('pulling');
    const done = reduce(running, { type: 'finished', notice: { intent: 'success', text: 'ok' } });
    expect([done.phase.kind, done.notice?.text]).toEqual(['idle', 'ok']);
  });

  it('refused on a long table, an unbound sheet, disconnected, or while a job runs', () => {
    expect(jobFor(onSheet('long:{}'), { type: 'sentences' })).toBeNull();
    expect(jobFor({ ...ready(), active: { kind: 'unbound', sheetName: 'Sheet1' } }, { type: 'sentences' })).toBeNull();
    expect(jobFor({ ...onSheet('term:X'), connection: null }, { type: 'sentences' })).toBeNull();
    const busy = reduce(onSheet('term:X'), { type: 'refresh' });
    expect(reduce(busy, { type: 'sentences' })).toBe(busy);
  });
});
