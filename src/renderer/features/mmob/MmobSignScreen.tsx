import { useMemo } from 'react';
import { Alert, Card, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { Pair, Workbench } from '../../components/Workbench';
import { MmobFields } from './MmobFields';
import { MMOB_SIGN_WARNINGS } from '../../../core/common/mmob/codes';
import { CanonicalView } from '../../components/CanonicalView';
import { CopyValue } from '../../components/CopyValue';
import { SecretSource, type SecretChoice } from '../../components/SecretSource';
import { useProfilesStore } from '../profiles/store';
import type { RequestOf } from '../../../shared/contract';
import { placeError } from '../../lib/live';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../core/common/product';
import { CodeKitSection } from '../codekit/CodeKitSection';
import { useMmobStore, useSign } from './store';

/** The mmob:sign request fields this form has an input for. */
const SIGN_FIELDS = [
  'secret',
  'profileId',
  'cpId',
  'cpDeploymentId',
  'email',
  'timestamp',
  'nonce',
] as const satisfies readonly (keyof RequestOf<'mmob:sign'>)[];

export const CANONICAL_LABELS = ['timestamp', 'cpId', 'cpDeploymentId', 'email', 'nonce'] as const;

/** Choosing an mmob profile fills the fields it knows, so a saved integration is one click away. */
export function profileDefaults(choice: SecretChoice) {
  if (choice.mode !== 'profile' || !choice.profileId) return {};
  const p = useProfilesStore.getState().profiles.find((x) => x.id === choice.profileId);
  if (!p || p.kind !== 'mmob') return {};
  return { cpId: p.settings.cpId, cpDeploymentId: p.settings.cpDeploymentId, email: p.settings.defaultEmail };
}

export function MmobSignScreen() {
  const { form, result, error } = useSign();
  const set = useMmobStore((s) => s.setSign);
  const { panel, at, onField } = placeError(error, SIGN_FIELDS);
  const { cpId, cpDeploymentId, email } = form;
  const kit = useMemo(
    () =>
      ({
        scheme: 'mmob',
        inputs: { cpId, cpDeploymentId, email, toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
        note: `The signer signs with the time it runs and a fresh nonce (not the timestamp and nonce above); the verifier allows ${DEFAULT_TOLERANCE_SECONDS} seconds of clock difference, Signet's default.`,
      }) as const,
    [cpId, cpDeploymentId, email],
  );
  return (
    <Workbench
      formSpan={5}
      below={<CodeKitSection screen="mmob-sign" source={kit} />}
      error={panel}
      heldAtField={onField}
      errorTitle="Cannot sign"
      empty={
        result
          ? null
          : {
              title: 'Nothing signed yet',
              testId: 'sign-empty',
              text: (
                <>
                  Pick a profile (or enter a one-off secret) and fill in cpId and cpDeploymentId: the signature appears
                  here as you type.
                </>
              ),
            }
      }
      form={
        <>
          <SecretSource
            kind="mmob"
            value={form.secret}
            onChange={(secret) => set({ secret, ...profileDefaults(secret) })}
            error={at('secret', 'profileId')}
          />
          <MmobFields
            value={form}
            onChange={set}
            emailDescription="May be empty; signed exactly as typed."
            errorAt={at}
          />
          <Pair>
            <TextInput
              label="Timestamp (Unix seconds)"
              description="Empty: now"
              inputMode="numeric"
              value={form.timestamp}
              onChange={(e) => set({ timestamp: e.currentTarget.value })}
              error={form.timestamp && !/^\d+$/.test(form.timestamp.trim()) ? 'Whole seconds only' : at('timestamp')}
            />
            <TextInput
              label="Nonce"
              description="Empty: 16 random bytes as hex"
              value={form.nonce}
              onChange={(e) => set({ nonce: e.currentTarget.value })}
              error={at('nonce')}
            />
          </Pair>
        </>
      }
    >
      {result && (
        <Card withBorder>
          <Stack gap="md">
            <CopyValue label="Signature" value={result.signature} testId="signature" />
            <div>
              <Text size="sm" fw={500} mb={4}>
                Canonical string (what was signed)
              </Text>
              <CanonicalView canonical={result.canonical} labels={CANONICAL_LABELS} />
            </div>
            <Group gap="lg">
              <Text size="sm">
                timestamp <code>{result.timestamp}</code> ({new Date(result.timestamp * 1000).toISOString()})
              </Text>
              <Text size="sm">
                nonce <code>{result.nonce}</code> ({result.nonce.length} characters)
              </Text>
            </Group>
            {result.warnings.length > 0 && (
              <Alert color="yellow" title="Warnings">
                <List size="sm">
                  {result.warnings.map((w) => (
                    <List.Item key={w}>
                      <b>{w}</b>: {MMOB_SIGN_WARNINGS[w]}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        </Card>
      )}
    </Workbench>
  );
}
