/** The CHITIEU functions' refresh: forget the cached answers and recalculate the workbook. */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../lang-context';
import { Section } from './Section';

export function FunctionsCard(props: { onRefresh: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useT();
  const [done, setDone] = useState(false);
  const [running, setRunning] = useState(false);
  return (
    <Section title={t('functionsTitle')} testId="functions-card">
      <Text size={200}>{t('functionsHelp')}</Text>
      <Button
        data-testid="functions-refresh"
        disabled={running}
        onClick={() => {
          setRunning(true);
          setDone(false);
          props
            .onRefresh()
            .then(() => setDone(true), props.onError)
            .finally(() => setRunning(false));
        }}
      >
        {t('functionsRefresh')}
      </Button>
      {done ? (
        <Text role="status" data-testid="functions-refreshed">
          {t('functionsRefreshed')}
        </Text>
      ) : null}
    </Section>
  );
}
