import { extractMmobSignature } from '../../core/common/mmob/extract';
import type { Screen } from '../app/screens';
import { useAppStore } from '../app/store';
import { useEberStore } from '../features/eber/store';
import { parseCase } from '../features/history/cases';
import { useHistoryStore } from '../features/history/store';
import { useMmobStore } from '../features/mmob/store';

/** What a pasted text is, and so which verifier opens: an Eber login URL, an mmob credential, a Signet case. */
export type PastedKind = 'eber-url' | 'mmob' | 'case';

/** An Eber login link is recognised by its /login/hmac path (or, cut from a log, by its hmac_hash parameter). */
export function isEberLoginUrl(text: string): boolean {
  const t = text.trim();
  try {
    const u = new URL(t);
    return /^https?:$/.test(u.protocol) && (u.pathname.includes('/login/hmac') || u.searchParams.has('hmac_hash'));
  } catch {
    return false;
  }
}

export function classifyPaste(text: string): PastedKind | null {
  const t = text.trim();
  if (!t || t.length > 1_000_000) return null;
  if (isEberLoginUrl(t)) return 'eber-url';
  if (t.startsWith('{') && parseCase(t)) return 'case';
  if (extractMmobSignature(t)) return 'mmob';
  return null;
}

/**
 * Opens the verifier for a pasted text, filled in (the mmob verifier reads the deployment id and email out
 * of a snippet or form body itself). Returns the screen opened, or null when the text is none of these.
 */
export function openPasted(text: string): Screen | null {
  const go = useAppStore.getState().go;
  switch (classifyPaste(text)) {
    case 'eber-url':
      useEberStore.getState().setVerify({ url: text.trim() });
      go('eber-verify');
      return 'eber-verify';
    case 'mmob':
      useMmobStore.getState().setVerify({ pasted: text });
      go('mmob-verify');
      return 'mmob-verify';
    case 'case':
      useHistoryStore.getState().importCase(text.trim());
      return useAppStore.getState().screen;
    default:
      return null;
  }
}
