/** Pure Eber constants and explanations, safe to import from the renderer (no Node APIs). */

/** The locales Eber's login page accepts, with their names as shown to people. */
export const EBER_LOCALES = {
  en: 'English',
  'zh-HK': '繁體中文 (香港) — Chinese, Hong Kong',
  'zh-TW': '繁體中文 (台灣) — Chinese, Taiwan',
  'zh-CN': '简体中文 — Chinese, Simplified',
  es: 'Español — Spanish',
  'pt-PT': 'Português (Portugal) — Portuguese',
  vi: 'Tiếng Việt — Vietnamese',
  fr: 'Français — French',
  'ms-MY': 'Bahasa Melayu — Malay',
  ko: '한국어 — Korean',
  id: 'Bahasa Indonesia — Indonesian',
  th: 'ไทย — Thai',
  ar: 'العربية — Arabic',
  ja: '日本語 — Japanese',
  'pt-BR': 'Português (Brasil) — Portuguese, Brazil',
  it: 'Italiano — Italian',
} as const;
export type EberLocale = keyof typeof EBER_LOCALES;
export const EBER_LOCALE_CODES = Object.keys(EBER_LOCALES) as EberLocale[];

export function isEberLocale(s: string): s is EberLocale {
  return Object.prototype.hasOwnProperty.call(EBER_LOCALES, s);
}

export const EBER_IDENTIFIER_TYPES = ['email', 'phone', 'customId'] as const;
export type EberIdentifierType = (typeof EBER_IDENTIFIER_TYPES)[number];

/** Query parameter carrying each kind of identifier. */
export const EBER_IDENTIFIER_PARAMS: Record<EberIdentifierType, string> = {
  email: 'hmac_email',
  phone: 'hmac_phone',
  customId: 'hmac_custom_id',
};

export const EBER_LOGIN_PATH = '/login/hmac';
export const EBER_EXPIRY_FORMAT = 'yyyy-MM-dd HH:mm:ss';

export const EBER_VERIFY_CODES = {
  URL_INVALID: 'The text is not an https login URL of the form https://{business}.eber.co/login/hmac?….',
  IDENTIFIER_MISSING: 'No identifier: add exactly one of hmac_email, hmac_phone or hmac_custom_id.',
  IDENTIFIER_AMBIGUOUS:
    'More than one kind of identifier parameter (e.g. hmac_email and hmac_phone): send exactly one.',
  PHONE_CODE_MISSING: 'hmac_phone needs phone_code, the country as an ISO 3166 code (e.g. MY).',
  EXPIRY_FORMAT: 'hmac_expiry_date must be "Y-m-d H:i:s" (e.g. 2030-01-15 09:30:00), a real date and time.',
  EXPIRED: "The expiry is in the past, read in the business's time zone: build a new URL.",
  LOCALE_UNSUPPORTED: `hmac_locale is not one of the ${EBER_LOCALE_CODES.length} locales Eber supports.`,
  HASH_MISSING: 'No hmac_hash parameter.',
  HASH_MALFORMED: 'hmac_hash must be 64 hexadecimal characters (HMAC-SHA256 as lowercase hex).',
  HASH_MISMATCH: 'hmac_hash does not match HMAC-SHA256(secret, identifier + expiry) for this secret.',
} as const;

export const EBER_HINTS = {
  // ---- the key
  SECRET_WHITESPACE:
    'The key had whitespace around it (a space, tab, "\\n" or "\\r\\n" before or after the secret): trim the secret you read from a file or setting before signing.',
  SECRET_BASE64_DECODED:
    'The secret was base64-decoded before use; Eber uses the secret text as given: pass the secret string itself as the HMAC key.',
  SECRET_HEX_DECODED:
    'The secret was hex-decoded before use; Eber uses the secret text as given: pass the secret string itself as the HMAC key.',
  SIGNED_WITH_OTHER_KEY:
    "The hash was made with another profile's secret, not this one: sign with this business's secret (or verify with the profile named).",
  // ---- the algorithm and the digest
  HMAC_ARGUMENTS_SWAPPED:
    "The key and the message were swapped: call hash_hmac('sha256', $identifier . $expiry, $secret) — data second, key third.",
  HASH_SHA1: 'The hash is HMAC-SHA1 (40 hex digits): use SHA-256 (hash_hmac with "sha256"), 64 hex digits.',
  HASH_SHA512: 'The hash is HMAC-SHA512 (128 hex digits): use SHA-256 (hash_hmac with "sha256"), 64 hex digits.',
  HASH_MD5: 'The hash is HMAC-MD5 (32 hex digits): use SHA-256 (hash_hmac with "sha256"), 64 hex digits.',
  HASH_BASE64:
    'The digest is base64 where lowercase hex is expected: encode the raw HMAC as hex (hash_hmac\'s default, or .digest("hex")).',
  HASH_UPPERCASE: 'The hash is uppercase hex; PHP hash_hmac gives lowercase and the comparison is case-sensitive.',
  // ---- the message
  PLUS_DECODED_AS_SPACE:
    'A "+" in the identifier reached the server as a space (a bare "+" in a query string means space): URL-encode the identifier (a "+" as %2B, a space as %20 or "+") when building the URL.',
  IDENTIFIER_CASE:
    'The identifier was hashed with different letter case than it was sent: hash exactly the string you send.',
  IDENTIFIER_URLENCODED:
    'The identifier was hashed in its URL-encoded form (urlencode/rawurlencode): hash the plain identifier and encode only when writing the URL.',
  EXPIRY_URLENCODED:
    'The expiry was hashed in its URL-encoded form (urlencode/rawurlencode): hash the plain "Y-m-d H:i:s" text and encode only when writing the URL.',
  EXPIRY_FIRST:
    'The expiry was put before the identifier: the message is identifier then expiry ($identifier . $expiry).',
  EXPIRY_SEPARATOR:
    'A separator (space, "|" or ":") was put between the identifier and the expiry: join them with nothing ($identifier . $expiry).',
  EXPIRY_NOT_HASHED:
    'The hash was computed over the identifier alone: append the expiry string, exactly as sent, before hashing.',
  MESSAGE_TRAILING_NEWLINE:
    'The message was hashed with a trailing newline (echo, a heredoc or a line read from a file): hash identifier . expiry with nothing after it.',
  IDENTIFIER_LATIN1:
    'The identifier was hashed in one encoding (Latin-1 / ISO-8859-1) and sent in the other (UTF-8), or the reverse: hash and send the same UTF-8 bytes.',
  IDENTIFIER_UNICODE_FORM:
    'The identifier was hashed in another Unicode normalization form (NFC vs NFD: "é" as one code point or as e + accent): hash exactly the string you send, normalized the same way.',
  IDENTIFIER_CUT_SHORT:
    'The identifier contains "&", "#" or "%" that was not URL-encoded, so the server read only part of it (or decoded it): URL-encode the identifier (& as %26, # as %23, % as %25).',
  // ---- time
  EXPIRY_IN_UTC:
    "The expiry looks written in UTC: it is past in the business's time zone but would be valid if read as UTC. Write hmac_expiry_date in the business's time zone.",
  EXPIRY_IN_OTHER_ZONE:
    "The expiry looks written in another time zone (the server's, not the business's): it is past in the business's zone but would be valid if read in the zone named. Write hmac_expiry_date in the business's time zone.",
} as const;

/** Valid, but risky: the verdict stays valid. Each explanation adds what was found. */
export const EBER_VERIFY_WARNINGS = {
  EXPIRY_AMBIGUOUS:
    'hmac_expiry_date falls in the wall-clock time repeated when clocks go back, so it names two instants; PHP uses the first one shown. Choose an expiry outside the repeated time.',
  EXPIRY_IN_GAP:
    'hmac_expiry_date falls in the wall-clock time skipped when clocks go forward, so it does not exist; PHP still reads it, with the UTC offset in force before the change, as shown. Choose an expiry outside the gap.',
  PARAMETER_EMPTY:
    'An optional parameter is present but empty: a Laravel app (ConvertEmptyStringsToNull) treats it as absent, as judged here, but plain isset() code sees it as present. Leave the parameter out instead.',
  PARAMETER_REPEATED:
    'A parameter appears more than once: PHP keeps the last one, which is what was verified. Send each parameter once.',
  PARAMETER_NAME_MANGLED:
    'A parameter name contains "." or a space, which PHP turns into "_", so the server reads it as an Eber parameter. Write the name exactly.',
  PARAMETER_ARRAY:
    'A parameter name ends in "[…]", so PHP reads it as an array, not text: hash_hmac cannot use it. Write the name without brackets.',
  IDENTIFIER_MAYBE_CUT:
    'The query has a fragment ("#…") or a piece without a name after the identifier: an unencoded "&" or "#" in the identifier may have cut it short. URL-encode the identifier.',
} as const;

/** What building a URL says about the expiry it wrote (beside the EXPIRY_AMBIGUOUS / EXPIRY_IN_GAP warnings). */
export const EBER_URL_NOTES = {
  EXPIRY_MOVED:
    '"Expires in N minutes" ended in the wall-clock time repeated when clocks go back, where one reading would leave less time than asked: the expiry was moved to the first wall-clock time after the repeat, which reads only one way.',
} as const;

export type EberVerifyCode = keyof typeof EBER_VERIFY_CODES;
export type EberVerifyWarning = keyof typeof EBER_VERIFY_WARNINGS;
export type EberUrlNote = keyof typeof EBER_URL_NOTES;
export type EberHint = keyof typeof EBER_HINTS;
