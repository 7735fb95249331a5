import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useState } from 'react';
import { EBER_LOCALES } from '../../../core/common/eber/constants';
import { MMOB_SECURITY_LEVELS } from '../../../core/common/mmob/codes';
import type { EberSettings, MmobSettings, ProfileView } from '../../../shared/contract';
import { useProfilesStore } from './store';

export type ProfileDraft =
  | { kind: 'mmob'; id?: string; name: string; settings: MmobSettings }
  | { kind: 'eber'; id?: string; name: string; settings: EberSettings };

export const NEW_MMOB: ProfileDraft = {
  kind: 'mmob',
  name: '',
  settings: { cpId: '', cpDeploymentId: '', defaultEmail: '', marketplaceUrl: '', securityLevel: 'SECURE_IDENTITY' },
};
export const NEW_EBER: ProfileDraft = {
  kind: 'eber',
  name: '',
  settings: {
    baseUrl: 'https://',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    defaultLocale: 'en',
    defaultIdentifierType: 'email',
  },
};

export function draftOf(p: ProfileView): ProfileDraft {
  return p.kind === 'mmob'
    ? { kind: 'mmob', id: p.id, name: p.name, settings: p.settings }
    : { kind: 'eber', id: p.id, name: p.name, settings: p.settings };
}

/** Create or edit a profile. The secret field is write-only: it is never filled in from storage. */
export function ProfileForm({ draft, onClose }: { draft: ProfileDraft; onClose: () => void }) {
  const [form, setForm] = useState<ProfileDraft>(draft);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const { create, update, setSecret: saveSecret } = useProfilesStore.getState();
  const editing = form.id !== undefined;

  const setting = <K extends string>(key: K, value: string | null) =>
    setForm((f) => ({ ...f, settings: { ...f.settings, [key]: value } }) as ProfileDraft);

  const save = async () => {
    setBusy(true);
    try {
      if (form.id) {
        const ok = await update(form.id, { name: form.name, settings: form.settings });
        if (ok && secret) await saveSecret(form.id, secret);
        if (ok) onClose();
      } else {
        const created = await create({ ...form, ...(secret ? { secret } : {}) } as never);
        if (created) onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Close' }}
      opened
      onClose={onClose}
      title={`${editing ? 'Edit' : 'New'} ${form.kind === 'mmob' ? 'mmob' : 'Eber'} profile`}
      size="lg"
    >
      <Stack gap="sm">
        <TextInput
          label="Profile name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          data-autofocus
        />
        <PasswordInput
          label={editing ? 'Replace secret' : 'Secret'}
          description={
            form.kind === 'mmob'
              ? 'The vendor secret, base64 as issued. Write-only: Signet never shows it again.'
              : 'The Eber HMAC secret key. Write-only: Signet never shows it again.'
          }
          placeholder={editing ? 'Leave empty to keep the current secret' : ''}
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          autoComplete="new-password"
          spellCheck={false}
        />
        {form.kind === 'mmob' ? (
          <>
            <Group grow>
              <TextInput
                label="cpId"
                value={form.settings.cpId}
                onChange={(e) => setting('cpId', e.currentTarget.value)}
              />
              <TextInput
                label="cpDeploymentId"
                value={form.settings.cpDeploymentId}
                onChange={(e) => setting('cpDeploymentId', e.currentTarget.value)}
              />
            </Group>
            <TextInput
              label="Default email"
              value={form.settings.defaultEmail}
              onChange={(e) => setting('defaultEmail', e.currentTarget.value)}
            />
            <TextInput
              label="Marketplace URL"
              placeholder="https://marketplace.example.com"
              value={form.settings.marketplaceUrl}
              onChange={(e) => setting('marketplaceUrl', e.currentTarget.value)}
            />
            <Select
              label="Default security level"
              data={Object.keys(MMOB_SECURITY_LEVELS)}
              value={form.settings.securityLevel}
              onChange={(v) => v && setting('securityLevel', v)}
              allowDeselect={false}
            />
          </>
        ) : (
          <>
            <TextInput
              label="Business base URL"
              description="https://{business}.eber.co or the business's own https domain"
              value={form.settings.baseUrl}
              onChange={(e) => setting('baseUrl', e.currentTarget.value)}
            />
            <TimeZoneSelect
              description="Expiry times are written and read in this zone."
              value={form.settings.timezone}
              onChange={(zone) => setting('timezone', zone)}
            />
            <Group grow>
              <Select
                label="Default locale"
                data={Object.entries(EBER_LOCALES).map(([value, label]) => ({ value, label: `${value} — ${label}` }))}
                value={form.settings.defaultLocale}
                onChange={(v) => setting('defaultLocale', v)}
                clearable
              />
              <Select
                label="Default identifier"
                data={[
                  { value: 'email', label: 'Email' },
                  { value: 'phone', label: 'Phone' },
                  { value: 'customId', label: 'Custom id' },
                ]}
                value={form.settings.defaultIdentifierType}
                onChange={(v) => v && setting('defaultIdentifierType', v)}
                allowDeselect={false}
              />
            </Group>
          </>
        )}
        <Text size="xs" c="dimmed">
          Secrets are encrypted with the OS keychain and stay in Signet's main process; screens only see a fingerprint.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={form.name.trim() === ''}>
            {editing ? 'Save changes' : 'Create profile'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
