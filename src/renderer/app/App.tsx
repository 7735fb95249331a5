import {
  Alert,
  AppShell,
  Button,
  CloseButton,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  Title,
  useMantineColorScheme,
  useComputedColorScheme,
} from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useEberStore } from '../features/eber/store';
import { EberUrlScreen } from '../features/eber/EberUrlScreen';
import { EberVerifyScreen } from '../features/eber/EberVerifyScreen';
import { ConfirmClearHistory } from '../features/history/ConfirmClearHistory';
import { useHistoryStore } from '../features/history/store';
import { MmobSignScreen } from '../features/mmob/MmobSignScreen';
import { MmobSnippetScreen } from '../features/mmob/MmobSnippetScreen';
import { MmobVerifyScreen } from '../features/mmob/MmobVerifyScreen';
import { useMmobStore } from '../features/mmob/store';
import { KeyringBanner } from '../features/profiles/KeyringBanner';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen';
import { useProfilesStore } from '../features/profiles/store';
import { keepForms } from '../lib/continuity';
import { classifyPaste, openPasted } from '../lib/paste';
import { actionCommands, copyMainResult, focusMainInput, screenCommands } from './commands';
import { Palette } from './Palette';
import { SCREENS, SECTIONS, titleOf, type Screen } from './screens';
import { useAppStore, useGo, useScreen } from './store';

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

/** Each screen's view: exactly the ids of the registry (screens.ts), no more, no fewer (checked by `satisfies`). */
const VIEWS = {
  profiles: ProfilesScreen,
  'mmob-sign': MmobSignScreen,
  'mmob-verify': MmobVerifyScreen,
  'mmob-snippet': MmobSnippetScreen,
  'eber-url': EberUrlScreen,
  'eber-verify': EberVerifyScreen,
  about: AboutScreen,
  capture: CaptureScreen,
  batch: BatchScreen,
  history: HistoryScreen,
  pack: PackScreen,
} satisfies Record<Screen, React.ComponentType>;

const isTextField = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.matches('input, textarea, select'));

/** Forms kept across restarts (never a secret, nor a pasted credential): see lib/continuity.ts. */
function useContinuity() {
  useEffect(() => {
    const stops = [
      keepForms(useEberStore, 'eber', ['url', 'verify'], ['url']),
      keepForms(useMmobStore, 'mmob', ['sign', 'verify', 'snippet'], ['pasted']),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
}

/** Global keys: the palette, screen switching, focus the main input, copy the main result. */
function useShortcuts(openPalette: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k' && !e.shiftKey) {
        e.preventDefault();
        openPalette();
      } else if (/^[1-9]$/.test(key) && !e.shiftKey) {
        const screen = SCREENS[Number(key) - 1];
        if (screen) {
          e.preventDefault();
          useAppStore.getState().go(screen.id);
        }
      } else if (key === 'l' && !e.shiftKey) {
        e.preventDefault();
        focusMainInput();
      } else if (key === 'c' && e.shiftKey) {
        e.preventDefault();
        copyMainResult();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPalette]);
}

/** Paste anywhere outside a text field: an Eber URL, an mmob signature, snippet or /boot form opens its verifier. */
function usePasteAnywhere() {
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target) || isTextField(document.activeElement)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (openPasted(text)) e.preventDefault();
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
}

/** The first screen's "Paste to check" box: what is pasted or typed here opens the right verifier. */
function PasteToCheck() {
  const [text, setText] = useState('');
  const kind = classifyPaste(text);
  return (
    <Stack gap={4}>
      <Textarea
        id="paste-to-check"
        label="Paste to check"
        description="An Eber login URL, an mmob signature, a boot snippet or a /boot form body: it opens the right verifier, filled in."
        autosize
        minRows={1}
        maxRows={4}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData('text/plain');
          if (openPasted(pasted)) {
            e.preventDefault();
            setText('');
          }
        }}
        error={text.trim() && !kind ? 'Not an Eber login URL, an mmob signature, a snippet or a form body.' : undefined}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      {kind && (
        <Group>
          <Button
            size="xs"
            onClick={() => {
              openPasted(text);
              setText('');
            }}
          >
            Check it
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RestoreNotice() {
  const notice = useHistoryStore((s) => s.notice);
  const screen = useScreen();
  useEffect(() => {
    // A notice is about the screen a restore opened: leaving it dismisses the notice.
    if (notice && notice.screen !== screen) useHistoryStore.getState().dismissNotice();
  }, [screen, notice]);
  if (!notice || notice.screen !== screen) return null;
  return (
    <Alert color="yellow" role="status" data-testid="restore-notice">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{notice.text}</Text>
        <CloseButton aria-label="Dismiss this notice" onClick={() => useHistoryStore.getState().dismissNotice()} />
      </Group>
    </Alert>
  );
}

export function App() {
  const screen = useScreen();
  const go = useGo();
  const load = useProfilesStore((s) => s.load);
  useEffect(() => void load(), [load]);
  const [palette, setPalette] = useState(false);
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const commands = useMemo(
    () => [
      ...screenCommands(),
      ...actionCommands({ toggleScheme: () => setColorScheme(computed === 'dark' ? 'light' : 'dark') }),
    ],
    [computed, setColorScheme],
  );
  useShortcuts(useMemo(() => () => setPalette(true), []));
  usePasteAnywhere();
  useContinuity();
  // When a screen opens (not on the first paint), focus moves into its form: its heading is announced and
  // Tab continues from there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!focusMainInput()) document.getElementById('screen-title')?.focus();
  }, [screen]);
  const View = VIEWS[screen];
  return (
    <>
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          if (!focusMainInput()) document.getElementById('screen-title')?.focus();
        }}
      >
        Skip to the form
      </a>
      <AppShell navbar={{ width: 250, breakpoint: 0 }} header={{ height: 52 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Title order={1} size="h3">
              Signet
            </Title>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" c="dimmed" visibleFrom="md">
                Sign · verify · explain — mmob Secure Identity and Eber HMAC login
              </Text>
              <Button size="xs" variant="default" onClick={() => setPalette(true)} aria-keyshortcuts="Control+K Meta+K">
                Commands (Ctrl+K)
              </Button>
            </Group>
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
        <AppShell.Main id="main">
          <Stack gap="md">
            <KeyringBanner />
            <Title order={2} id="screen-title" tabIndex={-1}>
              {titleOf(screen)}
            </Title>
            <RestoreNotice />
            {screen === 'profiles' && <PasteToCheck />}
            <Suspense fallback={<Text c="dimmed">Loading…</Text>}>
              <View />
            </Suspense>
          </Stack>
        </AppShell.Main>
      </AppShell>
      <Palette opened={palette} onClose={() => setPalette(false)} commands={commands} />
      <ConfirmClearHistory />
    </>
  );
}
