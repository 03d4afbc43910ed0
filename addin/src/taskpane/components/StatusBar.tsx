/**
 * What the pane is doing and what it last said, pinned at the top so a long pull started at the
 * bottom of the pane stays in view, with Cancel beside the progress. Two live regions tell screen
 * readers the same: politely (a job starts, passes a quarter, finishes), assertively for errors.
 */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import type { CSSProperties } from 'react';
import { useT } from '../lang-context';
import type { Notice } from '../workbench/state';
import type { Busy } from '../workbench/useWorkbench';

/** Read by screen readers, not drawn (the usual visually-hidden pattern). */
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export function StatusBar(props: {
  busy: Busy | null;
  notice: Notice | null;
  /** What the live regions say now; a change is what gets announced. */
  polite: string;
  assertive: string;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t } = useT();
  const b = props.busy;
  const n = props.notice;
  return (
    <div data-testid="status-bar">
      <div role="status" aria-live="polite" data-testid="announce-polite" style={HIDDEN}>
        {props.polite}
      </div>
      <div role="alert" aria-live="assertive" data-testid="announce-assertive" style={HIDDEN}>
        {props.assertive}
      </div>
      {b ? (
        <div data-testid="progress" style={{ padding: '6px 12px', display: 'flex', flexDirection: 'column', gap: 4 }}>
          <ProgressBar aria-label={t('progressTitle')} value={b.total ? (b.done ?? 0) / b.total : undefined} />
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <span data-testid="progress-label" style={{ fontSize: tokens.fontSizeBase200, flex: 1 }}>
              {b.label}
            </span>
            {b.cancel !== 'none' ? (
              <Button data-testid="cancel-job" size="small" disabled={b.cancel !== 'ready'} onClick={props.onCancel}>
                {t('cancelJob')}
              </Button>
            ) : null}
          </div>
          {b.cancel === 'writing' ? <Caption1>{t('cancelWriting')}</Caption1> : null}
        </div>
      ) : null}
      {n ? (
        <MessageBar data-testid={`notice-${n.intent}`} intent={n.intent} style={{ margin: '6px 12px' }}>
          <MessageBarBody data-testid="notice-text">{n.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                data-testid="dismiss"
                appearance="transparent"
                size="small"
                aria-label={t('dismiss')}
                icon={<span aria-hidden="true">✕</span>}
                onClick={props.onDismiss}
              />
            }
          />
        </MessageBar>
      ) : null}
    </div>
  );
}
