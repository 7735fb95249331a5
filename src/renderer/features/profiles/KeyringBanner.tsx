import { Alert, Button, Group, Text } from '@mantine/core';
import { useKeyring, useProfilesStore } from './store';

/** Says, on every screen, when secrets cannot be persisted or the store had to be moved aside. */
export function KeyringBanner() {
  const keyring = useKeyring();
  const notice = useProfilesStore((s) => s.storeNotice);
  const dismiss = useProfilesStore((s) => s.dismissNotice);
  const error = useProfilesStore((s) => s.error);
  return (
    <>
      {keyring && !keyring.persistent && (
        <Alert color="yellow" title="Secrets are kept for this session only" data-testid="keyring-banner">
          <Text size="sm">{keyring.message}</Text>
          <Text size="sm" mt={4}>
            Keychain backend: <b>{keyring.backend}</b>. Unlock or install a system keyring (e.g. GNOME Keyring or
            KWallet) and restart Signet to save secrets encrypted.
          </Text>
        </Alert>
      )}
      {notice && (
        <Alert
          color="orange"
          title="Your profile store was unreadable"
          withCloseButton
          onClose={dismiss}
          closeButtonLabel="Dismiss"
        >
          <Text size="sm">{notice}</Text>
        </Alert>
      )}
      {error && (
        <Alert color="red" title="Something needs attention" role="alert">
          <Group justify="space-between">
            <Text size="sm">{error}</Text>
            <Button size="xs" variant="light" onClick={() => useProfilesStore.setState({ error: null })}>
              Dismiss
            </Button>
          </Group>
        </Alert>
      )}
    </>
  );
}
