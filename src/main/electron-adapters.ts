/** Electron's implementations of main's dependencies (safeStorage, clipboard, shell, dialogs) and the store. */
import {
  clipboard,
  dialog,
  safeStorage,
  shell,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { SignetInputError } from '../core/common/errors';
import { DROPPABLE_EXTENSIONS } from '../core/common/product';
import type { Cipher } from './cipher';
import type { Clipboard, Dialogs, Shell } from './ipc/handlers';
import { externalOpenDecision } from './security';

export function safeStorageCipher(): Cipher {
  const backend = () =>
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'darwin'
        ? 'keychain'
        : 'dpapi';
  return {
    // The synchronous safeStorage API is deprecated in Electron 45; use the async one throughout.
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend,
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (cipherText) => (await safeStorage.decryptStringAsync(cipherText)).result,
  };
}

export const electronClipboard: Clipboard = {
  writeText: (t) => clipboard.writeText(t),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};

/**
 * shell.openExternal behind a second check the page cannot widen: vendor hosts open; any other https host
 * (a profile's, which the page itself saves) opens only once the user confirms a native dialog naming the
 * host; anything else is refused. The OS only ever gets the normalised `new URL(x).href`.
 */
export function electronShell(getWindow: () => BrowserWindow | null): Shell {
  return {
    openExternal: async (raw) => {
      const decision = externalOpenDecision(raw);
      if (decision.action === 'refuse') {
        throw new SignetInputError('URL_NOT_ALLOWED', 'Signet opens only https links.', 'url');
      }
      if (decision.action === 'ask') {
        const win = getWindow();
        const options: MessageBoxOptions = {
          type: 'question',
          title: 'Open a link in your browser?',
          message: `Open ${decision.host} in your browser?`,
          detail: `${decision.host} is not an Eber or mmob host. Signet was asked to open:\n\n${decision.href}\n\nOpen it only if you recognise the host.`,
          buttons: ['Cancel', `Open ${decision.host}`],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        };
        const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
        if (response !== 1) return;
      }
      await shell.openExternal(decision.href);
    },
  };
}

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    openFile: async () => {
      const win = getWindow();
      const options: OpenDialogOptions = {
        title: 'Choose a log to verify',
        properties: ['openFile'],
        filters: [
          { name: 'Logs (JSONL, CSV, one URL per line)', extensions: DROPPABLE_EXTENSIONS.map((e) => e.slice(1)) },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    saveFile: async (defaultName) => {
      const win = getWindow();
      const jsonl = defaultName.endsWith('.jsonl');
      const options: SaveDialogOptions = jsonl
        ? {
            title: 'Export captures as JSONL',
            defaultPath: defaultName,
            filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
          }
        : {
            title: 'Export failures as CSV',
            defaultPath: defaultName,
            filters: [{ name: 'CSV', extensions: ['csv'] }],
          };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
