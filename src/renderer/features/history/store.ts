import { create } from 'zustand';
import type { HistoryEntry, HistoryKind } from '../../../shared/contract';
import { call, messageOf } from '../../api';
import type { Screen } from '../../app/screens';
import { useAppStore } from '../../app/store';
import type { SecretChoice } from '../../components/SecretSource';
import type { Restorer } from '../../lib/restore';
import { restoreEberUrl, restoreEberVerify } from '../eber/restore';
import { restoreMmobSign, restoreMmobSnippet, restoreMmobVerify } from '../mmob/restore';
import { useProfilesStore } from '../profiles/store';
import { parseCase, type SignetCase } from './cases';
import { NO_FILTER, type HistoryFilter } from './labels';

interface HistoryState {
  entries: HistoryEntry[];
  error: string | null;
  filter: HistoryFilter;
  /** Said after a restore that could not bring everything back (a redacted value to paste again), on the
   * screen the restore opened (and only there: leaving that screen dismisses it). */
  notice: { text: string; screen: Screen } | null;
  /** The "Clear history?" confirmation is open (from the History screen or the command palette). */
  confirmingClear: boolean;
  load: () => Promise<void>;
  /** Asks before clearing: opens the confirmation (and loads the entries, so it can say how many go). */
  askClear: () => void;
  cancelClear: () => void;
  clear: () => Promise<void>;
  pin: (entry: HistoryEntry, pinned: boolean) => Promise<void>;
  setFilter: (patch: Partial<HistoryFilter>) => void;
  restore: (entry: HistoryEntry) => void;
  /** Opens a pasted case in its screen; returns an error sentence, or null when it was opened. */
  importCase: (text: string) => string | null;
  dismissNotice: () => void;
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

const FIELD_NAMES: Record<string, string> = { url: 'login URL', signature: 'signature' };

/** History never holds secrets: an entry made with a profile re-selects it; a one-off secret is asked for again. */
const secretOf = (input: HistoryEntry['input']): SecretChoice =>
  typeof input.profileId === 'string'
    ? { mode: 'profile', profileId: input.profileId }
    : { mode: 'inline', secret: '' };

/** A case names its profile ("profile Staging"): re-select a profile of that name here, if there is one. */
function secretOfCase(c: SignetCase): SecretChoice {
  const name = /^profile (.+)$/.exec(c.secretSource)?.[1];
  const kind = c.kind.startsWith('mmob') ? 'mmob' : 'eber';
  const profile = useProfilesStore.getState().profiles.find((p) => p.kind === kind && p.name === name);
  return profile ? { mode: 'profile', profileId: profile.id } : { mode: 'profile', profileId: null };
}

/**
 * Fills the kind's screen. A redacted field (a signature or URL history kept only its first characters of)
 * is left empty rather than filled with the cut value, so nothing is re-run with it, and the user is asked
 * to paste it again.
 */
function open(kind: HistoryKind, input: HistoryEntry['input'], secret: SecretChoice, redacted: string[] = []) {
  const kept = Object.fromEntries(Object.entries(input).filter(([k]) => !redacted.includes(k)));
  const screen = RESTORERS[kind](kept, secret);
  useAppStore.getState().go(screen);
  const missing = redacted.map((f) => FIELD_NAMES[f] ?? f);
  return missing.length > 0
    ? {
        text: `History keeps only the first characters of the ${missing.join(' and ')}: paste it again to verify.`,
        screen,
      }
    : null;
}

export const useHistoryStore = create<HistoryState>((set, get) => ({
  entries: [],
  error: null,
  filter: NO_FILTER,
  notice: null,
  confirmingClear: false,
  load: async () => {
    try {
      set({ entries: (await call('history:list', {})).entries, error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  askClear: () => {
    set({ confirmingClear: true });
    void get().load();
  },
  cancelClear: () => set({ confirmingClear: false }),
  clear: async () => {
    set({ confirmingClear: false });
    try {
      await call('history:clear', {});
      set({ entries: [], error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  pin: async (entry, pinned) => {
    try {
      await call('history:pin', { id: entry.id, pinned });
      await get().load();
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  restore: (entry) => set({ notice: open(entry.kind, entry.input, secretOf(entry.input), entry.redacted) }),
  importCase: (text) => {
    const c = parseCase(text);
    if (!c) return 'That is not a Signet case (JSON exported from History).';
    set({ notice: open(c.kind, c.input, secretOfCase(c), c.redacted) });
    return null;
  },
  dismissNotice: () => set({ notice: null }),
}));

export const useHistoryEntries = () => useHistoryStore((s) => s.entries);
