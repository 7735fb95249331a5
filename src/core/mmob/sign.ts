import { randomBytes } from 'node:crypto';
import { decodeBase64Lenient, hmacSha256, isStrictBase64 } from '../encoding';
import { SignetInputError } from '../errors';
import { prepareHmacSha256, type PreparedHmac } from '../hmac';
import { NONCE_MAX, NONCE_MIN, type MmobSignWarning } from './codes';

export interface MmobFields {
  cpId: string;
  cpDeploymentId: string;
  email?: string | undefined;
}

export interface MmobSignInput extends MmobFields {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number | undefined;
  /** Defaults to 16 random bytes as hex, as in the vendor's example. */
  nonce?: string | undefined;
}

export interface MmobSignResult {
  signature: string;
  canonical: string;
  timestamp: number;
  nonce: string;
  warnings: MmobSignWarning[];
}

/** Timestamps at or above this are almost certainly milliseconds (year 5138 in seconds). */
export const MILLISECONDS_THRESHOLD = 100_000_000_000;

export function canonicalString(timestamp: string | number, fields: MmobFields, nonce: string): string {
  return `${timestamp}:${fields.cpId}:${fields.cpDeploymentId}:${fields.email ?? ''}:${nonce}`;
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

export interface MmobKeyMac {
  secret: string;
  key: Buffer;
  mac: PreparedHmac;
}

// The last secret's key and prepared MAC. A batch verifies up to millions of records with one secret;
// decoding it and preparing the HMAC pads once instead of per record is a third of the per-record cost.
// It lives only in the process that already holds the secret (main, CLI, a batch worker).
let lastKeyMac: MmobKeyMac | undefined;

/** mmobKey(secret) with its prepared HMAC, reused while the secret stays the same. */
export function mmobKeyMac(secret: string): MmobKeyMac {
  if (lastKeyMac?.secret === secret) return lastKeyMac;
  const key = mmobKey(secret);
  lastKeyMac = { secret, key, mac: prepareHmacSha256(key) };
  return lastKeyMac;
}

export function macBase64(key: Uint8Array | string, canonical: string): string {
  return hmacSha256(key, canonical).toString('base64');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function signMmob(input: MmobSignInput): MmobSignResult {
  const key = mmobKey(input.secret);
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
  if (!isStrictBase64(input.secret)) warnings.push('SECRET_NOT_CANONICAL_BASE64');
  if (nonce.length < NONCE_MIN || nonce.length > NONCE_MAX) warnings.push('NONCE_LENGTH');
  if (timestamp >= MILLISECONDS_THRESHOLD) warnings.push('TIMESTAMP_LOOKS_LIKE_MILLISECONDS');
  if ([input.cpId, input.cpDeploymentId, input.email ?? ''].some((f) => f.includes(':'))) {
    warnings.push('FIELD_CONTAINS_COLON');
  }

  const canonical = canonicalString(timestamp, input, nonce);
  return { signature: `${timestamp}:${macBase64(key, canonical)}:${nonce}`, canonical, timestamp, nonce, warnings };
}
