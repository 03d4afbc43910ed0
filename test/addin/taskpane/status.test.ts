/**
 * What the progress area offers (Cancel, and when it can act), and what the live regions say: few sentences per job (its start, each quarter, its end), errors
 * assertively — a screen reader must not read every row count as it ticks.
 */
import { describe, expect, it } from 'vitest';
import { announcement } from '../../../addin/src/taskpane/announce';
import { translator } from '../../../addin/src/taskpane/i18n';
import type { Phase } from '../../../addin/src/taskpane/workbench/state';
import type { Busy } from '../../../addin/src/taskpane/workbench/useWorkbench';
import { busyOf } from '../../../addin/src/taskpane/workbench/useWorkbench';
import { client, item, result } from '../workbench/fixtures';

const t = translator('vi');
const say = (busy: Busy | null, extra: Partial<Parameters<typeof announcement>[0]> = {}) =>
  announcement({ busy, notice: null, result: null, phase: busy ? 'pulling' : 'idle', ...extra }, t);
const downloading = (done: number): Busy => ({ label: '…', stage: 'download', done, total: 1000, cancel: 'ready' });

describe('announcements', () => {
  it('a job starting names the job', () => {
    expect(say({ label: 'Đang xử lý…', cancel: 'ready' }).polite).toBe('Bắt đầu tải về…');
    expect(say({ label: 'Đang xử lý…', cancel: 'none' }, { phase: 'pushing' }).polite).toBe('Bắt đầu gửi lên máy chủ…');
  });

  it('progress is said by quarters: the text changes only when a quarter is passed', () => {
    const texts = [0, 100, 249, 250, 400, 999, 1000].map((d) => say(downloading(d)).polite);
    expect(texts).toEqual([
      'Đang tải về: 0%',
      'Đang tải về: 0%',
      'Đang tải về: 0%',
      'Đang tải về: 25%',
      'Đang tải về: 25%',
      'Đang tải về: 75%',
      'Đang tải về: 100%',
    ]);
  });

  it('a cancel asked is said as the pane shows it', () => {
    expect(say({ ...downloading(10), label: 'Đang huỷ…', cancel: 'requested' }).polite).toBe('Đang huỷ…');
  });

  it('the end: the notice, or a preview or push headline; errors assertively and only there', () => {
    expect(say(null, { notice: { intent: 'success', text: 'Đã tải' } })).toEqual({ polite: 'Đã tải', assertive: '' });
    expect(say(null, { result: result({ dryRun: true, sent: 2, items: [] }) }).polite).toBe('Xem trước (2 ô sẽ gửi):');
    expect(say(downloading(10), { notice: { intent: 'error', text: 'Lỗi' } })).toEqual({
      polite: '',
      assertive: 'Lỗi',
    });
  });

  it('a push stopped between batches says what was written and what was not sent', () => {
    const stopped = result({ sent: 3, unsent: 2, items: [item('GTSX', 'UPDATED')] });
    expect(say(null, { result: stopped }).polite).toBe(
      'Đã dừng theo yêu cầu: 1 ô đã gửi và được máy chủ xử lý; 2 ô chưa gửi (vẫn là thay đổi chưa gửi).',
    );
  });
});

describe('the progress area and its Cancel button', () => {
  const pulling = (over: Partial<Extract<Phase, { kind: 'pulling' }>>): Phase => ({
    kind: 'pulling',
    job: { kind: 'pull', client, request: { layout: 'term', termId: 't1' } },
    progress: null,
    cancelled: false,
    ...over,
  });
  const pushing = (over: Partial<Extract<Phase, { kind: 'pushing' }>>): Phase => ({
    kind: 'pushing',
    job: { kind: 'review', client, dryRun: false, atomic: true, defaultStatus: 'OFFICIAL' },
    progress: null,
    cancelled: false,
    ...over,
  });

  it('offers Cancel while downloading, not once the sheet is being written', () => {
    expect(busyOf(pulling({}), t)?.cancel).toBe('ready');
    expect(busyOf(pulling({ progress: { stage: 'download', done: 5, total: 10 } }), t)?.cancel).toBe('ready');
    expect(busyOf(pulling({ progress: { stage: 'write', done: 5, total: 10 } }), t)?.cancel).toBe('writing');
  });

  it('says a push already sent will still be written; before sending, just that it is cancelling', () => {
    expect(busyOf(pushing({ cancelled: true }), t)).toMatchObject({ label: 'Đang huỷ…', cancel: 'requested' });
    const sent = busyOf(pushing({ cancelled: true, progress: { stage: 'push', done: 0, total: 3 } }), t);
    expect(sent?.label).toMatch(/^Yêu cầu đã gửi lên máy chủ: phần đã gửi vẫn sẽ được ghi/);
  });

  it('has no Cancel for connecting or settling a conflict, and nothing at rest', () => {
    const connecting: Phase = {
      kind: 'connecting',
      job: { kind: 'connect', server: '', token: 'x', quiet: false },
      progress: null,
      cancelled: false,
    };
    expect(busyOf(connecting, t)?.cancel).toBe('none');
    expect(busyOf({ kind: 'idle' }, t)).toBeNull();
  });
});
