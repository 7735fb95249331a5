/**
 * The batch verifier's unit of work: a piece of text holding whole lines → one JSON line per record, in
 * order, plus counts. Every verdict comes from the same prepared verifiers that verifyMmob / verifyEberUrl
 * use, so a batch says exactly what the single verifier says. Synchronous: workers and the inline path
 * both hold one createBatchVerifier per batch.
 */
import { Buffer } from 'node:buffer';
import { assertTimezone } from '../../common/eber/expiry';
import {
  createEberVerifier,
  verifyEberUrl,
  type EberVerdict,
  type EberVerifier,
  type EberVerifyRequest,
  type EberVerifyResult,
} from '../eber/verify';
import { SignetInputError } from '../../common/errors';
import { DEFAULT_TOLERANCE_SECONDS } from '../../common/product';
import { mmobKey } from '../mmob/sign';
import {
  createMmobVerifier,
  verifyMmob,
  type MmobVerdict,
  type MmobVerifier,
  type MmobVerifyRequest,
  type MmobVerifyResult,
} from '../mmob/verify';
import {
  parseEberRecord,
  parseMmobRecord,
  RecordError,
  stripBom,
  type BatchFormat,
  type BatchScheme,
  type CsvColumns,
} from '../../common/batch/records';
import { countOne, emptyCounts, type BatchCounts } from '../../common/batch/summary';

/** Everything a worker needs; plain data so it crosses a thread boundary by structured clone. */
export interface BatchConfig {
  scheme: BatchScheme;
  format: BatchFormat;
  secret: string;
  /** The batch's clock, fixed once when the batch starts (so a long run judges every record alike). mmob: Unix seconds. */
  nowSeconds: number;
  /** Eber: epoch milliseconds. */
  nowMs: number;
  /** mmob only. */
  toleranceSeconds?: number | undefined;
  /** Eber only: the business's IANA time zone. */
  timezone?: string | undefined;
  /** From the CSV header (read before any row is handed out). */
  csvColumns?: CsvColumns | undefined;
  /** Include the verifier's full `details` in each output line. */
  details?: boolean | undefined;
  /** Write only records that are not valid (counts still cover every record). */
  failuresOnly?: boolean | undefined;
  /** Write no record at all, only count (the CLI's --json): no verdict is serialized. */
  summaryOnly?: boolean | undefined;
}

/** One output line, as written: `{line, valid, codes, hints, summary[, details]}` or `{line, valid: false, error}`. */
export type BatchRecordResult =
  | { line: number; valid: boolean; codes: string[]; hints: string[]; summary: string; details?: unknown }
  | { line: number; valid: false; error: { code: string; message: string } };

export interface ChunkResult {
  /**
   * One JSON line per written record, each ending in "\n", as UTF-8 in an ArrayBuffer of its own (never
   * Node's shared pool), so a worker can transfer it instead of copying.
   */
  jsonl: Buffer;
  counts: BatchCounts;
  /** Lines consumed, blank ones included (the next chunk starts at firstLine + lines). */
  lines: number;
}

/** Checks what would otherwise fail on every record; throws SignetInputError (a usage problem). */
export function validateBatchConfig(config: BatchConfig): void {
  if (config.secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  if (config.scheme === 'mmob') mmobKey(config.secret);
  else assertTimezone(config.timezone ?? '');
  if (
    config.toleranceSeconds !== undefined &&
    !(Number.isSafeInteger(config.toleranceSeconds) && config.toleranceSeconds >= 0)
  ) {
    throw new SignetInputError(
      'TOLERANCE_INVALID',
      'The tolerance must be a whole number of seconds ≥ 0.',
      'tolerance',
    );
  }
}

/** What a batch line says of a record; `details` only when the config asks for them. */
interface LineVerdict {
  valid: boolean;
  codes: string[];
  hints: string[];
  summary: string;
  details?: unknown;
}
type VerifyLine = (text: string) => LineVerdict;

const withDetails = (r: MmobVerifyResult | EberVerifyResult): LineVerdict => ({
  valid: r.valid,
  codes: r.codes,
  hints: r.hints,
  summary: r.details.summary,
  details: r.details,
});

/**
 * The scheme's verifier for the config's secret, prepared once, and the record parser around it. When
 * the secret cannot be prepared (runBatch validates the config first, so only a direct caller gets here),
 * each record goes through the one-shot verifier instead, which fails it with the secret's error after
 * the record's own errors, exactly as verifyChunk always did.
 */
function lineVerifier(config: BatchConfig): VerifyLine {
  const { format, csvColumns, secret } = config;
  if (config.scheme === 'mmob') {
    let mmob: Pick<MmobVerifier, 'verify' | 'verdict'>;
    try {
      mmob = createMmobVerifier(secret);
    } catch {
      const verify = (input: MmobVerifyRequest) => verifyMmob({ ...input, secret });
      mmob = { verify, verdict: (input) => withDetails(verify(input)) as MmobVerdict };
    }
    const nowSeconds = config.nowSeconds;
    const toleranceSeconds = config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
    const details = config.details === true;
    return (text) => {
      const r = parseMmobRecord(text, format, csvColumns);
      const input: MmobVerifyRequest = {
        signature: r.signature,
        cpId: r.cpId,
        cpDeploymentId: r.cpDeploymentId,
        email: r.email,
        now: r.now ?? nowSeconds,
        toleranceSeconds,
      };
      // Without details, only the verdict: the explanations and texts a reader needs are never built.
      return details ? withDetails(mmob.verify(input)) : mmob.verdict(input);
    };
  }
  let eber: Pick<EberVerifier, 'verifyUrl' | 'verdict'>;
  try {
    eber = createEberVerifier(secret);
  } catch {
    const verifyUrl = (input: EberVerifyRequest) => verifyEberUrl({ ...input, secret });
    eber = { verifyUrl, verdict: (input) => withDetails(verifyUrl(input)) as EberVerdict };
  }
  const timezone = config.timezone ?? '';
  const nowMs = config.nowMs;
  // The three-zone expiry views are only for people reading details; without details they are skipped.
  const withExpiryViews = config.details === true;
  return (text) => {
    const r = parseEberRecord(text, format, csvColumns);
    const input: EberVerifyRequest = { url: r.url, timezone, now: new Date(r.nowMs ?? nowMs), withExpiryViews };
    // Without details, only the verdict: the explanations and parameters a reader needs are never built.
    return withExpiryViews ? withDetails(eber.verifyUrl(input)) : eber.verdict(input);
  };
}

function recordVerdict(verifyLine: VerifyLine, details: boolean, text: string, line: number): BatchRecordResult {
  try {
    const r = verifyLine(text);
    const out: BatchRecordResult = { line, valid: r.valid, codes: r.codes, hints: r.hints, summary: r.summary };
    if (details) out.details = r.details;
    return out;
  } catch (e) {
    const code = e instanceof RecordError || e instanceof SignetInputError ? e.code : 'RECORD_ERROR';
    return { line, valid: false, error: { code, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Verifies one line; never throws. One-shot: a batch holds a createBatchVerifier instead. */
export function verifyRecord(config: BatchConfig, text: string, line: number): BatchRecordResult {
  return createBatchVerifier(config).verifyRecord(text, line);
}

/**
 * JSON of the summaries seen so far, one map per batch verifier: a batch has a handful of distinct ones
 * ("Valid signature." above all), and escaping the same sentence a million times is a measurable share
 * of a batch's time. Bounded, because a malformed record's summary quotes the record; and per batch, not
 * per module, so a long-lived process keeps no record's text once its batch is done.
 */
export type SummaryJsonCache = Map<string, string>;
const SUMMARY_CACHE_MAX = 512;

/**
 * Exactly `JSON.stringify(r)` (a test holds it to that), built from parts: the common record has no
 * details and only identifier codes, so only its summary needs escaping, and that is cached in
 * `summaries` when given.
 */
export function serializeRecord(r: BatchRecordResult, summaries?: SummaryJsonCache): string {
  if ('error' in r || r.details !== undefined) return JSON.stringify(r);
  let summary = summaries?.get(r.summary);
  if (summary === undefined) {
    summary = JSON.stringify(r.summary);
    if (summaries !== undefined && summaries.size < SUMMARY_CACHE_MAX) summaries.set(r.summary, summary);
  }
  const codes = r.codes.length === 0 ? '[]' : JSON.stringify(r.codes);
  const hints = r.hints.length === 0 ? '[]' : JSON.stringify(r.hints);
  return `{"line":${JSON.stringify(r.line)},"valid":${r.valid},"codes":${codes},"hints":${hints},"summary":${summary}}`;
}

/**
 * Output bytes that grow as lines are added. Each line is encoded as soon as it is made, so its string
 * dies young; accumulating a chunk's output as one string kept ~1 500 lines alive across minor GCs and
 * measured as a fifth of a batch's time.
 */
class Utf8Output {
  private bytes: Buffer;
  private length = 0;
  // Lines are joined into a short string first: one encode per ~16 KB instead of one per line.
  private pending = '';
  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(capacity, 1024));
  }
  push(line: string): void {
    this.pending += line;
    if (this.pending.length >= 16_384) this.flush();
  }
  private flush(): void {
    const text = this.pending;
    this.pending = '';
    // 3 UTF-8 bytes per UTF-16 unit at most.
    if (this.length + text.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + text.length * 3));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
  }
  done(): Buffer {
    this.flush();
    return this.bytes.subarray(0, this.length);
  }
}

/** One batch's verifier: its config read and its secret prepared once, for every chunk and record. */
export interface BatchVerifier {
  /** verifyChunk with this verifier's config. */
  verifyChunk(text: string, firstLine: number): ChunkResult;
  /** verifyRecord with this verifier's config; never throws. */
  verifyRecord(text: string, line: number): BatchRecordResult;
}

/**
 * Reads the config once, when called: make it after anything that completes the config (runBatch sets
 * csvColumns from the CSV header). Never throws; an unusable secret fails each record (see lineVerifier).
 */
export function createBatchVerifier(config: BatchConfig): BatchVerifier {
  const verifyLine = lineVerifier(config);
  const details = config.details === true;
  const failuresOnly = config.failuresOnly === true;
  const summaryOnly = config.summaryOnly === true;
  const summaries: SummaryJsonCache = new Map();
  return {
    verifyRecord: (text, line) => recordVerdict(verifyLine, details, text, line),
    verifyChunk: (text, firstLine) =>
      verifyLines(verifyLine, details, failuresOnly, summaryOnly, summaries, text, firstLine),
  };
}

/**
 * Verifies every line of `text` (whole lines, "\n"-separated, a final "\r" per line ignored; a UTF-8 BOM
 * at the start of line 1 ignored). Blank lines are skipped but still counted for numbering. One-shot: a
 * batch holds a createBatchVerifier instead.
 */
export function verifyChunk(config: BatchConfig, text: string, firstLine: number): ChunkResult {
  return createBatchVerifier(config).verifyChunk(text, firstLine);
}

function verifyLines(
  verifyLine: VerifyLine,
  details: boolean,
  failuresOnly: boolean,
  summaryOnly: boolean,
  summaries: SummaryJsonCache,
  text: string,
  firstLine: number,
): ChunkResult {
  const counts = emptyCounts();
  if (firstLine === 1) text = stripBom(text);
  // A verdict line is about half as long as an mmob record line; failures-only output is mostly empty.
  const jsonl = new Utf8Output(failuresOnly || summaryOnly ? 4096 : text.length);
  let start = 0;
  let lineNo = firstLine;
  const end = text.length;
  while (start < end) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = end;
    let stop = nl;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    const raw = text.slice(start, stop);
    start = nl + 1;
    const line = lineNo++;
    if (raw.trim().length === 0) continue;

    const r = recordVerdict(verifyLine, details, raw, line);
    counts.records++;
    if ('error' in r) {
      counts.malformed++;
      countOne(counts.errors, r.error.code);
    } else {
      if (r.valid) counts.valid++;
      else counts.invalid++;
      for (const c of r.codes) countOne(counts.codes, c);
      for (const h of r.hints) countOne(counts.hints, h);
    }
    if (!summaryOnly && !(failuresOnly && r.valid)) jsonl.push(serializeRecord(r, summaries) + '\n');
  }
  return { jsonl: jsonl.done(), counts, lines: lineNo - firstLine };
}
