import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Explanation } from '../../core/common/explain';
import { useStrongColor } from './useStrongColor';

export interface VerdictLike {
  valid: boolean;
  details: { summary: string; explanations: readonly Explanation[] };
}

/**
 * A verification result in plain words: the verdict, then each code and each likely cause with what to do.
 * The words are the core's explanations (`details.explanations`), so the UI, the CLI and the batch report
 * say the same thing. A verify result explains codes and hints; warnings come with signing (the sign screen).
 */
export function Verdict({ result, children }: { result: VerdictLike; children?: ReactNode }) {
  const strong = useStrongColor();
  const { explanations } = result.details;
  const codes = explanations.filter((x) => x.kind === 'code');
  const hints = explanations.filter((x) => x.kind === 'hint');
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
        {codes.length > 0 && (
          <List size="sm" spacing={4} aria-label="Problems found">
            {codes.map(({ code, text }) => (
              <List.Item key={code}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge color={strong('red')} variant="outline" size="sm" style={{ flexShrink: 0 }}>
                    {code}
                  </Badge>
                  <Text size="sm">{text}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {hints.length > 0 && (
          <div data-testid="hints">
            <Text size="sm" fw={600}>
              Likely cause
            </Text>
            <List size="sm" spacing={4}>
              {hints.map(({ code: hint, text }) => (
                <List.Item key={hint}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge color="#a33a00" variant="filled" size="sm" style={{ flexShrink: 0 }}>
                      {hint}
                    </Badge>
                    <Text size="sm">{text}</Text>
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
