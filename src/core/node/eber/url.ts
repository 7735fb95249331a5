import { SignetInputError } from '../../common/errors';
import type { Explanation } from '../../common/explain';
import { EBER_IDENTIFIER_PARAMS, EBER_LOCALE_CODES, EBER_LOGIN_PATH, isEberLocale } from '../../common/eber/constants';
import { hashEber, type EberHashInput } from './hash';

export interface EberUrlInput extends EberHashInput {
  /** Any https origin: https://{business}.eber.co or the business's own domain. */
  baseUrl: string;
  /** ISO 3166 alpha-2 country of a phone identifier, e.g. MY. */
  phoneCode?: string | null | undefined;
  locale?: string | null | undefined;
  /**
   * What resolving the expiry found (resolveExpiryWithNotes in core/common/options): a moved "expires in N
   * minutes", or a fixed expiry in a repeated hour or a DST gap. Carried into the result unchanged; taken
   * as input so building a URL never loads the time-zone library itself.
   */
  expiryNotes?: readonly Explanation[] | undefined;
}

export interface EberUrlResult {
  url: string;
  hash: string;
  /** Notes about the expiry written (kind "warning"), for the CLI to print and the app to show; often empty. */
  notes: Explanation[];
}

/** Validates a business base URL and returns its origin. */
export function eberOrigin(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl.trim());
  } catch {
    throw new SignetInputError(
      'BASE_URL_INVALID',
      `The base URL "${baseUrl.slice(0, 80)}" is not a URL; use e.g. https://demo.eber.co.`,
      'baseUrl',
    );
  }
  if (parsed.protocol !== 'https:') {
    throw new SignetInputError(
      'BASE_URL_NOT_HTTPS',
      `The base URL must use https (got ${parsed.protocol.replace(':', '')}).`,
      'baseUrl',
    );
  }
  if (parsed.username || parsed.password) {
    throw new SignetInputError('BASE_URL_INVALID', 'The base URL must not contain a user name or password.', 'baseUrl');
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) {
    throw new SignetInputError(
      'BASE_URL_INVALID',
      `The base URL must be an origin only, like https://demo.eber.co (remove "${(parsed.pathname + parsed.search + parsed.hash).slice(0, 60)}").`,
      'baseUrl',
    );
  }
  return parsed.origin;
}

export function buildEberUrl(input: EberUrlInput): EberUrlResult {
  const origin = eberOrigin(input.baseUrl);
  const hash = hashEber(input);
  const phoneCode = input.phoneCode?.trim() ?? '';
  if (input.identifierType === 'phone' && !/^[A-Za-z]{2}$/.test(phoneCode)) {
    throw new SignetInputError(
      'PHONE_CODE_MISSING',
      phoneCode
        ? `The phone code "${phoneCode.slice(0, 10)}" is not a two-letter ISO 3166 country code such as MY.`
        : 'A phone number needs its country: give the phone code as a two-letter ISO 3166 code such as MY.',
      'phoneCode',
    );
  }
  if (input.locale && !isEberLocale(input.locale)) {
    throw new SignetInputError(
      'LOCALE_UNSUPPORTED',
      `The locale "${input.locale.slice(0, 20)}" is not supported; use one of: ${EBER_LOCALE_CODES.join(', ')}.`,
      'locale',
    );
  }

  // URLSearchParams writes application/x-www-form-urlencoded, so a "+" becomes %2B and a space "+".
  const params = new URLSearchParams();
  params.set(EBER_IDENTIFIER_PARAMS[input.identifierType], input.identifier);
  params.set('hmac_hash', hash);
  if (input.expiry) params.set('hmac_expiry_date', input.expiry);
  if (input.locale) params.set('hmac_locale', input.locale);
  if (input.identifierType === 'phone') params.set('phone_code', phoneCode.toUpperCase());
  return { url: `${origin}${EBER_LOGIN_PATH}?${params.toString()}`, hash, notes: [...(input.expiryNotes ?? [])] };
}
