/**
 * Batch verification jobs run in main (worker threads do the HMACs), so the window never freezes. The
 * renderer polls status and pages through failures; it never receives the input file or the secret.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { runBatch, type BatchSummary } from '../batch/run';
import { emptyCounts, type BatchConfig, type BatchCounts } from '../core/node/batch';
import { SignetInputError } from '../core/common/errors';

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
  /** True when more failures exist than are kept for the table. */
  failuresTruncated: boolean;
  workers: number | null;
  elapsedMs: number | null;
  recordsPerSecond: number | null;
  error: string | null;
}

/** Failure rows kept per job for the table and the CSV export (a few hundred bytes each). */
export const MAX_FAILURE_ROWS = 1_000_000;

interface Job {
  status: BatchJobStatus;
  failures: FailureRow[];
  controller: AbortController;
  done: Promise<void>;
}

function rowOf(json: string): FailureRow {
  const r = JSON.parse(json) as {
    line: number;
    codes?: string[];
    hints?: string[];
    summary?: string;
    error?: { code: string; message: string };
  };
  if (r.error) return { line: r.line, codes: [r.error.code], hints: [], summary: r.error.message };
  return { line: r.line, codes: r.codes ?? [], hints: r.hints ?? [], summary: r.summary ?? '' };
}

function csvCell(value: string): string {
  // Also defuses spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function failuresCsv(rows: readonly FailureRow[]): string {
  const lines = ['line,codes,hints,summary'];
  for (const r of rows)
    lines.push([String(r.line), r.codes.join(' '), r.hints.join(' '), r.summary].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export class BatchJobs {
  private readonly jobs = new Map<string, Job>();

  start(options: { path: string; config: BatchConfig }): BatchJobStatus {
    let size: number;
    try {
      const stat = statSync(options.path);
      if (!stat.isFile()) throw new SignetInputError('BATCH_FILE', 'Choose a file, not a folder.', 'path');
      size = stat.size;
    } catch (e) {
      if (e instanceof SignetInputError) throw e;
      throw new SignetInputError('BATCH_FILE', 'That file cannot be read. Choose it again.', 'path');
    }
    const id = randomUUID();
    const controller = new AbortController();
    const status: BatchJobStatus = {
      id,
      state: 'running',
      fileName: options.path.split(/[\\/]/).pop() ?? 'input',
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
    const job: Job = { status, failures: [], controller, done: Promise.resolve() };
    job.done = runBatch({
      config: { ...options.config, failuresOnly: true, details: false },
      input: createReadStream(options.path, { highWaterMark: 1024 * 1024 }),
      totalBytes: size,
      signal: controller.signal,
      onOutput: (out) => {
        const text = Buffer.from(out.jsonl).toString('utf8');
        for (const line of text.split('\n')) {
          if (!line) continue;
          if (job.failures.length < MAX_FAILURE_ROWS) job.failures.push(rowOf(line));
          else status.failuresTruncated = true;
        }
        status.failuresKept = job.failures.length;
      },
      onProgress: (p) => {
        status.counts = structuredClone(p.counts);
        status.bytesDone = p.bytesDone;
        status.linesDone = p.linesDone;
      },
    }).then(
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
    );
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
    const all = this.get(id).failures;
    const matching = options.code
      ? all.filter((r) => r.codes.includes(options.code!) || r.hints.includes(options.code!))
      : all;
    return { total: matching.length, rows: matching.slice(options.offset, options.offset + options.limit) };
  }

  cancel(id: string): BatchJobStatus {
    const job = this.get(id);
    if (job.status.state === 'running') job.controller.abort();
    return { ...job.status };
  }

  exportFailures(id: string, path: string, code?: string): number {
    const { rows } = this.failures(id, { offset: 0, limit: MAX_FAILURE_ROWS, code });
    writeFileSync(path, failuresCsv(rows));
    return rows.length;
  }

  private get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job)
      throw new SignetInputError('BATCH_NOT_FOUND', 'That batch is no longer available; start it again.', 'jobId');
    return job;
  }
}
