/**
 * The visible keyboard focus for the pane's own clickable rows (results, conflict titles): Fluent
 * draws it for its controls, these are plain buttons styled as text and need it drawn here.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useFocusStyles = makeStyles({
  textButton: {
    background: 'none',
    border: 'none',
    padding: '3px 2px',
    margin: 0,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    width: '100%',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
      borderRadius: tokens.borderRadiusSmall,
    },
  },
});
