import { Group, PasswordInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useProfiles } from '../features/profiles/store';

export type SecretChoice = { mode: 'profile'; profileId: string | null } | { mode: 'inline'; secret: string };

/**
 * Where the secret comes from: a saved profile (the secret stays in main) or a one-off secret typed here
 * (sent to main for this operation only, never stored or echoed back).
 */
export function SecretSource({
  kind,
  value,
  onChange,
  error,
}: {
  kind: 'mmob' | 'eber';
  value: SecretChoice;
  onChange: (v: SecretChoice) => void;
  /** A message about the secret or the profile, shown at whichever of them the form is showing. */
  error?: string | undefined;
}) {
  const profiles = useProfiles().filter((p) => p.kind === kind);
  const selected = value.mode === 'profile' ? profiles.find((p) => p.id === value.profileId) : undefined;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Secret source"
        value={value.mode}
        onChange={(mode) =>
          onChange(
            mode === 'profile'
              ? { mode: 'profile', profileId: profiles[0]?.id ?? null }
              : { mode: 'inline', secret: '' },
          )
        }
        data={[
          { value: 'profile', label: 'Saved profile' },
          { value: 'inline', label: 'One-off secret' },
        ]}
      />
      {value.mode === 'profile' && profiles.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-profiles">
          No {kind === 'mmob' ? 'mmob' : 'Eber'} profiles yet. Create one under Profiles, or switch to a one-off secret.
        </Text>
      ) : value.mode === 'profile' ? (
        <Select
          label="Profile"
          placeholder="Pick a profile"
          data={profiles.map((p) => ({ value: p.id, label: p.name }))}
          value={value.profileId}
          onChange={(profileId) => onChange({ mode: 'profile', profileId })}
          allowDeselect={false}
          error={error}
        />
      ) : (
        <PasswordInput
          label="Secret (one-off)"
          description="Used for this operation only; not saved, not shown again."
          value={value.secret}
          onChange={(e) => onChange({ mode: 'inline', secret: e.currentTarget.value })}
          autoComplete="off"
          spellCheck={false}
          error={error}
        />
      )}
      {value.mode === 'profile' && profiles.length === 0 && error && (
        <Text size="sm" c="var(--mantine-color-error)">
          {error}
        </Text>
      )}
      {selected && (
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            Secret {selected.secret.masked} · fingerprint{' '}
            <Text span ff="monospace" size="xs">
              {selected.secret.fingerprint ?? '—'}
            </Text>
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/** The request fields that name the secret: a profile id, or the one-off secret itself. */
export function secretFields(choice: SecretChoice): { profileId: string } | { secret: string } | null {
  if (choice.mode === 'profile') return choice.profileId ? { profileId: choice.profileId } : null;
  return choice.secret ? { secret: choice.secret } : null;
}
