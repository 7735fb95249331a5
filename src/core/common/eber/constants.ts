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
  IDENTIFIER_AMBIGUOUS: 'More than one identifier parameter (or one repeated): send exactly one.',
  PHONE_CODE_MISSING: 'hmac_phone needs phone_code, the country as an ISO 3166 code (e.g. MY).',
  EXPIRY_FORMAT: 'hmac_expiry_date must be "Y-m-d H:i:s" (e.g. 2030-01-15 09:30:00), a real date and time.',
  EXPIRED: "The expiry is in the past, read in the business's time zone: build a new URL.",
  LOCALE_UNSUPPORTED: `hmac_locale is not one of the ${EBER_LOCALE_CODES.length} locales Eber supports.`,
  HASH_MISSING: 'No hmac_hash parameter.',
  HASH_MALFORMED: 'hmac_hash must be 64 hexadecimal characters (HMAC-SHA256 as lowercase hex).',
  HASH_MISMATCH: 'hmac_hash does not match HMAC-SHA256(secret, identifier + expiry) for this secret.',
} as const;

export const EBER_HINTS = {
  PLUS_DECODED_AS_SPACE:
    'The "+" in the identifier was decoded as a space: a bare "+" in a query string means space. Encode it as %2B.',
  EXPIRY_NOT_HASHED:
    'The hash was computed over the identifier alone: append the expiry string, exactly as sent, before hashing.',
  SECRET_WHITESPACE: 'The secret differs by leading/trailing whitespace or a newline: trim it on both sides.',
  HASH_UPPERCASE: 'The hash is uppercase hex; PHP hash_hmac gives lowercase and the comparison is case-sensitive.',
  IDENTIFIER_CASE:
    'The identifier was hashed with different letter case than it was sent: hash exactly the string you send.',
} as const;

/** Valid, but risky: the verdict stays valid. Each explanation adds the readings of this expiry. */
export const EBER_VERIFY_WARNINGS = {
  EXPIRY_AMBIGUOUS:
    'hmac_expiry_date falls in the wall-clock time repeated when clocks go back, so it names two instants; PHP uses the first one shown. Choose an expiry outside the repeated time.',
  EXPIRY_IN_GAP:
    'hmac_expiry_date falls in the wall-clock time skipped when clocks go forward, so it does not exist; PHP still reads it, with the UTC offset in force before the change, as shown. Choose an expiry outside the gap.',
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
