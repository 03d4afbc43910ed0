/**
 * What the live regions say: few sentences per job (its start, each quarter, its end), errors
 * assertively — a screen reader must not read every row count as it ticks.
 */
import { describe, expect, it } from 'vitest';
import { announcement } from '../../../addin/src/taskpane/announce';
import { translator } from '../../../addin/src/taskpane/i18n';
import type { Busy } from '../../../addin/src/taskpane/workbench/useWorkbench';
import { item, result } from '../workbench/fixtures';

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
