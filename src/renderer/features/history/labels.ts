import type { HistoryEntry, HistoryIntent, HistoryKind } from '../../../shared/contract';

/** Each recorded operation as people say it, with its scheme for the filter. */
export const OPERATIONS: Record<HistoryKind, { scheme: 'mmob' | 'Eber'; label: string; verify: boolean }> = {
  'mmob:sign': { scheme: 'mmob', label: 'mmob · Sign', verify: false },
  'mmob:verify': { scheme: 'mmob', label: 'mmob · Verify', verify: true },
  'mmob:snippet': { scheme: 'mmob', label: 'mmob · Boot snippet', verify: false },
  'eber:hash': { scheme: 'Eber', label: 'Eber · hmac_hash', verify: false },
  'eber:url': { scheme: 'Eber', label: 'Eber · Login URL', verify: false },
  'eber:verify': { scheme: 'Eber', label: 'Eber · Verify URL', verify: true },
};

export const INTENT_LABELS: Record<HistoryIntent, string> = {
  copy: 'copied',
  open: 'opened',
  submit: 'submitted',
  settled: 'inputs settled',
};

/** The verdict in words: a verify is valid or invalid; anything else was made or failed with an error. */
export function resultLabel(e: Pick<HistoryEntry, 'kind' | 'ok'>): string {
  if (OPERATIONS[e.kind].verify) return e.ok ? 'Valid' : 'Invalid';
  return e.ok ? 'Made' : 'Error';
}

export interface HistoryFilter {
  scheme: string | null;
  kind: string | null;
  profile: string | null;
  verdict: 'ok' | 'failed' | null;
  text: string;
}
export const NO_FILTER: HistoryFilter = { scheme: null, kind: null, profile: null, verdict: null, text: '' };

export function matches(e: HistoryEntry, f: HistoryFilter): boolean {
  const op = OPERATIONS[e.kind];
  if (f.scheme && op.scheme !== f.scheme) return false;
  if (f.kind && e.kind !== f.kind) return false;
  if (f.profile && e.secretSource !== f.profile) return false;
  if (f.verdict && (f.verdict === 'ok') !== e.ok) return false;
  const q = f.text.trim().toLowerCase();
  if (!q) return true;
  const hay = [op.label, e.kind, e.summary, e.secretSource, resultLabel(e), JSON.stringify(e.input)]
    .join(' ')
    .toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}
