import { MMOB_SECURITY_LEVELS, MMOB_SIGNATURE_REQUIRED_LEVELS, mmobSignatureWanted } from '../../common/mmob/codes';
import { SignetInputError } from '../../common/errors';
import {
  isIsoDob,
  renderBootForm,
  renderBootSnippet,
  type BootResult,
  type SnippetInput,
} from '../../common/mmob/snippet';
import { signMmob } from './sign';

export {
  CUSTOMER_INFO_FIELDS,
  DOB_PATTERN,
  isIsoDate,
  isIsoDob,
  renderBootForm,
  renderBootSnippet,
  scriptSafeJson,
  type BootForm,
  type BootResult,
  type CustomerInfo,
  type FormField,
  type SnippetInput,
  type SnippetResult,
} from '../../common/mmob/snippet';

/**
 * The vendor's boot, ready to use, with a fresh signature when the level sends one: the integration docs'
 * snippet (script tag, then mmob.init with cp_id, cp_deployment_id, location, marketplace_url and signature
 * beside customerInfo) and the React component's /boot form. The signature covers the customerInfo email
 * exactly as written there.
 */
export function buildBootSnippet(input: SnippetInput): BootResult {
  if (!Object.hasOwn(MMOB_SECURITY_LEVELS, input.securityLevel)) {
    throw new SignetInputError(
      'SECURITY_LEVEL',
      `The security level must be one of ${Object.keys(MMOB_SECURITY_LEVELS).join(', ')}.`,
      'securityLevel',
    );
  }
  if (!input.cpDeploymentId)
    throw new SignetInputError('FIELD_REQUIRED', 'cp_deployment_id is required.', 'cpDeploymentId');
  if (input.marketplaceUrl) {
    let url: URL | null = null;
    try {
      url = new URL(input.marketplaceUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:') {
      throw new SignetInputError(
        'MARKETPLACE_URL',
        'marketplace_url must be an https URL, e.g. https://marketplace.example.com.',
        'marketplaceUrl',
      );
    }
  }
  if (input.customerInfo.dob && !isIsoDob(input.customerInfo.dob)) {
    throw new SignetInputError(
      'DOB_FORMAT',
      'dob must be an ISO 8601 date or date-time, e.g. 1978-12-06 or 1968-05-30T21:12:22.275Z, naming a real day and time.',
      'dob',
    );
  }
  if (input.includeSignature === false && MMOB_SIGNATURE_REQUIRED_LEVELS.includes(input.securityLevel)) {
    throw new SignetInputError(
      'INVALID_INPUT',
      `${input.securityLevel} requires a signature; only SECURE_IDENTITY_DEBUG can boot without one.`,
      'includeSignature',
    );
  }

  let signature: string | null = null;
  let canonical: string | null = null;
  if (mmobSignatureWanted(input.securityLevel, input.includeSignature)) {
    if (!input.secret) {
      const message = MMOB_SIGNATURE_REQUIRED_LEVELS.includes(input.securityLevel)
        ? `${input.securityLevel} needs a signature: choose a profile or enter the secret.`
        : `${input.securityLevel} sends a signature unless told not to: choose a profile, enter the secret or leave the signature out.`;
      throw new SignetInputError('SECRET_REQUIRED', message, 'secret');
    }
    const signed = signMmob({
      secret: input.secret,
      cpId: input.cpId,
      cpDeploymentId: input.cpDeploymentId,
      email: input.customerInfo.email ?? '',
      timestamp: input.timestamp,
      nonce: input.nonce,
    });
    signature = signed.signature;
    canonical = signed.canonical;
  }

  return { snippet: renderBootSnippet(input, signature), ...renderBootForm(input, signature), signature, canonical };
}
