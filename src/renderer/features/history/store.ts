import { create } from 'zustand';
import type { HistoryEntry } from '../../../shared/contract';
import { call, messageOf } from '../../api';
import { useAppStore } from '../../app/store';
import type { SecretChoice } from '../../components/SecretSource';
import type { Restorer } from '../../lib/restore';
import { restoreEberUrl, restoreEberVerify } from '../eber/restore';
import { restoreMmobSign, restoreMmobSnippet, restoreMmobVerify } from '../mmob/restore';

interface HistoryState {
  entries: HistoryEntry[];
  error: string | null;
  load: () => Promise<void>;
  clear: () => Promise<void>;
  restore: (entry: HistoryEntry) => void;
}

/**
 * Who re-opens each kind of entry: the feature that owns the channel. A literal object typed by the kinds,
 * so a kind in HISTORY_KINDS without a restorer, with two, or an unknown kind does not compile.
 */
const RESTORERS: Record<HistoryEntry['kind'], Restorer> = {
  'mmob:sign': restoreMmobSign,
  'mmob:verify': restoreMmobVerify,
  'mmob:snippet': restoreMmobSnippet,
  'eber:hash': restoreEberUrl,
  'eber:url': restoreEberUrl,
  'eber:verify': restoreEberVerify,
};

/** History never holds secrets: an entry made with a profile re-selects it; a one-off secret is asked for again. */
const secretOf = (input: HistoryEntry['input']): SecretChoice =>
  typeof input.profileId === 'string'
    ? { mode: 'profile', profileId: input.profileId }
    : { mode: 'inline', secret: '' };

export const useHistoryStore = create<HistoryState>((set) => ({
  entries: [],
  error: null,
  load: async () => {
    try {
      set({ entries: (await call('history:list', {})).entries, error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  clear: async () => {
    try {
      await call('history:clear', {});
      set({ entries: [], error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  restore: (entry) => useAppStore.getState().go(RESTORERS[entry.kind](entry.input, secretOf(entry.input))),
}));

export const useHistoryEntries = () => useHistoryStore((s) => s.entries);
