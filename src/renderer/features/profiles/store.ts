import { create } from 'zustand';
import type { KeyringStatus, ProfileInput, ProfileView } from '../../../shared/contract';
import { call, errorOf, messageOf, type ErrorData } from '../../api';

interface ProfilesState {
  profiles: ProfileView[];
  keyring: KeyringStatus | null;
  /** A message about the store itself (e.g. a corrupt file moved aside), shown until dismissed. */
  storeNotice: string | null;
  loaded: boolean;
  error: string | null;
  /** The latest failure with its field, for a dialog to show at the input it is about. */
  lastError: ErrorData | null;
  load: () => Promise<void>;
  create: (input: ProfileInput) => Promise<ProfileView | null>;
  update: (id: string, input: { name?: string; settings?: ProfileInput['settings'] }) => Promise<boolean>;
  setSecret: (id: string, secret: string) => Promise<boolean>;
  duplicate: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  copySecret: (id: string) => Promise<string | null>;
  exportAll: () => Promise<string | null>;
  importJson: (json: string) => Promise<string | null>;
  dismissNotice: () => void;
}

export const useProfilesStore = create<ProfilesState>((set, get) => {
  /** Runs an operation, reloads the list, and turns a failure into the store's error message. */
  const run = async <T>(op: () => Promise<T>): Promise<T | null> => {
    try {
      const value = await op();
      set({ error: null, lastError: null });
      await get().load();
      return value;
    } catch (e) {
      set({ error: messageOf(e), lastError: errorOf(e) });
      return null;
    }
  };
  return {
    profiles: [],
    keyring: null,
    storeNotice: null,
    loaded: false,
    error: null,
    lastError: null,
    load: async () => {
      try {
        const [list, keyring] = await Promise.all([call('profiles:list', {}), call('app:keyringStatus', {})]);
        set({ profiles: list.profiles, storeNotice: list.notice ?? get().storeNotice, keyring, loaded: true });
      } catch (e) {
        set({ error: messageOf(e), loaded: true });
      }
    },
    create: (input) => run(async () => (await call('profiles:create', input)).profile),
    update: async (id, input) => (await run(() => call('profiles:update', { id, ...input }))) !== null,
    setSecret: async (id, secret) => (await run(() => call('profiles:setSecret', { id, secret }))) !== null,
    duplicate: async (id) => void (await run(() => call('profiles:duplicate', { id }))),
    remove: async (id) => void (await run(() => call('profiles:delete', { id }))),
    copySecret: async (id) => {
      const r = await run(() => call('profiles:copySecret', { id }));
      return r ? `Secret copied; the clipboard is cleared in ${r.clearsInSeconds} s.` : null;
    },
    exportAll: async () => (await run(() => call('profiles:export', {})))?.json ?? null,
    importJson: async (json) => {
      const r = await run(() => call('profiles:import', { json }));
      return r
        ? `Imported ${r.imported} profile${r.imported === 1 ? '' : 's'} (secrets are never exported: enter them again).`
        : null;
    },
    dismissNotice: () => set({ storeNotice: null }),
  };
});

export const useProfiles = () => useProfilesStore((s) => s.profiles);
export const useKeyring = () => useProfilesStore((s) => s.keyring);
