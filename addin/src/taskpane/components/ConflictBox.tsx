/**
 * One conflict: the server's figure (who changed it, when), yours, and the one you pulled, so the
 * choice is made knowing all three. The two ways out look alike on purpose: the pane does not nudge
 * anyone into overwriting a colleague's figure.
 */
import { Button, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { cellAddress } from '../../excel/address';
import type { Conflict } from '../../sync';
import type { Lang } from '../i18n';
import { formatDateTime, formatNumber } from '../i18n';
import { useT } from '../lang-context';
import { MARK_COLORS } from '../../workflow/marks';
import { useFocusStyles } from './focus';

function value(lang: Lang, v: number | null | undefined, empty: string): string {
  return v === null || v === undefined ? empty : formatNumber(lang, v);
}

export function ConflictBox(props: {
  conflict: Conflict;
  /** The figure of the version you pulled (the baseline's), when the baseline still holds it. */
  pulled: number | null | undefined;
  indicatorName: string;
  busy: boolean;
  onTake: () => void;
  onKeep: () => void;
  onSelect: () => void;
}) {
  const { t, lang } = useT();
  const styles = useFocusStyles();
  const headingId = useId();
  const c = props.conflict;
  const empty = t('emptyValue');
  const cell = cellAddress(c.at.value.row, c.at.value.col);
  const server = c.server
    ? t('conflictServerBy', {
        value: value(lang, c.server.value, empty),
        by: c.server.updatedBy ?? t('unknownAuthor'),
        at: c.server.updatedAt ? formatDateTime(lang, c.server.updatedAt) : '—',
      })
    : t('conflictServerDeleted');
  const rows: [string, string, string][] = [
    ['conflict-server', t('conflictServer'), server],
    ['conflict-mine', t('conflictMine'), value(lang, c.mine.value, empty)],
  ];
  if (props.pulled !== undefined) rows.push(['conflict-pulled', t('conflictPulled'), value(lang, props.pulled, empty)]);
  return (
    <div
      role="group"
      aria-labelledby={headingId}
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
      <h3 id={headingId} style={{ margin: 0, fontSize: tokens.fontSizeBase300 }}>
        <button type="button" className={styles.textButton} onClick={props.onSelect}>
          {t('conflictTitle', { cell })} · {props.indicatorName} · {c.key.period}
        </button>
      </h3>
      <dl
        data-testid="conflict-body"
        style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 8px', margin: 0 }}
      >
        {rows.map(([id, label, text]) => (
          <div key={id} style={{ display: 'contents' }}>
            <dt style={{ fontWeight: 600 }}>{label}</dt>
            <dd data-testid={id} style={{ margin: 0 }}>
              {text}
            </dd>
          </div>
        ))}
      </dl>
      <Text size={200}>{t('conflictChoose')}</Text>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button data-testid="take-server" size="small" disabled={props.busy} onClick={props.onTake}>
          {t('takeServer')}
        </Button>
        <Button data-testid="keep-mine" size="small" disabled={props.busy} onClick={props.onKeep}>
          {t('keepMine')}
        </Button>
      </div>
    </div>
  );
}
