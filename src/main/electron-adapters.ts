/** Electron's implementations of main's dependencies (safeStorage, clipboard, shell, electron-store). */
import { clipboard, safeStorage, shell } from 'electron';
import ElectronStore from 'electron-store';
import type { Cipher } from './cipher';
import type { Clipboard, Shell } from './ipc/handlers';
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
