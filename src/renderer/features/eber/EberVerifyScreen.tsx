import { Fragment } from 'react';
import { Table, Text, Textarea, TextInput } from '@mantine/core';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { Pair, Workbench } from '../../components/Workbench';
import { SecretSource } from '../../components/SecretSource';
import { TheirString } from '../../components/TheirString';
import { Tokens } from '../../components/Tokens';
import { Verdict } from '../../components/Verdict';
import { eberDefaults } from './EberUrlScreen';
import type { RequestOf } from '../../../shared/contract';
import { cleanPasted } from '../../lib/input';
import { placeError } from '../../lib/live';
import { useEberStore, useEberVerify } from './store';

/** The eber:verify request fields this form has an input for. */
const VERIFY_FIELDS = [
  'secret',
  'profileId',
  'url',
  'timezone',
  'now',
] as const satisfies readonly (keyof RequestOf<'eber:verify'>)[];

export function EberVerifyScreen() {
  const { form, result, error } = useEberVerify();
  const set = useEberStore((s) => s.setVerify);
  const { panel, at, onField } = placeError(error, VERIFY_FIELDS);
  const d = result?.details;
  const pastedNote = cleanPasted(form.url).note;
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
              title: 'Paste a login URL to check it',
              testId: 'eber-verify-empty',
              text: (
                <>
                  Signet decodes every parameter as Eber's server will, recomputes the hash and names the likely mistake
                  when it differs.
                </>
              ),
            }
      }
      form={
        <>
          <SecretSource
            kind="eber"
            value={form.secret}
            onChange={(secret) => {
              const { timezone } = eberDefaults(secret);
              set({ secret, ...(timezone ? { timezone } : {}) });
            }}
            error={at('secret', 'profileId')}
          />
          <Textarea
            label="Login URL"
            description="Paste the URL exactly as it was sent."
            autosize
            minRows={3}
            maxRows={8}
            value={form.url}
            onChange={(e) => set({ url: e.currentTarget.value })}
            error={at('url')}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {pastedNote && (
            <Text size="xs" c="dimmed" data-testid="pasted-note">
              {pastedNote}
            </Text>
          )}
          <Pair>
            <TimeZoneSelect value={form.timezone} onChange={(zone) => set({ timezone: zone })} error={at('timezone')} />
            <TextInput
              label="Verifier time (ISO 8601)"
              description="Empty: now"
              placeholder="2030-01-15T01:00:00Z"
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
          {d.parameters.length > 0 && (
            <Table
              withTableBorder
              striped
              className="result-table"
              aria-label="Parameters as the server decodes them"
              data-testid="parameters"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">Parameter</Table.Th>
                  <Table.Th>Decoded by the server</Table.Th>
                  <Table.Th>As sent</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.parameters.map((p, i) => (
                  <Table.Tr key={`${p.name}-${i}`}>
                    <Table.Td>
                      {/* A narrow column breaks a name after its underscores (hmac_expiry_ date), not anywhere. */}
                      <code className="param-name">
                        {p.name.split(/(?<=_)/).map((part, j) => (
                          <Fragment key={j}>
                            {part}
                            <wbr />
                          </Fragment>
                        ))}
                      </code>
                    </Table.Td>
                    <Table.Td className="mono-wrap">
                      <Tokens value={JSON.stringify(p.decoded)} />
                    </Table.Td>
                    <Table.Td className="mono-wrap">
                      <Tokens value={p.raw} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {d.message !== null && (
            <Text size="sm">
              Hashed string (identifier + expiry): <code>{JSON.stringify(d.message)}</code>
            </Text>
          )}
          {d.expiryViews && (
            <Text size="sm">
              Expiry: {d.expiryViews.business} = {d.expiryViews.utc}
            </Text>
          )}
          {!result.valid && d.message !== null && <TheirString expected={d.message} label="hashed string" />}
        </Verdict>
      )}
    </Workbench>
  );
}
