/** The task pane: connect, pull, review and push the current sheet, compare districts. */
import { Button, Title3, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { announcement } from './announce';
import { CompareCard } from './components/CompareCard';
import { FunctionsCard } from './components/FunctionsCard';
import { functionsRegistered, refreshAllFunctions, setFunctionsClient } from './functions';
import { ConnectCard } from './components/ConnectCard';
import { PullCard } from './components/PullCard';
import { RefreshDialog } from './components/RefreshDialog';
import { Legend, ResultsPanel } from './components/ResultsPanel';
import { SheetCard } from './components/SheetCard';
import { StatusBar } from './components/StatusBar';
import { LangContext } from './lang-context';
import * as settings from './settings';
import { useWorkbench } from './workbench/useWorkbench';

export function App(props: { origin: string }) {
  const w = useWorkbench(props.origin);
  const { t, actions } = w;
  const ctx = useMemo(() => ({ lang: w.lang, t }), [w.lang, t]);
  const busy = w.busy !== null;
  // Screen readers pick the voice from the page's language.
  useEffect(() => {
    document.documentElement.lang = w.lang;
  }, [w.lang]);
  const names = useMemo(() => new Map(w.indicators.map((i) => [i.code, i.name])), [w.indicators]);
  const said = announcement(w, t);
  // The Excel functions use the pane's connection once there is one.
  useEffect(() => setFunctionsClient(w.client), [w.client]);
  return (
    <LangContext.Provider value={ctx}>
      <main
        data-testid="workbench"
        data-jobs-started={w.jobsStarted}
        data-running={w.running}
        style={{ fontFamily: tokens.fontFamilyBase, display: 'flex', flexDirection: 'column' }}
      >
        {/* Pinned: the progress of a job started far down the pane, and its Cancel, stay in view. */}
        <div
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            background: tokens.colorNeutralBackground1,
            boxShadow: tokens.shadow4,
          }}
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
            <Title3 as="h1" style={{ margin: 0 }}>
              {t('appTitle')}
            </Title3>
            <Button
              data-testid="lang"
              size="small"
              appearance="subtle"
              lang={w.lang === 'vi' ? 'en' : 'vi'}
              onClick={() => actions.setLang(w.lang === 'vi' ? 'en' : 'vi')}
            >
              {t('language')}
            </Button>
          </header>
          <StatusBar
            busy={w.busy}
            notice={w.notice}
            polite={said.polite}
            assertive={said.assertive}
            onCancel={actions.cancel}
            onDismiss={w.dismiss}
          />
        </div>
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
          onSentences={actions.sentences}
        >
          {w.result || w.conflicts.length > 0 ? (
            <ResultsPanel
              result={w.result}
              conflicts={w.conflicts}
              baseline={w.deskSheet?.baseline ?? null}
              indicatorName={(code) => names.get(code) ?? code}
              busy={busy}
              onSelect={actions.select}
              onTake={actions.take}
              onKeep={actions.keep}
            />
          ) : null}
        </SheetCard>
        {w.client ? (
          <CompareCard
            client={w.client}
            indicators={w.indicators}
            busy={busy}
            onCompare={actions.compare}
            onError={actions.fail}
          />
        ) : null}
        {functionsRegistered() ? <FunctionsCard onRefresh={refreshAllFunctions} onError={actions.fail} /> : null}
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
