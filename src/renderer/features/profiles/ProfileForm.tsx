import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { Pair } from '../../components/Workbench';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { useState } from 'react';
import { LOCALE_OPTIONS } from '../../components/LocaleSelect';
import { MMOB_SECURITY_LEVELS } from '../../../core/common/mmob/codes';
import type { EberSettings, MmobSettings, ProfileView } from '../../../shared/contract';
import type { ErrorData } from '../../api';
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
  /** Why the last save failed: shown here, in the dialog, at the field it is about when there is one. */
  const [failure, setFailure] = useState<ErrorData | null>(null);
  const { create, update, setSecret: saveSecret } = useProfilesStore.getState();
  const editing = form.id !== undefined;

  const setting = <K extends string>(key: K, value: string | null) =>
    setForm((f) => ({ ...f, settings: { ...f.settings, [key]: value } }) as ProfileDraft);

  /** Takes a failure from the store into this dialog (not the page banner, hidden behind the overlay). */
  const takeFailure = () => {
    const { lastError } = useProfilesStore.getState();
    useProfilesStore.setState({ error: null, lastError: null });
    setFailure(lastError);
  };
  const at = (field: string) => (failure?.field === field ? failure.message : undefined);

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      if (form.id) {
        const ok = await update(form.id, { name: form.name, settings: form.settings });
        const done = ok && (!secret || (await saveSecret(form.id, secret)));
        if (done) onClose();
        else takeFailure();
      } else {
        const created = await create({ ...form, ...(secret ? { secret } : {}) } as never);
        if (created) onClose();
        else takeFailure();
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
          error={at('name')}
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
          error={at('secret')}
        />
        {form.kind === 'mmob' ? (
          <>
            <Pair>
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
            </Pair>
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
            <Pair>
              <Select
                label="Default locale"
                data={LOCALE_OPTIONS}
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
            </Pair>
          </>
        )}
        <Text size="xs" c="dimmed">
          Secrets are encrypted with the OS keychain and stay in Signet's main process; screens only see a fingerprint.
        </Text>
        {failure && failure.field !== 'name' && failure.field !== 'secret' && (
          <Alert color="red" title="Not saved" role="alert" data-testid="profile-form-error">
            {failure.message}
          </Alert>
        )}
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
