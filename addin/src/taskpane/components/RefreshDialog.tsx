/** The explicit choice a refresh needs when the sheet holds un-pushed work. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from '@fluentui/react-components';
import { useT } from '../lang-context';
import type { PendingRefresh } from '../../workflow/pull';

export function RefreshDialog(props: {
  pending: PendingRefresh | null;
  onMerge: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const p = props.pending;
  return (
    <Dialog open={p !== null} modalType="alert">
      <DialogSurface data-testid="refresh-dialog">
        <DialogBody>
          <DialogTitle>{t('refreshDecideTitle')}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Text>{t('refreshDecideBody', { edits: p?.edits ?? 0, problems: p?.problems ?? 0 })}</Text>
            {p && p.conflicts > 0 ? <Text>{t('refreshDecideConflicts', { n: p.conflicts })}</Text> : null}
            {p && !p.canMerge ? <Text weight="semibold">{t('refreshCannotMerge')}</Text> : null}
          </DialogContent>
          <DialogActions>
            <Button data-testid="refresh-merge" appearance="primary" disabled={!p?.canMerge} onClick={props.onMerge}>
              {t('refreshMerge')}
            </Button>
            <Button data-testid="refresh-overwrite" onClick={props.onOverwrite}>
              {t('refreshOverwrite')}
            </Button>
            <Button data-testid="refresh-cancel" appearance="subtle" onClick={props.onCancel}>
              {t('cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
