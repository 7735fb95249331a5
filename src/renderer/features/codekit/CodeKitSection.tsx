import { Button, Card, Group, Loader, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { EberKitInputs, MmobKitInputs } from '../../../core/common/codekit/types';
import { useCodeKitStore } from './store';

/**
 * What a screen hands the code kit: its current non-secret inputs (the secret stays in main; the programs read
 * theirs from an environment variable), and a note when the kit cannot mirror an input exactly.
 */
export type KitSource =
  | { scheme: 'mmob'; inputs: Omit<MmobKitInputs, 'secretEnv'>; note?: string }
  | { scheme: 'eber'; inputs: Omit<EberKitInputs, 'secretEnv'>; note?: string };

// The generated programs' templates and the lint are large and only wanted on request: the panel is a chunk of
// its own, loaded when first opened (scripts/bundle-size.mjs budgets what loads at start).
const CodeKitPanel = lazy(() => import('./CodeKitPanel').then((m) => ({ default: m.CodeKitPanel })));

/** The "Code kit" section under a screen's form and result: closed until asked for. */
export function CodeKitSection({ screen, source }: { screen: string; source: KitSource }) {
  const open = useCodeKitStore((s) => !!s.open[screen]);
  const toggle = useCodeKitStore((s) => s.toggle);
  const panelId = `code-kit-${screen}`;
  return (
    <Card withBorder className="code-kit" component="section" aria-labelledby={`${panelId}-title`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={600} id={`${panelId}-title`} component="h3" size="md" m={0}>
            Code kit
          </Text>
          <Text size="sm" c="dimmed">
            A signer and a verifier for these inputs in your language, reading the secret from an environment variable;
            and <i>Check my code</i> for the code you have.
          </Text>
        </div>
        <Button variant="light" aria-expanded={open} aria-controls={panelId} onClick={() => toggle(screen)}>
          {open ? 'Hide code kit' : 'Show code kit'}
        </Button>
      </Group>
      {open && (
        <div id={panelId}>
          <Suspense
            fallback={
              <Group gap="xs" mt="sm">
                <Loader size="xs" />
                <Text size="sm">Loading the code kit…</Text>
              </Group>
            }
          >
            <CodeKitPanel source={source} />
          </Suspense>
        </div>
      )}
    </Card>
  );
}
