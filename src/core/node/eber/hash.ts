import { Buffer } from 'node:buffer';
import { SignetInputError } from '../../common/errors';
import { prepareHmacSha256 } from '../hmac';
import { lastOnly } from '../memo';
import { EBER_IDENTIFIER_TYPES, type EberIdentifierType } from '../../common/eber/constants';
import { assertExpiryFormat } from '../../common/eber/expiry-format';

export interface EberHashInput {
  secret: string;
  identifierType: EberIdentifierType;
  identifier: string;
  /** `Y-m-d H:i:s` in the business time zone; omitted or empty for a link that never expires. */
  expiry?: string | null | undefined;
}

// Prepared once per secret: a batch hashes every URL with the same one.
const eberMac = lastOnly((secret: string) => prepareHmacSha256(Buffer.from(secret, 'utf8')));

/** PHP `hash_hmac('sha256', $identifier . $expiry, $secret)`: lowercase hex, key = the secret's bytes. */
export function eberDigest(secret: string, identifier: string, expiry: string): string {
  return eberMac(secret)(identifier + expiry, 'hex');
}

export function validateEberHashInput(input: EberHashInput): void {
  if (input.secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
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

export function hashEber(input: EberHashInput): string {
  validateEberHashInput(input);
  return eberDigest(input.secret, input.identifier, input.expiry ?? '');
}
