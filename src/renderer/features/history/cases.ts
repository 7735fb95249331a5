import type { HistoryEntry } from '../../../shared/contract';
import { HISTORY_KINDS, type HistoryKind } from '../../../shared/history-kinds';

/**
 * A case: one history entry's inputs and verdict as JSON another Signet imports into the same screen. Built
 * from the entry as history keeps it, so it never holds a secret (nor a usable credential); the profile is
 * named, not its id (another Signet has other ids).
 */
export interface SignetCase {
  signetCase: 1;
  kind: HistoryKind;
  input: Record<string, unknown>;
  verdict: { ok: boolean; summary: string };
  secretSource: string;
  redacted?: string[];
}

export function caseOf(e: HistoryEntry): string {
  const { profileId: _id, secret: _secret, ...input } = e.input;
  const c: SignetCase = {
    signetCase: 1,
    kind: e.kind,
    input,
    verdict: { ok: e.ok, summary: e.summary },
    secretSource: e.secretSource,
    ...(e.redacted ? { redacted: e.redacted } : {}),
  };
  return JSON.stringify(c, null, 2);
}

/** A pasted case, or null when the text is not one. Unknown kinds and non-object inputs are refused. */
export function parseCase(text: string): SignetCase | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const c = v as Partial<SignetCase>;
  if (c.signetCase !== 1 || !(HISTORY_KINDS as readonly string[]).includes(String(c.kind))) return null;
  if (typeof c.input !== 'object' || c.input === null || Array.isArray(c.input)) return null;
  const { secret: _secret, profileId: _id, ...input } = c.input;
  return {
    signetCase: 1,
    kind: c.kind!,
    input,
    verdict: {
      ok: c.verdict?.ok === true,
      summary: typeof c.verdict?.summary === 'string' ? c.verdict.summary : '',
    },
    secretSource: typeof c.secretSource === 'string' ? c.secretSource : '',
    ...(Array.isArray(c.redacted) ? { redacted: c.redacted.filter((r): r is string => typeof r === 'string') } : {}),
  };
}
