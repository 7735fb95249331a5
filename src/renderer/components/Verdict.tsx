import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useStrongColor } from './useStrongColor';

export interface VerdictLike {
  valid: boolean;
  codes: readonly string[];
  hints: readonly string[];
  details: { summary: string; messages: readonly string[] };
}

/**
 * A verification result in plain words: the verdict, then each code and each likely cause with what to do.
 * The words come from the core's explanation tables via `details.messages`, so the UI, the CLI and the
 * batch report say the same thing.
 */
export function Verdict({ result, children }: { result: VerdictLike; children?: ReactNode }) {
  const strong = useStrongColor();
  const explain = (code: string) => {
    const line = result.details.messages.find((m) => m.startsWith(`${code}: `));
    return line ? line.slice(code.length + 2) : '';
  };
  return (
    <Alert
      color={result.valid ? 'teal' : 'red'}
      variant="light"
      title={result.valid ? 'Valid' : 'Invalid'}
      data-testid="verdict"
      data-valid={String(result.valid)}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{result.details.summary}</Text>
        {result.codes.length > 0 && (
          <List size="sm" spacing={4} aria-label="Problems found">
            {result.codes.map((code) => (
              <List.Item key={code}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge color={strong('red')} variant="outline" size="sm" style={{ flexShrink: 0 }}>
                    {code}
                  </Badge>
                  <Text size="sm">{explain(code)}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {result.hints.length > 0 && (
          <div data-testid="hints">
            <Text size="sm" fw={600}>
              Likely cause
            </Text>
            <List size="sm" spacing={4}>
              {result.hints.map((hint) => (
                <List.Item key={hint}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge color="#a33a00" variant="filled" size="sm" style={{ flexShrink: 0 }}>
                      {hint}
                    </Badge>
                    <Text size="sm">{explain(hint)}</Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {children}
      </Stack>
    </Alert>
  );
}
