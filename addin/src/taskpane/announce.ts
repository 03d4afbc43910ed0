/**
 * What the pane's live regions say (StatusBar): a job starting, each quarter of its progress, its
 * end (the notice, or a preview's or push's headline), politely; an error, assertively. The text
 * changes only at those moments, so a screen reader speaks a few sentences per job, not every row.
 */
import type { ReviewResult } from '../workflow/push';
import { headline } from './components/ResultsPanel';
import type { MessageKey, Translate } from './i18n';
import type { Notice, Phase, Progress } from './workbench/state';
import type { Busy } from './workbench/useWorkbench';

const STAGE: Record<Progress['stage'], MessageKey> = {
  download: 'stageDownload',
  write: 'stageWrite',
  push: 'stagePush',
};

const JOB: Partial<Record<Phase['kind'], MessageKey>> = {
  connecting: 'jobConnect',
  pulling: 'jobPull',
  previewing: 'jobPreview',
  pushing: 'jobPush',
  resolving: 'jobResolve',
};

export interface Announcement {
  readonly polite: string;
  readonly assertive: string;
}

export function announcement(
  w: { busy: Busy | null; notice: Notice | null; result: ReviewResult | null; phase: Phase['kind'] },
  t: Translate,
): Announcement {
  if (w.notice?.intent === 'error') return { polite: '', assertive: w.notice.text };
  const b = w.busy;
  if (b) {
    if (b.cancel === 'requested') return { polite: b.label, assertive: '' };
    if (b.stage && b.total) {
      const percent = Math.min(100, Math.floor((4 * (b.done ?? 0)) / b.total) * 25);
      return { polite: t('announceProgress', { stage: t(STAGE[b.stage]), percent }), assertive: '' };
    }
    const job = JOB[w.phase];
    return { polite: job ? t('announceStart', { what: t(job) }) : t('working'), assertive: '' };
  }
  if (w.notice) return { polite: w.notice.text, assertive: '' };
  return { polite: w.result ? headline(w.result, t) : '', assertive: '' };
}
