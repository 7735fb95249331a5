import { AppShell, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { BatchScreen } from '../features/batch/BatchScreen';
import { EberUrlScreen } from '../features/eber/EberUrlScreen';
import { EberVerifyScreen } from '../features/eber/EberVerifyScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { MmobSignScreen } from '../features/mmob/MmobSignScreen';
import { MmobSnippetScreen } from '../features/mmob/MmobSnippetScreen';
import { MmobVerifyScreen } from '../features/mmob/MmobVerifyScreen';
import { KeyringBanner } from '../features/profiles/KeyringBanner';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { useProfilesStore } from '../features/profiles/store';
import { SCREENS, useGo, useScreen, type Screen } from './store';

const SECTIONS: { title: string; screens: Screen[] }[] = [
  { title: 'Setup', screens: ['profiles'] },
  { title: 'mmob Secure Identity', screens: ['mmob-sign', 'mmob-verify', 'mmob-snippet'] },
  { title: 'Eber HMAC login', screens: ['eber-url', 'eber-verify'] },
  { title: 'Logs and records', screens: ['batch', 'history'] },
];

const VIEWS: Record<Screen, () => React.JSX.Element> = {
  profiles: ProfilesScreen,
  'mmob-sign': MmobSignScreen,
  'mmob-verify': MmobVerifyScreen,
  'mmob-snippet': MmobSnippetScreen,
  'eber-url': EberUrlScreen,
  'eber-verify': EberVerifyScreen,
  batch: BatchScreen,
  history: HistoryScreen,
};

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
                {section.screens.map((s) => (
                  <NavLink
                    key={s}
                    component="button"
                    label={SCREENS[s]}
                    active={s === screen}
                    variant="filled"
                    aria-current={s === screen ? 'page' : undefined}
                    onClick={() => go(s)}
                  />
                ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md" maw={1000}>
          <KeyringBanner />
          <Title order={2}>{SCREENS[screen]}</Title>
          <View />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
