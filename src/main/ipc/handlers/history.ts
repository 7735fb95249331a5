/**
 * Which operations history records, and what it says of each: one table keyed by channel name. Its keys are
 * exactly the contract's HISTORY_KINDS (the compiler holds it to that), so recording a new operation is one
 * entry here plus its name there.
 */
import { SignetError } from '../../../core/common/errors';
import type { HistoryIntent, HistoryKind, ResponseOf } from '../../../shared/contract';
import type { Handler } from './deps';
import type { SecretRef, Secrets } from './secrets';
import type { Vault } from '../../vault/vault';
import { HISTORY_ENTRY_MAX_CHARS, HISTORY_SETTLE_MS } from '../../../core/common/product';
import type { Timers } from './deps';

type Describe<K extends HistoryKind> = (result: ResponseOf<K>) => { summary: string; ok: boolean };

/** How much of a credential history keeps: enough to recognise an entry, never enough to use it. */
const KEEP = 6;
const cut = (value: string) => `${value.slice(0, Math.min(KEEP, Math.max(0, value.length - 1)))}…`;

/** An mmob signature "timestamp:MAC:nonce" with its MAC cut; any other value cut as a whole. */
export function redactSignature(signature: string): string {
  const m = /^(\s*\d{1,15}):([^:]*):(.*)$/s.exec(signature);
  return m ? `${m[1]}:${cut(m[2]!)}:${m[3]!.slice(0, 64)}` : cut(signature);
}

/**
 * Credentials in free text cut to their first characters: an Eber hmac_hash parameter (also percent-encoded,
 * as inside another URL), an mmob signature's MAC, and any quoted token of 12 or more characters without spaces
 * (messages quote what they could not read, e.g. a malformed signature's MAC).
 */
export function redactCredentials(text: string): string {
  return text
    .replace(/(hmac_hash(?:=|%3D))([^&#\s"'<>]+)/gi, (_m, key: string, value: string) => `${key}${cut(value)}`)
    .replace(/\b(\d{1,15}):([A-Za-z0-9+/_-]{7,}={0,2}):/g, (_m, ts: string, mac: string) => `${ts}:${cut(mac)}:`)
    .replace(/"([^"\s]{12,})"/g, (_m, quoted: string) => `"${cut(quoted)}"`);
}

export const HISTORY: { [K in HistoryKind]: Describe<K> } = {
  'mmob:sign': (r) => ({ summary: `Signed ${redactSignature(r.signature)}`, ok: true }),
  'mmob:verify': (r) => ({ summary: redactCredentials(r.details.summary), ok: r.valid }),
  'mmob:snippet': (r) => ({
    summary: r.signature ? 'Boot snippet with a fresh signature' : 'Boot snippet (unsigned level)',
    ok: true,
  }),
  'eber:hash': (r) => ({
    summary: `hmac_hash ${cut(r.hash)}${r.expiry ? `, expires ${r.expiry}` : ', no expiry'}`,
    ok: true,
  }),
  'eber:url': (r) => ({ summary: redactCredentials(r.url).slice(0, 160), ok: true }),
  'eber:verify': (r) => ({ summary: redactCredentials(r.details.summary), ok: r.valid }),
};

/** Request fields that carry a credential (a pasted signature or login URL), and how each is kept. */
const CREDENTIAL_FIELDS: Partial<Record<HistoryKind, Record<string, (v: string) => string>>> = {
  'mmob:verify': { signature: redactSignature },
  'eber:verify': { url: redactCredentials },
};
/** The longest string kept from a request field (a longer one is cut, with a note). */
const MAX_FIELD_CHARS = 1024;

/**
 * The request as history keeps it: no secret, no credential. Everything needed to sign again from the
 * profile stays (profileId, identifiers, expiry choice, fields); a pasted signature or URL is kept only
 * recognisably and named in `redacted`. The whole entry is capped at HISTORY_ENTRY_MAX_CHARS.
 */
export function historyInput(
  kind: HistoryKind,
  request: SecretRef & Record<string, unknown>,
): { input: Record<string, unknown>; redacted?: string[]; note?: string } {
  const { secret: _secret, intent: _intent, ...rest } = request;
  const input: Record<string, unknown> = { ...rest };
  const redacted: string[] = [];
  let cutFields = false;
  for (const [field, redact] of Object.entries(CREDENTIAL_FIELDS[kind] ?? {})) {
    const v = input[field];
    if (typeof v === 'string' && v !== '') {
      input[field] = redact(v);
      redacted.push(field);
    }
  }
  for (const [field, v] of Object.entries(input)) {
    if (typeof v === 'string' && v.length > MAX_FIELD_CHARS) {
      input[field] = `${v.slice(0, MAX_FIELD_CHARS)}…`;
      cutFields = true;
    }
  }
  const out: { input: Record<string, unknown>; redacted?: string[]; note?: string } = { input };
  if (redacted.length > 0) out.redacted = redacted;
  if (JSON.stringify(input).length > HISTORY_ENTRY_MAX_CHARS) {
    return {
      input: {},
      ...(out.redacted ? { redacted: out.redacted } : {}),
      note: `The input was larger than history keeps (${HISTORY_ENTRY_MAX_CHARS.toLocaleString('en')} characters) and was not stored.`,
    };
  }
  if (cutFields) out.note = `Fields longer than ${MAX_FIELD_CHARS} characters were cut.`;
  return out;
}

/** A recorded call waiting for its act: written when it settles, is copied or opened, or history is read. */
interface Pending {
  seq: number;
  /** The result as JSON, to recognise it in a copied text or an opened URL. */
  resultJson: string;
  write: (intent: HistoryIntent) => void;
}

/**
 * Decides when a recorded channel's call becomes a history entry: one entry per deliberate act, never one per
 * keystroke. A call carrying an `intent` is written at once. A call without one (a live result while typing)
 * is held, replacing the one held before for the same channel, and written as `settled` once no newer call of
 * that channel came for HISTORY_SETTLE_MS; as `copy` / `open` when its result is copied or opened first; and
 * as `settled` when history is read or the app quits (flush).
 */
export class IntentRecorder {
  private readonly pending = new Map<HistoryKind, Pending>();
  private seq = 0;
  constructor(
    private readonly timers: Timers,
    private readonly settleMs = HISTORY_SETTLE_MS,
  ) {}

  /** A call of `kind` has an outcome to record: now (with an intent) or once it settles. */
  take(kind: HistoryKind, intent: HistoryIntent | undefined, resultJson: string, write: (i: HistoryIntent) => void) {
    if (intent !== undefined) {
      this.pending.delete(kind);
      write(intent);
      return;
    }
    const seq = ++this.seq;
    this.pending.set(kind, { seq, resultJson, write });
    this.timers.setTimeout(() => {
      const held = this.pending.get(kind);
      if (held?.seq !== seq) return;
      this.pending.delete(kind);
      held.write('settled');
    }, this.settleMs);
  }

  /** The user copied or opened `text`: a held call whose result holds it is written with that act. */
  acted(intent: 'copy' | 'open', text: string): void {
    if (text.length < 8) return;
    const needle = JSON.stringify(text).slice(1, -1);
    for (const [kind, held] of this.pending) {
      if (!held.resultJson.includes(needle)) continue;
      this.pending.delete(kind);
      held.write(intent);
    }
  }

  /** Writes every held call as settled (history is being read, or the app quits). */
  flush(): void {
    const held = [...this.pending.values()].sort((a, b) => a.seq - b.seq);
    this.pending.clear();
    for (const h of held) h.write('settled');
  }
}

/**
 * The handler, recording its calls in history whether they succeed or not (never with the secret, never with
 * a usable credential), one entry per act as `intents` decides. Recording never fails the operation: the
 * vault keeps history in memory and writes it coalesced, logging a failed write by its error code.
 */
export function recorded<K extends HistoryKind>(
  kind: K,
  handler: Handler<K>,
  vault: Vault,
  secrets: Secrets,
  intents: IntentRecorder,
): Handler<K> {
  const describe = HISTORY[kind] as Describe<K>;
  const record = (
    req: SecretRef & Record<string, unknown>,
    source: string,
    outcome: { summary: string; ok: boolean },
    resultJson: string,
  ) => {
    const intent = typeof req.intent === 'string' ? (req.intent as HistoryIntent) : undefined;
    intents.take(kind, intent, resultJson, (act) => {
      try {
        const summary = redactCredentials(outcome.summary).slice(0, 500);
        vault.addHistory({
          kind,
          ...historyInput(kind, req),
          secretSource: source,
          summary,
          ok: outcome.ok,
          intent: act,
        });
      } catch {
        // History is a convenience: it never fails the operation.
      }
    });
  };
  return async (request) => {
    const req = request as SecretRef & Record<string, unknown>;
    const source = await secrets.source(req);
    try {
      const result = await handler(request);
      let json = '';
      try {
        json = JSON.stringify(result);
      } catch {
        // Only used to recognise a copied result.
      }
      record(req, source, describe(result), json);
      return result;
    } catch (e) {
      if (e instanceof SignetError) record(req, source, { summary: e.message, ok: false }, '');
      throw e;
    }
  };
}
