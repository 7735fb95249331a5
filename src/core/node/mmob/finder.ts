/**
 * The mmob mistake finder: on a mismatch, tries the mistakes integrators commonly make — alone and any
 * two together — and names the ones whose output reproduces the MAC that was received.
 *
 * A mistake is one of four kinds: the key (text, hex, whitespace, another saved secret), the message
 * (email, fields, timestamp, line break, encoding), the algorithm (SHA-1/512, MD5, key and message
 * swapped) and the digest's text form (hex, url-safe, base64 of hex). The received MAC is decoded first:
 * its form and length say which digest forms and algorithms can have produced it, so only those are
 * computed (a SHA-256 MAC in standard base64 is never hashed with SHA-1). Candidates are tried with the
 * fewest mistakes first, and at most MAX_CANDIDATES are computed per call.
 */
import { Buffer } from 'node:buffer';
import { isHex } from '../encoding';
import { hmacSha256Once, nodeCrypto, prepareHmacSha256, type PreparedHmac } from '../hmac';
import type { MmobHint } from '../../common/mmob/codes';
import type { MmobAlternateSecret } from '../../common/mmob/signature';
import { MILLISECONDS_THRESHOLD, type MmobFields } from './sign';

/** Ample for every single and pair of mistakes with a few dozen alternates; bounds a hostile request. */
export const MAX_CANDIDATES = 6000;
/** Alternates tried per verify; the rest are ignored. */
export const MAX_ALTERNATES = 32;

export interface KeyVariant {
  hints: MmobHint[];
  key: Buffer;
  mac: PreparedHmac;
  /** For SIGNED_WITH_OTHER_KEY: the alternate's label. */
  label?: string;
}

export interface FoundMistake {
  hints: MmobHint[];
  /** The alternate whose key reproduces the value. */
  label?: string;
}

function variant(hints: MmobHint[], key: Buffer, label?: string): KeyVariant {
  const v: KeyVariant = { hints, key, mac: prepareHmacSha256(key) };
  if (label !== undefined) v.label = label;
  return v;
}

/** Whitespace a secret picks up from a file, an environment variable or a copy-paste. */
const WHITESPACE_FORMS: readonly ((s: string) => string)[] = [
  (s) => `${s}\n`,
  (s) => `${s}\r\n`,
  (s) => `${s} `,
  (s) => ` ${s}`,
  (s) => `${s}\t`,
];

/** The right key and the keys an integrator may have used by mistake (each prepared once). */
export function mistakenKeys(secret: string, key: Buffer, mac: PreparedHmac): KeyVariant[] {
  const variants: KeyVariant[] = [{ hints: [], key, mac }];
  const seen = new Set([key.toString('hex')]);
  const add = (hints: MmobHint[], k: Buffer) => {
    const id = k.toString('hex');
    if (k.length === 0 || seen.has(id)) return;
    seen.add(id);
    variants.push(variant(hints, k));
  };
  const trimmed = secret.trim();
  add(['SECRET_USED_AS_TEXT'], Buffer.from(secret, 'utf8'));
  add(['SECRET_USED_AS_TEXT'], Buffer.from(trimmed, 'utf8'));
  if (isHex(trimmed)) add(['SECRET_HEX_DECODED'], Buffer.from(trimmed, 'hex'));
  for (const form of WHITESPACE_FORMS) add(['SECRET_TEXT_WITH_WHITESPACE'], Buffer.from(form(trimmed), 'utf8'));
  return variants;
}

/** The alternates' keys, decoded as the vendor decodes them; empty ones and this secret's own key are skipped. */
export function alternateKeys(alternates: readonly MmobAlternateSecret[], own: Buffer): KeyVariant[] {
  const out: KeyVariant[] = [];
  const seen = new Set([own.toString('hex')]);
  for (const a of alternates.slice(0, MAX_ALTERNATES)) {
    const k = Buffer.from(a.secret, 'base64');
    const id = k.toString('hex');
    if (k.length === 0 || seen.has(id)) continue;
    seen.add(id);
    out.push(variant(['SIGNED_WITH_OTHER_KEY'], k, a.label));
  }
  return out;
}

type Algorithm = 'sha256' | 'sha1' | 'sha512' | 'md5';
const ALGORITHM_BY_LENGTH: Record<number, { alg: Algorithm; hint: MmobHint | null }> = {
  32: { alg: 'sha256', hint: null },
  20: { alg: 'sha1', hint: 'ALGORITHM_SHA1' },
  64: { alg: 'sha512', hint: 'ALGORITHM_SHA512' },
  16: { alg: 'md5', hint: 'ALGORITHM_MD5' },
};

/** A digest the received MAC can be read as: its bytes (hex), algorithm and the form's mistakes. */
interface Target {
  hex: string;
  alg: Algorithm;
  hints: MmobHint[];
}

/** Every way of reading the received MAC as a digest of a known length, with the mistakes that reading implies. */
function targetsOf(received: string): Target[] {
  const out: Target[] = [];
  const add = (bytes: Buffer, form: MmobHint | null) => {
    const a = ALGORITHM_BY_LENGTH[bytes.length];
    if (!a) return;
    const hints: MmobHint[] = [];
    if (a.hint) hints.push(a.hint);
    if (form) hints.push(form);
    out.push({ hex: bytes.toString('hex'), alg: a.alg, hints });
  };
  if (isHex(received)) add(Buffer.from(received, 'hex'), 'DIGEST_HEX');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(received)) {
    const bytes = Buffer.from(received, 'base64');
    const canonical = bytes.toString('base64');
    if (canonical === received) {
      add(bytes, null);
      const text = bytes.toString('latin1');
      if (isHex(text)) add(Buffer.from(text, 'hex'), 'DIGEST_BASE64_OF_HEX');
    } else if (canonical.replace(/=+$/, '') === received) add(bytes, 'DIGEST_BASE64URL');
  }
  if (/^[A-Za-z0-9_-]+={0,2}$/.test(received) && /[-_]/.test(received)) {
    const bytes = Buffer.from(received, 'base64url');
    const url = bytes.toString('base64url');
    if (received === url || received === url + '='.repeat((4 - (url.length % 4)) % 4)) add(bytes, 'DIGEST_BASE64URL');
  }
  return out;
}

interface Parts {
  ts: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  dropEmail: boolean;
  suffix: string;
  latin1: boolean;
}

interface Message {
  hints: MmobHint[];
  text: string;
  /** Signed as Latin-1 bytes rather than UTF-8. */
  latin1: boolean;
}

const bytesOf = (m: Message): Buffer => Buffer.from(m.text, m.latin1 ? 'latin1' : 'utf8');

/** ts:cpId:cpDeploymentId:email:nonce, or with the email segment dropped, plus any suffix. */
function canonicalOf(p: Parts, nonce: string): string {
  const head = `${p.ts}:${p.cpId}:${p.cpDeploymentId}`;
  return `${p.dropEmail ? head : `${head}:${p.email}`}:${nonce}${p.suffix}`;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** Each message mistake: the alternatives it makes of a message's parts. */
const MESSAGE_MISTAKES: { hint: MmobHint; alternatives: (p: Parts) => Parts[] }[] = [
  {
    hint: 'EMAIL_MISMATCH',
    alternatives: (p) =>
      p.email === ''
        ? []
        : uniq(['', p.email.trim(), p.email.toLowerCase(), p.email.toUpperCase(), p.email.trim().toLowerCase()])
            .filter((e) => e !== p.email)
            .map((email) => ({ ...p, email })),
  },
  { hint: 'EMAIL_SEGMENT_DROPPED', alternatives: (p) => (p.email === '' && !p.dropEmail ? [{ ...p, dropEmail: true }] : []) },
  {
    hint: 'EMAIL_NULL_LITERAL',
    alternatives: (p) => (p.email === '' && !p.dropEmail ? ['None', 'null', 'undefined'].map((email) => ({ ...p, email })) : []),
  },
  {
    hint: 'EMAIL_UNICODE_NORMALIZATION',
    alternatives: (p) =>
      // eslint-disable-next-line no-control-regex
      /^[\u0000-\u007f]*$/.test(p.email) ? [] : uniq([p.email.normalize('NFC'), p.email.normalize('NFD')])
        .filter((e) => e !== p.email)
        .map((email) => ({ ...p, email })),
  },
  { hint: 'FIELDS_SWAPPED', alternatives: (p) => (p.cpId === p.cpDeploymentId ? [] : [{ ...p, cpId: p.cpDeploymentId, cpDeploymentId: p.cpId }]) },
  {
    hint: 'TIMESTAMP_IN_MILLISECONDS',
    alternatives: (p) => {
      if (!/^\d{1,15}$/.test(p.ts)) return [];
      const n = Number(p.ts);
      return [{ ...p, ts: n >= MILLISECONDS_THRESHOLD ? String(Math.floor(n / 1000)) : String(n * 1000) }];
    },
  },
  { hint: 'MESSAGE_TRAILING_NEWLINE', alternatives: (p) => (p.suffix === '' ? ['\n', '\r\n'].map((suffix) => ({ ...p, suffix })) : []) },
  { hint: 'MESSAGE_LATIN1', alternatives: (p) => (p.latin1 ? [] : [{ ...p, latin1: true }]) },
];

/** The messages a signer may have signed: the right one, each single mistake, each pair of mistakes. */
function messagesOf(fields: Required<MmobFields>, ts: string, nonce: string): Message[] {
  const base: Parts = { ts, ...fields, dropEmail: false, suffix: '', latin1: false };
  const out: Message[] = [];
  const seen = new Set<string>();
  const push = (hints: MmobHint[], p: Parts) => {
    const text = canonicalOf(p, nonce);
    // Only a message with a non-ASCII character, all of them Latin-1, has a different Latin-1 encoding.
    // eslint-disable-next-line no-control-regex
    if (p.latin1 && (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text))) return;
    const id = `${p.latin1 ? 'L' : 'U'}${text}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ hints, text, latin1: p.latin1 });
  };
  push([], base);
  const singles: { index: number; parts: Parts }[] = [];
  MESSAGE_MISTAKES.forEach((m, index) => {
    for (const parts of m.alternatives(base)) {
      singles.push({ index, parts });
      push([m.hint], parts);
    }
  });
  for (const s of singles) {
    for (let j = s.index + 1; j < MESSAGE_MISTAKES.length; j++) {
      const m = MESSAGE_MISTAKES[j]!;
      for (const parts of m.alternatives(s.parts)) push([MESSAGE_MISTAKES[s.index]!.hint, m.hint], parts);
    }
  }
  return out;
}

function digestHex(alg: Algorithm, key: KeyVariant, m: Message): string {
  if (alg !== 'sha256') return nodeCrypto().createHmac(alg, key.key).update(bytesOf(m)).digest('hex');
  return m.latin1 ? key.mac.bytes(bytesOf(m), 'hex') : key.mac(m.text, 'hex');
}

/** The key and the message swapped: HMAC(key = message, message = key). */
function swappedHex(alg: Algorithm, key: KeyVariant, m: Message): string {
  if (alg === 'sha256') return hmacSha256Once(bytesOf(m), key.key, 'hex');
  return nodeCrypto().createHmac(alg, bytesOf(m)).update(key.key).digest('hex');
}

/**
 * The fewest mistakes (at most two, or three with another key) that reproduce `receivedMac`, or null.
 * `keys` are this secret's variants (the right key first); `alternates` are tried only after them.
 */
export function findMistake(
  keys: readonly KeyVariant[],
  alternates: () => readonly KeyVariant[],
  fields: Required<MmobFields>,
  ts: string,
  nonce: string,
  receivedMac: string,
  maxMistakes: 1 | 2 = 2,
): FoundMistake | null {
  const targets = targetsOf(receivedMac);
  if (targets.length === 0) return null;
  const messages = messagesOf(fields, ts, nonce);
  let budget = MAX_CANDIDATES;

  const search = (keySet: readonly KeyVariant[], maxHints: number): FoundMistake | null => {
    for (let level = 1; level <= maxHints; level++) {
      for (const t of targets) {
        for (const k of keySet) {
          for (const m of messages) {
            const n = t.hints.length + k.hints.length + m.hints.length;
            if (n === level) {
              if (budget-- <= 0) return null;
              if (digestHex(t.alg, k, m) === t.hex) return found([...k.hints, ...m.hints, ...t.hints], k);
            }
            // The key and the message swapped: HMAC(key = message, message = key).
            if (n + 1 === level && k.label === undefined && k.hints.length === 0 && m.hints.length <= 1) {
              if (budget-- <= 0) return null;
              if (swappedHex(t.alg, k, m) === t.hex) {
                return found(['HMAC_ARGUMENTS_SWAPPED', ...m.hints, ...t.hints], k);
              }
            }
          }
        }
      }
    }
    return null;
  };
  const found = (hints: MmobHint[], k: KeyVariant): FoundMistake =>
    k.label === undefined ? { hints } : { hints, label: k.label };

  const own = search(keys, maxMistakes);
  if (own) return own;
  const others = alternates();
  // Another key is one mistake; with it, up to two more (its own text use is not tried).
  return others.length === 0 ? null : search(others, maxMistakes + 1);
}
