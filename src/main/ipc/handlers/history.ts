/**
 * Which operations history records, and what it says of each: one table keyed by channel name. Its keys are
 * exactly the contract's HISTORY_KINDS (the compiler holds it to that), so recording a new operation is one
 * entry here plus its name there.
 */
import { SignetError } from '../../../core/common/errors';
import type { HistoryKind, ResponseOf } from '../../../shared/contract';
import type { Handler } from './deps';
import type { SecretRef, Secrets } from './secrets';
import type { Vault } from '../../vault/vault';

type Describe<K extends HistoryKind> = (result: ResponseOf<K>) => { summary: string; ok: boolean };

export const HISTORY: { [K in HistoryKind]: Describe<K> } = {
  'mmob:sign': (r) => ({ summary: `Signed ${r.signature.slice(0, 24)}…`, ok: true }),
  'mmob:verify': (r) => ({ summary: r.details.summary, ok: r.valid }),
  'mmob:snippet': (r) => ({
    summary: r.signature ? 'Boot snippet with a fresh signature' : 'Boot snippet (unsigned level)',
    ok: true,
  }),
  'eber:hash': (r) => ({ summary: `hmac_hash ${r.hash.slice(0, 16)}…`, ok: true }),
  'eber:url': (r) => ({ summary: r.url.slice(0, 120), ok: true }),
  'eber:verify': (r) => ({ summary: r.details.summary, ok: r.valid }),
};

/** The request as history keeps it: everything but the secret. */
function withoutSecret(request: SecretRef & Record<string, unknown>): Record<string, unknown> {
  const { secret: _secret, ...rest } = request;
  return rest;
}

/** The handler, recording each call in history whether it succeeds or not (never with its secret). */
export function recorded<K extends HistoryKind>(
  kind: K,
  handler: Handler<K>,
  vault: Vault,
  secrets: Secrets,
): Handler<K> {
  const describe = HISTORY[kind] as Describe<K>;
  return async (request) => {
    const req = request as SecretRef & Record<string, unknown>;
    const source = await secrets.source(req);
    try {
      const result = await handler(request);
      vault.addHistory({ kind, input: withoutSecret(req), secretSource: source, ...describe(result) });
      return result;
    } catch (e) {
      if (e instanceof SignetError) {
        vault.addHistory({ kind, input: withoutSecret(req), secretSource: source, summary: e.message, ok: false });
      }
      throw e;
    }
  };
}
