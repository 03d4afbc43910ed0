/** The task pane: connect, pull, review and push the current sheet, compare districts. */
import { Button, MessageBar, MessageBarBody, ProgressBar, Title3, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { CompareCard } from './components/CompareCard';
import { ConnectCard } from './components/ConnectCard';
import { PullCard } from './components/PullCard';
import { RefreshDialog } from './components/RefreshDialog';
import { Legend, ResultsPanel } from './components/ResultsPanel';
import { SheetCard } from './components/SheetCard';
import { LangContext } from './lang-context';
import * as settings from './settings';
import { useWorkbench } from './workbench/useWorkbench';

export function App(props: { origin: string }) {
  const w = useWorkbench(props.origin);
  const { t, actions } = w;
  const ctx = useMemo(() => ({ lang: w.lang, t }), [w.lang, t]);
  const busy = w.busy !== null;
  return (
    <LangContext.Provider value={ctx}>
      <main
        data-testid="workbench"
        data-jobs-started={w.jobsStarted}
        data-running={w.running}
        style={{ fontFamily: tokens.fontFamilyBase, display: 'flex', flexDirection: 'column' }}
      >
        <header
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            padding: '8px 12px',
            background: tokens.colorBrandBackground2,
          }}
        >
          <Title3>{t('appTitle')}</Title3>
          <Button
            data-testid="lang"
            size="small"
            appearance="subtle"
            onClick={() => actions.setLang(w.lang === 'vi' ? 'en' : 'vi')}
          >
            {t('language')}
          </Button>
        </header>
        {w.busy ? (
          <div data-testid="progress" style={{ padding: '6px 12px' }}>
            <ProgressBar value={w.busy.total ? (w.busy.done ?? 0) / w.busy.total : undefined} />
            <span style={{ fontSize: 12 }}>{w.busy.label}</span>
          </div>
        ) : null}
        {w.notice ? (
          <MessageBar
            data-testid={`notice-${w.notice.intent}`}
            intent={w.notice.intent}
            style={{ margin: '6px 12px' }}
            onClick={w.dismiss}
          >
            <MessageBarBody>{w.notice.text}</MessageBarBody>
          </MessageBar>
        ) : null}
        <ConnectCard
          initialServer={settings.lastServer() ?? props.origin}
          initialToken=""
          viewer={w.viewer}
          connected={w.client !== null}
          busy={busy}
          onConnect={actions.connect}
          onDisconnect={actions.disconnect}
        />
        {w.client ? (
          <PullCard
            client={w.client}
            indicators={w.indicators}
            busy={busy}
            onPull={actions.pull}
            onError={actions.fail}
          />
        ) : null}
        <SheetCard
          active={w.active}
          busy={busy}
          connected={w.client !== null}
          atomic={w.atomic}
          newStatus={w.newStatus}
          onAtomic={actions.setAtomic}
          onNewStatus={actions.setNewStatus}
          onRecheck={actions.recheck}
          onPreview={() => actions.review(true)}
          onPush={() => actions.review(false)}
          onRefresh={actions.refresh}
        />
        {w.result || w.conflicts.length > 0 ? (
          <ResultsPanel
            result={w.result}
            conflicts={w.conflicts}
            busy={busy}
            onSelect={actions.select}
            onTake={actions.take}
            onKeep={actions.keep}
          />
        ) : null}
        {w.client ? (
          <CompareCard
            client={w.client}
            indicators={w.indicators}
            busy={busy}
            onCompare={actions.compare}
            onError={actions.fail}
          />
        ) : null}
        <Legend />
        <RefreshDialog
          pending={w.pending}
          onMerge={() => actions.decide('merge')}
          onOverwrite={() => actions.decide('overwrite')}
          onCancel={() => actions.decide(null)}
        />
      </main>
    </LangContext.Provider>
  );
}
