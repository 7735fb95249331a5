import { Code, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { diffText } from '../../core/common/diff';
import { LIMITS } from '../../shared/limits';

/**
 * "Compare with yours": the string an integrator's signer logged before hashing (the mmob canonical string,
 * the Eber hashed string), compared byte by byte as UTF-8 with the one Signet expected, as `--their-canonical`
 * does in the CLI. Runs in the page (core/common/diff.ts is browser-safe); nothing is sent or kept.
 */
export function TheirString({ expected, label }: { expected: string; label: string }) {
  const [theirs, setTheirs] = useState('');
  const tooLong = theirs.length > LIMITS.url;
  const diff = useMemo(
    () => (theirs === '' || tooLong ? null : diffText(expected, theirs)),
    [expected, theirs, tooLong],
  );
  return (
    <Stack gap={6}>
      <Textarea
        label={`Compare with your ${label}`}
        description="Paste the string your code logged before hashing: the first byte that differs is shown, with invisible characters named."
        autosize
        minRows={1}
        maxRows={4}
        value={theirs}
        onChange={(e) => setTheirs(e.currentTarget.value)}
        error={
          tooLong
            ? `Too long to compare: ${theirs.length.toLocaleString('en')} characters (at most ${LIMITS.url.toLocaleString('en')}).`
            : undefined
        }
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {diff && (
        <div data-testid="their-diff" aria-live="polite">
          {diff.equal ? (
            <Text size="sm" c="teal.9" fw={500}>
              Identical to the expected {label} ({diff.expectedBytes} bytes).
            </Text>
          ) : (
            <Paper withBorder p="xs">
              <Text size="sm" fw={600}>
                Differs at byte {diff.firstByte}
              </Text>
              <Text size="sm">
                Expected {diff.expectedBytes} bytes, yours {diff.theirBytes}. Around the difference (marked):
              </Text>
              <Around label="expected" before={diff.prefix} middle={diff.expected} after={diff.suffix} />
              <Around label="yours" before={diff.prefix} middle={diff.theirs} after={diff.suffix} />
              {diff.notes.length > 0 && (
                <List size="sm" mt={4}>
                  {diff.notes.map((n) => (
                    <List.Item key={n}>{n}</List.Item>
                  ))}
                </List>
              )}
            </Paper>
          )}
        </div>
      )}
    </Stack>
  );
}

/** How many characters of the common start and end are shown around the difference. */
const CONTEXT = 16;

/** One side of a difference in its context: "…ample.org[⍽]:01234567…", the differing part marked. */
function Around({ label, before, middle, after }: { label: string; before: string; middle: string; after: string }) {
  const start = Array.from(before);
  const end = Array.from(after);
  return (
    <Text size="sm" className="mono-wrap">
      {label}{' '}
      <Code>
        {start.length > CONTEXT ? `…${start.slice(-CONTEXT).join('')}` : before}
        <mark>{middle === '' ? <em>(nothing)</em> : middle}</mark>
        {end.length > CONTEXT ? `${end.slice(0, CONTEXT).join('')}…` : after}
      </Code>
    </Text>
  );
}
