/**
 * The code kit: a complete signer or verifier for mmob or Eber in one of eight languages, as text (browser-safe:
 * the app can show it). Inputs are embedded as escaped literals (literals.ts); the secret never is.
 * Proven by codekit.run.test.ts, which runs every program with the real toolchains against Signet's own results.
 */
import { SignetInputError } from '../errors';
import { EBER_IDENTIFIER_TYPES, EBER_LOCALE_CODES, isEberLocale } from '../eber/constants';
import { assertTimezone } from '../eber/expiry';
import { EBER_FILES, eberProgram } from './eber';
import { runCommand } from './langs';
import { MMOB_FILES, mmobProgram } from './mmob';
import type { CodeRequest, EberKitInputs, GeneratedCode, MmobKitInputs } from './types';

export * from './types';
export { literal } from './literals';

/** Values embedded in generated code: any text but NUL (no shell can hold it) and lone surrogates (no UTF-8). */
function assertEmbeddable(value: string, field: string): void {
  if (value.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value))
    throw new SignetInputError(
      'INVALID_INPUT',
      `The ${field} contains NUL or a lone surrogate, which generated code cannot carry.`,
      field,
    );
}

function assertSecretEnv(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
    throw new SignetInputError(
      'SECRET_ENV_NAME',
      `"${name.slice(0, 40)}" is not an environment variable name.`,
      'secretEnv',
    );
}

function checkMmob(i: MmobKitInputs): void {
  for (const f of ['cpId', 'cpDeploymentId'] as const)
    if (i[f].length === 0) throw new SignetInputError('FIELD_REQUIRED', `${f} is required.`, f);
  for (const f of ['cpId', 'cpDeploymentId', 'email'] as const) assertEmbeddable(i[f], f);
  if (!Number.isSafeInteger(i.toleranceSeconds) || i.toleranceSeconds < 0)
    throw new SignetInputError(
      'TOLERANCE_INVALID',
      'The tolerance must be a whole number of seconds ≥ 0.',
      'toleranceSeconds',
    );
  assertSecretEnv(i.secretEnv);
}

/** An https origin, normalised as URL reads it (host lowercased, no trailing slash). */
export function kitOrigin(baseUrl: string): string {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    throw new SignetInputError('BASE_URL_INVALID', `The base URL "${baseUrl.slice(0, 80)}" is not a URL.`, 'baseUrl');
  }
  if (u.protocol !== 'https:')
    throw new SignetInputError('BASE_URL_NOT_HTTPS', 'The base URL must use https.', 'baseUrl');
  if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)
    throw new SignetInputError(
      'BASE_URL_INVALID',
      'The base URL must be an origin only, like https://demo.eber.co.',
      'baseUrl',
    );
  return u.origin;
}

function checkEber(i: EberKitInputs): EberKitInputs {
  if (!EBER_IDENTIFIER_TYPES.includes(i.identifierType))
    throw new SignetInputError(
      'IDENTIFIER_TYPE',
      'The identifier type must be email, phone or customId.',
      'identifierType',
    );
  assertEmbeddable(i.identifier, 'identifier');
  const phoneCode = i.phoneCode.trim().toUpperCase();
  if (i.identifierType === 'phone' && !/^[A-Z]{2}$/.test(phoneCode))
    throw new SignetInputError(
      'PHONE_CODE_MISSING',
      'A phone identifier needs its country as a two-letter ISO 3166 code such as MY.',
      'phoneCode',
    );
  if (i.locale && !isEberLocale(i.locale))
    throw new SignetInputError(
      'LOCALE_UNSUPPORTED',
      `The locale is not supported; use one of: ${EBER_LOCALE_CODES.join(', ')}.`,
      'locale',
    );
  assertTimezone(i.timezone);
  if (!Number.isSafeInteger(i.expiryMinutes) || i.expiryMinutes < 0 || i.expiryMinutes > 525_600)
    throw new SignetInputError(
      'EXPIRY_MINUTES',
      'Minutes until expiry must be 0 (no expiry) to 525600 (one year).',
      'expiryMinutes',
    );
  assertSecretEnv(i.secretEnv);
  return { ...i, phoneCode: i.identifierType === 'phone' ? phoneCode : '', baseUrl: kitOrigin(i.baseUrl) };
}

/** The program for a request; throws SignetInputError for unusable inputs or a combination that has no program. */
export function generateCode(req: CodeRequest): GeneratedCode {
  if (req.lang === 'shell' && req.role === 'verifier')
    throw new SignetInputError(
      'CODE_KIT_UNSUPPORTED',
      'The shell kit is a signer only: verify with another language (a verifier needs a constant-time compare, which sh lacks).',
      'role',
    );
  if (req.scheme === 'mmob') {
    checkMmob(req.inputs);
    const filename = MMOB_FILES[req.lang][req.role];
    return {
      scheme: 'mmob',
      lang: req.lang,
      role: req.role,
      filename,
      code: mmobProgram(req.lang, req.role, req.inputs),
      run: runCommand(req.lang, filename, req.inputs.secretEnv),
    };
  }
  const inputs = checkEber(req.inputs);
  const filename = EBER_FILES[req.lang][req.role];
  return {
    scheme: 'eber',
    lang: req.lang,
    role: req.role,
    filename,
    code: eberProgram(req.lang, req.role, inputs),
    run: runCommand(req.lang, filename, inputs.secretEnv),
  };
}
