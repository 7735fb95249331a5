import type { Explanation } from '../../common/explain';
import { messagesOf } from '../explain';
import { constantTimeEqualStrings } from '../encoding';
import { SignetInputError } from '../../common/errors';
import { formatDuration, preview } from '../../common/format';
import type { EberParameter, EberVerifyResult } from '../../common/eber/verdict';
import {
  EBER_HINTS,
  EBER_IDENTIFIER_PARAMS,
  EBER_LOGIN_PATH,
  EBER_VERIFY_CODES,
  isEberLocale,
  EBER_VERIFY_WARNINGS,
  type EberHint,
  type EberIdentifierType,
  type EberVerifyWarning,
  type EberVerifyCode,
} from '../../common/eber/constants';
import {
  assertTimezone,
  expiryWall,
  instantOfWall,
  readExpiryInstant,
  expiryWarnings,
  viewsAt,
} from '../../common/eber/expiry';
import { Buffer } from 'node:buffer';
import { nodeCrypto, prepareHmacSha256 } from '../hmac';
import { eberKeyBytes, hashPrepared, type EberDigest, type EberHashRequest, type EberKey } from './hash';
import { findMistake, keyVariants, type EberAlternateKey, type Finding, type KeyVariant } from './mistakes';
import { isUtf8, phpUrlDecode, readPhpQuery, type PhpQueryPair } from './query';

export interface EberVerifyInput {
  url: string;
  /** Text (its UTF-8 bytes are the key) or the key's bytes, e.g. as read from a secret file. */
  secret: EberKey;
  /** Other profiles' secrets, tried by the mistake finder after this secret's variants. */
  alternates?: readonly { label: string; secret: string }[] | undefined;
  /** The business's IANA time zone; the expiry is read in it. */
  timezone: string;
  now?: Date | undefined;
  /** Whether to fill details.expiryViews (formatting three time zones costs more than the whole check). */
  withExpiryViews?: boolean | undefined;
}

/** What verifying takes besides the secret (alternates are the verifier's, given when it is made). */
export type EberVerifyRequest = Omit<EberVerifyInput, 'secret' | 'alternates'>;
export type { EberAlternateKey } from './mistakes';

export type { EberParameter, EberVerifyDetails, EberVerifyResult } from '../../common/eber/verdict';

/**
 * One Eber secret, prepared once: its HMAC, and (on the first mismatch) the secret's whitespace and
 * newline variants that the mistake finder tries. Meant to be held by whoever hashes or verifies many
 * URLs with one secret (a batch, the app); the one-shot eberDigest / hashEber / verifyEberUrl prepare the
 * secret per call. Verifiers share no state, so any number of them may be used in any order.
 */
export interface EberVerifier {
  /** eberDigest with this verifier's secret. */
  digest: EberDigest;
  /** hashEber with this verifier's secret. */
  hash(input: EberHashRequest): string;
  /** verifyEberUrl with this verifier's secret. */
  verifyUrl(input: EberVerifyRequest): EberVerifyResult;
  /**
   * verifyUrl's valid, codes, hints and summary only, exactly as verifyUrl gives them, without the details
   * (explanations, parameters, expiry views): what a batch writes for each record.
   */
  verdict(input: EberVerifyRequest): EberVerdict;
}

/** Throws SignetInputError SECRET_EMPTY for an empty secret. */
export function createEberVerifier(secret: EberKey, alternates: readonly EberAlternateKey[] = []): EberVerifier {
  if (secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  const key = eberKeyBytes(secret);
  const mac = prepareHmacSha256(key);
  const digest: EberDigest = (identifier, expiry) => mac(identifier + expiry, 'hex');
  // Made on the first mismatch, not here, and then kept: valid URLs never need them. The real key's MAC is
  // the one above; each mistaken key's is prepared the first time the finder tries it, and kept.
  let variants: KeyVariant[] | undefined;
  const secretVariants = (): KeyVariant[] =>
    (variants ??= keyVariants(key, alternates).map((v, i) => (i === 0 ? { ...v, sha256: mac } : v)));
  return {
    digest,
    hash: (input) => hashPrepared(digest, input),
    verifyUrl: (input) => resultOf(judgeUrl(key, digest, secretVariants, input), input),
    verdict: (input) => verdictOf(judgeUrl(key, digest, secretVariants, input)),
  };
}

/** One-shot: prepares the secret for this call only. To verify many, hold a createEberVerifier(secret). */
export function verifyEberUrl(input: EberVerifyInput): EberVerifyResult {
  // The time zone first, as before verifiers existed: a bad zone is reported before an empty secret.
  assertTimezone(input.timezone);
  return createEberVerifier(input.secret, input.alternates ?? []).verifyUrl(input);
}

/** Browsers and servers cap URLs far below this; anything longer is refused unread. */
export const MAX_URL_LENGTH = 16_384;

const IDENTIFIER_TYPES = Object.keys(EBER_IDENTIFIER_PARAMS) as EberIdentifierType[];
const KNOWN_PARAMS = new Set<string>([
  ...Object.values(EBER_IDENTIFIER_PARAMS),
  'hmac_hash',
  'hmac_expiry_date',
  'hmac_locale',
  'phone_code',
]);
/** Optional parameters that a Laravel app reads as absent when empty. */
const OPTIONAL_PARAMS = ['hmac_expiry_date', 'hmac_locale'];

/** Zones an expiry is often written in by mistake, tried (after UTC) when a URL has expired. */
export const PLAUSIBLE_ZONES: readonly string[] = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

type Warning = { code: EberVerifyWarning; kind: 'warning'; text: string };
const warning = (code: EberVerifyWarning, here: string): Warning => ({
  code,
  kind: 'warning',
  text: `${EBER_VERIFY_WARNINGS[code]} Here ${here}.`,
});

/**
 * Which zone the expiry looks written in, when it has expired in the business's: one in which it is still valid
 * and nearer to now than it is past (a link made for "now + N minutes" in the wrong zone is off by the zones'
 * difference, while a link that simply ran out is past by less than another zone would add). UTC first, then the
 * nearest reading among other common zones.
 */
function zoneThatFits(expiry: string, timezone: string, now: Date, pastSeconds: number): string | null {
  let best: { zone: string; left: number } | null = null;
  const wall = expiryWall(expiry);
  if (wall === null) return null;
  for (const zone of ['UTC', ...PLAUSIBLE_ZONES]) {
    if (zone === timezone) continue;
    const parsed = instantOfWall(wall, zone);
    if (!parsed.ok) continue;
    const left = (parsed.instantMs - now.getTime()) / 1000;
    if (left >= 0 && left < pastSeconds && (best === null || left < best.left)) {
      if (zone === 'UTC') return zone;
      best = { zone, left };
    }
  }
  return best?.zone ?? null;
}

const invalidSummary = (why: string): string => `Invalid login URL: ${why}.`;

function invalidUrl(why: string): EberVerifyResult {
  const explanations: Explanation[] = [
    { code: 'URL_INVALID', kind: 'code', text: `${EBER_VERIFY_CODES.URL_INVALID} Here ${why}.` },
  ];
  return {
    valid: false,
    codes: ['URL_INVALID'],
    hints: [],
    warnings: [],
    details: {
      summary: invalidSummary(why),
      messages: messagesOf(explanations),
      explanations,
      parameters: [],
      identifierType: null,
      identifier: null,
      phoneCode: null,
      expiry: null,
      expiryViews: null,
      secondsUntilExpiry: null,
      locale: null,
      message: null,
      expectedHash: null,
    },
  };
}

/**
 * What verifying a URL decided, before anything is written for a reader: a batch turns it into its line
 * (verdictOf), verifyUrl into the full result (resultOf). Either way the decision is made here, once.
 */
type UrlJudgement = { invalidWhy: string } | WellFormedJudgement;
type WellFormedJudgement = ReturnType<typeof judgeWellFormed>;

function judgeUrl(
  key: Buffer,
  digest: EberDigest,
  secretVariants: () => readonly KeyVariant[],
  input: EberVerifyRequest,
): UrlJudgement {
  assertTimezone(input.timezone);
  const now = input.now ?? new Date();
  const text = input.url.trim();
  if (text.length > MAX_URL_LENGTH) return { invalidWhy: `it is ${text.length} characters long` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { invalidWhy: `${preview(text, 60)} cannot be parsed as a URL` };
  }
  if (url.protocol !== 'https:') return { invalidWhy: `it uses ${url.protocol.replace(':', '')} instead of https` };
  if (url.pathname !== EBER_LOGIN_PATH)
    return { invalidWhy: `the path is ${preview(url.pathname, 60)} instead of ${EBER_LOGIN_PATH}` };

  return judgeWellFormed(key, digest, secretVariants, input, url, now);
}

function judgeWellFormed(
  key: Buffer,
  digest: EberDigest,
  secretVariants: () => readonly KeyVariant[],
  input: EberVerifyRequest,
  url: URL,
  now: Date,
) {
  // The query as PHP's $_GET holds it: the last of a repeated name wins, "a.b" is "a_b", "a[]" an array.
  const pairs = readPhpQuery(url.search);
  const warnings: Warning[] = [];
  const lastPair = new Map<string, PhpQueryPair>();
  const counts = new Map<string, number>();
  for (const p of pairs) {
    lastPair.set(p.phpName, p);
    counts.set(p.phpName, (counts.get(p.phpName) ?? 0) + 1);
  }
  for (const p of pairs.filter((q) => KNOWN_PARAMS.has(q.phpName))) {
    if (p.name !== p.phpName && !p.array)
      warnings.push(warning('PARAMETER_NAME_MANGLED', `PHP reads ${preview(p.name, 40)} as ${p.phpName}`));
    if (p.array)
      warnings.push(
        warning('PARAMETER_ARRAY', `PHP reads ${preview(p.name, 40)} as the array ${p.phpName}, not as text`),
      );
  }
  for (const [name, n] of counts)
    if (n > 1 && KNOWN_PARAMS.has(name))
      warnings.push(warning('PARAMETER_REPEATED', `${name} appears ${n} times; the last one was verified`));
  /** The text value PHP holds for a name (null when absent or an array), with Laravel's empty-is-null. */
  const value = (name: string): PhpQueryPair | null => {
    const p = lastPair.get(name);
    return p && !p.array ? p : null;
  };
  const last = (name: string): string | null => value(name)?.decoded ?? null;
  for (const name of OPTIONAL_PARAMS)
    if (value(name)?.bytes.length === 0)
      warnings.push(warning('PARAMETER_EMPTY', `${name} is empty, so it was read as absent`));

  const codes: EberVerifyCode[] = [];
  const present = IDENTIFIER_TYPES.filter((t) => (value(EBER_IDENTIFIER_PARAMS[t])?.bytes.length ?? 0) > 0);
  if (present.length === 0) codes.push('IDENTIFIER_MISSING');
  else if (present.length > 1) codes.push('IDENTIFIER_AMBIGUOUS');

  const identifierType = present.length === 1 ? present[0]! : null;
  const identifierPair = identifierType ? value(EBER_IDENTIFIER_PARAMS[identifierType]) : null;
  const identifier = identifierPair?.decoded ?? null;
  const phoneCode = last('phone_code');
  if (present.includes('phone') && !phoneCode) codes.push('PHONE_CODE_MISSING');

  const expiry = last('hmac_expiry_date') || null;
  let secondsUntilExpiry: number | null = null;
  let expiryInstant: number | null = null;
  if (expiry !== null) {
    const parsed = readExpiryInstant(expiry, input.timezone);
    if (!parsed.ok) codes.push('EXPIRY_FORMAT');
    else {
      expiryInstant = parsed.instantMs;
      // Expiry warnings (never invalid) only for a repeated or skipped hour.
      if (parsed.readingsMs.length !== 1) warnings.push(...expiryWarnings(expiry, parsed, input.timezone));
      secondsUntilExpiry = Math.floor((parsed.instantMs - now.getTime()) / 1000);
      if (secondsUntilExpiry < 0) codes.push('EXPIRED');
    }
  }

  const locale = last('hmac_locale') || null;
  if (locale !== null && !isEberLocale(locale)) codes.push('LOCALE_UNSUPPORTED');

  // A "&" or "#" in the identifier, unencoded, cuts it short: the pieces after it are what it may have been.
  const completions: Buffer[] = [];
  let fragmentHash: string | null = null;
  if (identifierPair) {
    const at = pairs.lastIndexOf(identifierPair);
    const stray: string[] = [];
    for (const p of pairs.slice(at + 1)) {
      if (KNOWN_PARAMS.has(p.phpName)) break;
      stray.push(p.pair);
      completions.push(Buffer.concat([identifierPair.bytes, phpUrlDecode(`&${stray.join('&')}`)]));
    }
    const fragment = url.hash.slice(1);
    if (fragment && at === pairs.length - 1 - stray.length) {
      const fragmentPairs = readPhpQuery(fragment);
      const [head] = fragment.split('&');
      completions.push(Buffer.concat([identifierPair.bytes, Buffer.from('#', 'utf8'), phpUrlDecode(head ?? '')]));
      fragmentHash = fragmentPairs.find((p) => p.phpName === 'hmac_hash')?.decoded ?? null;
    }
    if (stray.length > 0 || fragment)
      warnings.push(
        warning(
          'IDENTIFIER_MAYBE_CUT',
          fragment
            ? `the URL has the fragment ${preview(fragment, 40)}, which the server never receives`
            : `${preview(stray.join('&'), 40)} follows the identifier`,
        ),
      );
  }

  const hash = last('hmac_hash');
  const hints: EberHint[] = [];
  let finding: Finding | null = null;
  const message = identifier !== null ? identifier + (expiry ?? '') : null;
  const identifierBytes = identifierPair?.bytes ?? null;
  const expectedHash =
    identifierBytes === null
      ? null
      : isUtf8(identifierBytes)
        ? digest(identifierBytes.toString('utf8'), expiry ?? '')
        : nodeCrypto()
            .createHmac('sha256', key)
            .update(Buffer.concat([identifierBytes, Buffer.from(expiry ?? '', 'utf8')]))
            .digest('hex');
  const find = (received: string): void => {
    if (identifierBytes === null) return;
    finding = findMistake(secretVariants(), {
      identifier: identifierBytes,
      identifierRaw: identifierPair?.raw ?? null,
      expiry: expiry ?? '',
      received,
      completions,
    });
    if (finding) hints.push(...finding.hints);
  };
  if (hash === null || hash.length === 0) {
    codes.push('HASH_MISSING');
    if (fragmentHash) find(fragmentHash);
  } else if (!/^[0-9a-fA-F]{64}$/.test(hash)) {
    codes.push('HASH_MALFORMED');
    find(hash);
  } else if (expectedHash !== null && !constantTimeEqualStrings(hash, expectedHash)) {
    codes.push('HASH_MISMATCH');
    find(hash);
  }

  // Expired in the business's zone, but not if read in UTC or another common zone: name the zone.
  let zone: string | null = null;
  if (codes.includes('EXPIRED') && expiry !== null) {
    zone = zoneThatFits(expiry, input.timezone, now, -(secondsUntilExpiry ?? 0));
    if (zone) hints.push(zone === 'UTC' ? 'EXPIRY_IN_UTC' : 'EXPIRY_IN_OTHER_ZONE');
  }

  return {
    valid: codes.length === 0,
    codes,
    hints,
    warnings,
    pairs,
    identifierType,
    identifier,
    phoneCode,
    expiry,
    expiryInstant,
    secondsUntilExpiry,
    locale,
    message,
    expectedHash,
    label: (finding as Finding | null)?.label,
    zone,
  };
}

function summaryOf(j: WellFormedJudgement): string {
  if (j.valid)
    return `Valid login URL${j.secondsUntilExpiry !== null ? `, expires in ${formatDuration(j.secondsUntilExpiry)}` : ', no expiry'}.`;
  const main = j.hints.length > 0 ? `likely cause: ${j.hints.join(' + ')}` : j.codes.join(', ');
  return `Invalid login URL (${main}).`;
}

/** The part of a verify result a batch line holds. */
export interface EberVerdict {
  valid: boolean;
  codes: EberVerifyCode[];
  hints: EberHint[];
  summary: string;
}

function verdictOf(j: UrlJudgement): EberVerdict {
  if ('invalidWhy' in j)
    return { valid: false, codes: ['URL_INVALID'], hints: [], summary: invalidSummary(j.invalidWhy) };
  return { valid: j.valid, codes: j.codes, hints: j.hints, summary: summaryOf(j) };
}

function resultOf(j: UrlJudgement, input: EberVerifyRequest): EberVerifyResult {
  if ('invalidWhy' in j) return invalidUrl(j.invalidWhy);
  const { valid, codes, hints, warnings, secondsUntilExpiry, label, zone, expiry, expiryInstant } = j;
  const hintText = (h: EberHint): string => {
    if (h === 'SIGNED_WITH_OTHER_KEY' && label !== undefined)
      return `${EBER_HINTS[h]} The hash matches the secret of "${label}".`;
    if (h === 'EXPIRY_IN_UTC') return `${EBER_HINTS[h]} Valid if read as UTC.`;
    if (h === 'EXPIRY_IN_OTHER_ZONE' && zone) return `${EBER_HINTS[h]} Valid if read as ${zone}.`;
    return EBER_HINTS[h];
  };
  const explanations: Explanation[] = [
    ...codes.map((c): Explanation => {
      let text: string = EBER_VERIFY_CODES[c];
      if (c === 'EXPIRED' && secondsUntilExpiry !== null)
        text += ` (expired ${formatDuration(secondsUntilExpiry)} ago)`;
      return { code: c, kind: 'code', text };
    }),
    ...hints.map((h): Explanation => ({ code: h, kind: 'hint', text: hintText(h) })),
    ...warnings,
  ];
  const messages = messagesOf(explanations);
  const views =
    expiryInstant !== null && input.withExpiryViews !== false ? viewsAt(expiryInstant, input.timezone) : null;
  return {
    valid,
    codes,
    hints,
    warnings: warnings.map((w) => w.code),
    details: {
      summary: summaryOf(j),
      messages,
      explanations,
      parameters: j.pairs.map((p): EberParameter => ({ name: p.name, raw: p.raw, decoded: p.decoded })),
      identifierType: j.identifierType,
      identifier: j.identifier,
      phoneCode: j.phoneCode,
      expiry,
      expiryViews: views,
      secondsUntilExpiry,
      locale: j.locale,
      message: j.message,
      expectedHash: j.expectedHash,
    },
  };
}

