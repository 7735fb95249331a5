/**
 * `signet mmob verify-batch` and `signet eber verify-batch`: a whole log at once. One JSON line per record
 * on stdout (in input order), the summary on stderr or in --summary-json FILE, a progress bar on stderr
 * when it is a terminal. Exit 0 when every record is valid, 1 when any is not, 2 on a usage error.
 */
// Only data and small helpers at load time: the verifiers (and the time-zone library) load when a batch runs.
import { BATCH_FORMATS, type BatchFormat, type BatchScheme } from '../core/common/batch/formats';
import { formatCounts } from '../core/common/batch/summary';
import type { BatchConfig } from '../core/node/batch/verify';
import { DEFAULT_TOLERANCE_SECONDS } from '../core/common/product';
import type { BatchProgress, BatchSummary } from '../batch/run';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIo } from './io';
import { wholeNumber, type CliCommand, type OptionSpec, type Outcome } from './args';
import { readSecret, SECRET_OPTIONS, type SecretOptions } from './secret';

interface BatchOptions extends SecretOptions {
  input: string;
  format: BatchFormat;
  now?: string;
  tolerance?: number;
  timezone?: string;
  workers?: number;
  details?: boolean;
  failuresOnly?: boolean;
  summaryJson?: string;
  progress?: boolean;
  json?: boolean;
}

function batchOptions(scheme: BatchScheme): OptionSpec[] {
  const formats = BATCH_FORMATS[scheme];
  const clock: OptionSpec[] =
    scheme === 'mmob'
      ? [
          {
            flag: 'now',
            value: '<seconds>',
            description: 'the verifier clock in Unix seconds, for records without their own (default: now)',
          },
          {
            flag: 'tolerance',
            value: '<seconds>',
            description: 'maximum age and clock skew',
            parse: wholeNumber('--tolerance'),
            default: DEFAULT_TOLERANCE_SECONDS,
          },
        ]
      : [
          { flag: 'timezone', value: '<iana>', description: 'business time zone, e.g. Asia/Singapore', required: true },
          {
            flag: 'now',
            value: '<iso>',
            description: 'the verifier clock as ISO 8601, for records without their own (default: now)',
          },
        ];
  return [
    { flag: 'input', value: '<file>', description: 'the records; "-" reads standard input', required: true },
    { flag: 'format', value: '<format>', description: 'input format', choices: formats, default: formats[0] },
    ...clock,
    {
      flag: 'workers',
      value: '<n>',
      description: 'worker threads for large inputs (default: one per core; 0: none)',
      parse: wholeNumber('--workers'),
    },
    { flag: 'details', description: "include the verifier's full details in every line" },
    { flag: 'failures-only', description: 'write only records that are not valid (the summary still counts all)' },
    {
      flag: 'summary-json',
      value: '<file>',
      description: 'write the summary as JSON to FILE ("-": to stderr, instead of the text summary)',
    },
    { flag: 'no-progress', description: 'no progress bar, even on a terminal' },
    ...SECRET_OPTIONS,
    { flag: 'json', description: 'print only the summary, as exactly one JSON object on stdout (no record lines)' },
  ];
}

function progressBar(io: CliIo): { update: (p: BatchProgress) => void; clear: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const c = p.counts;
      let bar = '';
      if (p.totalBytes) {
        const f = Math.min(1, p.bytesDone / p.totalBytes);
        const width = 24;
        bar = `[${'#'.repeat(Math.round(f * width)).padEnd(width, '.')}] ${String(Math.floor(f * 100)).padStart(3)}%  `;
      }
      io.stderr(`\r${bar}${c.records.toLocaleString('en')} records, ${c.invalid + c.malformed} not valid\x1b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** The meaning of each code and hint in the summary (the tables load with the summary, not at start). */
async function explain(scheme: BatchScheme) {
  const [{ EBER_HINTS, EBER_VERIFY_CODES }, { MMOB_HINTS, MMOB_VERIFY_CODES }] = await Promise.all([
    import('../core/common/eber/constants'),
    import('../core/common/mmob/codes'),
  ]);
  return (kind: 'code' | 'hint', key: string): string | undefined => {
    const table: Record<string, string> =
      scheme === 'mmob'
        ? kind === 'code'
          ? MMOB_VERIFY_CODES
          : MMOB_HINTS
        : kind === 'code'
          ? EBER_VERIFY_CODES
          : EBER_HINTS;
    return table[key];
  };
}

async function verifierTime(scheme: BatchScheme, text: string): Promise<Date> {
  const { parseVerifierTime } = await import('../core/common/options');
  return parseVerifierTime(text, scheme === 'mmob' ? 'unix-seconds' : 'iso-8601')!;
}

async function runBatchCommand(scheme: BatchScheme, o: BatchOptions, io: CliIo, clock: () => Date): Promise<Outcome> {
  if (o.input === '-' && o.secretStdin) {
    throw new UsageError(
      'STDIN_TWICE',
      'Standard input cannot carry both the records (--input -) and the secret (--secret-stdin).',
    );
  }
  const secret = readSecret(o, io);
  // The rules (and, for ISO instants, the time-zone library) load only when --now is given.
  const now = o.now === undefined ? clock() : await verifierTime(scheme, o.now);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const nowMs = now.getTime();
  const config: BatchConfig = {
    scheme,
    format: o.format,
    secret,
    nowSeconds,
    nowMs,
    toleranceSeconds: o.tolerance,
    timezone: o.timezone,
    details: o.details === true,
    failuresOnly: o.failuresOnly === true,
    // --json prints the summary alone: no verdict line is made at all.
    summaryOnly: o.json === true,
  };

  // Loaded on use, so the batch engine adds nothing to the start-up of the other commands.
  const [{ runBatch }, { nodeBatchStreams }] = await Promise.all([import('../batch/run'), import('../batch/node-io')]);
  const streams = io.batch ?? nodeBatchStreams();
  let input: ReturnType<typeof streams.openInput>;
  try {
    input = streams.openInput(o.input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError('INPUT_UNREADABLE', `Cannot read the input file ${o.input} (${code}).`);
  }

  const bar = io.stderrIsTTY && o.progress !== false ? progressBar(io) : null;
  let summary: BatchSummary;
  try {
    summary = await runBatch({
      config,
      input: input.stream,
      totalBytes: input.size,
      workers: o.workers,
      // With --json stdout carries the summary alone, as every command's --json does.
      onOutput: (out) => (out.jsonl.length > 0 && !o.json ? streams.writeOut(out.jsonl) : undefined),
      onProgress: bar?.update,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') {
      throw new UsageError(
        'OUTPUT_CLOSED',
        'Standard output was closed before every record was written; the batch stopped.',
      );
    }
    throw e;
  } finally {
    bar?.clear();
  }

  if (o.summaryJson === '-') io.stderr(`${JSON.stringify(summary)}\n`);
  else {
    io.stderr(formatCounts(summary, await explain(scheme)));
    io.stderr(
      `${summary.lines} lines in ${(summary.elapsedMs / 1000).toFixed(2)} s (${summary.recordsPerSecond} records/s, ${summary.workers === 0 ? 'inline' : `${summary.workers} workers`})\n`,
    );
    if (o.summaryJson !== undefined) {
      try {
        streams.writeFile(o.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
      } catch (e) {
        throw new UsageError(
          'SUMMARY_UNWRITABLE',
          `Cannot write the summary to ${o.summaryJson} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
    }
  }
  return { exitCode: summary.invalid + summary.malformed > 0 ? EXIT_INVALID : EXIT_OK, json: summary, text: '' };
}

/** `signet mmob verify-batch` or `signet eber verify-batch`. */
export function batchCommand(scheme: BatchScheme, io: CliIo, clock: () => Date): CliCommand {
  return {
    spec: {
      path: [scheme, 'verify-batch'],
      description:
        scheme === 'mmob'
          ? 'verify a file of signatures, one JSON record {signature, cpId, cpDeploymentId, email?, now?} per line (or CSV with those columns)'
          : 'verify a file of login URLs, one per line (or JSONL / CSV with a url column and optional now)',
      options: batchOptions(scheme),
    },
    run: ((o: BatchOptions) => runBatchCommand(scheme, o, io, clock)) as CliCommand['run'],
  };
}
