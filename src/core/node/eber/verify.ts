import type { DateTime } from 'luxon';
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
  type EberHint,
  type EberIdentifierType,
  type EberVerifyCode,
} from '../../common/eber/constants';
import { assertTimezone, parseExpiry, viewsOfInstant } from '../../common/eber/expiry';
import { expiryWarnings } from '../../common/eber/expiry'; // expiry warnings (repeated hour, DST gap)
import { hashPrepared, prepareEberDigest, type EberDigest, type EberHashRequest } from './hash';

export interface EberVerifyInput {
  url: string;
  secret: string;
  /** The business's IANA time zone; the expiry is read in it. */
  timezone: string;
  now?: Date | undefined;
  /** Whether to fill details.expiryViews (formatting three time zones costs more than the whole check). */
  withExpiryViews?: boolean | undefined;
}

/** What verifying takes besides the secret. */
export type EberVerifyRequest = Omit<EberVerifyInput, 'secret'>;

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
}

/** A digest for the right secret or for one an integrator may have used by mistake. */
interface SecretVariant {
  hints: EberHint[];
  digest: EberDigest;
}

/** Throws SignetInputError SECRET_EMPTY for an empty secret. */
export function createEberVerifier(secret: string): EberVerifier {
  if (secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  const digest = prepareEberDigest(secret);
  // Made on the first mismatch, not here: valid URLs never need them, and each is an HMAC to prepare.
  let variants: SecretVariant[] | undefined;
  const secretVariants = (): SecretVariant[] => (variants ??= mistakenSecrets(secret, digest));
  return {
    digest,
    hash: (input) => hashPrepared(digest, input),
    verifyUrl: (input) => verifyPrepared(digest, secretVariants, input),
  };
}

/** One-shot: prepares the secret for this call only. To verify many, hold a createEberVerifier(secret). */
export function verifyEberUrl(input: EberVerifyInput): EberVerifyResult {
  // The time zone first, as before verifiers existed: a bad zone is reported before an empty secret.
  assertTimezone(input.timezone);
  return createEberVerifier(input.secret).verifyUrl(input);
}

function mistakenSecrets(secret: string, digest: EberDigest): SecretVariant[] {
  const variants: SecretVariant[] = [{ hints: [], digest }];
  for (const variant of new Set([secret.trim(), `${secret}\n`, `${secret.trim()}\n`])) {
    if (variant !== secret && variant.length > 0)
      variants.push({ hints: ['SECRET_WHITESPACE'], digest: prepareEberDigest(variant) });
  }
  return variants;
}

/** Browsers and servers cap URLs far below this; anything longer is refused unread. */
export const MAX_URL_LENGTH = 16_384;

const IDENTIFIER_TYPES = Object.keys(EBER_IDENTIFIER_PARAMS) as EberIdentifierType[];

function rawParameters(search: string): EberParameter[] {
  if (search.length <= 1) return [];
  return search
    .slice(1)
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const [entry] = new URLSearchParams(pair);
      const eq = pair.indexOf('=');
      return { name: entry?.[0] ?? '', raw: eq === -1 ? '' : pair.slice(eq + 1), decoded: entry?.[1] ?? '' };
    });
}

/** Which single mistake (or pair of mistakes) reproduces the received hash. */
function findMistake(secrets: readonly SecretVariant[], identifier: string, expiry: string, received: string): EberHint[] {
  const identifiers: { hints: EberHint[]; value: string }[] = [{ hints: [], value: identifier }];
  if (identifier.includes(' ')) identifiers.push({ hints: ['PLUS_DECODED_AS_SPACE'], value: identifier.replaceAll(' ', '+') });
  for (const variant of new Set([identifier.toLowerCase(), identifier.toUpperCase()])) {
    if (variant !== identifier) identifiers.push({ hints: ['IDENTIFIER_CASE'], value: variant });
  }
  const expiries: { hints: EberHint[]; value: string }[] = [{ hints: [], value: expiry }];
  if (expiry) expiries.push({ hints: ['EXPIRY_NOT_HASHED'], value: '' });

  const candidates: { hints: EberHint[]; digest: () => string }[] = [];
  for (const s of secrets)
    for (const i of identifiers)
      for (const e of expiries)
        candidates.push({ hints: [...s.hints, ...i.hints, ...e.hints], digest: () => s.digest(i.value, e.value) });
  candidates.sort((a, b) => a.hints.length - b.hints.length);

  const lower = received.toLowerCase();
  const uppercase = received !== lower;
  for (const c of candidates) {
    const digest = c.digest();
    if (c.hints.length > 0 && received === digest) return c.hints;
    if (uppercase && lower === digest) return [...c.hints, 'HASH_UPPERCASE'];
  }
  return [];
}

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
      summary: `Invalid login URL: ${why}.`,
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

function verifyPrepared(
  digest: EberDigest,
  secretVariants: () => readonly SecretVariant[],
  input: EberVerifyRequest,
): EberVerifyResult {
  assertTimezone(input.timezone);
  const now = input.now ?? new Date();
  const text = input.url.trim();
  if (text.length > MAX_URL_LENGTH) return invalidUrl(`it is ${text.length} characters long`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalidUrl(`${preview(text, 60)} cannot be parsed as a URL`);
  }
  if (url.protocol !== 'https:') return invalidUrl(`it uses ${url.protocol.replace(':', '')} instead of https`);
  if (url.pathname !== EBER_LOGIN_PATH) return invalidUrl(`the path is ${preview(url.pathname, 60)} instead of ${EBER_LOGIN_PATH}`);

  const parameters = rawParameters(url.search);
  const values = (name: string): string[] => parameters.filter((p) => p.name === name).map((p) => p.decoded);
  // The server reads the last occurrence of a repeated parameter, as PHP does.
  const last = (name: string): string | null => values(name).at(-1) ?? null;

  const codes: EberVerifyCode[] = [];
  const present = IDENTIFIER_TYPES.filter((t) => values(EBER_IDENTIFIER_PARAMS[t]).some((v) => v.length > 0));
  const repeated = IDENTIFIER_TYPES.some((t) => values(EBER_IDENTIFIER_PARAMS[t]).length > 1);
  if (present.length === 0) codes.push('IDENTIFIER_MISSING');
  else if (present.length > 1 || repeated) codes.push('IDENTIFIER_AMBIGUOUS');

  const identifierType = present.length === 1 ? present[0]! : null;
  const identifier = identifierType ? last(EBER_IDENTIFIER_PARAMS[identifierType]) : null;
  const phoneCode = last('phone_code');
  if (present.includes('phone') && !phoneCode) codes.push('PHONE_CODE_MISSING');

  const expiry = last('hmac_expiry_date');
  let secondsUntilExpiry: number | null = null;
  let expiryInstant: DateTime | null = null;
  const warnings: ReturnType<typeof expiryWarnings> = []; // expiry warnings (repeated hour, DST gap)
  if (expiry !== null) {
    const parsed = parseExpiry(expiry, input.timezone);
    if (!parsed.ok) codes.push('EXPIRY_FORMAT');
    else {
      expiryInstant = parsed.instant;
      warnings.push(...expiryWarnings(expiry, parsed, input.timezone)); // expiry warnings: never invalid
      secondsUntilExpiry = Math.floor((parsed.instant.toMillis() - now.getTime()) / 1000);
      if (secondsUntilExpiry < 0) codes.push('EXPIRED');
    }
  }

  const locale = last('hmac_locale');
  if (locale !== null && !isEberLocale(locale)) codes.push('LOCALE_UNSUPPORTED');

  const hash = last('hmac_hash');
  const hints: EberHint[] = [];
  const message = identifier !== null ? identifier + (expiry ?? '') : null;
  const expectedHash = identifier !== null ? digest(identifier, expiry ?? '') : null;
  if (hash === null || hash.length === 0) codes.push('HASH_MISSING');
  else if (!/^[0-9a-fA-F]{64}$/.test(hash)) codes.push('HASH_MALFORMED');
  else if (expectedHash !== null && !constantTimeEqualStrings(hash, expectedHash)) {
    codes.push('HASH_MISMATCH');
    hints.push(...findMistake(secretVariants(), identifier ?? '', expiry ?? '', hash));
  }

  const valid = codes.length === 0;
  const explanations: Explanation[] = [
    ...codes.map((c): Explanation => {
      let text: string = EBER_VERIFY_CODES[c];
      if (c === 'EXPIRED' && secondsUntilExpiry !== null) text += ` (expired ${formatDuration(secondsUntilExpiry)} ago)`;
      return { code: c, kind: 'code', text };
    }),
    ...hints.map((h): Explanation => ({ code: h, kind: 'hint', text: EBER_HINTS[h] })),
    ...warnings, // expiry warnings
  ];
  const messages = messagesOf(explanations);
  const main = hints.length > 0 ? `likely cause: ${hints.join(' + ')}` : codes.join(', ');
  const views = expiryInstant && input.withExpiryViews !== false ? viewsOfInstant(expiryInstant, input.timezone) : null;
  return {
    valid,
    codes,
    hints,
    warnings: warnings.map((w) => w.code), // expiry warnings
    details: {
      summary: valid
        ? `Valid login URL${secondsUntilExpiry !== null ? `, expires in ${formatDuration(secondsUntilExpiry)}` : ', no expiry'}.`
        : `Invalid login URL (${main}).`,
      messages,
      explanations,
      parameters,
      identifierType,
      identifier,
      phoneCode,
      expiry,
      expiryViews: views,
      secondsUntilExpiry,
      locale,
      message,
      expectedHash,
    },
  };
}

export { parseInstant } from '../../common/time';
