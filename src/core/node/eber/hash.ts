import { Buffer } from 'node:buffer';
import { SignetInputError } from '../../common/errors';
import { prepareHmacSha256 } from '../hmac';
import { EBER_IDENTIFIER_TYPES, type EberIdentifierType } from '../../common/eber/constants';
import { assertExpiryFormat } from '../../common/eber/expiry-format';

/**
 * An Eber secret: text (its UTF-8 bytes are the key) or the key's bytes as read from a file — PHP's hash_hmac
 * uses the secret's bytes as they are, whether or not they are UTF-8.
 */
export type EberKey = string | Uint8Array;

/** The key's bytes (a copy). */
export function eberKeyBytes(secret: EberKey): Buffer {
  return typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
}

export interface EberHashInput {
  secret: EberKey;
  identifierType: EberIdentifierType;
  identifier: string;
  /** `Y-m-d H:i:s` in the business time zone; omitted or empty for a link that never expires. */
  expiry?: string | null | undefined;
}

/** What hashing takes besides the secret. */
export type EberHashRequest = Omit<EberHashInput, 'secret'>;

/** PHP `hash_hmac('sha256', $identifier . $expiry, $secret)` for one secret: lowercase hex. */
export type EberDigest = (identifier: string, expiry: string) => string;

/**
 * The digest for one secret with its HMAC prepared once (key = the secret's UTF-8 bytes): a batch hashes
 * every URL with the same secret. No checks: an empty secret is a valid (if useless) HMAC key here, as in
 * PHP; hashEber and createEberVerifier refuse it.
 */
export function prepareEberDigest(secret: EberKey): EberDigest {
  const mac = prepareHmacSha256(eberKeyBytes(secret));
  return (identifier, expiry) => mac(identifier + expiry, 'hex');
}

/** One-shot PHP `hash_hmac('sha256', $identifier . $expiry, $secret)`: lowercase hex, key = the secret's bytes. */
export function eberDigest(secret: EberKey, identifier: string, expiry: string): string {
  return prepareEberDigest(secret)(identifier, expiry);
}

export function validateEberHashInput(input: EberHashInput): void {
  if (input.secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  validateEberHashRequest(input);
}

/** validateEberHashInput without the secret's check (a verifier checked it when it was made). */
export function validateEberHashRequest(input: EberHashRequest): void {
  if (!EBER_IDENTIFIER_TYPES.includes(input.identifierType)) {
    throw new SignetInputError(
      'IDENTIFIER_TYPE',
      'The identifier type must be email, phone or customId.',
      'identifierType',
    );
  }
  if (input.identifier.length === 0) {
    throw new SignetInputError('IDENTIFIER_MISSING', `The ${input.identifierType} is empty.`, 'identifier');
  }
  if (input.expiry) assertExpiryFormat(input.expiry);
}

/** One-shot: prepares the secret for this call only. To hash many, hold a createEberVerifier(secret). */
export function hashEber(input: EberHashInput): string {
  validateEberHashInput(input);
  return eberDigest(input.secret, input.identifier, input.expiry ?? '');
}

/** hashEber with the secret's digest already prepared. */
export function hashPrepared(digest: EberDigest, input: EberHashRequest): string {
  validateEberHashRequest(input);
  return digest(input.identifier, input.expiry ?? '');
}
