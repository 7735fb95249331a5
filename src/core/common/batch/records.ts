/**
 * One input line → one verifier input. Pure: no I/O, so the CLI, the worker threads and (later) the
 * desktop app's main process all read records the same way.
 */
import { SignetError, SignetInputError, type ErrorCode } from '../errors';
import { parseInstant } from '../time';
import { preview } from '../format';

import type { BatchFormat, BatchScheme } from './formats';

export { BATCH_FORMATS, type BatchFormat, type BatchScheme } from './formats';

/** A record line longer than this is reported, not parsed: a real one is well under 20 000 characters. */
export const MAX_RECORD_LENGTH = 65_536;

/** Why a line could not be read as a record. The batch goes on; the line is reported with its number. */
export class RecordError extends SignetError {}

/**
 * Runs `make` with no stack trace captured by any error made inside it: a batch reports bad records by line
 * and code, never by stack, and capturing one was a tenth of a malformed record's cost.
 */
function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function recordError(code: ErrorCode, message: string): RecordError {
  return withoutStack(() => new RecordError(code, message));
}

export interface MmobRecord {
  signature: string;
  cpId: string;
  cpDeploymentId: string;
  email: string | undefined;
  /** Unix seconds; overrides the batch's clock for this record. */
  now: number | undefined;
}

export interface EberRecord {
  url: string;
  /** Epoch milliseconds; overrides the batch's clock for this record. */
  nowMs: number | undefined;
}

/** Column index of each field in a CSV file, from its header line. */
export type CsvColumns = Record<string, number>;

const MMOB_FIELDS = ['signature', 'cpId', 'cpDeploymentId', 'email', 'now'] as const;
const MMOB_REQUIRED = ['signature', 'cpId', 'cpDeploymentId'] as const;
const EBER_FIELDS = ['url', 'now'] as const;

/** "cp_deployment_id", "CP Deployment ID" and "cpDeploymentId" all name the same column. */
function normaliseName(name: string): string {
  return name.replace(/[\s_-]/g, '').toLowerCase();
}

/**
 * Splits one CSV line (RFC 4180: comma separated, fields optionally in double quotes, "" inside quotes is
 * a quote). A quoted field cannot span lines here: records are one per line.
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) throw recordError('CSV_UNTERMINATED_QUOTE', 'A quoted CSV field is not closed on this line.');
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      if (j < line.length && line.charCodeAt(j) !== 44 /* , */) {
        throw recordError('CSV_QUOTE', `Text follows a closing quote in field ${fields.length + 1}.`);
      }
      fields.push(value);
      if (j >= line.length) return fields;
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Reads the header line of a CSV input; throws SignetInputError (a usage problem) when a column is missing. */
export function parseCsvHeader(scheme: BatchScheme, line: string): CsvColumns {
  let names: string[];
  try {
    names = parseCsvLine(stripBom(line).replace(/\r$/, ''));
  } catch (e) {
    throw new SignetInputError('CSV_HEADER', `The CSV header line cannot be read: ${(e as Error).message}`, 'input');
  }
  const wanted = scheme === 'mmob' ? MMOB_FIELDS : EBER_FIELDS;
  const required: readonly string[] = scheme === 'mmob' ? MMOB_REQUIRED : ['url'];
  const columns: CsvColumns = {};
  names.forEach((name, index) => {
    const field = wanted.find((f) => normaliseName(f) === normaliseName(name));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
  });
  const missing = required.filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    throw new SignetInputError(
      'CSV_HEADER',
      `The CSV header has no ${missing.map((m) => `"${m}"`).join(', ')} column (found: ${preview(names.join(','), 120)}); ` +
        `the columns are ${wanted.join(', ')}${scheme === 'mmob' ? ' (email and now optional)' : ' (now optional)'}.`,
      'input',
    );
  }
  return columns;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJsonObject(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = withoutStack(() => JSON.parse(line) as unknown);
  } catch (e) {
    throw recordError('JSON_INVALID', `Not valid JSON: ${(e as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw recordError(
      'JSON_NOT_OBJECT',
      `Expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}

function requiredString(o: Record<string, unknown>, field: string): string {
  const v = o[field];
  if (v === undefined || v === null) throw recordError('FIELD_MISSING', `"${field}" is missing.`);
  if (typeof v !== 'string') throw recordError('FIELD_TYPE', `"${field}" must be a string, got ${typeof v}.`);
  return v;
}

function optionalString(o: Record<string, unknown>, field: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw recordError('FIELD_TYPE', `"${field}" must be a string, got ${typeof v}.`);
  return v;
}

function unixSeconds(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw recordError('NOW_INVALID', `"now" must be whole Unix seconds, got ${preview(String(v), 40)}.`);
  }
  return n;
}

/** Ends in Z or a UTC offset (+08, +0800, +08:00). */
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

function instantMs(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const text = typeof v === 'string' ? v.trim() : '';
  // An instant needs its offset: one without would be read in this machine's zone, and the verdict would
  // change with the machine (as the CLI's and the app's --now refuse it too).
  const d = HAS_OFFSET.test(text) ? parseInstant(text) : null;
  if (!d)
    throw recordError(
      'NOW_INVALID',
      `"now" must be an ISO 8601 instant with Z or a UTC offset, such as 2030-01-15T01:00:00Z, got ${preview(String(v), 40)}.`,
    );
  return d.getTime();
}

function csvRow(line: string, columns: CsvColumns): Record<string, unknown> {
  const cells = parseCsvLine(line);
  const width = Math.max(...Object.values(columns)) + 1;
  const row: Record<string, unknown> = {};
  for (const [field, index] of Object.entries(columns)) row[field] = cells[index];
  for (const [field, index] of Object.entries(columns)) {
    if (
      index >= cells.length &&
      (field === 'signature' || field === 'cpId' || field === 'cpDeploymentId' || field === 'url')
    ) {
      throw recordError(
        'CSV_FIELDS',
        `The row has ${cells.length} field${cells.length === 1 ? '' : 's'}; the header needs at least ${width}.`,
      );
    }
  }
  return row;
}

function checkLength(line: string): void {
  if (line.length > MAX_RECORD_LENGTH) {
    throw recordError('LINE_TOO_LONG', `The line is longer than ${MAX_RECORD_LENGTH} characters.`);
  }
}

/** Characters that make a line leave the fast path: escapes and raw control characters (JSON.parse refuses those). */
// eslint-disable-next-line no-control-regex -- raw control characters are exactly what this looks for
const NOT_PLAIN = /[\u0000-\u001f\\]/;

/**
 * The common mmob JSONL line, `{"k":"v",…}` with string values only and no escapes or whitespace between
 * tokens (what every JSON serializer writes), read without JSON.parse, which was the largest single share
 * of a batch's time. Returns null for anything else, which then goes through JSON.parse: so a line this
 * accepts is exactly one JSON.parse accepts with the same values (a repeated key: the last one, as there).
 */
function plainMmobObject(line: string): Record<string, unknown> | null {
  const end = line.length - 1;
  if (end < 1 || line.charCodeAt(0) !== 123 /* { */ || line.charCodeAt(end) !== 125 /* } */) return null;
  if (NOT_PLAIN.test(line)) return null;
  const o: { signature?: string; cpId?: string; cpDeploymentId?: string; email?: string; now?: string } = {};
  let i = 1;
  for (;;) {
    if (line.charCodeAt(i) !== 34) return null;
    const keyEnd = line.indexOf('"', i + 1);
    if (keyEnd === -1 || line.charCodeAt(keyEnd + 1) !== 58 /* : */ || line.charCodeAt(keyEnd + 2) !== 34) return null;
    const valueEnd = line.indexOf('"', keyEnd + 3);
    if (valueEnd === -1 || valueEnd >= end) return null;
    const key = line.slice(i + 1, keyEnd);
    const value = line.slice(keyEnd + 3, valueEnd);
    if (key === 'signature') o.signature = value;
    else if (key === 'cpId') o.cpId = value;
    else if (key === 'cpDeploymentId') o.cpDeploymentId = value;
    else if (key === 'email') o.email = value;
    else if (key === 'now') o.now = value;
    const next = line.charCodeAt(valueEnd + 1);
    if (next === 125) return valueEnd + 1 === end ? o : null;
    if (next !== 44 /* , */) return null;
    i = valueEnd + 2;
  }
}

export function parseMmobRecord(line: string, format: BatchFormat, columns?: CsvColumns): MmobRecord {
  checkLength(line);
  let o: Record<string, unknown>;
  if (format === 'jsonl') {
    o = plainMmobObject(line) ?? parseJsonObject(line);
  } else if (format === 'csv') {
    if (!columns) throw recordError('CSV_HEADER', 'No CSV header was read before this row.');
    o = csvRow(line, columns);
  } else {
    throw recordError('FORMAT', `mmob records cannot be read as "${format}".`);
  }
  return {
    signature: requiredString(o, 'signature'),
    cpId: requiredString(o, 'cpId'),
    cpDeploymentId: requiredString(o, 'cpDeploymentId'),
    email: optionalString(o, 'email'),
    now: unixSeconds(o.now),
  };
}

export function parseEberRecord(line: string, format: BatchFormat, columns?: CsvColumns): EberRecord {
  checkLength(line);
  if (format === 'lines') return { url: line, nowMs: undefined };
  let o: Record<string, unknown>;
  if (format === 'csv') {
    if (!columns) throw recordError('CSV_HEADER', 'No CSV header was read before this row.');
    o = csvRow(line, columns);
  } else {
    o = parseJsonObject(line);
  }
  return { url: requiredString(o, 'url'), nowMs: instantMs(o.now) };
}
