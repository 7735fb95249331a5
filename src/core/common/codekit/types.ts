import type { EberIdentifierType } from '../eber/constants';

export const CODE_LANGS = ['node', 'php', 'python', 'java', 'csharp', 'go', 'ruby', 'shell'] as const;
export type CodeLang = (typeof CODE_LANGS)[number];
export const CODE_ROLES = ['signer', 'verifier'] as const;
export type CodeRole = (typeof CODE_ROLES)[number];
export const CODE_SCHEMES = ['mmob', 'eber'] as const;
export type CodeScheme = (typeof CODE_SCHEMES)[number];
/** The environment variable a program reads its secret from unless told otherwise (CLI --secret-env, the app's field). */
export const DEFAULT_SECRET_ENV: Record<CodeScheme, string> = { mmob: 'MMOB_SECRET', eber: 'EBER_SECRET' };

/** What an mmob program embeds. The secret is never embedded: the program reads `secretEnv`. */
export interface MmobKitInputs {
  cpId: string;
  cpDeploymentId: string;
  /** The default email (a signer's first argument, a verifier's second, replaces it). */
  email: string;
  toleranceSeconds: number;
  secretEnv: string;
}

/** What an Eber program embeds. */
export interface EberKitInputs {
  identifierType: EberIdentifierType;
  /** The default identifier (the signer's first argument replaces it); may be empty. */
  identifier: string;
  /** ISO 3166 alpha-2 country for a phone identifier. */
  phoneCode: string;
  /** https origin, e.g. https://demo.eber.co */
  baseUrl: string;
  timezone: string;
  /** 0: the link never expires. */
  expiryMinutes: number;
  /** Empty: no hmac_locale. */
  locale: string;
  secretEnv: string;
}

export type CodeRequest =
  | { scheme: 'mmob'; lang: CodeLang; role: CodeRole; inputs: MmobKitInputs }
  | { scheme: 'eber'; lang: CodeLang; role: CodeRole; inputs: EberKitInputs };

export interface GeneratedCode {
  lang: CodeLang;
  role: CodeRole;
  scheme: CodeScheme;
  /** The file name the program expects (Java: the class name). */
  filename: string;
  code: string;
  /** How to run it (after writing `code` to `filename`), as shell commands. */
  run: string;
}
