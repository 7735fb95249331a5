/**
 * The batch verifier's unit of work: a piece of text holding whole lines → one JSON line per record, in
 * order, plus counts. Every verdict comes from verifyMmob / verifyEberUrl themselves, so a batch says
 * exactly what the single verifier says. Pure and synchronous: workers and the inline path both call it.
 */
import { assertTimezone } from '../eber/expiry';
import { verifyEberUrl, type EberVerifyResult } from '../eber/verify';
import { SignetInputError } from '../errors';
import { DEFAULT_TOLERANCE_SECONDS } from '../mmob/codes';
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
} from './records';
import { countOne, emptyCounts, type BatchCounts } from './summary';

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
  /** One JSON line per written record, each ending in "\n". */
  jsonl: string;
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

/**
 * Verifies every line of `text` (whole lines, "\n"-separated, a final "\r" per line ignored; a UTF-8 BOM
 * at the start of line 1 ignored). Blank lines are skipped but still counted for numbering.
 */
export function verifyChunk(config: BatchConfig, text: string, firstLine: number): ChunkResult {
  const counts = emptyCounts();
  if (firstLine === 1) text = stripBom(text);
  let jsonl = '';
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
    if (!(config.failuresOnly && r.valid)) jsonl += JSON.stringify(r) + '\n';
  }
  return { jsonl, counts, lines: lineNo - firstLine };
}
