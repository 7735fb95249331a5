import { decodeBase64Lenient, isStrictBase64 } from '../encoding';
import { SignetInputError } from '../../common/errors';
import { nodeCrypto, prepareHmacSha256, type PreparedHmac } from '../hmac';
import { NONCE_MAX, NONCE_MIN, type MmobSignWarning } from '../../common/mmob/codes';
import {
  canonicalString,
  MILLISECONDS_THRESHOLD,
  type MmobFields,
  type MmobSignResult,
} from '../../common/mmob/signature';

export { canonicalString, MILLISECONDS_THRESHOLD, type MmobFields, type MmobSignResult };

export interface MmobSignInput extends MmobFields {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number | undefined;
  /** Defaults to 16 random bytes as hex, as in the vendor's example. */
  nonce?: string | undefined;
}

/**
 * The HMAC key exactly as the vendor derives it. Throws for a secret that yields no key at all,
 * because an HMAC with an empty key "works" and hides the mistake.
 */
export function mmobKey(secret: string): Buffer {
  if (secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  const key = decodeBase64Lenient(secret);
  if (key.length === 0) {
    throw new SignetInputError(
      'SECRET_NOT_BASE64',
      'The secret decodes to zero bytes as base64; mmob secrets are base64 strings.',
      'secret',
    );
  }
  return key;
}

/** What signing takes besides the secret. */
export type MmobSignRequest = Omit<MmobSignInput, 'secret'>;

/**
 * A secret with its key (mmobKey) decoded and its HMAC prepared, once. Held by createMmobVerifier, which
 * signs and verifies many records with it: decoding the secret and preparing the pads per record would
 * cost a third of each verify. Throws as mmobKey does.
 */
export interface PreparedMmobSecret {
  /** Kept for what only signing or a mismatch needs (the canonical-base64 warning, the key variants). */
  readonly secret: string;
  /** The decoded key (mmobKey), for the mistake finder's other algorithms. */
  readonly key: Buffer;
  readonly mac: PreparedHmac;
}

export function prepareMmobSecret(secret: string): PreparedMmobSecret {
  const key = mmobKey(secret);
  return { secret, key, mac: prepareHmacSha256(key) };
}

export function newNonce(): string {
  return nodeCrypto().randomBytes(16).toString('hex');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** One-shot: prepares the secret for this call only. To sign many, hold a createMmobVerifier(secret). */
export function signMmob(input: MmobSignInput): MmobSignResult {
  return signPrepared(prepareMmobSecret(input.secret), input);
}

/** signMmob with the secret already prepared (the secret's errors were thrown when it was prepared). */
export function signPrepared(prepared: PreparedMmobSecret, input: MmobSignRequest): MmobSignResult {
  for (const field of ['cpId', 'cpDeploymentId'] as const) {
    if (input[field].length === 0) throw new SignetInputError('FIELD_REQUIRED', `${field} is required.`, field);
  }
  const timestamp = input.timestamp ?? nowSeconds();
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new SignetInputError(
      'TIMESTAMP_INVALID',
      'The timestamp must be a whole, non-negative number of Unix seconds.',
      'timestamp',
    );
  }
  const nonce = input.nonce ?? newNonce();
  if (nonce.length === 0) throw new SignetInputError('NONCE_EMPTY', 'The nonce is empty.', 'nonce');
  if (nonce.includes(':')) {
    throw new SignetInputError(
      'NONCE_INVALID',
      'The nonce must not contain ":", which separates the signature parts.',
      'nonce',
    );
  }

  const warnings: MmobSignWarning[] = [];
  if (!isStrictBase64(prepared.secret)) warnings.push('SECRET_NOT_CANONICAL_BASE64');
  if (nonce.length < NONCE_MIN || nonce.length > NONCE_MAX) warnings.push('NONCE_LENGTH');
  if (timestamp >= MILLISECONDS_THRESHOLD) warnings.push('TIMESTAMP_LOOKS_LIKE_MILLISECONDS');
  if ([input.cpId, input.cpDeploymentId, input.email ?? ''].some((f) => f.includes(':'))) {
    warnings.push('FIELD_CONTAINS_COLON');
  }

  const canonical = canonicalString(timestamp, input, nonce);
  return { signature: `${timestamp}:${prepared.mac(canonical, 'base64')}:${nonce}`, canonical, timestamp, nonce, warnings };
}
