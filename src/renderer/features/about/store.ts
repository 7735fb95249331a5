import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/contract';
import { call, messageOf } from '../../api';

export type AppInfo = ResponseOf<'app:info'>;

interface AboutState {
  info: AppInfo | null;
  error: string | null;
  /** What the last "Copy diagnostics" did, for a status line. */
  copied: string | null;
  load: () => Promise<void>;
  copyDiagnostics: () => Promise<void>;
}

/**
 * The text a bug report needs: versions, platform and keyring backend. Deliberately without the data folder
 * (it holds the user's name), profile names or anything secret.
 */
export function diagnosticsText(info: AppInfo): string {
  return [
    `${info.name} ${info.version}`,
    `platform: ${info.platform}`,
    `electron: ${info.versions.electron ?? 'n/a'}`,
    `chromium: ${info.versions.chrome ?? 'n/a'}`,
    `node: ${info.versions.node}`,
    `keyring backend: ${info.keyringBackend}`,
  ].join('\n');
}

export const useAboutStore = create<AboutState>((set, get) => ({
  info: null,
  error: null,
  copied: null,
  load: async () => {
    try {
      set({ info: await call('app:info', {}), error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  copyDiagnostics: async () => {
    const { info } = get();
    if (!info) return;
    try {
      await call('clipboard:copy', { text: diagnosticsText(info) });
      set({ copied: 'Diagnostics copied: versions, platform and keyring backend (no secrets, no profile names).' });
    } catch (e) {
      set({ copied: `Could not copy: ${messageOf(e)}` });
    }
  },
}));
