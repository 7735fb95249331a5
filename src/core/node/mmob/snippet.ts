import { MMOB_SECURITY_LEVELS, MMOB_SIGNED_LEVELS } from '../../common/mmob/codes';
import { SignetInputError } from '../../common/errors';
import { isIsoDate, renderBootSnippet, type SnippetInput, type SnippetResult } from '../../common/mmob/snippet';
import { signMmob } from './sign';

export {
  CUSTOMER_INFO_FIELDS,
  isIsoDate,
  renderBootSnippet,
  scriptSafeJson,
  type CustomerInfo,
  type SnippetInput,
  type SnippetResult,
} from '../../common/mmob/snippet';

/**
 * The vendor boot snippet, ready to paste, with a fresh signature when the security level needs one.
 * customerInfo carries the customer's details plus cp_deployment_id, location, signature (signed levels
 * only) and marketplace_url; the signature covers the customerInfo email exactly as written there.
 */
export function buildBootSnippet(input: SnippetInput): SnippetResult {
  if (!Object.hasOwn(MMOB_SECURITY_LEVELS, input.securityLevel)) {
    throw new SignetInputError('SECURITY_LEVEL', `The security level must be one of ${Object.keys(MMOB_SECURITY_LEVELS).join(', ')}.`, 'securityLevel');
  }
  if (!input.cpDeploymentId) throw new SignetInputError('FIELD_REQUIRED', 'cp_deployment_id is required.', 'cpDeploymentId');
  if (input.marketplaceUrl) {
    let url: URL | null = null;
    try {
      url = new URL(input.marketplaceUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:') {
      throw new SignetInputError('MARKETPLACE_URL', 'marketplace_url must be an https URL, e.g. https://marketplace.example.com.', 'marketplaceUrl');
    }
  }
  if (input.customerInfo.dob && !isIsoDate(input.customerInfo.dob)) {
    throw new SignetInputError('DOB_FORMAT', 'dob must be an ISO 8601 date (YYYY-MM-DD), e.g. 1978-12-06.', 'dob');
  }

  let signature: string | null = null;
  let canonical: string | null = null;
  if (MMOB_SIGNED_LEVELS.includes(input.securityLevel)) {
    if (!input.secret) throw new SignetInputError('SECRET_REQUIRED', `${input.securityLevel} needs a signature: choose a profile or enter the secret.`, 'secret');
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

  return { snippet: renderBootSnippet(input, signature), signature, canonical };
}
