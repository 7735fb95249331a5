/** A QA test pack: plain data, browser-safe, so the renderer can show it and any front end can format it. */

export type PackScheme = 'mmob' | 'eber';

/** What a verifier (Signet, or the vendor's server) answers to a case. */
export interface PackExpected {
  valid: boolean;
  codes: string[];
  hints: string[];
  /** Eber only: valid-but-risky findings (EXPIRY_AMBIGUOUS); never make a case invalid. */
  warnings: string[];
}

export type PackCaseKind = 'valid' | 'mistake' | 'time' | 'replay';

export interface PackCase {
  /** Unique in the pack, e.g. "valid", "mistake-SECRET_USED_AS_TEXT", "time-stale-over". */
  id: string;
  kind: PackCaseKind;
  /** The catalogue hint this case injects (mistakes only). */
  hint: string | null;
  /** One line for a QA checklist. */
  description: string;
  expected: PackExpected;
  /** mmob: the signature and the fields it is verified against. */
  signature?: string;
  cpId?: string;
  cpDeploymentId?: string;
  email?: string;
  /** Eber: the login URL. */
  url?: string;
  /** The clock the expected verdict holds at: mmob Unix seconds, Eber an ISO 8601 instant. */
  now: number | string;
  /**
   * For the page's live countdown (epoch ms): when the case stops (or starts) being what a server would
   * accept. Null when time does not change the verdict.
   */
  countdown: { at: number; label: string } | null;
  /**
   * Set on the replayed nonce: the id of the case whose signature it repeats. A server that remembers nonces
   * refuses it; `signet verify-batch` judges each line alone, so it answers as for that case.
   */
  replayOf?: string;
}

export interface Pack {
  scheme: PackScheme;
  /** ISO 8601 instant the pack was generated at (every case's `now`). */
  generatedAt: string;
  /** What the cases sign (never the secret). */
  identity: Record<string, string>;
  /** mmob: the tolerance the verdicts assume. */
  toleranceSeconds?: number;
  /** Eber: the business time zone the verdicts assume. */
  timezone?: string;
  cases: PackCase[];
  /** Cases the catalogue could not make for this identity or zone, and why. */
  skipped: { id: string; reason: string }[];
}
