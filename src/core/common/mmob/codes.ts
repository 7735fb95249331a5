/**
 * Every code the mmob engine can emit, with the words shown to a developer. One table serves the
 * CLI, the desktop UI and the batch summary so a code always means the same thing everywhere.
 */
export const MMOB_VERIFY_CODES = {
  SIGNATURE_MALFORMED: 'The signature is not of the form "timestamp:base64(HMAC):nonce".',
  TIMESTAMP_INVALID: 'The timestamp part is not a whole number of Unix seconds.',
  TIMESTAMP_TOO_OLD: 'The signature is older than the tolerance; sign it again right before use.',
  TIMESTAMP_IN_FUTURE:
    "The timestamp is ahead of the verifier's clock by more than the tolerance; check the signer's clock.",
  NONCE_LENGTH:
    'The nonce must be 30 to 50 characters long (the vendor example is 16 random bytes as hex: 32 characters).',
  NONCE_REUSED: 'This nonce was already used; generate a fresh random nonce for every signature.',
  SIGNATURE_MISMATCH: 'The HMAC does not match the canonical string and secret given here.',
} as const;

export const MMOB_HINTS = {
  SECRET_USED_AS_TEXT:
    'The signer used the secret\'s text bytes as the key. Base64-decode the secret first (Node: Buffer.from(secret, "base64")).',
  SECRET_HEX_DECODED: 'The signer hex-decoded the secret. It is base64: decode it with a base64 decoder.',
  EMAIL_MISMATCH:
    'The signer used a different email (empty, trimmed or with other letter case). Sign exactly the email that goes into customerInfo.',
  FIELDS_SWAPPED:
    'The signer swapped cpId and cpDeploymentId in the canonical string: the order is ts:cpId:cpDeploymentId:email:nonce.',
  TIMESTAMP_IN_MILLISECONDS: 'The timestamp is in milliseconds. Use Unix seconds: Math.floor(Date.now() / 1000).',
  DIGEST_HEX: 'The MAC part is hex. Encode the raw HMAC bytes as standard base64 instead.',
  DIGEST_BASE64URL:
    'The MAC part uses url-safe base64 (- and _ or no padding). Use standard base64 with + / and = padding.',
  SECRET_TEXT_WITH_WHITESPACE:
    'The signer used the secret\'s text as the key, with a space, tab or line break (often "\\n" or "\\r\\n" read from a file or an environment variable) around it. Trim the secret, then base64-decode it.',
  SIGNED_WITH_OTHER_KEY:
    'The value was signed with another saved secret, not this one. Configure the signer with the secret of the profile (or environment) that verifies it.',
  HMAC_ARGUMENTS_SWAPPED:
    'The signer swapped the HMAC key and the message: the key is the decoded secret and the message is the canonical string (Node: createHmac("sha256", key).update(canonical); PHP: hash_hmac("sha256", canonical, key, true)).',
  ALGORITHM_SHA1: 'The signer used HMAC-SHA1. Use HMAC-SHA256 (Node: createHmac("sha256", key)).',
  ALGORITHM_SHA512: 'The signer used HMAC-SHA512. Use HMAC-SHA256 (Node: createHmac("sha256", key)).',
  ALGORITHM_MD5: 'The signer used HMAC-MD5. Use HMAC-SHA256 (Node: createHmac("sha256", key)).',
  DIGEST_BASE64_OF_HEX:
    'The MAC part is the base64 of the hex digest (88 characters). Base64-encode the raw HMAC bytes (Node: digest("base64"); PHP: hash_hmac(..., true)), not the hex text.',
  EMAIL_SEGMENT_DROPPED:
    'The signer left out the empty email segment. Keep it: with no email the canonical string is ts:cpId:cpDeploymentId::nonce (two colons).',
  EMAIL_NULL_LITERAL:
    'The signer wrote a missing email as the text None, null or undefined. Sign an empty string instead (Python: email or ""; JavaScript: email ?? "").',
  MESSAGE_TRAILING_NEWLINE:
    'The signer\'s message ends with a line break ("\\n" or "\\r\\n"), as echo, a heredoc or a file adds. Sign the canonical string with nothing after the nonce (printf \'%s\', echo -n).',
  MESSAGE_LATIN1:
    'The signer encoded the message as Latin-1 (ISO-8859-1). Encode it as UTF-8 (Java: getBytes(StandardCharsets.UTF_8); PHP: mb_convert_encoding(..., "UTF-8")).',
  EMAIL_UNICODE_NORMALIZATION:
    'The signer\'s email is in another Unicode normalization form (NFC vs NFD: an accent as one character or as a letter plus a combining mark). Sign exactly the characters of the email that goes into customerInfo.',
  TIMESTAMP_OFF_BY_HOURS:
    'The timestamp is off by a whole time-zone offset: the signer took local time as if it were UTC. Use Unix seconds, which do not depend on the time zone (Node: Math.floor(Date.now() / 1000); Python: int(time.time())).',
} as const;

/** Warnings about a verify that do not change its verdict (the result's `warnings`). */
export const MMOB_VERIFY_WARNINGS = {
  SECRET_NOT_CANONICAL_BASE64:
    "The secret is not strict standard base64. Node (the vendor) decodes it leniently; strict RFC 4648 decoders refuse it or derive a different key, so a signer in another language may not match.",
} as const;
export type MmobVerifyWarning = keyof typeof MMOB_VERIFY_WARNINGS;

export const MMOB_SIGN_WARNINGS = {
  SECRET_NOT_CANONICAL_BASE64:
    "The secret is not strict standard base64 (url-safe characters, whitespace, missing padding or non-zero leftover bits). Node decodes it leniently, but other languages' decoders may derive a different key.",
  NONCE_LENGTH: 'The nonce is not 30 to 50 characters long; verifiers will reject this signature.',
  TIMESTAMP_LOOKS_LIKE_MILLISECONDS: 'The timestamp looks like milliseconds; the scheme uses Unix seconds.',
  FIELD_CONTAINS_COLON: 'A field contains ":", the canonical string\'s separator, so the signed string is ambiguous.',
} as const;

export type MmobVerifyCode = keyof typeof MMOB_VERIFY_CODES;
export type MmobHint = keyof typeof MMOB_HINTS;
export type MmobSignWarning = keyof typeof MMOB_SIGN_WARNINGS;

/** The vendor's security levels, described as the vendor describes them. */
export const MMOB_SECURITY_LEVELS = {
  Basic: 'No signature: the customer is identified only by the customerInfo the page passes in.',
  CSP: 'As Basic, with the marketplace served under a Content Security Policy; no signature.',
  SECURE_IDENTITY:
    'Every boot must carry a fresh signature over the customerInfo email; unsigned or stale boots are refused.',
  SECURE_IDENTITY_DEBUG:
    'Similar to Basic, but generates a debugging response: a signature is optional, and the response reports on the one sent. For integration testing only.',
} as const;
export type MmobSecurityLevel = keyof typeof MMOB_SECURITY_LEVELS;
/**
 * The levels at which a boot carries a signature by default, so a front end asks for the secret:
 * SECURE_IDENTITY always (it requires one), SECURE_IDENTITY_DEBUG unless the integrator opts out
 * (there it is optional; the debugging response reports on it). See mmobSignatureWanted.
 */
export const MMOB_SIGNED_LEVELS: readonly MmobSecurityLevel[] = ['SECURE_IDENTITY', 'SECURE_IDENTITY_DEBUG'];
/** The levels whose boots the vendor refuses without a signature. */
export const MMOB_SIGNATURE_REQUIRED_LEVELS: readonly MmobSecurityLevel[] = ['SECURE_IDENTITY'];
/** The levels at which a signature may be left out of the boot, though one can be sent. */
export const MMOB_SIGNATURE_OPTIONAL_LEVELS: readonly MmobSecurityLevel[] = ['SECURE_IDENTITY_DEBUG'];

/**
 * Whether a boot at this level carries a signature (and so needs the secret): always at SECURE_IDENTITY,
 * never at Basic or CSP, and at SECURE_IDENTITY_DEBUG unless includeSignature is false (default true).
 */
export function mmobSignatureWanted(level: MmobSecurityLevel, includeSignature = true): boolean {
  if (MMOB_SIGNATURE_REQUIRED_LEVELS.includes(level)) return true;
  return MMOB_SIGNATURE_OPTIONAL_LEVELS.includes(level) && includeSignature;
}

export const NONCE_MIN = 30;
export const NONCE_MAX = 50;
