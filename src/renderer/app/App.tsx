import { AppShell, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { EberUrlScreen } from '../features/eber/EberUrlScreen';
import { EberVerifyScreen } from '../features/eber/EberVerifyScreen';
import { MmobSignScreen } from '../features/mmob/MmobSignScreen';
import { MmobSnippetScreen } from '../features/mmob/MmobSnippetScreen';
import { MmobVerifyScreen } from '../features/mmob/MmobVerifyScreen';
import { KeyringBanner } from '../features/profiles/KeyringBanner';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { useProfilesStore } from '../features/profiles/store';
import { SECTIONS, titleOf, type Screen } from './screens';

// Screens nobody needs to sign or verify load when first opened: the window starts with less to parse (and
// scripts/bundle-size.mjs budgets what loads at start, printing the rest).
const AboutScreen = lazy(() => import('../features/about/AboutScreen').then((m) => ({ default: m.AboutScreen })));
const BatchScreen = lazy(() => import('../features/batch/BatchScreen').then((m) => ({ default: m.BatchScreen })));
const CaptureScreen = lazy(() =>
  import('../features/capture/CaptureScreen').then((m) => ({ default: m.CaptureScreen })),
);
const HistoryScreen = lazy(() =>
  import('../features/history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })),
);
const PackScreen = lazy(() => import('../features/pack/PackScreen').then((m) => ({ default: m.PackScreen })));
import { useGo, useScreen } from './store';

/** Each screen's view: exactly the ids of the registry (screens.ts), no more, no fewer (checked by `satisfies`). */
const VIEWS = {
  profiles: ProfilesScreen,
  about: AboutScreen,
  'mmob-sign': MmobSignScreen,
  'mmob-verify': MmobVerifyScreen,
  'mmob-snippet': MmobSnippetScreen,
  'eber-url': EberUrlScreen,
  'eber-verify': EberVerifyScreen,
  capture: CaptureScreen,
  batch: BatchScreen,
  history: HistoryScreen,
  pack: PackScreen,
} satisfies Record<Screen, React.ComponentType>;

export function App() {
  const screen = useScreen();
  const go = useGo();
  const load = useProfilesStore((s) => s.load);
  useEffect(() => void load(), [load]);
  const View = VIEWS[screen];
  return (
    <AppShell navbar={{ width: 250, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h3">
            Signet
          </Title>
          <Text size="sm" c="dimmed">
            Sign · verify · explain — mmob Secure Identity and Eber HMAC login
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        <ScrollArea>
          <Stack gap="sm">
            {SECTIONS.map((section) => (
              <div key={section.title}>
                <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4}>
                  {section.title}
                </Text>
                {section.screens.map(({ id, title }) => (
                  <NavLink
                    key={id}
                    component="button"
                    label={title}
                    active={id === screen}
                    variant="filled"
                    aria-current={id === screen ? 'page' : undefined}
                    onClick={() => go(id)}
                  />
                ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md">
          <KeyringBanner />
          <Title order={2}>{titleOf(screen)}</Title>
          <Suspense fallback={<Text c="dimmed">Loading…</Text>}>
            <View />
          </Suspense>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
