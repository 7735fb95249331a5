/** The mmob signature's canonical string and result shapes: plain data, browser-safe. */
import type { Explanation } from '../explain';
import type { MmobHint, MmobSignWarning, MmobVerifyCode } from './codes';

export interface MmobFields {
  cpId: string;
  cpDeploymentId: string;
  email?: string | undefined;
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

export interface MmobVerifyDetails {
  /** One sentence: the verdict and its main reason. */
  summary: string;
  /** One actionable sentence per code and hint, in order, as `CODE: sentence` (the CLI's text form). */
  messages: string[];
  /** The same sentences as data, for a UI: one per code, then one per hint. */
  explanations: Explanation[];
  /** The canonical string the verifier expected the signer to sign. */
  canonical: string;
  timestamp: number | null;
  /** now − timestamp in seconds (negative when the timestamp is ahead). */
  ageSeconds: number | null;
  toleranceSeconds: number;
  nonce: string | null;
  nonceLength: number | null;
  /** The signature this secret produces for the same timestamp and nonce. */
  expectedSignature: string | null;
  /** The label of the other secret (request `alternates`) that reproduces the value, when one does. */
  signedWith?: string;
}

/** Another secret to try when this one's mistakes explain nothing (a saved profile, an environment variable). */
export interface MmobAlternateSecret {
  label: string;
  secret: string;
}

export interface MmobVerifyResult {
  valid: boolean;
  codes: MmobVerifyCode[];
  hints: MmobHint[];
  /** About the secret, not the signature: they never change the verdict (kind 'warning'). */
  warnings: Explanation[];
  details: MmobVerifyDetails;
}
