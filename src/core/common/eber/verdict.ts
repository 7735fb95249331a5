/** What an Eber verification returns: plain data, shown by the CLI and the UI alike. */
import type { Explanation } from '../explain';
import type { EberHint, EberIdentifierType, EberVerifyCode, EberVerifyWarning } from './constants';
import type { ExpiryViews } from './expiry';

export interface EberParameter {
  name: string;
  /** As written in the URL. */
  raw: string;
  /** As the server decodes it (form encoding: "+" is a space). */
  decoded: string;
}

export interface EberVerifyDetails {
  summary: string;
  /** One actionable sentence per code, hint and warning, in order, as `CODE: sentence` (the CLI's text form). */
  messages: string[];
  /** The same sentences as data, for a UI: one per code, then one per hint, then one per warning. */
  explanations: Explanation[];
  parameters: EberParameter[];
  identifierType: EberIdentifierType | null;
  identifier: string | null;
  phoneCode: string | null;
  expiry: string | null;
  expiryViews: ExpiryViews | null;
  /** Seconds until expiry (negative once expired). */
  secondsUntilExpiry: number | null;
  locale: string | null;
  /** The exact string that is HMAC'd: identifier + expiry. */
  message: string | null;
  expectedHash: string | null;
}

export interface EberVerifyResult {
  valid: boolean;
  codes: EberVerifyCode[];
  hints: EberHint[];
  /** Valid-but-risky findings (EXPIRY_AMBIGUOUS, EXPIRY_IN_GAP); they never make a URL invalid. */
  warnings: EberVerifyWarning[];
  details: EberVerifyDetails;
}
