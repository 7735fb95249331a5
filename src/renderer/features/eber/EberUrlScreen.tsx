import { Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { Pair, Workbench } from '../../components/Workbench';
import { IntegerInput } from '../../components/IntegerInput';
import { LocaleSelect } from '../../components/LocaleSelect';
import { useEffect, useMemo, useState } from 'react';
import { type EberIdentifierType } from '../../../core/common/eber/constants';
import { formatDuration } from '../../../core/common/format';
import { CopyValue } from '../../components/CopyValue';
import { QrCode } from '../../components/QrCode';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { SecretSource, type SecretChoice } from '../../components/SecretSource';
import { useProfilesStore } from '../profiles/store';
import type { RequestOf } from '../../../shared/contract';
import { placeError } from '../../lib/live';
import { CodeKitSection } from '../codekit/CodeKitSection';
import { DEFAULT_EXPIRES_IN_MINUTES, useEberStore, useEberUrl } from './store';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export const countryName = (code: string) => {
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  const name = regionNames.of(code.toUpperCase());
  return name && name !== code.toUpperCase() ? name : null;
};

const IDENTIFIER_LABEL: Record<EberIdentifierType, string> = {
  email: 'Email',
  phone: 'Phone number',
  customId: 'Custom id',
};

export function eberDefaults(choice: SecretChoice) {
  if (choice.mode !== 'profile' || !choice.profileId) return {};
  const p = useProfilesStore.getState().profiles.find((x) => x.id === choice.profileId);
  if (!p || p.kind !== 'eber') return {};
  return {
    baseUrl: p.settings.baseUrl,
    timezone: p.settings.timezone,
    locale: p.settings.defaultLocale,
    identifierType: p.settings.defaultIdentifierType,
  };
}

/** Seconds until an ISO instant, ticking every second. */
function useCountdown(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [iso]);
  return iso ? Math.floor((Date.parse(iso) - now) / 1000) : null;
}

export function EberUrlScreen() {
  const { form, result, error } = useEberUrl();
  const set = useEberStore((s) => s.setUrl);
  const openInBrowser = useEberStore((s) => s.openInBrowser);
  const [openNote, setOpenNote] = useState<string | null>(null);
  const remaining = useCountdown(result?.expiryViews?.iso ?? null);
  const country = countryName(form.phoneCode);
  // The eber:url request fields this form has an input for, as it stands.
  const { panel, at, onField } = placeError<keyof RequestOf<'eber:url'>>(error, [
    'secret',
    'profileId',
    'baseUrl',
    'identifier',
    form.identifierType === 'phone' && 'phoneCode',
    form.expiryMode === 'minutes' && 'expiresInMinutes',
    form.expiryMode !== 'none' && 'timezone',
    form.expiryMode === 'fixed' && 'expiry',
    'locale',
  ]);

  const { baseUrl, identifierType, identifier, phoneCode, timezone, expiryMode, expiresInMinutes, locale } = form;
  const kit = useMemo(
    () =>
      ({
        scheme: 'eber',
        inputs: {
          baseUrl,
          identifierType,
          identifier,
          phoneCode: identifierType === 'phone' ? phoneCode : '',
          timezone,
          // The kit's signer sets the expiry when it runs: a fixed date becomes the default "expires in".
          expiryMinutes:
            expiryMode === 'none' ? 0 : expiryMode === 'minutes' ? expiresInMinutes : DEFAULT_EXPIRES_IN_MINUTES,
          locale: locale ?? '',
        },
        ...(expiryMode === 'fixed'
          ? {
              note: `The signer sets the expiry when it runs: instead of the fixed date, ${DEFAULT_EXPIRES_IN_MINUTES} minutes from then, in ${timezone}.`,
            }
          : {}),
      }) as const,
    [baseUrl, identifierType, identifier, phoneCode, timezone, expiryMode, expiresInMinutes, locale],
  );
  return (
    <Workbench
      formSpan={5}
      below={<CodeKitSection screen="eber-url" source={kit} />}
      error={panel}
      heldAtField={onField}
      errorTitle="Cannot build the URL"
      empty={
        result
          ? null
          : {
              title: 'No login URL yet',
              testId: 'url-empty',
              text: (
                <>
                  Choose the secret, the business base URL and the member's identifier: the hash and the URL appear here
                  as you type.
                </>
              ),
            }
      }
      form={
        <>
          <SecretSource
            kind="eber"
            value={form.secret}
            onChange={(secret) => set({ secret, ...eberDefaults(secret) })}
            error={at('secret', 'profileId')}
          />
          <TextInput
            label="Business base URL"
            placeholder="https://demo.eber.co"
            required
            value={form.baseUrl}
            onChange={(e) => set({ baseUrl: e.currentTarget.value })}
            error={at('baseUrl')}
          />
          <SegmentedControl
            aria-label="Identifier type"
            value={form.identifierType}
            onChange={(v) => set({ identifierType: v as EberIdentifierType })}
            data={[
              { value: 'email', label: 'Email' },
              { value: 'phone', label: 'Phone' },
              { value: 'customId', label: 'Custom id' },
            ]}
          />
          <Pair>
            <TextInput
              label={IDENTIFIER_LABEL[form.identifierType]}
              required
              value={form.identifier}
              onChange={(e) => set({ identifier: e.currentTarget.value })}
              error={at('identifier')}
            />
            {form.identifierType === 'phone' && (
              <TextInput
                label="Country (phone_code)"
                description={country ?? 'ISO 3166 code, e.g. MY'}
                maxLength={2}
                value={form.phoneCode}
                onChange={(e) => set({ phoneCode: e.currentTarget.value.toUpperCase() })}
                error={form.phoneCode && !country ? 'Not an ISO country code' : at('phoneCode')}
              />
            )}
          </Pair>
          <SegmentedControl
            aria-label="Expiry"
            value={form.expiryMode}
            onChange={(v) => set({ expiryMode: v as 'none' | 'minutes' | 'fixed' })}
            data={[
              { value: 'none', label: 'No expiry' },
              { value: 'minutes', label: 'Expires in N minutes' },
              { value: 'fixed', label: 'Fixed date' },
            ]}
          />
          {form.expiryMode === 'fixed' && (
            <Group grow align="flex-start">
              <TextInput
                label="hmac_expiry_date"
                description="YYYY-MM-DD HH:mm:ss in the business time zone"
                value={form.expiry}
                onChange={(e) => set({ expiry: e.currentTarget.value })}
                error={at('expiry')}
              />
              <TimeZoneSelect
                value={form.timezone}
                onChange={(zone) => set({ timezone: zone })}
                error={at('timezone')}
              />
            </Group>
          )}
          {form.expiryMode === 'minutes' && (
            <Pair>
              <IntegerInput
                label="Minutes"
                description={`Default ${DEFAULT_EXPIRES_IN_MINUTES}`}
                min={1}
                max={525_600}
                value={form.expiresInMinutes}
                onChange={(expiresInMinutes) => set({ expiresInMinutes })}
                error={at('expiresInMinutes')}
              />
              <TimeZoneSelect
                value={form.timezone}
                onChange={(zone) => set({ timezone: zone })}
                error={at('timezone')}
              />
            </Pair>
          )}
          <LocaleSelect
            label="Login page language (hmac_locale)"
            placeholder="Eber's default"
            value={form.locale}
            onChange={(v) => set({ locale: v })}
            error={at('locale')}
          />
        </>
      }
    >
      {result && (
        <Card withBorder>
          <Stack gap="md">
            <CopyValue label="hmac_hash" value={result.hash} testId="hash" />
            <CopyValue label="Login URL" value={result.url} testId="login-url" />
            {result.expiry && result.expiryViews && (
              <Table withRowBorders={false} verticalSpacing={2} aria-label="Expiry" className="result-table">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">hmac_expiry_date</Table.Th>
                    <Table.Td>
                      <code>{result.expiry}</code>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">Business time</Table.Th>
                    <Table.Td>{result.expiryViews.business}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">Your time</Table.Th>
                    <Table.Td>{result.expiryViews.local}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">UTC</Table.Th>
                    <Table.Td>{result.expiryViews.utc}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            )}
            <Group align="flex-start" gap="lg">
              <QrCode value={result.url} label="QR code of the login URL, for testing on a phone" />
              <Stack gap="xs">
                <Text size="sm" data-testid="countdown">
                  {remaining === null
                    ? 'No expiry: the link works until the secret changes.'
                    : remaining >= 0
                      ? `Expires in ${formatDuration(remaining)}`
                      : `Expired ${formatDuration(remaining)} ago: build a new URL.`}
                </Text>
                <Button onClick={() => void openInBrowser().then(setOpenNote)}>Open in browser</Button>
                {openNote && (
                  <Text size="xs" role="status">
                    {openNote}
                  </Text>
                )}
              </Stack>
            </Group>
          </Stack>
        </Card>
      )}
    </Workbench>
  );
}
