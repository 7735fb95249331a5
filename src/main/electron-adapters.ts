/** Electron's implementations of main's dependencies (safeStorage, clipboard, shell, electron-store). */
import { clipboard, dialog, safeStorage, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import ElectronStore from 'electron-store';
import { DROPPABLE_EXTENSIONS } from '../core/common/product';
import type { Cipher } from './cipher';
import type { Clipboard, Dialogs, Shell } from './ipc/handlers';
import type { StoreEngineFactory } from './vault/store-file';

export function safeStorageCipher(): Cipher {
  const backend = () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi');
  return {
    // The synchronous safeStorage API is deprecated in Electron 45; use the async one throughout.
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend,
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (cipherText) => (await safeStorage.decryptStringAsync(cipherText)).result,
  };
}

export const electronStoreFactory: StoreEngineFactory = ({ cwd, name }) =>
  new ElectronStore<Record<string, unknown>>({ cwd, name, clearInvalidConfig: false });

export const electronClipboard: Clipboard = {
  writeText: (t) => clipboard.writeText(t),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};

export const electronShell: Shell = { openExternal: (url) => shell.openExternal(url) };

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
      const options: SaveDialogOptions = { title: 'Export failures as CSV', defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
