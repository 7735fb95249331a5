/**
 * The catalogue of mistakes a QA pack injects: one entry per hint Signet can name today (MMOB_HINTS and
 * EBER_HINTS). Each entry makes the mistaken value an integrator's signer would produce from a correct
 * base — the signature (mmob) or the login URL (Eber) — and says what a verifier answers to it. A test holds
 * the catalogue to the hint tables, so a new hint without an entry here fails the build on purpose.
 */
import { Buffer } from 'node:buffer';
import { nodeCrypto } from '../hmac';
import {
  EBER_IDENTIFIER_PARAMS,
  EBER_LOGIN_PATH,
  type EberHint,
  type EberIdentifierType,
} from '../../common/eber/constants';
import type { MmobHint, MmobVerifyCode } from '../../common/mmob/codes';
import type { EberVerifyCode } from '../../common/eber/constants';
import { canonicalString } from '../../common/mmob/signature';
import { parseExpiry } from '../../common/eber/expiry-luxon';
import { isHex } from '../encoding';
import { phpRawUrlEncode, phpUrlEncode } from '../eber/query';
import { PLAUSIBLE_ZONES } from '../eber/verify';
import { mmobKey } from '../mmob/sign';

/** A correct mmob signing: the pack's identity at one timestamp with one nonce. */
export interface MmobBase {
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  timestamp: number;
  nonce: string;
}

/** A correct Eber login: the pack's identity and one expiry ("" for none). */
export interface EberBase {
  secret: string;
  /** An https origin, already validated. */
  origin: string;
  identifierType: EberIdentifierType;
  identifier: string;
  phoneCode: string;
  expiry: string;
  locale: string;
  /** The business's IANA time zone, in which the expiry is written. */
  timezone: string;
  /** The pack's clock (Unix ms, whole seconds): the instant the verifier judges at. */
  nowMs: number;
}

export interface MmobCatalogueEntry {
  scheme: 'mmob';
  hint: MmobHint;
  /** One line for a QA checklist: what the mistaken signer did. */
  description: string;
  /** The codes a verifier gives the mistaken value (its hint is `hint`). */
  codes: MmobVerifyCode[];
  /** The mistaken signature, or null when this identity cannot show the mistake (the reason is `unusable`). */
  inject(base: MmobBase): string | null;
  unusable: string;
}

export interface EberCatalogueEntry {
  scheme: 'eber';
  hint: EberHint;
  description: string;
  codes: EberVerifyCode[];
  /** The mistaken login URL, or null when this identity cannot show the mistake. */
  inject(base: EberBase): string | null;
  unusable: string;
}

export type CatalogueEntry = MmobCatalogueEntry | EberCatalogueEntry;

// ---- mmob

function mmobSignature(
  base: MmobBase,
  o: {
    key?: Buffer;
    ts?: string;
    fields?: Partial<Pick<MmobBase, 'cpId' | 'cpDeploymentId' | 'email'>>;
    encode?: (mac: Buffer) => string;
  } = {},
): string {
  const ts = o.ts ?? String(base.timestamp);
  const fields = { cpId: base.cpId, cpDeploymentId: base.cpDeploymentId, email: base.email, ...o.fields };
  const mac = nodeCrypto().createHmac('sha256', o.key ?? mmobKey(base.secret))
    .update(canonicalString(ts, fields, base.nonce), 'utf8')
    .digest();
  return `${ts}:${(o.encode ?? ((m) => m.toString('base64')))(mac)}:${base.nonce}`;
}

/** An email that differs from the one sent only in the ways signers get it wrong (case, or left empty). */
function mistakenEmail(email: string): string {
  if (email.toLowerCase() !== email) return email.toLowerCase();
  if (email.toUpperCase() !== email) return email.toUpperCase();
  return '';
}

export const MMOB_CATALOGUE: readonly MmobCatalogueEntry[] = [
  {
    scheme: 'mmob',
    hint: 'SECRET_USED_AS_TEXT',
    description: "Signed with the secret's text bytes as the key instead of its base64-decoded bytes.",
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobSignature(b, { key: Buffer.from(b.secret, 'utf8') }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'SECRET_HEX_DECODED',
    description: 'Signed with the secret hex-decoded instead of base64-decoded.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => (isHex(b.secret.trim()) ? mmobSignature(b, { key: Buffer.from(b.secret.trim(), 'hex') }) : null),
    unusable: 'the secret is not hex text, so no signer would hex-decode it (a secret of only 0-9a-f shows it)',
  },
  {
    scheme: 'mmob',
    hint: 'EMAIL_MISMATCH',
    description: 'Signed a different email than the one sent (other letter case, or empty).',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => (b.email === '' ? null : mmobSignature(b, { fields: { email: mistakenEmail(b.email) } })),
    unusable: 'the email is empty, so no other email reads as a mistake for it',
  },
  {
    scheme: 'mmob',
    hint: 'FIELDS_SWAPPED',
    description: 'Signed ts:cpDeploymentId:cpId:… — cpId and cpDeploymentId swapped.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) =>
      b.cpId === b.cpDeploymentId
        ? null
        : mmobSignature(b, { fields: { cpId: b.cpDeploymentId, cpDeploymentId: b.cpId } }),
    unusable: 'cpId and cpDeploymentId are equal, so swapping them changes nothing',
  },
  {
    scheme: 'mmob',
    hint: 'TIMESTAMP_IN_MILLISECONDS',
    description: 'Sent (and signed) the timestamp in milliseconds instead of Unix seconds.',
    codes: ['TIMESTAMP_IN_FUTURE'],
    inject: (b) => mmobSignature(b, { ts: String(b.timestamp * 1000) }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'DIGEST_HEX',
    description: 'Encoded the HMAC as hex instead of standard base64.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobSignature(b, { encode: (m) => m.toString('hex') }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'DIGEST_BASE64URL',
    description: 'Encoded the HMAC as url-safe base64 without padding instead of standard base64.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobSignature(b, { encode: (m) => m.toString('base64url') }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'SECRET_TEXT_WITH_WHITESPACE',
    description: 'Used the secret as text with a trailing newline (read from a file or an environment variable).',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { key: Buffer.from(`${b.secret.trim()}\n`, 'utf8') }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'SIGNED_WITH_OTHER_KEY',
    description: "Signed with another environment's key (e.g. staging's secret in production).",
    codes: ['SIGNATURE_MISMATCH'],
    inject: () => null,
    unusable:
      'needs a second key: Signet names it only when told the other keys (--try-secret-env, or another saved profile)',
  },
  {
    scheme: 'mmob',
    hint: 'HMAC_ARGUMENTS_SWAPPED',
    description: 'Swapped the HMAC arguments: the canonical string as the key, the secret as the message.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { swap: true }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'ALGORITHM_SHA1',
    description: 'Used HMAC-SHA1 instead of HMAC-SHA256.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { algorithm: 'sha1' }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'ALGORITHM_SHA512',
    description: 'Used HMAC-SHA512 instead of HMAC-SHA256.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { algorithm: 'sha512' }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'ALGORITHM_MD5',
    description: 'Used HMAC-MD5 instead of HMAC-SHA256.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { algorithm: 'md5' }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'DIGEST_BASE64_OF_HEX',
    description: 'Base64-encoded the hex text of the HMAC instead of its raw bytes (88 characters).',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { encode: (m) => Buffer.from(m.toString('hex'), 'utf8').toString('base64') }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'EMAIL_SEGMENT_DROPPED',
    description: 'Left the empty email segment out of the canonical string (ts:cpId:cpDeploymentId:nonce).',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) =>
      b.email === '' ? mmobRaw(b, { message: `${b.timestamp}:${b.cpId}:${b.cpDeploymentId}:${b.nonce}` }) : null,
    unusable: 'the email is not empty (the mistake is made when a customer has no email)',
  },
  {
    scheme: 'mmob',
    hint: 'EMAIL_NULL_LITERAL',
    description: 'Signed the word "null" for a missing email instead of the empty string.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => (b.email === '' ? mmobSignature(b, { fields: { email: 'null' } }) : null),
    unusable: 'the email is not empty (the mistake is made when a customer has no email)',
  },
  {
    scheme: 'mmob',
    hint: 'MESSAGE_TRAILING_NEWLINE',
    description: 'Signed the canonical string with a trailing newline.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => mmobRaw(b, { message: `${canonicalOf(b)}\n` }),
    unusable: '',
  },
  {
    scheme: 'mmob',
    hint: 'MESSAGE_LATIN1',
    description: 'Encoded the canonical string as Latin-1 instead of UTF-8 before signing.',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) => (latin1Differs(canonicalOf(b)) ? mmobRaw(b, { latin1: true }) : null),
    unusable: 'the identity is plain ASCII, where Latin-1 and UTF-8 agree (an email such as josé@example.com shows it)',
  },
  {
    scheme: 'mmob',
    hint: 'EMAIL_UNICODE_NORMALIZATION',
    description: 'Signed the email in another Unicode normalization form (NFD where NFC is sent).',
    codes: ['SIGNATURE_MISMATCH'],
    inject: (b) =>
      b.email.normalize('NFD') !== b.email ? mmobSignature(b, { fields: { email: b.email.normalize('NFD') } }) : null,
    unusable: 'the email has no composed characters (an email such as josé@example.com shows it)',
  },
  {
    scheme: 'mmob',
    hint: 'TIMESTAMP_OFF_BY_HOURS',
    description: 'Took local wall time (UTC+2) for Unix time: the timestamp is two hours ahead.',
    codes: ['TIMESTAMP_IN_FUTURE'],
    inject: (b) => mmobSignature(b, { ts: String(b.timestamp + 2 * 3600) }),
    unusable: '',
  },
];

/** Latin-1 can encode the text and differs from UTF-8 on it (some character above U+007F, none above U+00FF). */
function latin1Differs(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  return codes.every((c) => c <= 0xff) && codes.some((c) => c > 0x7f);
}

function canonicalOf(b: MmobBase): string {
  return canonicalString(b.timestamp, b, b.nonce);
}

/** A signature made with one of a signer's lower-level mistakes: algorithm, argument order, message bytes. */
function mmobRaw(
  b: MmobBase,
  o: {
    key?: Buffer;
    message?: string;
    algorithm?: string;
    swap?: boolean;
    latin1?: boolean;
    encode?: (mac: Buffer) => string;
  },
): string {
  const key = o.key ?? mmobKey(b.secret);
  const message = Buffer.from(o.message ?? canonicalOf(b), o.latin1 ? 'latin1' : 'utf8');
  const mac = o.swap
    ? nodeCrypto().createHmac(o.algorithm ?? 'sha256', message)
        .update(key)
        .digest()
    : nodeCrypto().createHmac(o.algorithm ?? 'sha256', key)
        .update(message)
        .digest();
  return `${b.timestamp}:${(o.encode ?? ((m) => m.toString('base64')))(mac)}:${b.nonce}`;
}

// ---- Eber

function eberHash(secret: string, identifier: string, expiry: string): string {
  return eberMac(Buffer.from(secret, 'utf8'), identifier + expiry);
}

/** An HMAC of any key and message bytes (text as UTF-8), as hex unless told otherwise. */
function eberMac(
  key: Buffer | string,
  message: Buffer | string,
  o: { algorithm?: string; encoding?: 'hex' | 'base64' } = {},
): string {
  const bytes = (v: Buffer | string) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
  return nodeCrypto().createHmac(o.algorithm ?? 'sha256', bytes(key))
    .update(bytes(message))
    .digest(o.encoding ?? 'hex');
}

/** The login URL with the identifier and expiry sent, hashed over the given message (and key). */
function eberUrlOfMessage(
  b: EberBase,
  message: Buffer | string,
  o: { key?: Buffer; algorithm?: string; encoding?: 'hex' | 'base64' } = {},
): string {
  return eberUrlWithHash(b, b.identifier, eberMac(o.key ?? Buffer.from(b.secret, 'utf8'), message, o));
}

/**
 * The expiry "now + N minutes" written as wall time in another zone and read in the business's: expired there,
 * still valid read in `zone` (within less time than it is past), and one unambiguous reading in the business's
 * zone (no DST warning). `utcMustNotFit`: the UTC reading does not fit (so the verifier names the other zone, not UTC).
 */
function expiryWrittenIn(b: EberBase, zone: string, utcMustNotFit: boolean): string | null {
  if (!b.expiry || zone === b.timezone) return null;
  const planned = parseExpiry(b.expiry, b.timezone);
  if (!planned.ok) return null;
  const wall = planned.instant.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
  const read = parseExpiry(wall, b.timezone);
  const inZone = parseExpiry(wall, zone);
  if (!read.ok || !inZone.ok || read.inDstGap || read.readings.length !== 1) return null;
  const past = b.nowMs - read.instant.toMillis();
  const left = inZone.instant.toMillis() - b.nowMs;
  // Clear margins (a minute) so the rounding of "seconds until expiry" cannot tip the verdict.
  if (past < 60_000 || left < 60_000 || left + 60_000 > past) return null;
  if (utcMustNotFit) {
    const utc = parseExpiry(wall, 'UTC');
    if (!utc.ok) return null;
    const leftUtc = utc.instant.toMillis() - b.nowMs;
    if (leftUtc > -60_000 && leftUtc < past + 60_000) return null;
  }
  return wall;
}

/** The URL with another expiry, hashed correctly over it. */
function eberUrlWithExpiry(b: EberBase, expiry: string): string {
  const base = { ...b, expiry };
  return eberUrlWithHash(base, b.identifier, eberHash(b.secret, b.identifier, expiry));
}

/** The login URL as buildEberUrl writes it, with the given hash. */
export function eberUrlWithHash(base: EberBase, identifier: string, hash: string): string {
  const params = new URLSearchParams();
  params.set(EBER_IDENTIFIER_PARAMS[base.identifierType], identifier);
  params.set('hmac_hash', hash);
  if (base.expiry) params.set('hmac_expiry_date', base.expiry);
  if (base.locale) params.set('hmac_locale', base.locale);
  if (base.identifierType === 'phone') params.set('phone_code', base.phoneCode.toUpperCase());
  return `${base.origin}${EBER_LOGIN_PATH}?${params.toString()}`;
}

/** The identifier with a "+" in it: itself when it has one, else a plus-addressed email. */
export function plusIdentifier(base: EberBase): string | null {
  if (base.identifier.includes('+')) return base.identifier;
  if (base.identifierType === 'email' && /^[^@\s]+@[^@\s]+$/.test(base.identifier))
    return base.identifier.replace('@', '+qa@');
  return null;
}

export const EBER_CATALOGUE: readonly EberCatalogueEntry[] = [
  {
    scheme: 'eber',
    hint: 'PLUS_DECODED_AS_SPACE',
    description: 'Built the URL with a raw "+" in the identifier (read as a space) instead of %2B.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const id = plusIdentifier(b);
      if (id === null) return null;
      const url = eberUrlWithHash(b, id, eberHash(b.secret, id, b.expiry));
      return url.replaceAll('%2B', '+');
    },
    unusable: 'the identifier has no "+" and is not an email that can be plus-addressed',
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_NOT_HASHED',
    description: 'Hashed the identifier alone, leaving the expiry out of the hash.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => (b.expiry ? eberUrlWithHash(b, b.identifier, eberHash(b.secret, b.identifier, '')) : null),
    unusable: 'the URL has no expiry',
  },
  {
    scheme: 'eber',
    hint: 'SECRET_WHITESPACE',
    description: 'Hashed with the secret plus a trailing newline (read from a file untrimmed).',
    codes: ['HASH_MISMATCH'],
    inject: (b) => eberUrlWithHash(b, b.identifier, eberHash(`${b.secret}\n`, b.identifier, b.expiry)),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'HASH_UPPERCASE',
    description: 'Sent the hash as uppercase hex.',
    codes: ['HASH_MISMATCH'],
    inject: (b) =>
      /[a-f]/.test(eberHash(b.secret, b.identifier, b.expiry))
        ? eberUrlWithHash(b, b.identifier, eberHash(b.secret, b.identifier, b.expiry).toUpperCase())
        : null,
    unusable: 'the hash has no letters, so uppercase changes nothing',
  },
  {
    scheme: 'eber',
    hint: 'IDENTIFIER_CASE',
    description: 'Hashed the identifier in other letter case than the one sent.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const other =
        b.identifier.toUpperCase() !== b.identifier ? b.identifier.toUpperCase() : b.identifier.toLowerCase();
      return other === b.identifier ? null : eberUrlWithHash(b, b.identifier, eberHash(b.secret, other, b.expiry));
    },
    unusable: 'the identifier has no letters',
  },
  {
    scheme: 'eber',
    hint: 'SECRET_BASE64_DECODED',
    description: 'Hashed with the secret base64-decoded instead of the secret text itself.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const t = b.secret.trim();
      if (!/^[A-Za-z0-9+/_-]{4,}={0,2}$/.test(t)) return null;
      const key = Buffer.from(t, 'base64');
      if (key.length === 0 || key.equals(Buffer.from(b.secret, 'utf8'))) return null;
      if (/^(?:[0-9a-fA-F]{2})+$/.test(t) && key.equals(Buffer.from(t, 'hex'))) return null;
      return eberUrlOfMessage(b, b.identifier + b.expiry, { key });
    },
    unusable: 'the secret is not base64 text, so no signer would base64-decode it',
  },
  {
    scheme: 'eber',
    hint: 'SECRET_HEX_DECODED',
    description: 'Hashed with the secret hex-decoded instead of the secret text itself.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const t = b.secret.trim();
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(t)) return null;
      return eberUrlOfMessage(b, b.identifier + b.expiry, { key: Buffer.from(t, 'hex') });
    },
    unusable: 'the secret is not hex text, so no signer would hex-decode it (a secret of only 0-9a-f shows it)',
  },
  {
    scheme: 'eber',
    hint: 'SIGNED_WITH_OTHER_KEY',
    description: "Hashed with another profile's secret (e.g. staging's secret in production).",
    codes: ['HASH_MISMATCH'],
    inject: () => null,
    unusable:
      'needs a second key: Signet names it only when told the other keys (--try-secret-env, or another saved profile)',
  },
  {
    scheme: 'eber',
    hint: 'HMAC_ARGUMENTS_SWAPPED',
    description: 'Swapped the hash_hmac arguments: identifier + expiry as the key, the secret as the message.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => eberUrlWithHash(b, b.identifier, eberMac(b.identifier + b.expiry, b.secret)),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'HASH_SHA1',
    description: 'Used HMAC-SHA1 (40 hex digits) instead of HMAC-SHA256.',
    codes: ['HASH_MALFORMED'],
    inject: (b) => eberUrlOfMessage(b, b.identifier + b.expiry, { algorithm: 'sha1' }),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'HASH_SHA512',
    description: 'Used HMAC-SHA512 (128 hex digits) instead of HMAC-SHA256.',
    codes: ['HASH_MALFORMED'],
    inject: (b) => eberUrlOfMessage(b, b.identifier + b.expiry, { algorithm: 'sha512' }),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'HASH_MD5',
    description: 'Used HMAC-MD5 (32 hex digits) instead of HMAC-SHA256.',
    codes: ['HASH_MALFORMED'],
    inject: (b) => eberUrlOfMessage(b, b.identifier + b.expiry, { algorithm: 'md5' }),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'HASH_BASE64',
    description: 'Encoded the HMAC-SHA256 as base64 (URL-encoded) instead of lowercase hex.',
    codes: ['HASH_MALFORMED'],
    inject: (b) => eberUrlOfMessage(b, b.identifier + b.expiry, { encoding: 'base64' }),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'IDENTIFIER_URLENCODED',
    description: 'Hashed the identifier URL-encoded (urlencode/rawurlencode) instead of as plain text.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const id = Buffer.from(b.identifier, 'utf8');
      const encoded = [phpUrlEncode(id), phpRawUrlEncode(id)].find((e) => e !== b.identifier);
      return encoded === undefined ? null : eberUrlOfMessage(b, encoded + b.expiry);
    },
    unusable: 'the identifier has nothing URL-encoding changes (an email, with its "@", shows it)',
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_URLENCODED',
    description: 'Hashed the expiry URL-encoded ("2030-01-15+09%3A30%3A00") instead of as plain text.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => (b.expiry ? eberUrlOfMessage(b, b.identifier + phpUrlEncode(Buffer.from(b.expiry, 'utf8'))) : null),
    unusable: 'the URL has no expiry',
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_FIRST',
    description: 'Hashed the expiry before the identifier (expiry + identifier).',
    codes: ['HASH_MISMATCH'],
    inject: (b) => (b.expiry ? eberUrlOfMessage(b, b.expiry + b.identifier) : null),
    unusable: 'the URL has no expiry',
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_SEPARATOR',
    description: 'Joined the identifier and the expiry with "|" instead of nothing.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => (b.expiry ? eberUrlOfMessage(b, `${b.identifier}|${b.expiry}`) : null),
    unusable: 'the URL has no expiry',
  },
  {
    scheme: 'eber',
    hint: 'MESSAGE_TRAILING_NEWLINE',
    description: 'Hashed identifier + expiry with a trailing newline.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => eberUrlOfMessage(b, `${b.identifier}${b.expiry}\n`),
    unusable: '',
  },
  {
    scheme: 'eber',
    hint: 'IDENTIFIER_LATIN1',
    description: 'Hashed the identifier as Latin-1 bytes while sending it as UTF-8.',
    codes: ['HASH_MISMATCH'],
    inject: (b) =>
      latin1Differs(b.identifier)
        ? eberUrlOfMessage(b, Buffer.concat([Buffer.from(b.identifier, 'latin1'), Buffer.from(b.expiry, 'utf8')]))
        : null,
    unusable:
      'the identifier is plain ASCII, where Latin-1 and UTF-8 agree (an identifier such as jürgen@example.com shows it)',
  },
  {
    scheme: 'eber',
    hint: 'IDENTIFIER_UNICODE_FORM',
    description: 'Hashed the identifier in another Unicode normalization form (NFD where NFC is sent).',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      const other = [b.identifier.normalize('NFD'), b.identifier.normalize('NFC')].find((f) => f !== b.identifier);
      return other === undefined ? null : eberUrlOfMessage(b, other + b.expiry);
    },
    unusable: 'the identifier has no accented characters (an identifier such as rené@example.com shows it)',
  },
  {
    scheme: 'eber',
    hint: 'IDENTIFIER_CUT_SHORT',
    description: 'Sent an identifier containing "%41" without encoding its "%": the server decodes it.',
    codes: ['HASH_MISMATCH'],
    inject: (b) => {
      // Only "%XX" shows it alone: an unencoded "&" or "#" also earns the IDENTIFIER_MAYBE_CUT warning.
      if (!/%[0-9a-fA-F]{2}/.test(b.identifier) || !/^[A-Za-z0-9*._%-]+$/.test(b.identifier)) return null;
      const url = eberUrlWithHash(b, b.identifier, eberHash(b.secret, b.identifier, b.expiry));
      const param = `${EBER_IDENTIFIER_PARAMS[b.identifierType]}=`;
      return url.replace(`${param}${b.identifier.replaceAll('%', '%25')}`, `${param}${b.identifier}`);
    },
    unusable:
      'the identifier has no "%XX" to be decoded (an unencoded "&" or "#" shows the mistake too, with a warning)',
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_IN_UTC',
    description: 'Wrote "now + N minutes" as UTC wall time instead of in the business\'s time zone.',
    codes: ['EXPIRED'],
    inject: (b) => {
      const wall = expiryWrittenIn(b, 'UTC', false);
      return wall === null ? null : eberUrlWithExpiry(b, wall);
    },
    unusable:
      "the zone is not ahead of UTC by more than twice the link's lifetime, so a UTC expiry does not read as this mistake (Asia/Singapore shows it)",
  },
  {
    scheme: 'eber',
    hint: 'EXPIRY_IN_OTHER_ZONE',
    description: 'Wrote "now + N minutes" in another zone (the server\'s) instead of the business\'s.',
    codes: ['EXPIRED'],
    inject: (b) => {
      for (const zone of PLAUSIBLE_ZONES) {
        const wall = expiryWrittenIn(b, zone, true);
        if (wall !== null) return eberUrlWithExpiry(b, wall);
      }
      return null;
    },
    unusable: 'no common zone is far enough behind this one for its "now + N minutes" to be past here',
  },
];

export const CATALOGUE: readonly CatalogueEntry[] = [...MMOB_CATALOGUE, ...EBER_CATALOGUE];
