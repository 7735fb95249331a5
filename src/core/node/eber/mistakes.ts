/**
 * The mistake finder: on a hash mismatch, which common signer mistake — alone or any two together —
 * reproduces the received hash. Each dimension (the key, the identifier, the expiry, how the message is
 * joined, the argument order) offers the right value first and then its mistaken ones; every combination
 * with at most two mistakes is tried, fewest mistakes first, the real secret's variants before other
 * profiles' keys. The digest's algorithm and encoding are read off the received hash (length, alphabet) and
 * confirmed by the match. Bounded: a few hundred HMACs of short messages (well under a millisecond each).
 */
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import type { EberHint } from '../../common/eber/constants';
import { prepareHmacSha256, type PreparedHmac } from '../hmac';
import { eberKeyBytes, type EberKey } from './hash';
import { isUtf8, phpRawUrlEncode, phpUrlDecode, phpUrlEncode } from './query';

/** Another profile's secret, tried after the real secret's variants. */
export interface EberAlternateKey {
  label: string;
  secret: string;
}

export interface KeyVariant {
  hints: EberHint[];
  key: Buffer;
  /** The alternate's label, for SIGNED_WITH_OTHER_KEY. */
  label?: string;
  /** HMAC-SHA256 with this key, prepared on first use and kept with the variant (the verifier holds them). */
  sha256?: PreparedHmac;
}

export interface Finding {
  hints: EberHint[];
  /** Set when the key of another profile matched. */
  label?: string;
}

interface Option {
  hints: EberHint[];
  value: Buffer;
}

const WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** The real key first, then the keys an integrator may have used by mistake, then the alternates. */
export function keyVariants(secret: EberKey, alternates: readonly EberAlternateKey[] = []): KeyVariant[] {
  const key = eberKeyBytes(secret);
  const text = key.toString('latin1');
  const seen = new Set<string>([text]);
  const variants: KeyVariant[] = [{ hints: [], key }];
  const add = (hints: EberHint[], bytes: Buffer, label?: string): void => {
    const id = bytes.toString('latin1');
    if (bytes.length === 0 || seen.has(id)) return;
    seen.add(id);
    variants.push(label === undefined ? { hints, key: bytes } : { hints, key: bytes, label });
  };
  const trimmed = text.replace(WHITESPACE, '');
  for (const w of [trimmed, `${text}\n`, `${text}\r\n`, `${trimmed}\n`, `${trimmed}\r\n`, `${trimmed} `, ` ${trimmed}`, `${trimmed}\t`, `\t${trimmed}`])
    add(['SECRET_WHITESPACE'], Buffer.from(w, 'latin1'));
  if (/^[A-Za-z0-9+/_-]{4,}={0,2}$/.test(trimmed)) add(['SECRET_BASE64_DECODED'], Buffer.from(trimmed, 'base64'));
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) add(['SECRET_HEX_DECODED'], Buffer.from(trimmed, 'hex'));
  for (const a of alternates) add(['SIGNED_WITH_OTHER_KEY'], Buffer.from(a.secret, 'utf8'), a.label);
  return variants;
}

type Algorithm = 'sha256' | 'sha1' | 'sha512' | 'md5';
const BY_BYTES: Record<number, { algorithm: Algorithm; hints: EberHint[] }> = {
  32: { algorithm: 'sha256', hints: [] },
  20: { algorithm: 'sha1', hints: ['HASH_SHA1'] },
  64: { algorithm: 'sha512', hints: ['HASH_SHA512'] },
  16: { algorithm: 'md5', hints: ['HASH_MD5'] },
};

/** What the received hash is: its digest bytes as hex, the algorithm its length says, and its format's hints. */
export function readReceivedHash(received: string): { hex: string; algorithm: Algorithm; hints: EberHint[] } | null {
  if (/^(?:[0-9a-fA-F]{2})+$/.test(received)) {
    const kind = BY_BYTES[received.length / 2];
    if (!kind) return null;
    const upper: EberHint[] = received !== received.toLowerCase() ? ['HASH_UPPERCASE'] : [];
    return { hex: received.toLowerCase(), algorithm: kind.algorithm, hints: [...kind.hints, ...upper] };
  }
  // Base64 (a "+" in it arrives as a space when the URL does not encode it), or its url-safe form.
  const b64 = received.replaceAll(' ', '+');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64) && b64.length % 4 !== 1) {
    const bytes = Buffer.from(b64, 'base64');
    const kind = BY_BYTES[bytes.length];
    if (kind && Math.ceil(bytes.length / 3) * 4 >= b64.replace(/=+$/, '').length)
      return { hex: bytes.toString('hex'), algorithm: kind.algorithm, hints: [...kind.hints, 'HASH_BASE64'] };
  }
  return null;
}

export interface MistakeInput {
  /** The identifier's bytes as the server read them. */
  identifier: Buffer;
  /** The identifier's value as written in the URL, when there is one. */
  identifierRaw: string | null;
  /** The expiry as the server read it; '' when absent. */
  expiry: string;
  /** hmac_hash as the server read it. */
  received: string;
  /** Longer identifiers the received one may be the start of (an unencoded "&" or "#"). */
  completions: readonly Buffer[];
}

type Transform = { hint: EberHint; apply: (id: Buffer) => Buffer[] };

/** The identifier mistakes that apply to any identifier (the raw-URL ones are tried on the received one only). */
const IDENTIFIER_TRANSFORMS: readonly Transform[] = [
  {
    hint: 'PLUS_DECODED_AS_SPACE',
    apply: (id) => (id.includes(0x20) ? [Buffer.from(id.toString('latin1').replaceAll(' ', '+'), 'latin1')] : []),
  },
  {
    hint: 'IDENTIFIER_CASE',
    apply: (id) => (isUtf8(id) ? [id.toString('utf8').toLowerCase(), id.toString('utf8').toUpperCase()].map((t) => Buffer.from(t, 'utf8')) : []),
  },
  {
    hint: 'IDENTIFIER_UNICODE_FORM',
    apply: (id) => (isUtf8(id) ? [id.toString('utf8').normalize('NFC'), id.toString('utf8').normalize('NFD')].map((t) => Buffer.from(t, 'utf8')) : []),
  },
  {
    hint: 'IDENTIFIER_LATIN1',
    apply: (id) => {
      if (!isUtf8(id)) return [Buffer.from(id.toString('latin1'), 'utf8')]; // sent as Latin-1, hashed as UTF-8
      const text = id.toString('utf8');
      // Sent as UTF-8, hashed as Latin-1.
      return [...text].every((c) => c.codePointAt(0)! <= 0xff) && /[^\0-\x7f]/.test(text) ? [Buffer.from(text, 'latin1')] : [];
    },
  },
  {
    hint: 'IDENTIFIER_URLENCODED',
    apply: (id) => [Buffer.from(phpUrlEncode(id), 'latin1'), Buffer.from(phpRawUrlEncode(id), 'latin1')],
  },
];

function identifierOptions(input: MistakeInput): Option[] {
  const id = input.identifier;
  const options: Option[] = [{ hints: [], value: id }];
  const add = (hints: EberHint[], value: Buffer): void => {
    if (!options.some((o) => o.value.equals(value))) options.push({ hints, value });
  };
  // A "+" sent raw: the URL's own text says which spaces were "+" (a phone "+60 12 345" has real spaces too).
  if (input.identifierRaw?.includes('+')) add(['PLUS_DECODED_AS_SPACE'], phpUrlDecode(input.identifierRaw, false));
  for (const t of IDENTIFIER_TRANSFORMS) for (const v of t.apply(id)) add([t.hint], v);
  // A literal "%41" in the identifier, sent unencoded, reaches the server decoded ("A").
  if (input.identifierRaw && /%[0-9a-fA-F]{2}/.test(input.identifierRaw))
    add(['IDENTIFIER_CUT_SHORT'], Buffer.from(input.identifierRaw.replaceAll('+', ' '), 'utf8'));
  for (const c of input.completions) add(['IDENTIFIER_CUT_SHORT'], c);
  // Two identifier mistakes in a row (e.g. a "+" sent raw in an identifier hashed in another case).
  for (const first of options.filter((o) => o.hints.length === 1))
    for (const t of IDENTIFIER_TRANSFORMS)
      if (t.hint !== first.hints[0]) for (const v of t.apply(first.value)) add([...first.hints, t.hint], v);
  return options;
}

function expiryOptions(expiry: string): Option[] {
  const e = Buffer.from(expiry, 'utf8');
  const options: Option[] = [{ hints: [], value: e }];
  if (expiry.length === 0) return options;
  options.push({ hints: ['EXPIRY_NOT_HASHED'], value: Buffer.alloc(0) });
  options.push({ hints: ['EXPIRY_URLENCODED'], value: Buffer.from(phpUrlEncode(e), 'latin1') });
  options.push({ hints: ['EXPIRY_URLENCODED'], value: Buffer.from(phpRawUrlEncode(e), 'latin1') });
  return options;
}

type Join = { hints: EberHint[]; join: (i: Buffer, e: Buffer) => Buffer };
const JOINS: readonly Join[] = [
  { hints: [], join: (i, e) => Buffer.concat([i, e]) },
  { hints: ['MESSAGE_TRAILING_NEWLINE'], join: (i, e) => Buffer.concat([i, e, Buffer.from('\n')]) },
  { hints: ['EXPIRY_FIRST'], join: (i, e) => Buffer.concat([e, i]) },
  ...[' ', '|', ':'].map((sep): Join => ({ hints: ['EXPIRY_SEPARATOR'], join: (i, e) => Buffer.concat([i, Buffer.from(sep), e]) })),
];

const MAX_MISTAKES = 2;

/** The mistake (or two) that reproduce the received hash, or null. The digest format's hints come last. */
export function findMistake(keys: readonly KeyVariant[], input: MistakeInput): Finding | null {
  const target = readReceivedHash(input.received);
  if (!target) return null;
  const identifiers = identifierOptions(input);
  const expiries = expiryOptions(input.expiry);
  const joins = input.expiry.length > 0 ? JOINS : JOINS.slice(0, 2);
  const swaps = [false, true];

  const candidates: { rank: number; hints: EberHint[]; key: KeyVariant; message: () => Buffer; swapped: boolean }[] = [];
  // Nested with the mistakes counted as they add up, so only the combinations with at most two are made.
  for (const k of keys) {
    const nk = k.hints.length;
    for (const i of identifiers) {
      const ni = nk + i.hints.length;
      if (ni > MAX_MISTAKES) continue;
      for (const e of expiries) {
        const ne = ni + e.hints.length;
        if (ne > MAX_MISTAKES) continue;
        for (const j of joins) {
          const nj = ne + j.hints.length;
          if (nj > MAX_MISTAKES) continue;
          for (const swapped of swaps) {
            if (nj + (swapped ? 1 : 0) > MAX_MISTAKES) continue;
            const hints = [...k.hints, ...i.hints, ...e.hints, ...j.hints, ...(swapped ? (['HMAC_ARGUMENTS_SWAPPED'] as const) : [])];
            candidates.push({
              rank: hints.length * 2 + (k.label === undefined ? 0 : 1),
              hints,
              key: k,
              message: () => j.join(i.value, e.value),
              swapped,
            });
          }
        }
      }
    }
  }
  candidates.sort((a, b) => a.rank - b.rank);
  for (const c of candidates) {
    if (c.hints.length === 0 && target.hints.length === 0) continue; // that is the hash already compared
    const message = c.message();
    let digest: string;
    if (!c.swapped && target.algorithm === 'sha256' && isUtf8(message)) {
      // The common case, on the prepared MAC (a tenth of createHmac's cost for short messages).
      c.key.sha256 ??= prepareHmacSha256(c.key.key);
      digest = c.key.sha256(message.toString('utf8'), 'hex');
    } else
      digest = c.swapped
        ? createHmac(target.algorithm, message).update(c.key.key).digest('hex')
        : createHmac(target.algorithm, c.key.key).update(message).digest('hex');
    if (digest === target.hex) {
      const hints = [...c.hints, ...target.hints];
      return c.key.label === undefined ? { hints } : { hints, label: c.key.label };
    }
  }
  return null;
}
