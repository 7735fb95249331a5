/** What an Eber verification returns: plain data, shown by the CLI and the UI alike. */
import type { EberHint, EberIdentifierType, EberVerifyCode } from './constants';
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
  messages: string[];
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
  details: EberVerifyDetails;
}
