/**
 * The mistake finder: on a hash mismatch, which common signer mistake — alone or any two together —
 * reproduces the received hash. Each dimension (the key, the identifier, the expiry, how the message is
 * joined, the argument order) offers the right value first and then its mistaken ones; every combination
 * with at most two mistakes is tried, fewest mistakes first, the real secret's variants before other
 * profiles' keys. The digest's algorithm and encoding are read off the received hash (length, alphabet) and
 * confirmed by the match. Bounded: a few hundred HMACs of short messages (well under a millisecond each).
 */
import { Buffer } from 'node:buffer';
import type { EberHint } from '../../common/eber/constants';
import { hmacSha256Once, nodeCrypto, prepareHmacSha256, type PreparedHmac } from '../hmac';
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
  for (const w of [
    trimmed,
    `${text}\n`,
    `${text}\r\n`,
    `${trimmed}\n`,
    `${trimmed}\r\n`,
    `${trimmed} `,
    ` ${trimmed}`,
    `${trimmed}\t`,
    `\t${trimmed}`,
  ])
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
    apply: (id) =>
      isUtf8(id)
        ? [id.toString('utf8').toLowerCase(), id.toString('utf8').toUpperCase()].map((t) => Buffer.from(t, 'utf8'))
        : [],
  },
  {
    hint: 'IDENTIFIER_UNICODE_FORM',
    apply: (id) =>
      isUtf8(id)
        ? [id.toString('utf8').normalize('NFC'), id.toString('utf8').normalize('NFD')].map((t) =>
            Buffer.from(t, 'utf8'),
          )
        : [],
  },
  {
    hint: 'IDENTIFIER_LATIN1',
    apply: (id) => {
      if (!isUtf8(id)) return [Buffer.from(id.toString('latin1'), 'utf8')]; // sent as Latin-1, hashed as UTF-8
      const text = id.toString('utf8');
      // Sent as UTF-8, hashed as Latin-1.
      return [...text].every((c) => c.codePointAt(0)! <= 0xff) && /[^\0-\x7f]/.test(text)
        ? [Buffer.from(text, 'latin1')]
        : [];
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

/** How the identifier and the expiry were joined into the message: in which order, with what between and after. */
type Join = { hints: EberHint[]; expiryFirst: boolean; separator: Buffer; tail: Buffer };
const NOTHING = Buffer.alloc(0);
const JOINS: readonly Join[] = [
  { hints: [], expiryFirst: false, separator: NOTHING, tail: NOTHING },
  { hints: ['MESSAGE_TRAILING_NEWLINE'], expiryFirst: false, separator: NOTHING, tail: Buffer.from('\n') },
  { hints: ['EXPIRY_FIRST'], expiryFirst: true, separator: NOTHING, tail: NOTHING },
  ...[' ', '|', ':'].map((sep): Join => ({
    hints: ['EXPIRY_SEPARATOR'],
    expiryFirst: false,
    separator: Buffer.from(sep),
    tail: NOTHING,
  })),
];

// One buffer the candidates' messages are written into (each is hashed before the next is written).
let scratch: Buffer | undefined;
function joined(j: Join, identifier: Buffer, expiry: Buffer): Buffer {
  const a = j.expiryFirst ? expiry : identifier;
  const b = j.expiryFirst ? identifier : expiry;
  const length = a.length + j.separator.length + b.length + j.tail.length;
  scratch ??= Buffer.alloc(4096);
  if (length > scratch.length) return Buffer.concat([a, j.separator, b, j.tail]);
  scratch.set(a, 0);
  let n = a.length;
  if (j.separator.length > 0) {
    scratch.set(j.separator, n);
    n += j.separator.length;
  }
  scratch.set(b, n);
  n += b.length;
  if (j.tail.length > 0) scratch.set(j.tail, n);
  // One view per length, kept: a fresh subarray per candidate costs about as much as writing the message.
  return (views[length] ??= scratch.subarray(0, length));
}
const views: Buffer[] = [];

const MAX_MISTAKES = 2;

/** A candidate's digest, as hex, in the algorithm the received hash has. */
function digestOf(algorithm: Algorithm, k: KeyVariant, message: Buffer, swapped: boolean): string {
  if (algorithm === 'sha256') {
    // The common case, on the prepared MAC: its bytes as they are (the same digest createHmac gives).
    if (swapped) return hmacSha256Once(message, k.key, 'hex');
    k.sha256 ??= prepareHmacSha256(k.key);
    return k.sha256.bytes(message, 'hex');
  }
  return swapped
    ? nodeCrypto().createHmac(algorithm, message).update(k.key).digest('hex')
    : nodeCrypto().createHmac(algorithm, k.key).update(message).digest('hex');
}

/**
 * The mistake (or two) that reproduce the received hash, or null. The digest format's hints come last.
 * Candidates are tried by rank (two per mistake, one more for another profile's key), and within a rank in
 * the order of the nested loops (key, identifier, expiry, join, swap): the loops run once per rank rather
 * than building, sorting and keeping a list of a few hundred candidates per mismatch.
 */
export function findMistake(keys: readonly KeyVariant[], input: MistakeInput): Finding | null {
  const target = readReceivedHash(input.received);
  if (!target) return null;
  const identifiers = identifierOptions(input);
  const expiries = expiryOptions(input.expiry);
  const joins = input.expiry.length > 0 ? JOINS : JOINS.slice(0, 2);
  const maxRank = MAX_MISTAKES * 2 + 1;

  for (let rank = 0; rank <= maxRank; rank++) {
    for (const k of keys) {
      const other = k.label === undefined ? 0 : 1;
      const nk = k.hints.length;
      // Mistakes only add up along the loops: a prefix already past this rank cannot come back to it.
      if (nk * 2 + other > rank) continue;
      for (const i of identifiers) {
        const ni = nk + i.hints.length;
        if (ni > MAX_MISTAKES || ni * 2 + other > rank) continue;
        for (const e of expiries) {
          const ne = ni + e.hints.length;
          if (ne > MAX_MISTAKES || ne * 2 + other > rank) continue;
          for (const j of joins) {
            const nj = ne + j.hints.length;
            if (nj > MAX_MISTAKES || nj * 2 + other > rank) continue;
            for (let swap = 0; swap < 2; swap++) {
              const n = nj + swap;
              if (n > MAX_MISTAKES || n * 2 + other !== rank) continue;
              if (n === 0 && target.hints.length === 0) continue; // that is the hash already compared
              const message = joined(j, i.value, e.value);
              if (digestOf(target.algorithm, k, message, swap === 1) !== target.hex) continue;
              const hints: EberHint[] = [
                ...k.hints,
                ...i.hints,
                ...e.hints,
                ...j.hints,
                ...(swap === 1 ? (['HMAC_ARGUMENTS_SWAPPED'] as const) : []),
                ...target.hints,
              ];
              return k.label === undefined ? { hints } : { hints, label: k.label };
            }
          }
        }
      }
    }
  }
  return null;
}
