import { useHistoryStore } from '../features/history/store';
import { SCREENS, type Screen } from './screens';
import { useAppStore } from './store';

/** Something the palette (and a shortcut) can do. */
export interface Command {
  id: string;
  label: string;
  /** Shown beside the label; also what the shortcut handler matches. */
  shortcut?: string;
  run: () => void;
}

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** The main input of the open screen: the first text field of its form. */
export function focusMainInput(): boolean {
  const main = document.getElementById('main');
  const field = main?.querySelector<HTMLElement>(
    '[data-main-input], textarea:not([disabled]), input:not([type=hidden]):not([disabled]):not([type=radio]):not([type=checkbox])',
  );
  field?.focus();
  return !!field;
}

/** Copies the open screen's main result: its first Copy button's value (never a code kit program). */
export function copyMainResult(): boolean {
  const button = document
    .getElementById('main')
    ?.querySelector<HTMLButtonElement>('button[aria-label^="Copy "]:not([disabled]):not([data-kit-copy])');
  button?.click();
  return !!button;
}

export function screenCommands(): Command[] {
  return SCREENS.map((s, i) => ({
    id: `go:${s.id}`,
    label: `Go to ${s.title}`,
    shortcut: i < 9 ? `${MOD}+${i + 1}` : undefined,
    run: () => useAppStore.getState().go(s.id as Screen),
  }));
}

export function actionCommands(extra: { toggleScheme: () => void }): Command[] {
  return [
    { id: 'focus', label: 'Focus the main input', shortcut: `${MOD}+L`, run: () => void focusMainInput() },
    { id: 'copy', label: 'Copy the main result', shortcut: `${MOD}+Shift+C`, run: () => void copyMainResult() },
    { id: 'scheme', label: 'Switch light / dark', run: extra.toggleScheme },
    {
      id: 'paste',
      label: 'Paste to check (Eber URL, mmob signature, snippet or /boot form)',
      shortcut: `${MOD}+V`,
      run: () => {
        useAppStore.getState().go('profiles');
        setTimeout(() => document.getElementById('paste-to-check')?.focus(), 0);
      },
    },
    {
      id: 'clear-history',
      label: 'Clear history',
      // Asks first (ConfirmClearHistory): a stray Enter in the palette must not wipe history.
      run: () => useHistoryStore.getState().askClear(),
    },
  ];
}
