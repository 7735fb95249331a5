import { Alert, Card, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The layout every tool screen shares: inputs on the left, the live result on the right, with an error
 * that says what went wrong and an empty state that says what to do first. The form keeps a readable
 * width (20–30 rem) and the result takes the rest, so a wide window widens the result, not the inputs; when
 * the screen is too narrow for both (a container query, app.css) the result goes below the form.
 */
export function Workbench({
  form,
  error,
  errorTitle,
  empty,
  heldAtField = false,
  children,
  below,
}: {
  form: ReactNode;
  /** Kept for callers written for the 12-column grid; the form's width is now set by app.css. */
  formSpan?: number;
  error: string | null;
  errorTitle: string;
  /** Shown when there is neither a result nor an error; null when there is a result. */
  empty: { title: string; text: ReactNode; testId?: string } | null;
  /**
   * The error is shown at an input of the form (placeError's onField): with no result, the panel says to
   * correct it instead of the empty state's first steps, which would read as if nothing had been entered.
   */
  heldAtField?: boolean;
  children?: ReactNode;
  /** Full width under the form and the result (the code kit: long lines want the whole width). */
  below?: ReactNode;
}) {
  return (
    <div className="workbench-host">
      <div className="workbench">
        <Card withBorder className="workbench-form">
          <Stack gap="sm">{form}</Stack>
        </Card>
        <Stack gap="md" aria-live="polite" className="workbench-result" data-testid="result-area">
          {error && (
            <Alert color="red" title={errorTitle} role="alert">
              {error}
            </Alert>
          )}
          {empty && !error && heldAtField && (
            <Card withBorder padding="lg" data-testid="held-at-field">
              <Text fw={600}>No result yet</Text>
              <Text size="sm" c="dimmed">
                Correct the field marked in red: the result appears here as soon as the form can be read.
              </Text>
            </Card>
          )}
          {empty && !error && !heldAtField && (
            <Card withBorder padding="lg" data-testid={empty.testId}>
              <Text fw={600}>{empty.title}</Text>
              <Text size="sm" c="dimmed">
                {empty.text}
              </Text>
            </Card>
          )}
          {children}
        </Stack>
      </div>
      {below}
    </div>
  );
}

/**
 * Two (or more) fields side by side whose inputs stay in line whatever their labels and descriptions:
 * each field's label, description, input and error sit in shared rows (CSS subgrid, app.css). When the
 * column is too narrow for both, they stack.
 */
export function Pair({ children }: { children: ReactNode }) {
  return <div className="pair">{children}</div>;
}
