import { create } from 'zustand';
import type { HistoryEntry } from '../../../shared/contract';
import { call, messageOf } from '../../api';
import type { Screen } from '../../app/screens';
import { useAppStore } from '../../app/store';
import type { SecretChoice } from '../../components/SecretSource';
import { useEberStore } from '../eber/store';
import { useMmobStore } from '../mmob/store';

interface HistoryState {
  entries: HistoryEntry[];
  error: string | null;
  load: () => Promise<void>;
  clear: () => Promise<void>;
  restore: (entry: HistoryEntry) => void;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * Re-fills the form an entry came from. History never holds secrets: an entry made with a profile
 * re-selects that profile; one made with a one-off secret asks for the secret again.
 */
function restoreEntry(entry: HistoryEntry): Screen {
  const i = entry.input;
  const secret: SecretChoice =
    typeof i.profileId === 'string' ? { mode: 'profile', profileId: i.profileId } : { mode: 'inline', secret: '' };
  switch (entry.kind) {
    case 'mmob:sign':
      useMmobStore.getState().setSign({
        secret,
        cpId: str(i.cpId),
        cpDeploymentId: str(i.cpDeploymentId),
        email: str(i.email),
        timestamp: str(i.timestamp),
        nonce: str(i.nonce),
      });
      return 'mmob-sign';
    case 'mmob:verify':
      useMmobStore.getState().setVerify({
        secret,
        pasted: str(i.signature),
        cpId: str(i.cpId),
        cpDeploymentId: str(i.cpDeploymentId),
        email: str(i.email),
        tolerance: typeof i.toleranceSeconds === 'number' ? i.toleranceSeconds : 60,
        now: str(i.now),
      });
      return 'mmob-verify';
    case 'mmob:snippet':
      useMmobStore.getState().setSnippet({
        secret,
        securityLevel: (str(i.securityLevel) || 'SECURE_IDENTITY') as never,
        cpId: str(i.cpId),
        cpDeploymentId: str(i.cpDeploymentId),
        location: str(i.location),
        marketplaceUrl: str(i.marketplaceUrl),
        customerInfo:
          typeof i.customerInfo === 'object' && i.customerInfo !== null
            ? (i.customerInfo as Record<string, string>)
            : {},
      });
      return 'mmob-snippet';
    case 'eber:hash':
    case 'eber:url':
      useEberStore.getState().setUrl({
        secret,
        baseUrl: str(i.baseUrl),
        identifierType: (str(i.identifierType) || 'email') as never,
        identifier: str(i.identifier),
        phoneCode: str(i.phoneCode),
        locale: typeof i.locale === 'string' ? i.locale : null,
        ...(typeof i.expiresInMinutes === 'number'
          ? { expiryMode: 'minutes' as const, expiresInMinutes: i.expiresInMinutes }
          : { expiryMode: 'none' as const }),
        ...(typeof i.timezone === 'string' ? { timezone: i.timezone } : {}),
      });
      return 'eber-url';
    case 'eber:verify':
      useEberStore.getState().setVerify({
        secret,
        url: str(i.url),
        now: str(i.now),
        ...(typeof i.timezone === 'string' ? { timezone: i.timezone } : {}),
      });
      return 'eber-verify';
  }
}

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
  restore: (entry) => useAppStore.getState().go(restoreEntry(entry)),
}));

export const useHistoryEntries = () => useHistoryStore((s) => s.entries);
