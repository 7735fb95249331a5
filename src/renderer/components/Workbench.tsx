import { Alert, Card, Grid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The layout every tool screen shares: inputs on the left, the live result on the right, with an error
 * that says what went wrong and an empty state that says what to do next.
 */
export function Workbench({
  form,
  formSpan = 5,
  error,
  errorTitle,
  empty,
  children,
}: {
  form: ReactNode;
  formSpan?: number;
  error: string | null;
  errorTitle: string;
  /** Shown when there is neither a result nor an error; null when there is a result. */
  empty: { title: string; text: ReactNode; testId?: string } | null;
  children?: ReactNode;
}) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: formSpan }}>
        <Card withBorder>
          <Stack gap="sm">{form}</Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 12 - formSpan }}>
        <Stack gap="md" aria-live="polite">
          {error && (
            <Alert color="red" title={errorTitle} role="alert">
              {error}
            </Alert>
          )}
          {empty && !error && (
            <Card withBorder padding="lg" data-testid={empty.testId}>
              <Text fw={600}>{empty.title}</Text>
              <Text size="sm" c="dimmed">
                {empty.text}
              </Text>
            </Card>
          )}
          {children}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
