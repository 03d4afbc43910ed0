/**
 * What the last preview or push found: a summary by outcome, the cells that need attention (a
 * click selects the cell in the sheet), and for each conflict the server's value and author with
 * "take server value" / "keep mine".
 */
import { Button, Caption1, Text, tokens } from '@fluentui/react-components';
import { cellAddress } from '../../excel/address';
import type { Conflict, MarkState } from '../../sync';
import { cellKey } from '../../sync';
import type { Lang } from '../i18n';
import { formatDateTime, formatNumber } from '../i18n';
import { STATE_LABELS } from '../labels';
import { useT } from '../lang-context';
import { explainItem, explainWarning } from '../explain-mark';
import { LEGEND, MARK_COLORS, NEEDS_ATTENTION } from '../../workflow/marks';
import type { ResultItem, ReviewResult } from '../../workflow/push';
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

function value(lang: Lang, v: number | null | undefined, empty: string): string {
  return v === null || v === undefined ? empty : formatNumber(lang, v);
}

function ConflictBox(props: {
  conflict: Conflict;
  busy: boolean;
  onTake: () => void;
  onKeep: () => void;
  onSelect: () => void;
}) {
  const { t, lang } = useT();
  const c = props.conflict;
  const mine = value(lang, c.mine.value, t('emptyValue'));
  const cell = cellAddress(c.at.value.row, c.at.value.col);
  return (
    <div
      data-testid="conflict"
      data-cell={cell}
      style={{
        border: `1px solid ${MARK_COLORS.CONFLICT}`,
        borderLeftWidth: 4,
        padding: 8,
        display: 'flex',
        flexDirection: 'column',
        gap: 6,
      }}
    >
      <Text weight="semibold" onClick={props.onSelect} style={{ cursor: 'pointer' }}>
        {t('conflictTitle', { cell })} · {c.key.indicatorCode} · {c.key.period}
      </Text>
      <Text data-testid="conflict-body">
        {c.server
          ? t('conflictBody', {
              server: value(lang, c.server.value, t('emptyValue')),
              by: c.server.updatedBy ?? t('unknownAuthor'),
              at: c.server.updatedAt ? formatDateTime(lang, c.server.updatedAt) : '—',
              mine,
            })
          : t('conflictDeleted', { mine })}
      </Text>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button data-testid="take-server" size="small" disabled={props.busy} onClick={props.onTake}>
          {t('takeServer')}
        </Button>
        <Button data-testid="keep-mine" size="small" appearance="primary" disabled={props.busy} onClick={props.onKeep}>
          {t('keepMine')}
        </Button>
      </div>
    </div>
  );
}

export function ResultsPanel(props: {
  /** null: only conflicts a refresh found, no preview or push yet. */
  result: ReviewResult | null;
  conflicts: readonly Conflict[];
  busy: boolean;
  onSelect: (item: { row: number; col: number }) => void;
  onTake: (c: Conflict) => void;
  onKeep: (c: Conflict) => void;
}) {
  const { t, lang } = useT();
  const r = props.result;
  const label = (s: MarkState) => STATE_LABELS[s][lang];
  const conflictBoxes = props.conflicts.map((c) => (
    <ConflictBox
      key={c.keyId}
      conflict={c}
      busy={props.busy}
      onTake={() => props.onTake(c)}
      onKeep={() => props.onKeep(c)}
      onSelect={() => props.onSelect(c.at.value)}
    />
  ));
  if (!r) {
    return (
      <Section title={t('results')} testId="results">
        {conflictBoxes}
      </Section>
    );
  }
  const conflictKeys = new Set(props.conflicts.map((c) => c.keyId));
  const items = [...r.items]
    .filter((i) => !(i.state === 'CONFLICT' && i.key && conflictKeys.has(cellKey(i.key))))
    .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.at.row - b.at.row || a.at.col - b.at.col);
  const summary = ORDER.filter((s) => r.counts[s])
    .map((s) => `${label(s)}: ${r.counts[s]}`)
    .join(' · ');
  const attention = r.items.filter((i) => NEEDS_ATTENTION.has(i.state)).length;
  const headline = r.dryRun
    ? t('previewSummary', { sent: r.sent })
    : !r.applied
      ? t('pushSummaryRejected')
      : attention > 0
        ? t('pushSummaryPartial', { written: r.items.filter((i) => WRITTEN.has(i.state)).length, open: attention })
        : t('pushSummaryApplied');
  return (
    <Section title={t('results')} testId="results">
      <Text data-testid="results-headline" weight="semibold">
        {r.sent === 0 && r.items.length === 0 ? t('nothingToPush') : headline}
      </Text>
      {summary ? <Text data-testid="results-summary">{summary}</Text> : null}
      {r.missing > 0 ? <Caption1>{t('missingRows', { n: r.missing })}</Caption1> : null}
      {r.repaired > 0 ? <Caption1>{t('repaired', { n: r.repaired })}</Caption1> : null}
      {conflictBoxes}
      {items.length > 0 ? <Caption1>{t('clickToSelect')}</Caption1> : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 320, overflowY: 'auto' }}>
        {items.map((i: ResultItem) => (
          <li key={i.id}>
            <button
              data-testid="result-item"
              data-state={i.state}
              data-cell={cellAddress(i.at.row, i.at.col)}
              onClick={() => props.onSelect(i.at)}
              style={{
                all: 'unset',
                cursor: 'pointer',
                display: 'block',
                padding: '3px 0',
                fontWeight: NEEDS_ATTENTION.has(i.state) ? 600 : 400,
              }}
            >
              <Swatch state={i.state} />
              {cellAddress(i.at.row, i.at.col)} · {label(i.state)}
              {i.key ? ` · ${i.key.indicatorCode} ${i.key.period}` : ''}
              {explainItem(i, lang) ? ` — ${explainItem(i, lang)}` : ''}
            </button>
          </li>
        ))}
      </ul>
      {r.warnings.length > 0 ? (
        <Caption1>
          {t('warnings')}: {r.warnings.map((w) => explainWarning(w, lang)).join(' ')}
        </Caption1>
      ) : null}
    </Section>
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
