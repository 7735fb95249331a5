import { Text, Textarea, TextInput } from '@mantine/core';
import { IntegerInput } from '../../components/IntegerInput';
import { Pair, Workbench } from '../../components/Workbench';
import { MmobFields } from './MmobFields';
import { formatDuration } from '../../../core/common/format';
import { NONCE_MAX, NONCE_MIN } from '../../../core/common/mmob/codes';
import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS } from '../../../core/common/product';
import { CanonicalView } from '../../components/CanonicalView';
import { CopyValue } from '../../components/CopyValue';
import { SecretSource } from '../../components/SecretSource';
import { TheirString } from '../../components/TheirString';
import { Verdict } from '../../components/Verdict';
import { CANONICAL_LABELS, profileDefaults } from './MmobSignScreen';
import type { RequestOf } from '../../../shared/contract';
import { cleanPasted } from '../../lib/input';
import { placeError } from '../../lib/live';
import { useMmobStore, useVerify } from './store';

/** The mmob:verify request fields this form has an input for (the pasted text is the signature). */
const VERIFY_FIELDS = [
  'secret',
  'profileId',
  'signature',
  'cpId',
  'cpDeploymentId',
  'email',
  'toleranceSeconds',
  'now',
] as const satisfies readonly (keyof RequestOf<'mmob:verify'>)[];

export function MmobVerifyScreen() {
  const { form, result, error, extractedFrom } = useVerify();
  const set = useMmobStore((s) => s.setVerify);
  const { panel, at, onField } = placeError(error, VERIFY_FIELDS);
  const d = result?.details;
  const pastedNote = cleanPasted(form.pasted).note;
  const age =
    d && d.ageSeconds !== null
      ? d.ageSeconds >= 0
        ? `signed ${formatDuration(d.ageSeconds)} ago; tolerance ${d.toleranceSeconds} s`
        : `signed ${formatDuration(d.ageSeconds)} in the future; tolerance ${d.toleranceSeconds} s`
      : null;
  return (
    <Workbench
      formSpan={5}
      error={panel}
      heldAtField={onField}
      errorTitle="Cannot verify"
      empty={
        result
          ? null
          : {
              title: 'Paste a signature to check it',
              testId: 'verify-empty',
              text: (
                <>
                  Choose the secret it should have been made with and fill in cpId and cpDeploymentId. Signet explains
                  any mismatch and names the likely mistake.
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
          <Textarea
            label="Signature, boot snippet or JSON"
            description="Paste the signature alone or the whole snippet: Signet finds the signature, deployment id and email in it."
            autosize
            minRows={3}
            maxRows={10}
            value={form.pasted}
            onChange={(e) => set({ pasted: e.currentTarget.value })}
            error={at('signature')}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {extractedFrom !== 'field' && pastedNote && (
            <Text size="xs" c="dimmed" data-testid="pasted-note">
              {pastedNote}
            </Text>
          )}
          {extractedFrom === 'field' && (
            <Text size="xs" c="dimmed">
              Signature found in the pasted text; deployment id and email were filled in from it where present.
            </Text>
          )}
          <MmobFields
            value={form}
            onChange={set}
            emailDescription="The email the signer should have signed."
            errorAt={at}
          />
          <Pair>
            <IntegerInput
              label="Tolerance (seconds)"
              description={`Default ${DEFAULT_TOLERANCE_SECONDS}`}
              min={0}
              max={MAX_TOLERANCE_SECONDS}
              value={form.tolerance}
              onChange={(tolerance) => set({ tolerance })}
              error={at('toleranceSeconds')}
            />
            <TextInput
              label="Verifier time (Unix seconds)"
              description="Empty: now"
              value={form.now}
              onChange={(e) => set({ now: e.currentTarget.value })}
              error={at('now')}
            />
          </Pair>
        </>
      }
    >
      {result && d && (
        <Verdict result={result}>
          {age && (
            <Text size="sm" data-testid="age">
              {age}
            </Text>
          )}
          {d.nonceLength !== null && (
            <Text size="sm">
              nonce length {d.nonceLength} ({NONCE_MIN}–{NONCE_MAX} required)
            </Text>
          )}
          <div>
            <Text size="sm" fw={500} mb={4}>
              Canonical string expected
            </Text>
            <CanonicalView canonical={d.canonical} labels={CANONICAL_LABELS} />
          </div>
          {!result.valid && d.expectedSignature && <CopyValue label="Expected signature" value={d.expectedSignature} />}
          {!result.valid && d.canonical !== null && <TheirString expected={d.canonical} label="canonical string" />}
        </Verdict>
      )}
    </Workbench>
  );
}
