/**
 * What the last preview or push found, under the buttons that asked for it: a summary by outcome,
 * the conflicts (ConflictBox), and the cells that need attention — each a button that selects its
 * cell in the sheet, named by indicator and period rather than by code.
 */
import { Caption1, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { cellAddress } from '../../excel/address';
import type { Baseline, CellKey, Conflict, MarkState } from '../../sync';
import { cellKey } from '../../sync';
import type { Translate } from '../i18n';
import { STATE_LABELS } from '../labels';
import { useT } from '../lang-context';
import { explainItem, explainWarning } from '../explain-mark';
import { LEGEND, MARK_COLORS, NEEDS_ATTENTION } from '../../workflow/marks';
import type { ResultItem, ReviewResult } from '../../workflow/push';
import { ConflictBox } from './ConflictBox';
import { useFocusStyles } from './focus';
import { Section } from './Section';

/** What needs attention first, then what a push will do or did. */
const ORDER: MarkState[] = [
  ...NEEDS_ATTENTION,
  'WILL_CREATE',
  'WILL_UPDATE',
  'WILL_DELETE',
  'WILL_BE_UNCHANGED',
  'CREATED',
  'UPDATED',
  'DELETED',
  'UNCHANGED',
];

const WRITTEN: ReadonlySet<MarkState> = new Set(['CREATED', 'UPDATED', 'DELETED', 'UNCHANGED']);

function Swatch({ state }: { state: MarkState }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 12,
        height: 12,
        marginRight: 6,
        background: MARK_COLORS[state],
        border: `1px solid ${tokens.colorNeutralStroke1}`,
        verticalAlign: 'middle',
      }}
    />
  );
}

/** The one-line answer of a preview or push: also what the pane announces when it finishes. */
export function headline(r: ReviewResult, t: Translate): string {
  if (r.sent === 0 && r.items.length === 0) return t('nothingToPush');
  const written = r.items.filter((i) => WRITTEN.has(i.state)).length;
  if (r.dryRun) return t('previewSummary', { sent: r.sent });
  if (r.unsent > 0) return t('pushSummaryStopped', { written, unsent: r.unsent });
  if (!r.applied) return t('pushSummaryRejected');
  const attention = r.items.filter((i) => NEEDS_ATTENTION.has(i.state)).length;
  return attention > 0 ? t('pushSummaryPartial', { written, open: attention }) : t('pushSummaryApplied');
}

/** "Giá trị sản xuất · 2023" (and the unit's code in a long table, where rows are units). */
function describe(key: CellKey, layout: Baseline['layout'] | undefined, name: (code: string) => string): string {
  const what = `${name(key.indicatorCode)} · ${key.period}`;
  return layout === 'long' ? `${key.unitCode} · ${what}` : what;
}

export function ResultsPanel(props: {
  /** null: only conflicts a refresh found, no preview or push yet. */
  result: ReviewResult | null;
  conflicts: readonly Conflict[];
  /** The baseline of the conflicts' sheet: the figures as pulled. */
  baseline: Baseline | null;
  indicatorName: (code: string) => string;
  busy: boolean;
  onSelect: (item: { row: number; col: number }) => void;
  onTake: (c: Conflict) => void;
  onKeep: (c: Conflict) => void;
}) {
  const { t, lang } = useT();
  const styles = useFocusStyles();
  const headingId = useId();
  const r = props.result;
  const layout = props.baseline?.layout;
  const label = (s: MarkState) => STATE_LABELS[s][lang];
  const pulledValue = (c: Conflict) => {
    // Only the version the conflict is about: after a refresh the baseline may hold a newer one.
    const b = props.baseline?.cells?.get(c.keyId);
    if (!b) return c.baseVersion === null ? null : undefined;
    return b.version === c.baseVersion ? b.value : undefined;
  };
  const conflictBoxes = props.conflicts.map((c) => (
    <ConflictBox
      key={c.keyId}
      conflict={c}
      pulled={pulledValue(c)}
      indicatorName={props.indicatorName(c.key.indicatorCode)}
      busy={props.busy}
      onTake={() => props.onTake(c)}
      onKeep={() => props.onKeep(c)}
      onSelect={() => props.onSelect(c.at.value)}
    />
  ));
  const conflictKeys = new Set(props.conflicts.map((c) => c.keyId));
  const items = r
    ? [...r.items]
        .filter((i) => !(i.state === 'CONFLICT' && i.key && conflictKeys.has(cellKey(i.key))))
        .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.at.row - b.at.row || a.at.col - b.at.col)
    : [];
  const summary = r
    ? ORDER.filter((s) => r.counts[s])
        .map((s) => `${label(s)}: ${r.counts[s]}`)
        .join(' · ')
    : '';
  return (
    <div
      role="region"
      aria-labelledby={headingId}
      data-testid="results"
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      <h3 id={headingId} style={{ margin: 0, fontSize: tokens.fontSizeBase300 }}>
        {t('results')}
      </h3>
      {r ? (
        <>
          <Text data-testid="results-headline" weight="semibold">
            {headline(r, t)}
          </Text>
          {summary ? <Text data-testid="results-summary">{summary}</Text> : null}
          {r.missing > 0 ? <Caption1>{t('missingRows', { n: r.missing })}</Caption1> : null}
          {r.repaired > 0 ? <Caption1>{t('repaired', { n: r.repaired })}</Caption1> : null}
        </>
      ) : null}
      {conflictBoxes}
      {items.length > 0 ? <Caption1>{t('clickToSelect')}</Caption1> : null}
      {items.length > 0 ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 2, maxHeight: 320, overflowY: 'auto' }}>
          {items.map((i: ResultItem) => {
            const why = explainItem(i, lang);
            return (
              <li key={i.id}>
                <button
                  type="button"
                  className={styles.textButton}
                  data-testid="result-item"
                  data-state={i.state}
                  data-cell={cellAddress(i.at.row, i.at.col)}
                  onClick={() => props.onSelect(i.at)}
                  style={{ fontWeight: NEEDS_ATTENTION.has(i.state) ? 600 : 400 }}
                >
                  <Swatch state={i.state} />
                  {cellAddress(i.at.row, i.at.col)} · {label(i.state)}
                  {i.key ? ` · ${describe(i.key, layout, props.indicatorName)}` : ''}
                  {why ? ` — ${why}` : ''}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {r && r.warnings.length > 0 ? (
        <Caption1>
          {t('warnings')}: {r.warnings.map((w) => explainWarning(w, lang)).join(' ')}
        </Caption1>
      ) : null}
    </div>
  );
}

export function Legend() {
  const { t, lang } = useT();
  return (
    <Section title={t('legend')}>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}>
        {LEGEND.map((s) => (
          <Caption1 key={s}>
            <Swatch state={s} />
            {STATE_LABELS[s][lang]}
          </Caption1>
        ))}
      </div>
    </Section>
  );
}
