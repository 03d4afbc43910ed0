/**
 * The sheet the user is on: what it is, Preview / Push / Refresh with their options, and right
 * under the buttons what they found (the results panel, passed as children).
 */
import { Button, Dropdown, Field, Option, Switch, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ObservationStatus } from '../../sync';
import { OBSERVATION_STATUSES } from '../../sync';
import { formatDateTime } from '../i18n';
import { STATUS_LABELS } from '../labels';
import { useT } from '../lang-context';
import type { ActiveSheet } from '../../workflow/sheet';
import { termOf } from '../../workflow/sentences';
import { Section } from './Section';

export function SheetCard(props: {
  active: ActiveSheet | null;
  busy: boolean;
  connected: boolean;
  atomic: boolean;
  newStatus: ObservationStatus;
  onAtomic: (v: boolean) => void;
  onNewStatus: (s: ObservationStatus) => void;
  onRecheck: () => void;
  onPreview: () => void;
  onPush: () => void;
  onRefresh: () => void;
  /** Report sentences of the term sheet into a new sheet; offered on a term sheet only. */
  onSentences?: () => void;
  children?: ReactNode;
}) {
  const { t, lang } = useT();
  const a = props.active;
  const statusLabel = (s: ObservationStatus) => STATUS_LABELS[s][lang];
  let line = '';
  if (a?.kind === 'bound') {
    const b = a.sheet.baseline;
    line = t('sheetBound', {
      name: a.sheet.sheetName,
      layout: b.layout === 'term' ? t('layoutTerm') : t('layoutLong'),
      time: formatDateTime(lang, b.scope.pulledAt),
    });
  } else if (a?.kind === 'unbound') line = t('sheetUnbound', { name: a.sheetName });
  else if (a?.kind === 'corrupt') line = t('sheetCorrupt', { name: a.sheetName });
  const ready = props.connected && a?.kind === 'bound' && !props.busy;
  return (
    <Section title={t('sheetTitle')} testId="sheet-card">
      <Text data-testid="sheet-status">{line}</Text>
      <Button size="small" appearance="subtle" onClick={props.onRecheck} disabled={props.busy}>
        {t('recheck')}
      </Button>
      <Switch
        data-testid="atomic"
        checked={props.atomic}
        onChange={(_, d) => props.onAtomic(d.checked)}
        label={t('atomic')}
      />
      <Field label={t('newStatus')}>
        <Dropdown
          value={statusLabel(props.newStatus)}
          selectedOptions={[props.newStatus]}
          onOptionSelect={(_, d) => d.optionValue && props.onNewStatus(d.optionValue as ObservationStatus)}
        >
          {OBSERVATION_STATUSES.filter((s) => s !== 'FORECAST').map((s) => (
            <Option key={s} value={s} text={statusLabel(s)}>
              {statusLabel(s)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button data-testid="preview" disabled={!ready} onClick={props.onPreview}>
          {t('preview')}
        </Button>
        <Button data-testid="push" appearance="primary" disabled={!ready} onClick={props.onPush}>
          {t('push')}
        </Button>
        <Button data-testid="refresh" disabled={!ready} onClick={props.onRefresh}>
          {t('refresh')}
        </Button>
      </div>
      {a?.kind === 'bound' && termOf(a.sheet) && props.onSentences ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          <Button
            data-testid="sentences"
            disabled={!ready}
            onClick={props.onSentences}
            aria-describedby="sentences-hint"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('sentences')}
          </Button>
          <Text id="sentences-hint" size={200}>
            {t('sentencesHint')}
          </Text>
        </div>
      ) : null}
      {props.children}
    </Section>
  );
}
