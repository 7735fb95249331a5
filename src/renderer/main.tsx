// Mantine's styles per component, only for the components the screens use (the whole styles.css is 290 KB):
// the base three first, then each component after the ones it is built from. A test (mantine-css.test.ts)
// fails when a screen imports a Mantine component whose stylesheet is not listed here.
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/VisuallyHidden.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Title.css';
import '@mantine/core/styles/List.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Code.css';
import '@mantine/core/styles/Grid.css';
import '@mantine/core/styles/Image.css';
import '@mantine/core/styles/Kbd.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Badge.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/AppShell.css';
import '@mantine/core/styles/NavLink.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/Progress.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/FloatingIndicator.css';
import '@mantine/core/styles/SegmentedControl.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/Tabs.css';
import './app/app.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const theme = createTheme({
  components: {
    // A modal's title bar as a <div>: Mantine's default <header> would be a second banner landmark beside the
    // app's own (axe: landmark-no-duplicate-banner, landmark-unique) in every dialog.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
  primaryColor: 'indigo',
  // Shade 8 keeps white button text and tinted labels above WCAG AA contrast (4.5:1) in both schemes.
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "Liberation Mono", Menlo, monospace',
});

// Mantine's default "dimmed" grey is below AA contrast on white; use one step darker (lighter in dark mode).
// Likewise its error red (an input's message and border): red 6 on white and red 8 on dark are below 4.5:1,
// so errors use the shades useStrongColor uses for text (9 light, 3 dark). Teal (a valid verdict, a finished
// batch) is the other colour below 4.5:1 at the primary shade: its light tint behind teal-9 text is one step
// paler (4.3 → 4.7:1), and white text on filled teal sits on teal-9 (3.9 → 5.0:1) in both schemes.
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-filled-hover': 'var(--mantine-color-teal-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-teal-light': 'var(--mantine-color-teal-0)',
  },
  dark: {
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-filled-hover': 'var(--mantine-color-teal-9)',
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-3)',
  },
});

// A file dropped outside a drop zone would make Chromium open it in place of the app (main refuses that
// navigation, but the drop should simply do nothing): outside zones, the cursor says "no" and drops are ignored.
window.addEventListener('dragover', (e) => {
  if (e.defaultPrevented || !e.dataTransfer) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'none';
});
window.addEventListener('drop', (e) => e.preventDefault());

// defaultColorScheme "auto" follows the OS light/dark setting and its changes.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={resolver}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
