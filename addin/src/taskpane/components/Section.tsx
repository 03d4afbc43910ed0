/** A titled block of the pane; plain markup keeps the pane light inside Excel's webview. */
import { Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useId } from 'react';

/**
 * Each card is a region named by its h2, so a screen reader's landmark and heading lists both
 * walk the pane card by card.
 */
export function Section(props: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section
      data-testid={props.testId}
      aria-labelledby={id}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
        padding: '10px 12px',
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      }}
    >
      <Subtitle2 as="h2" id={id} style={{ margin: 0 }}>
        {props.title}
      </Subtitle2>
      {props.children}
    </section>
  );
}
