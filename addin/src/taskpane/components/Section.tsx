/** A titled block of the pane; plain markup keeps the pane light inside Excel's webview. */
import { Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export function Section(props: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section
      data-testid={props.testId}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
        padding: '10px 12px',
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      }}
    >
      <Subtitle2>{props.title}</Subtitle2>
      {props.children}
    </section>
  );
}
