import { Buffer } from 'node:buffer';
import { constantTimeEqualStrings, isStrictBase64 } from '../encoding';
import { alternateKeys, findMistake, mistakenKeys, type FoundMistake, type KeyVariant } from './finder';
import { formatDuration, preview } from '../../common/format';
import type { Explanation } from '../../common/explain';
import { messagesOf } from '../explain';
import { DEFAULT_TOLERANCE_SECONDS } from '../../common/product';
import {
  MMOB_HINTS,
  MMOB_VERIFY_CODES,
  MMOB_VERIFY_WARNINGS,
  NONCE_MAX,
  NONCE_MIN,
  type MmobHint,
  type MmobVerifyCode,
} from '../../common/mmob/codes';
import type { MmobAlternateSecret, MmobSignResult, MmobVerifyResult } from '../../common/mmob/signature';
import {
  canonicalString,
  MILLISECONDS_THRESHOLD,
  nowSeconds,
  prepareMmobSecret,
  signPrepared,
  type MmobFields,
  type MmobSignRequest,
  type PreparedMmobSecret,
} from './sign';

export interface MmobVerifyInput extends MmobFields {
  signature: string;
  secret: string;
  /** Unix seconds; defaults to now. */
  now?: number | undefined;
  toleranceSeconds?: number | undefined;
  /** Nonces the verifier has already accepted (replay protection). Not modified. */
  seenNonces?: ReadonlySet<string> | undefined;
  /**
   * Other secrets (saved profiles, environment variables) to try only when this secret's own mistakes
   * reproduce nothing: a match is named SIGNED_WITH_OTHER_KEY with the alternate's label. Their secrets
   * never appear in the result.
   */
  alternates?: readonly MmobAlternateSecret[] | undefined;
}

/** What verifying takes besides the secret. */
export type MmobVerifyRequest = Omit<MmobVerifyInput, 'secret'>;

export type { MmobVerifyDetails, MmobVerifyResult } from '../../common/mmob/signature';

/**
 * One mmob secret, prepared once: its decoded key as a prepared HMAC, and (on the first mismatch) the
 * keys an integrator may have used by mistake. Meant to be held by whoever signs or verifies many
 * records with one secret (a batch, the app); the one-shot signMmob / verifyMmob make one per call.
 * Verifiers share no state, so any number of them, for any secrets, may be used in any order.
 */
export interface MmobVerifier {
  /** signMmob with this verifier's secret. */
  sign(input: MmobSignRequest): MmobSignResult;
  /** verifyMmob with this verifier's secret. */
  verify(input: MmobVerifyRequest): MmobVerifyResult;
  /**
   * verify's valid, codes, hints and summary only, exactly as verify gives them, without the details
   * (explanations, expected signature, warnings): what a batch writes for each record.
   */
  verdict(input: MmobVerifyRequest): MmobVerdict;
}

/** The part of a verify result a batch line holds. */
export interface MmobVerdict {
  valid: boolean;
  codes: MmobVerifyCode[];
  hints: MmobHint[];
  summary: string;
}

export interface MmobVerifierOptions {
  /**
   * How many mistakes together the finder tries on a mismatch (another key counts as one more): 2 (the
   * default) names any pair; 1 only single mistakes, about a tenth of the cost of an unexplained mismatch
   * (72 HMACs against 13, counted on the bench data), for a caller that verifies millions of records and must bound their cost.
   */
  maxMistakes?: 1 | 2;
}

/** Throws SignetInputError (SECRET_EMPTY, SECRET_NOT_BASE64) for a secret that yields no key. */
export function createMmobVerifier(secret: string, options: MmobVerifierOptions = {}): MmobVerifier {
  const maxMistakes = options.maxMistakes ?? 2;
  const prepared = prepareMmobSecret(secret);
  // Made on the first mismatch, not here: a one-shot verify of a valid signature, and a batch of valid
  // records, never need them, and each is an HMAC to prepare. Then kept: a batch has many mismatches.
  let variants: KeyVariant[] | undefined;
  const keyVariants = (): KeyVariant[] => (variants ??= mistakenKeys(prepared.secret, prepared.key, prepared.mac));
  const warnings = secretWarnings(secret, prepared.key);
  return {
    sign: (input) => signPrepared(prepared, input),
    verify: (input) => resultOf(judge(prepared, keyVariants, maxMistakes, input), warnings),
    verdict: (input) => verdictOf(judge(prepared, keyVariants, maxMistakes, input)),
  };
}

/** One-shot: prepares the secret for this call only. To verify many, hold a createMmobVerifier(secret). */
export function verifyMmob(input: MmobVerifyInput): MmobVerifyResult {
  return createMmobVerifier(input.secret).verify(input);
}

/** Longer signatures are refused unread: a real one is under 150 characters. */
export const MAX_SIGNATURE_LENGTH = 4096;

/**
 * The SECRET_NOT_CANONICAL_BASE64 warning for a secret that strict decoders read differently, with the
 * key length Node derives and what each common decoder does instead. Computed once per verifier.
 */
export function secretWarnings(secret: string, key: Buffer): Explanation[] {
  if (isStrictBase64(secret)) return [];
  const reasons: string[] = [];
  const others = new Set<string>();
  if (/[-_]/.test(secret)) {
    reasons.push('url-safe characters (- _)');
    others.add(
      'Python base64.b64decode(s, validate=True), Java Base64.getDecoder() and Go base64.StdEncoding refuse it',
    );
    others.add("Python's b64decode(s) without validate drops those characters and derives a different key");
  }
  if (/\s/.test(secret)) {
    reasons.push('whitespace');
    others.add(
      'Python b64decode(validate=True) and Java Base64.getDecoder() refuse whitespace; Go StdEncoding skips only \\r and \\n',
    );
  }
  if (/[^A-Za-z0-9+/=\s_-]/.test(secret)) {
    reasons.push('characters outside base64');
    others.add('strict decoders refuse characters outside the alphabet, which Node skips');
  }
  const body = secret.replace(/[^A-Za-z0-9+/_-]/g, '');
  if (body.length % 4 !== 0 && !secret.includes('=')) {
    reasons.push('missing "=" padding');
    others.add('Python b64decode and Go StdEncoding refuse missing padding (Java getDecoder() accepts it)');
  }
  if (reasons.length === 0) {
    reasons.push('non-zero leftover bits or misplaced padding');
    others.add("Go StdEncoding.Strict() and Rust's base64 crate refuse it; most other decoders derive the same key");
  }
  const text = `${MMOB_VERIFY_WARNINGS.SECRET_NOT_CANONICAL_BASE64} Here: ${reasons.join(', ')}; Node derives a ${key.length}-byte key; ${[...others].join('; ')}.`;
  return [{ code: 'SECRET_NOT_CANONICAL_BASE64', kind: 'warning', text }];
}

/** UTC offsets in use, in seconds: whole and half hours up to ±14 h, and the 45-minute zones. */
const ZONE_OFFSETS: readonly number[] = (() => {
  const out: number[] = [];
  for (let m = 30; m <= 14 * 60; m += 30) out.push(m * 60, -m * 60);
  for (const m of [5 * 60 + 45, 8 * 60 + 45, 12 * 60 + 45, 9 * 60 + 45]) out.push(m * 60, -m * 60);
  return out;
})();
/** How close to a zone offset an age must be to be called one (the signing-to-verifying delay). */
const OFFSET_WINDOW_SECONDS = 120;

/** The zone offset (seconds, east positive) a timestamp's error matches, or null. */
function zoneOffsetOf(age: number, tolerance: number): number | null {
  const window = Math.min(tolerance, OFFSET_WINDOW_SECONDS);
  let best: number | null = null;
  for (const offset of ZONE_OFFSETS) {
    // A signer east of UTC (offset > 0) taking local time as UTC is ahead: age = −offset.
    if (Math.abs(age + offset) <= window && (best === null || Math.abs(age + offset) < Math.abs(age + best)))
      best = offset;
  }
  return best;
}

function formatOffset(seconds: number): string {
  const a = Math.abs(seconds);
  const h = Math.floor(a / 3600);
  const m = Math.round((a % 3600) / 60);
  const amount = m === 0 ? `${h} hour${h === 1 ? '' : 's'}` : `${h} h ${m} min`;
  return `${amount} ${seconds > 0 ? 'ahead' : 'behind'} (UTC${seconds > 0 ? '+' : '−'}${h}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`} local time)`;
}

function describe(
  valid: boolean,
  codes: MmobVerifyCode[],
  hints: MmobHint[],
  age: number | null,
  tolerance: number,
  found: { label?: string | undefined; offset: number | null },
): {
  summary: string;
  messages: string[];
  explanations: Explanation[];
} {
  const explanations: Explanation[] = [];
  for (const code of codes) {
    let text: string = MMOB_VERIFY_CODES[code];
    if ((code === 'TIMESTAMP_TOO_OLD' || code === 'TIMESTAMP_IN_FUTURE') && age !== null) {
      const when = age >= 0 ? `signed ${formatDuration(age)} ago` : `signed ${formatDuration(age)} in the future`;
      text = `${text} (${when}; tolerance ${tolerance} s)`;
    }
    explanations.push({ code, kind: 'code', text });
  }
  for (const hint of hints) {
    let text: string = MMOB_HINTS[hint];
    if (hint === 'SIGNED_WITH_OTHER_KEY' && found.label !== undefined) {
      text = `Signed with the key of '${found.label}', not this secret. ${text}`;
    } else if (hint === 'TIMESTAMP_OFF_BY_HOURS' && found.offset !== null) {
      text = `The timestamp is ${formatOffset(found.offset)}. ${text}`;
    }
    explanations.push({ code: hint, kind: 'hint', text });
  }
  return { summary: summaryOf(valid, codes, hints), messages: messagesOf(explanations), explanations };
}

/** The one-line summary of a well-formed signature's verdict (a malformed one says why instead). */
function summaryOf(valid: boolean, codes: readonly MmobVerifyCode[], hints: readonly MmobHint[]): string {
  if (valid) return 'Valid signature.';
  const main = hints.length > 0 ? `likely cause: ${hints.join(' + ')}` : codes.join(', ');
  return `Invalid signature (${main}).`;
}

/**
 * What verifying decided, before anything is written for a reader: a batch turns it into its line, verify
 * into the full result. Either way the decision is made here, once.
 */
type Judgement =
  | { malformed: true; why: string; fields: Required<MmobFields>; tolerance: number }
  | {
      malformed: false;
      fields: Required<MmobFields>;
      tolerance: number;
      valid: boolean;
      codes: MmobVerifyCode[];
      hints: MmobHint[];
      tsPart: string;
      nonce: string;
      canonical: string;
      expectedMac: string;
      timestamp: number | null;
      age: number | null;
      offset: number | null;
      found: FoundMistake | null;
    };

/** Why a signature is malformed (it has no three non-empty parts, or its MAC part is not base64). */
function malformedWhy(signature: string): string {
  const parts = signature.length <= MAX_SIGNATURE_LENGTH ? signature.split(':') : [];
  return signature.length === 0
    ? 'it is empty'
    : signature.length > MAX_SIGNATURE_LENGTH
      ? `it is ${signature.length} characters long`
      : parts.length !== 3
        ? `it has ${parts.length} ":"-separated part${parts.length === 1 ? '' : 's'} instead of 3`
        : parts.some((p) => p.length === 0)
          ? 'a part is empty'
          : `the MAC part ${preview(parts[1] ?? '', 40)} contains characters that are not base64`;
}

const MAC_CHARACTERS = /^[A-Za-z0-9+/=_-]+$/;
const TIMESTAMP_DIGITS = /^\d{1,15}$/;

function judge(
  prepared: PreparedMmobSecret,
  keyVariants: () => readonly KeyVariant[],
  maxMistakes: 1 | 2,
  input: MmobVerifyRequest,
): Judgement {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = input.now ?? nowSeconds();
  const fields: Required<MmobFields> = {
    cpId: input.cpId,
    cpDeploymentId: input.cpDeploymentId,
    email: input.email ?? '',
  };
  const signature = input.signature.trim();

  // Three parts found with indexOf rather than split(): no array per record on the batch's hot path.
  const colon1 = signature.length <= MAX_SIGNATURE_LENGTH ? signature.indexOf(':') : -1;
  const colon2 = colon1 === -1 ? -1 : signature.indexOf(':', colon1 + 1);
  const threeParts = colon2 !== -1 && signature.indexOf(':', colon2 + 1) === -1;
  const tsPart = signature.slice(0, colon1);
  const macPart = signature.slice(colon1 + 1, colon2);
  const nonce = signature.slice(colon2 + 1);
  if (
    !threeParts ||
    tsPart.length === 0 ||
    macPart.length === 0 ||
    nonce.length === 0 ||
    !MAC_CHARACTERS.test(macPart)
  ) {
    return { malformed: true, why: malformedWhy(signature), fields, tolerance };
  }

  const codes: MmobVerifyCode[] = [];
  const hints: MmobHint[] = [];
  let timestamp: number | null = null;
  let age: number | null = null;
  let offset: number | null = null;
  let found: FoundMistake | null = null;
  if (!TIMESTAMP_DIGITS.test(tsPart)) {
    codes.push('TIMESTAMP_INVALID');
  } else {
    timestamp = Number(tsPart);
    age = now - timestamp;
    if (age > tolerance) codes.push('TIMESTAMP_TOO_OLD');
    else if (-age > tolerance) codes.push('TIMESTAMP_IN_FUTURE');
    if (timestamp >= MILLISECONDS_THRESHOLD) hints.push('TIMESTAMP_IN_MILLISECONDS');
    else if (age > tolerance || -age > tolerance) offset = zoneOffsetOf(age, tolerance);
  }
  if (nonce.length < NONCE_MIN || nonce.length > NONCE_MAX) codes.push('NONCE_LENGTH');
  if (input.seenNonces?.has(nonce)) codes.push('NONCE_REUSED');

  // The canonical string uses the timestamp text exactly as received, as the vendor's verifier does.
  const canonical = canonicalString(tsPart, fields, nonce);
  const expectedMac = prepared.mac(canonical, 'base64');
  if (!constantTimeEqualStrings(macPart, expectedMac)) {
    codes.push('SIGNATURE_MISMATCH');
    const alternates = input.alternates;
    found = findMistake(
      keyVariants(),
      () => (alternates && alternates.length > 0 ? alternateKeys(alternates, prepared.key) : []),
      fields,
      tsPart,
      nonce,
      macPart,
      maxMistakes,
    );
    for (const h of found?.hints ?? []) if (!hints.includes(h)) hints.push(h);
  }
  if (offset !== null) hints.push('TIMESTAMP_OFF_BY_HOURS');
  return {
    malformed: false,
    fields,
    tolerance,
    valid: codes.length === 0,
    codes,
    hints,
    tsPart,
    nonce,
    canonical,
    expectedMac,
    timestamp,
    age,
    offset,
    found,
  };
}

function verdictOf(j: Judgement): MmobVerdict {
  if (j.malformed) {
    return {
      valid: false,
      codes: ['SIGNATURE_MALFORMED'],
      hints: [],
      summary: `Invalid signature: malformed (${j.why}).`,
    };
  }
  return { valid: j.valid, codes: j.codes, hints: j.hints, summary: summaryOf(j.valid, j.codes, j.hints) };
}

function resultOf(j: Judgement, secretWarningList: readonly Explanation[]): MmobVerifyResult {
  if (j.malformed) {
    const canonical = canonicalString('<timestamp>', j.fields, '<nonce>');
    const explanations: Explanation[] = [
      { code: 'SIGNATURE_MALFORMED', kind: 'code', text: `${MMOB_VERIFY_CODES.SIGNATURE_MALFORMED} Here ${j.why}.` },
    ];
    return {
      valid: false,
      codes: ['SIGNATURE_MALFORMED'],
      hints: [],
      warnings: [...secretWarningList],
      details: {
        summary: `Invalid signature: malformed (${j.why}).`,
        messages: messagesOf(explanations),
        explanations,
        canonical,
        timestamp: null,
        ageSeconds: null,
        toleranceSeconds: j.tolerance,
        nonce: null,
        nonceLength: null,
        expectedSignature: null,
      },
    };
  }
  // Named fields, not `...describe()`: spreading into a literal that then gains more fields is slow in
  // V8 (measured 4 µs of a 6 µs verify).
  const { summary, messages, explanations } = describe(j.valid, j.codes, j.hints, j.age, j.tolerance, {
    label: j.found?.label,
    offset: j.offset,
  });
  const result: MmobVerifyResult = {
    valid: j.valid,
    codes: j.codes,
    hints: j.hints,
    warnings: secretWarningList.length === 0 ? [] : [...secretWarningList],
    details: {
      summary,
      messages,
      explanations,
      canonical: j.canonical,
      timestamp: j.timestamp,
      ageSeconds: j.age,
      toleranceSeconds: j.tolerance,
      nonce: j.nonce,
      nonceLength: j.nonce.length,
      expectedSignature: `${j.tsPart}:${j.expectedMac}:${j.nonce}`,
    },
  };
  if (j.found?.label !== undefined) result.details.signedWith = j.found.label;
  return result;
}
