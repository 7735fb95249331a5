import { Badge, Button, Card, FileButton, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { FingerprintHelp } from './FingerprintHelp';
import { useState } from 'react';
import { CLIPBOARD_CLEAR_SECONDS } from '../../../core/common/product';
import type { ProfileView } from '../../../shared/contract';
import { useStrongColor } from '../../components/useStrongColor';
import { draftOf, NEW_EBER, NEW_MMOB, ProfileForm, type ProfileDraft } from './ProfileForm';
import { useProfiles, useProfilesStore } from './store';

const SECRET_BADGE: Record<ProfileView['secret']['state'], { color: string; label: string }> = {
  stored: { color: 'teal', label: 'secret stored' },
  'session-only': { color: 'orange', label: 'secret for this session' },
  'cannot-decrypt': { color: 'red', label: 'cannot decrypt' },
  missing: { color: 'gray', label: 'no secret' },
};

function ProfileCard({
  profile,
  onEdit,
  onDelete,
}: {
  profile: ProfileView;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { duplicate, copySecret } = useProfilesStore.getState();
  const [note, setNote] = useState<string | null>(null);
  const badge = SECRET_BADGE[profile.secret.state];
  const strong = useStrongColor();
  const detail =
    profile.kind === 'mmob'
      ? `cpId ${profile.settings.cpId || '—'} · deployment ${profile.settings.cpDeploymentId || '—'}`
      : `${profile.settings.baseUrl} · ${profile.settings.timezone}`;
  return (
    <Card withBorder padding="md" data-testid="profile-card" aria-label={`Profile ${profile.name}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{profile.name}</Text>
          <Badge variant="light">{profile.kind === 'mmob' ? 'mmob' : 'Eber'}</Badge>
        </Group>
        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {detail}
        </Text>
        <Group gap="xs">
          <Badge color={strong(badge.color)} variant="outline">
            {badge.label}
          </Badge>
          {profile.secret.fingerprint && (
            <Text size="xs" data-testid="fingerprint">
              fingerprint <code>{profile.secret.fingerprint}</code>
            </Text>
          )}
        </Group>
        {profile.secret.fingerprint && profile.secret.fingerprintSalt && (
          <Stack gap={0} align="flex-start">
            <Text size="xs" c="dimmed" data-testid="fingerprint-salt" style={{ wordBreak: 'break-all' }}>
              salt <code>{profile.secret.fingerprintSalt}</code>
              {profile.secret.fingerprintIterations !== null && (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {' '}
                  · {profile.secret.fingerprintIterations.toLocaleString('en-US')} iterations
                </span>
              )}
            </Text>
            <FingerprintHelp
              salt={profile.secret.fingerprintSalt}
              iterations={profile.secret.fingerprintIterations}
              profileName={profile.name}
            />
          </Stack>
        )}
        {profile.secret.message && profile.secret.state !== 'missing' && (
          <Text size="xs" c="red.8">
            {profile.secret.message}
          </Text>
        )}
        {note && (
          <Text size="xs" c="dimmed" role="status">
            {note}
          </Text>
        )}
        <Group gap="xs" mt={4}>
          <Button size="xs" variant="light" onClick={onEdit}>
            {profile.secret.state === 'cannot-decrypt' || profile.secret.state === 'missing'
              ? 'Edit / enter secret'
              : 'Edit'}
          </Button>
          <Button size="xs" variant="default" onClick={() => void duplicate(profile.id)}>
            Duplicate
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={!profile.secret.fingerprint}
            onClick={() => void copySecret(profile.id).then(setNote)}
            title={`The clipboard is cleared after ${CLIPBOARD_CLEAR_SECONDS} s`}
          >
            Copy secret
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={onDelete}
            styles={{ label: { color: 'var(--mantine-color-error)' } }}
          >
            Delete…
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function ProfilesScreen() {
  const profiles = useProfiles();
  const loaded = useProfilesStore((s) => s.loaded);
  const { exportAll, importJson, remove } = useProfilesStore.getState();
  const [editing, setEditing] = useState<ProfileDraft | null>(null);
  const [deleting, setDeleting] = useState<ProfileView | null>(null);
  const [note, setNote] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Text size="sm">
        A profile holds one integration's settings and its secret. Secrets are encrypted by the OS keychain and never
        leave Signet's main process; compare the <b>fingerprint</b> with a colleague to check you hold the same key
        without sharing it.
      </Text>
      <Group>
        <Button onClick={() => setEditing(NEW_MMOB)}>New mmob profile</Button>
        <Button onClick={() => setEditing(NEW_EBER)}>New Eber profile</Button>
        <Button
          variant="default"
          disabled={profiles.length === 0}
          onClick={() => void exportAll().then((json) => json && download('signet-profiles.json', json))}
        >
          Export (no secrets)
        </Button>
        <FileButton
          accept="application/json,.json"
          onChange={(file) => void file?.text().then(importJson).then(setNote)}
        >
          {(props) => (
            <Button variant="default" {...props}>
              Import…
            </Button>
          )}
        </FileButton>
      </Group>
      {note && (
        <Text size="sm" role="status">
          {note}
        </Text>
      )}
      {loaded && profiles.length === 0 ? (
        <Card withBorder padding="lg" data-testid="profiles-empty">
          <Text fw={600}>No profiles yet</Text>
          <Text size="sm" c="dimmed">
            Create an mmob or Eber profile to keep its secret encrypted here, or import an export from a colleague. You
            can also sign and verify with a one-off secret without saving anything.
          </Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {profiles.map((p) => (
            <ProfileCard key={p.id} profile={p} onEdit={() => setEditing(draftOf(p))} onDelete={() => setDeleting(p)} />
          ))}
        </SimpleGrid>
      )}
      {editing && <ProfileForm draft={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <Modal
          opened
          onClose={() => setDeleting(null)}
          closeButtonProps={{ 'aria-label': 'Close' }}
          title={`Delete "${deleting.name}"?`}
        >
          <Text size="sm">
            Its settings and its encrypted secret are removed from this machine. History entries stay.
          </Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void remove(deleting.id).then(() => setDeleting(null))}>
              Delete
            </Button>
          </Group>
        </Modal>
      )}
    </Stack>
  );
}
