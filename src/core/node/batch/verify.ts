/**
 * The batch verifier's unit of work: a piece of text holding whole lines → one JSON line per record, in
 * order, plus counts. Every verdict comes from verifyMmob / verifyEberUrl themselves, so a batch says
 * exactly what the single verifier says. Pure and synchronous: workers and the inline path both call it.
 */
import { Buffer } from 'node:buffer';
import { assertTimezone } from '../../common/eber/expiry';
import { verifyEberUrl, type EberVerifyResult } from '../eber/verify';
import { SignetInputError } from '../../common/errors';
import { DEFAULT_TOLERANCE_SECONDS } from '../../common/product';
import { mmobKey } from '../mmob/sign';
import { verifyMmob, type MmobVerifyResult } from '../mmob/verify';
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

function verifyLine(config: BatchConfig, text: string): MmobVerifyResult | EberVerifyResult {
  if (config.scheme === 'mmob') {
    const r = parseMmobRecord(text, config.format, config.csvColumns);
    return verifyMmob({
      signature: r.signature,
      cpId: r.cpId,
      cpDeploymentId: r.cpDeploymentId,
      email: r.email,
      secret: config.secret,
      now: r.now ?? config.nowSeconds,
      toleranceSeconds: config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    });
  }
  const r = parseEberRecord(text, config.format, config.csvColumns);
  return verifyEberUrl({
    url: r.url,
    secret: config.secret,
    timezone: config.timezone ?? '',
    now: new Date(r.nowMs ?? config.nowMs),
    // The three-zone expiry views are only for people reading details; without details they are skipped.
    withExpiryViews: config.details === true,
  });
}

/** Verifies one line; never throws. */
export function verifyRecord(config: BatchConfig, text: string, line: number): BatchRecordResult {
  try {
    const r = verifyLine(config, text);
    const out: BatchRecordResult = { line, valid: r.valid, codes: r.codes, hints: r.hints, summary: r.details.summary };
    if (config.details) out.details = r.details;
    return out;
  } catch (e) {
    const code = e instanceof RecordError || e instanceof SignetInputError ? e.code : 'RECORD_ERROR';
    return { line, valid: false, error: { code, message: e instanceof Error ? e.message : String(e) } };
  }
}

// JSON of the summaries seen so far: a batch has a handful of distinct ones ("Valid signature." above
// all), and escaping the same sentence a million times is a measurable share of a batch's time. Bounded,
// because a malformed record's summary quotes the record.
const summaryJson = new Map<string, string>();
const SUMMARY_CACHE_MAX = 512;

/**
 * Exactly `JSON.stringify(r)` (a test holds it to that), built from parts: the common record has no
 * details and only identifier codes, so only its summary needs escaping, and that is cached.
 */
export function serializeRecord(r: BatchRecordResult): string {
  if ('error' in r || r.details !== undefined) return JSON.stringify(r);
  let summary = summaryJson.get(r.summary);
  if (summary === undefined) {
    summary = JSON.stringify(r.summary);
    if (summaryJson.size < SUMMARY_CACHE_MAX) summaryJson.set(r.summary, summary);
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

/**
 * Verifies every line of `text` (whole lines, "\n"-separated, a final "\r" per line ignored; a UTF-8 BOM
 * at the start of line 1 ignored). Blank lines are skipped but still counted for numbering.
 */
export function verifyChunk(config: BatchConfig, text: string, firstLine: number): ChunkResult {
  const counts = emptyCounts();
  if (firstLine === 1) text = stripBom(text);
  // A verdict line is about half as long as an mmob record line; failures-only output is mostly empty.
  const jsonl = new Utf8Output(config.failuresOnly ? 4096 : text.length);
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

    const r = verifyRecord(config, raw, line);
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
    if (!(config.failuresOnly && r.valid)) jsonl.push(serializeRecord(r) + '\n');
  }
  return { jsonl: jsonl.done(), counts, lines: lineNo - firstLine };
}
