/** Server address and token; once connected, who the token belongs to and a way to sign out. */
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Viewer } from '../../api';
import { ROLE_LABELS } from '../labels';
import { useT } from '../lang-context';
import { Section } from './Section';

export function ConnectCard(props: {
  initialServer: string;
  initialToken: string;
  viewer: Viewer | null;
  connected: boolean;
  busy: boolean;
  onConnect: (server: string, token: string) => void;
  onDisconnect: () => void;
}) {
  const { t, lang } = useT();
  const [server, setServer] = useState(props.initialServer);
  const [token, setToken] = useState(props.initialToken);
  if (props.connected) {
    return (
      <Section title={t('connectTitle')}>
        <Text data-testid="connected-as">
          {props.viewer
            ? t('connectedAs', { name: props.viewer.name, role: ROLE_LABELS[props.viewer.role][lang] })
            : server}
        </Text>
        <Button size="small" onClick={props.onDisconnect}>
          {t('disconnect')}
        </Button>
      </Section>
    );
  }
  return (
    <Section title={t('connectTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onConnect(server, token);
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        <Field label={t('serverUrl')}>
          <Input data-testid="server-url" value={server} onChange={(_, d) => setServer(d.value)} />
        </Field>
        <Field label={t('token')} hint={t('tokenHint')}>
          <Input data-testid="token" type="password" value={token} onChange={(_, d) => setToken(d.value)} />
        </Field>
        <Button data-testid="connect" appearance="primary" type="submit" disabled={props.busy || token.trim() === ''}>
          {t('connect')}
        </Button>
      </form>
    </Section>
  );
}
