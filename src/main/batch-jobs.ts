/**
 * Batch verification jobs run in main (worker threads do the HMACs), so the window never freezes. The
 * renderer polls status and pages through failures; it never receives the input file, the secret, or any
 * text of the input's lines: a failure row is its line number, its codes and hints, and a summary made from
 * those codes (record errors quote the line; their message is replaced by the code's general meaning).
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  realpathSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { runBatch, type BatchSummary } from '../batch/run';
import { emptyCounts, type BatchConfig, type BatchCounts } from '../core/node/batch';
import { ERROR_CODES, isErrorCode, SignetInputError } from '../core/common/errors';

export interface FailureRow {
  line: number;
  codes: string[];
  hints: string[];
  summary: string;
}

export interface BatchJobStatus {
  id: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  fileName: string;
  bytesDone: number;
  totalBytes: number | null;
  linesDone: number;
  counts: BatchCounts;
  failuresKept: number;
  /** True when more failures exist than are kept for the table (the counts still cover every record). */
  failuresTruncated: boolean;
  workers: number | null;
  elapsedMs: number | null;
  recordsPerSecond: number | null;
  error: string | null;
}

/**
 * Failure rows kept per job for the table and the CSV export. A row is kept as 10 bytes (its line number and
 * the index of its codes+hints), so the cap holds at most ~20 MB; beyond it `failuresTruncated` is set.
 */
export const MAX_FAILURE_ROWS = 2_000_000;
const CHUNK_ROWS = 65_536;

// ---- which files a batch may read --------------------------------------------------------------------------

/** A file admitted for reading: its path and the identity of the file found there when it was admitted. */
export interface AdmittedFile {
  path: string;
  name: string;
  size: number;
  dev: number;
  ino: number;
}

const refuse = (message: string) => new SignetInputError('BATCH_FILE', message, 'path');
const shown = (name: string) => `"${name.slice(0, 80)}"`;

/** Windows device names: "NUL.log" or "com1.txt" is a device there, whatever its extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Pseudo-file systems whose "files" are the process's memory, environment, or devices. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** Why a path may never be read as a batch input, or null. Applied to the path given and to its real location. */
export function forbiddenPath(path: string): string | null {
  // \\server\share, //server/share, \\?\C:\…, \\.\PhysicalDrive0: network shares and device namespaces.
  if (/^[\\/]{2}/.test(path)) return 'network shares and device paths cannot be read as a batch input';
  if (WINDOWS_DEVICE.test(basename(path.replaceAll('\\', '/')))) return 'it names a device, not a file';
  const posix = path.replaceAll('\\', '/');
  if (PSEUDO_ROOTS.some((root) => posix === root || posix.startsWith(`${root}/`))) {
    return 'files under /proc, /sys and /dev are not log files';
  }
  return null;
}

const NOFOLLOW: number = (constants as Record<string, number>).O_NOFOLLOW ?? 0;
const NONBLOCK: number = (constants as Record<string, number>).O_NONBLOCK ?? 0;

/**
 * Opens a batch input without following a symbolic link (O_NOFOLLOW where the platform has it; an lstat
 * check elsewhere), refusing network, device and pseudo-file-system paths — also when a folder on the way is
 * a link to one — and checks the descriptor it opened: a regular file. Returns the open descriptor.
 */
function openConfined(path: string): { fd: number; size: number; dev: number; ino: number } {
  if (!isAbsolute(path)) throw refuse('Drop a file from your disk (this item has no file path).');
  const name = basename(path);
  const direct = forbiddenPath(path) ?? forbiddenPath(resolve(path));
  if (direct) throw refuse(`${shown(name)} cannot be used: ${direct}.`);
  let real: string;
  try {
    real = join(realpathSync(dirname(path)), name);
  } catch {
    throw refuse(`${shown(name)} is not a readable file.`);
  }
  const viaLink = forbiddenPath(real);
  if (viaLink) throw refuse(`${shown(name)} cannot be used: ${viaLink}.`);
  if (NOFOLLOW === 0) {
    // No O_NOFOLLOW (Windows): refuse a link by lstat; the fstat below checks what was opened.
    try {
      if (lstatSync(path).isSymbolicLink()) throw refuse(`${shown(name)} is a link; choose the file it points to.`);
    } catch (e) {
      if (e instanceof SignetInputError) throw e;
      throw refuse(`${shown(name)} is not a readable file.`);
    }
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw refuse(`${shown(name)} is a link; choose the file it points to.`);
    throw refuse(`${shown(name)} is not a readable file.`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refuse(`${shown(name)} is not a readable file (it is not a regular file).`);
    return { fd, size: stat.size, dev: stat.dev, ino: stat.ino };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Checks a path may be read as a batch input and records the file found there. */
export function admitBatchFile(path: string): AdmittedFile {
  const opened = openConfined(path);
  closeSync(opened.fd);
  return { path, name: basename(path), size: opened.size, dev: opened.dev, ino: opened.ino };
}

/** Opens an admitted file again, refusing it when another file has taken its place since. */
function reopen(file: AdmittedFile): { fd: number; size: number } {
  const opened = openConfined(file.path);
  if (opened.dev !== file.dev || opened.ino !== file.ino) {
    closeSync(opened.fd);
    throw refuse(`${shown(file.name)} was replaced by another file since you chose it. Choose it again.`);
  }
  return opened;
}

// ---- failure rows ------------------------------------------------------------------------------------------

/** One distinct kind of failure: every row with the same codes and hints shares it. */
interface FailureKind {
  codes: string[];
  hints: string[];
  summary: string;
}

/**
 * What a row shows: never text of the line. A verdict's summary is rebuilt from its codes (the engine's may
 * quote part of a malformed signature or URL); a record error's message, which quotes the line, is replaced by
 * what its code means.
 */
function kindOf(json: string, scheme: BatchConfig['scheme']): { key: string; kind: () => FailureKind } {
  const r = JSON.parse(json) as { codes?: string[]; hints?: string[]; error?: { code: string } };
  if (r.error) {
    const code = r.error.code;
    return {
      key: `E ${code}`,
      kind: () => ({
        codes: [code],
        hints: [],
        summary: isErrorCode(code) ? ERROR_CODES[code].meaning : ERROR_CODES.RECORD_ERROR.meaning,
      }),
    };
  }
  const codes = r.codes ?? [];
  const hints = r.hints ?? [];
  return {
    key: `V ${codes.join(' ')}|${hints.join(' ')}`,
    kind: () => ({
      codes,
      hints,
      summary: `${scheme === 'mmob' ? 'Invalid signature' : 'Invalid login URL'} (${
        hints.length > 0 ? `likely cause: ${hints.join(' + ')}` : codes.join(', ')
      }).`,
    }),
  };
}

/** Failure rows as two columns in fixed-size chunks: line number (8 bytes) and kind index (2 bytes). */
class FailureTable {
  private readonly lines: Float64Array[] = [];
  private readonly kindIds: Uint16Array[] = [];
  private readonly kinds: FailureKind[] = [];
  private readonly kindIndex = new Map<string, number>();
  size = 0;

  constructor(
    private readonly scheme: BatchConfig['scheme'],
    private readonly maxRows: number,
  ) {}

  /** False when the table is full. */
  add(json: string): boolean {
    if (this.size >= this.maxRows) return false;
    const parsed = JSON.parse(json) as { line: number };
    const { key, kind } = kindOf(json, this.scheme);
    let id = this.kindIndex.get(key);
    if (id === undefined) {
      // A handful of kinds in practice; past 65 535 distinct ones, the rest share a generic kind.
      if (this.kinds.length >= 0xffff) {
        id =
          this.kindIndex.get('E RECORD_ERROR') ??
          this.newKind('E RECORD_ERROR', {
            codes: ['RECORD_ERROR'],
            hints: [],
            summary: ERROR_CODES.RECORD_ERROR.meaning,
          });
      } else id = this.newKind(key, kind());
    }
    const chunk = Math.floor(this.size / CHUNK_ROWS);
    if (chunk === this.lines.length) {
      this.lines.push(new Float64Array(CHUNK_ROWS));
      this.kindIds.push(new Uint16Array(CHUNK_ROWS));
    }
    this.lines[chunk]![this.size % CHUNK_ROWS] = parsed.line;
    this.kindIds[chunk]![this.size % CHUNK_ROWS] = id;
    this.size++;
    return true;
  }

  private newKind(key: string, kind: FailureKind): number {
    const id = this.kinds.length;
    this.kinds.push(kind);
    this.kindIndex.set(key, id);
    return id;
  }

  /** The rows with a code (or hint), offset and limit applied, and how many match in all. */
  page(offset: number, limit: number, code?: string): { total: number; rows: FailureRow[] } {
    const wanted = this.kinds.map(
      (k) => code === undefined || code === '' || k.codes.includes(code) || k.hints.includes(code),
    );
    const rows: FailureRow[] = [];
    let total = 0;
    for (let i = 0; i < this.size; i++) {
      const c = Math.floor(i / CHUNK_ROWS);
      const id = this.kindIds[c]![i % CHUNK_ROWS]!;
      if (!wanted[id]) continue;
      if (total >= offset && rows.length < limit) {
        const k = this.kinds[id]!;
        rows.push({
          line: this.lines[c]![i % CHUNK_ROWS]!,
          codes: [...k.codes],
          hints: [...k.hints],
          summary: k.summary,
        });
      }
      total++;
    }
    return { total, rows };
  }
}

interface Job {
  status: BatchJobStatus;
  failures: FailureTable;
  controller: AbortController;
  done: Promise<void>;
}

function csvCell(value: string): string {
  // Also defuses spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CSV_HEADER = 'line,codes,hints,summary';
const csvRow = (r: FailureRow) =>
  [String(r.line), r.codes.join(' '), r.hints.join(' '), r.summary].map(csvCell).join(',');

export function failuresCsv(rows: readonly FailureRow[]): string {
  return `${[CSV_HEADER, ...rows.map(csvRow)].join('\r\n')}\r\n`;
}

/** At most one job at a time: starting one cancels the last and forgets it (its failure rows with it). */
export class BatchJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly maxFailureRows: number;

  constructor(options: { maxFailureRows?: number } = {}) {
    this.maxFailureRows = options.maxFailureRows ?? MAX_FAILURE_ROWS;
  }

  start(options: { file: AdmittedFile; config: BatchConfig }): BatchJobStatus {
    // Opened again, no-follow, and checked to be the very file admitted (it may have been swapped since).
    const { fd, size } = reopen(options.file);
    this.dispose();
    const id = randomUUID();
    const controller = new AbortController();
    const status: BatchJobStatus = {
      id,
      state: 'running',
      fileName: options.file.name,
      bytesDone: 0,
      totalBytes: size,
      linesDone: 0,
      counts: emptyCounts(),
      failuresKept: 0,
      failuresTruncated: false,
      workers: null,
      elapsedMs: null,
      recordsPerSecond: null,
      error: null,
    };
    const failures = new FailureTable(options.config.scheme, this.maxFailureRows);
    const job: Job = { status, failures, controller, done: Promise.resolve() };
    const input = createReadStream('', { fd, highWaterMark: 1024 * 1024, autoClose: true, start: 0 });
    job.done = runBatch({
      config: { ...options.config, failuresOnly: true, details: false },
      input,
      totalBytes: size,
      signal: controller.signal,
      onOutput: (out) => {
        if (status.failuresTruncated) return;
        const text = Buffer.from(out.jsonl).toString('utf8');
        for (const line of text.split('\n')) {
          if (!line) continue;
          if (!failures.add(line)) {
            status.failuresTruncated = true;
            break;
          }
        }
        status.failuresKept = failures.size;
      },
      onProgress: (p) => {
        status.counts = structuredClone(p.counts);
        status.bytesDone = p.bytesDone;
        status.linesDone = p.linesDone;
      },
    })
      .then(
        (summary: BatchSummary) => {
          status.state = 'done';
          status.workers = summary.workers;
          status.elapsedMs = summary.elapsedMs;
          status.recordsPerSecond = summary.recordsPerSecond;
          status.bytesDone = size;
        },
        (e: unknown) => {
          if (controller.signal.aborted) status.state = 'cancelled';
          else {
            status.state = 'failed';
            // Engine errors are about the input or the machine, never the secret; keep them short.
            status.error =
              e instanceof SignetInputError
                ? e.message
                : `The batch stopped: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}.`;
          }
        },
      )
      .finally(() => input.destroy());
    this.jobs.set(id, job);
    return { ...status };
  }

  status(id: string): BatchJobStatus {
    return { ...this.get(id).status };
  }

  failures(
    id: string,
    options: { offset: number; limit: number; code?: string | undefined },
  ): { total: number; rows: FailureRow[] } {
    return this.get(id).failures.page(options.offset, options.limit, options.code);
  }

  cancel(id: string): BatchJobStatus {
    const job = this.get(id);
    if (job.status.state === 'running') job.controller.abort();
    return { ...job.status };
  }

  /** Writes the failures (those with `code`, if given) as CSV, a block of rows at a time. */
  exportFailures(id: string, path: string, code?: string): number {
    const table = this.get(id).failures;
    const fd = openSync(path, 'w', 0o600);
    try {
      writeSync(fd, `${CSV_HEADER}\r\n`);
      let written = 0;
      for (let offset = 0; ;) {
        const { rows } = table.page(offset, 50_000, code);
        if (rows.length === 0) break;
        writeSync(fd, `${rows.map(csvRow).join('\r\n')}\r\n`);
        written += rows.length;
        offset += rows.length;
      }
      return written;
    } finally {
      closeSync(fd);
    }
  }

  /** Cancels every job and forgets them (on quit, and before a new job starts). */
  dispose(): void {
    for (const job of this.jobs.values()) if (job.status.state === 'running') job.controller.abort();
    this.jobs.clear();
  }

  private get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job)
      throw new SignetInputError('BATCH_NOT_FOUND', 'That batch is no longer available; start it again.', 'jobId');
    return job;
  }
}
