import { Button, Group, Modal, Text } from '@mantine/core';
import { matches } from './labels';
import { useHistoryStore } from './store';

/**
 * "Clear history?": asked before history is cleared, from the History screen or the command palette. Focus
 * starts on Cancel (the safe choice, what Enter does at once); Escape, the close button and a click outside
 * cancel; focus then goes back where it was.
 */
export function ConfirmClearHistory() {
  const opened = useHistoryStore((s) => s.confirmingClear);
  const count = useHistoryStore((s) => s.entries.length);
  const pinned = useHistoryStore((s) => s.entries.filter((e) => e.pinned).length);
  // Clearing takes every entry, not only those the History filters show: say so when they hide some.
  const shown = useHistoryStore((s) => s.entries.filter((e) => matches(e, s.filter)).length);
  const { cancelClear, clear } = useHistoryStore.getState();
  return (
    <Modal
      opened={opened}
      onClose={cancelClear}
      title="Clear history?"
      closeButtonProps={{ 'aria-label': 'Cancel: keep history' }}
      data-testid="confirm-clear-history"
    >
      <Text size="sm">
        {count === 1 ? 'The one entry' : count > 0 ? `All ${count} entries` : 'Every entry'}
        {shown < count ? ` (not only the ${shown} the filters show)` : ''}
        {pinned > 0 ? `, pinned ones too (${pinned}),` : ''} will be removed from this computer. This cannot be undone.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={cancelClear} data-autofocus>
          Cancel
        </Button>
        <Button color="red.9" onClick={() => void clear()}>
          Clear history
        </Button>
      </Group>
    </Modal>
  );
}
