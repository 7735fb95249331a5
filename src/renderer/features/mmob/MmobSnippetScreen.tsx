import { useMemo } from 'react';
import { Card, Checkbox, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Workbench } from '../../components/Workbench';
import {
  MMOB_SECURITY_LEVELS,
  MMOB_SIGNATURE_OPTIONAL_LEVELS,
  mmobSignatureWanted,
  type MmobSecurityLevel,
} from '../../../core/common/mmob/codes';
import { CUSTOMER_INFO_FIELDS } from '../../../core/common/mmob/snippet';
import { CopyValue } from '../../components/CopyValue';
import { SecretSource, type SecretChoice } from '../../components/SecretSource';
import { useProfilesStore } from '../profiles/store';
import type { RequestOf } from '../../../shared/contract';
import { placeError } from '../../lib/live';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../core/common/product';
import { CodeKitSection } from '../codekit/CodeKitSection';
import { useMmobStore, useSnippet } from './store';

function snippetDefaults(choice: SecretChoice) {
  if (choice.mode !== 'profile' || !choice.profileId) return {};
  const p = useProfilesStore.getState().profiles.find((x) => x.id === choice.profileId);
  if (!p || p.kind !== 'mmob') return {};
  return {
    cpId: p.settings.cpId,
    cpDeploymentId: p.settings.cpDeploymentId,
    marketplaceUrl: p.settings.marketplaceUrl,
    securityLevel: p.settings.securityLevel,
  };
}

const FIELD_LABELS: Record<(typeof CUSTOMER_INFO_FIELDS)[number], string> = {
  email: 'email',
  first_name: 'first_name',
  surname: 'surname',
  gender: 'gender',
  title: 'title',
  building_number: 'building_number',
  address_1: 'address_1',
  town_city: 'town_city',
  postcode: 'postcode',
  dob: 'dob (ISO 8601, e.g. 1978-12-06 or 1968-05-30T21:12:22.275Z)',
};

export function MmobSnippetScreen() {
  const { form, result, error } = useSnippet();
  const set = useMmobStore((s) => s.setSnippet);
  const optional = MMOB_SIGNATURE_OPTIONAL_LEVELS.includes(form.securityLevel);
  const signed = mmobSignatureWanted(form.securityLevel, form.includeSignature);
  // The mmob:snippet request fields this form has an input for; the secret only for levels that sign.
  const { panel, at } = placeError<keyof RequestOf<'mmob:snippet'> | (typeof CUSTOMER_INFO_FIELDS)[number]>(error, [
    'securityLevel',
    signed && 'secret',
    signed && 'profileId',
    'cpId',
    'cpDeploymentId',
    'location',
    'marketplaceUrl',
    'page',
    'locale',
    optional && 'includeSignature',
    ...CUSTOMER_INFO_FIELDS,
  ]);
  const { cpId, cpDeploymentId } = form;
  const email = form.customerInfo.email ?? '';
  const kit = useMemo(
    () =>
      ({
        scheme: 'mmob',
        inputs: { cpId, cpDeploymentId, email, toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
        note: "The snippet's signature, made on your server for every page view: the signer signs cpId, cp_deployment_id and the customerInfo email with the time it runs and a fresh nonce; put its output in mmob.init's signature.",
      }) as const,
    [cpId, cpDeploymentId, email],
  );
  return (
    <Workbench
      formSpan={6}
      below={<CodeKitSection screen="mmob-snippet" source={kit} />}
      error={panel}
      errorTitle="Cannot build the snippet"
      empty={
        result
          ? null
          : {
              title: 'No snippet yet',
              text: (
                <>
                  Fill in cp_deployment_id{signed ? ' and choose the secret' : ''}: the ready-to-paste snippet appears
                  here.
                </>
              ),
            }
      }
      form={
        <>
          <Radio.Group
            label="Security level"
            value={form.securityLevel}
            onChange={(v) => set({ securityLevel: v as MmobSecurityLevel })}
            error={at('securityLevel')}
          >
            <Stack gap={6} mt={4}>
              {(Object.entries(MMOB_SECURITY_LEVELS) as [MmobSecurityLevel, string][]).map(([level, text]) => (
                <Radio key={level} value={level} label={level} description={text} />
              ))}
            </Stack>
          </Radio.Group>
          {optional && (
            <Checkbox
              label="Include a signature (optional at this level; the debugging response reports on it)"
              checked={form.includeSignature}
              onChange={(e) => set({ includeSignature: e.currentTarget.checked })}
              error={at('includeSignature')}
            />
          )}
          {signed ? (
            <SecretSource
              kind="mmob"
              value={form.secret}
              onChange={(secret) => set({ secret, ...snippetDefaults(secret) })}
              error={at('secret', 'profileId')}
            />
          ) : (
            <Text size="xs" c="dimmed">
              {optional
                ? `${form.securityLevel} boots here without a signature, so no secret is needed.`
                : `${form.securityLevel} boots without a signature, so no secret is needed.`}
            </Text>
          )}
          <Group grow>
            <TextInput
              label="cpId"
              value={form.cpId}
              onChange={(e) => set({ cpId: e.currentTarget.value })}
              error={at('cpId')}
            />
            <TextInput
              label="cp_deployment_id"
              required
              value={form.cpDeploymentId}
              onChange={(e) => set({ cpDeploymentId: e.currentTarget.value })}
              error={at('cpDeploymentId')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="location"
              description="The DOM element that will hold the marketplace (a CSS selector)"
              placeholder="#mmobMarketplace"
              value={form.location}
              onChange={(e) => set({ location: e.currentTarget.value })}
              error={at('location')}
            />
            <TextInput
              label="marketplace_url"
              description="Empty: left out; the /boot form then posts to mmob's staging marketplace"
              placeholder="https://marketplace.example.com"
              value={form.marketplaceUrl}
              onChange={(e) => set({ marketplaceUrl: e.currentTarget.value })}
              error={at('marketplaceUrl')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="page"
              description="The React component's page, sent in the /boot form"
              placeholder="e.g. broadband"
              value={form.page}
              onChange={(e) => set({ page: e.currentTarget.value })}
              error={at('page')}
            />
            <TextInput
              label="locale (optional)"
              description="Sent in the /boot form when given"
              placeholder="e.g. en"
              value={form.locale}
              onChange={(e) => set({ locale: e.currentTarget.value })}
              error={at('locale')}
            />
          </Group>
          <Text size="sm" fw={600} mt="xs">
            customerInfo
          </Text>
          <SimpleGrid cols={2} spacing="xs">
            {CUSTOMER_INFO_FIELDS.map((field) => (
              <TextInput
                key={field}
                label={FIELD_LABELS[field]}
                size="xs"
                value={form.customerInfo[field] ?? ''}
                onChange={(e) => set({ customerInfo: { ...form.customerInfo, [field]: e.currentTarget.value } })}
                error={at(field)}
              />
            ))}
          </SimpleGrid>
        </>
      }
    >
      {result && (
        <Card withBorder>
          <Stack gap="sm">
            <CopyValue label="Boot snippet" value={result.snippet} testId="snippet" />
            {result.signature && <CopyValue label="Signature" value={result.signature} />}
            {result.signature && (
              <Text size="xs" c="dimmed">
                The signature is fresh now and goes stale after the verifier's tolerance: generate the snippet on your
                server for every page view.
              </Text>
            )}
          </Stack>
        </Card>
      )}
      {result && (
        <Card withBorder>
          <Stack gap="sm">
            <Text size="sm">
              The React component's flow sends the same boot as a form:{' '}
              <code data-testid="form-action">POST {result.formAction}</code> (application/x-www-form-urlencoded).
            </Text>
            <CopyValue label="Form body" value={result.formBody} testId="form-body" />
          </Stack>
        </Card>
      )}
    </Workbench>
  );
}
