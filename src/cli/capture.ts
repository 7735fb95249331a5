/**
 * `signet listen` (a loopback receiver that verifies the integrator's own app live, until Ctrl-C) and
 * `signet verify-har` (the same verdicts for a browser's HAR export). Each scheme has its own secret, so the
 * secret options are per scheme: --eber-secret-env/--eber-secret-file and --mmob-secret-env/--mmob-secret-file.
 */
import { statSync } from 'node:fs';
import type { HarFinding } from '../core/common/har';
import { DEFAULT_TOLERANCE_SECONDS } from '../core/common/product';
import type { CaptureEntry, ForwardMode, ListenInfo } from '../capture/receiver';
import { wholeNumber, type CliCommand, type OptionSpec, type Outcome } from './args';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIo } from './io';
import { readSecret } from './secret';

const FORWARD_MODES: readonly ForwardMode[] = ['never', 'valid', 'always'];

const SCHEME_SECRET_OPTIONS: readonly OptionSpec[] = [
  { flag: 'eber-secret-env', value: '<name>', description: 'verify Eber logins with the secret in this environment variable' },
  { flag: 'eber-secret-file', value: '<path>', description: 'verify Eber logins with the secret in this file' },
  { flag: 'mmob-secret-env', value: '<name>', description: 'verify mmob boot posts with the secret in this environment variable' },
  { flag: 'mmob-secret-file', value: '<path>', description: 'verify mmob boot posts with the secret in this file' },
];

interface SchemeSecretOptions {
  eberSecretEnv?: string;
  eberSecretFile?: string;
  mmobSecretEnv?: string;
  mmobSecretFile?: string;
  timezone?: string;
}

/** Each scheme's secret (null when not given); an Eber secret needs the business time zone. */
function schemeSecrets(o: SchemeSecretOptions, io: CliIo): { eber: string | null; mmob: string | null } {
  const read = (env: string | undefined, file: string | undefined, flag: string): string | null => {
    if (env === undefined && file === undefined) return null;
    if (env !== undefined && file !== undefined)
      throw new UsageError('SECRET_SOURCES', `Give the ${flag} secret from one source only (--${flag}-secret-env or --${flag}-secret-file).`);
    return readSecret({ secretEnv: env, secretFile: file }, io);
  };
  const eber = read(o.eberSecretEnv, o.eberSecretFile, 'eber');
  const mmob = read(o.mmobSecretEnv, o.mmobSecretFile, 'mmob');
  if (eber === null && mmob === null) {
    throw new UsageError(
      'CAPTURE_SCHEME',
      'Give --eber-secret-env NAME (or --eber-secret-file PATH) with --timezone, --mmob-secret-env NAME (or --mmob-secret-file PATH), or both.',
    );
  }
  if (eber !== null && !o.timezone)
    throw new UsageError('TIMEZONE_REQUIRED', "Eber needs the business's time zone: add --timezone, e.g. Asia/Singapore.");
  return { eber, mmob };
}

const clockTime = (iso: string) => iso.slice(11, 19);

function verdictLine(prefix: string, v: { scheme: string; verdict: string; identifier: string | null; summary: string; codes: string[] }, extra = ''): string {
  const codes = v.codes.length > 0 ? ` [${v.codes.join(', ')}]` : '';
  const who = v.identifier === null ? '(no identifier)' : JSON.stringify(v.identifier);
  return `${prefix} ${v.scheme.padEnd(4)} ${v.verdict.padEnd(9)} ${who}  ${v.summary}${codes}${extra}\n`;
}

interface Tally {
  valid: number;
  invalid: number;
  malformed: number;
}
const tallyText = (n: number, t: Tally, noun: string) =>
  `${n} ${noun}${n === 1 ? '' : 's'}: ${t.valid} valid, ${t.invalid} invalid, ${t.malformed} malformed`;

// ---- listen -----------------------------------------------------------------------------------------------------

interface ListenOptions extends SchemeSecretOptions {
  port: number;
  forward: ForwardMode;
  baseUrl?: string;
  tolerance: number;
  json?: boolean;
}

export interface ListenHooks {
  /** Resolves when the receiver should stop (default: the first SIGINT or SIGTERM). */
  stopSignal?: () => Promise<void>;
  /** Called once it listens (tests learn the port here). */
  onListening?: (info: ListenInfo) => void;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export function listenCommand(io: CliIo, clock: () => Date, hooks: ListenHooks = {}): CliCommand {
  return {
    spec: {
      path: ['listen'],
      description: "verify your app's real Eber login redirects and mmob boot posts live, on loopback, until Ctrl-C",
      options: [
        { flag: 'port', value: '<n>', description: 'loopback port (default: a free one)', parse: wholeNumber('--port'), default: 0 },
        ...SCHEME_SECRET_OPTIONS,
        { flag: 'timezone', value: '<iana>', description: 'business time zone (needed for Eber), e.g. Asia/Singapore' },
        { flag: 'forward', value: '<mode>', description: 'send Eber logins on to --base-url with the same raw query', choices: FORWARD_MODES, default: 'never' },
        { flag: 'base-url', value: '<url>', description: 'the real business origin to forward to, e.g. https://demo.eber.co' },
        { flag: 'tolerance', value: '<seconds>', description: 'mmob: maximum age and clock skew', parse: wholeNumber('--tolerance'), default: DEFAULT_TOLERANCE_SECONDS },
        { flag: 'json', description: 'one JSON object per line: {listening}, then one per capture, then {summary}' },
      ],
    },
    run: (async (o: ListenOptions): Promise<Outcome> => {
      const secrets = schemeSecrets(o, io);
      if (o.forward !== 'never' && (secrets.eber === null || !o.baseUrl))
        throw new UsageError('BASE_URL_REQUIRED', `--forward ${o.forward} needs an Eber secret and --base-url (the real business origin, e.g. https://demo.eber.co).`);
      const { startReceiver } = await import('../capture/receiver');
      const tally: Tally = { valid: 0, invalid: 0, malformed: 0 };
      const { receiver, info } = await startReceiver({
        port: o.port,
        eber: secrets.eber === null ? null : { secret: secrets.eber, timezone: o.timezone!, forwardTo: o.forward === 'never' ? null : o.baseUrl },
        mmob: secrets.mmob === null ? null : { secret: secrets.mmob, toleranceSeconds: o.tolerance },
        forward: o.forward,
        now: clock,
        onEntry: (e: CaptureEntry) => {
          tally[e.verdict]++;
          if (o.json) io.stdout(`${JSON.stringify(e)}\n`);
          else io.stdout(verdictLine(`#${e.id} ${clockTime(e.at)}`, e, e.forwardedTo ? '  → forwarded' : ''));
        },
      });
      const v6 = info.addresses.includes('::1') ? ` and http://[::1]:${info.port}` : '';
      const lines = [`signet: capturing on ${info.baseUrl}${v6} (loopback only; captures stay in memory)`];
      if (secrets.eber !== null)
        lines.push(
          `  Eber: set the business base URL to ${info.baseUrl} → GET /login/hmac?… (time zone ${o.timezone}; forward: ${o.forward}${o.forward !== 'never' ? ` to ${o.baseUrl}` : ''})`,
        );
      if (secrets.mmob !== null) lines.push(`  mmob: set marketplace_url to ${info.baseUrl} → POST /boot (tolerance ${o.tolerance} s)`);
      lines.push('  Press Ctrl-C to stop.');
      io.stderr(`${lines.join('\n')}\n`);
      if (o.json) io.stdout(`${JSON.stringify({ listening: info })}\n`);
      hooks.onListening?.(info);
      await (hooks.stopSignal ?? interrupted)();
      await receiver.stop();
      const stats = receiver.stats;
      const refused = Object.entries(stats.refused).filter(([, n]) => n > 0);
      const refusedText = refused.length > 0 ? `; refused ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}` : '';
      return {
        exitCode: tally.invalid + tally.malformed > 0 ? EXIT_INVALID : EXIT_OK,
        json: { summary: { ...info, captured: stats.captured, ...tally, dropped: stats.dropped, refused: stats.refused } },
        text: `${tallyText(stats.captured, tally, 'capture')}${refusedText}.\n`,
      };
    }) as CliCommand['run'],
  };
}

// ---- verify-har -------------------------------------------------------------------------------------------------

interface HarOptions extends SchemeSecretOptions {
  input: string;
  now?: string;
  tolerance: number;
  json?: boolean;
}

interface HarVerdict {
  entry: number;
  scheme: 'eber' | 'mmob';
  url: string;
  startedAt: string | null;
  verdict: 'valid' | 'invalid' | 'malformed' | 'skipped';
  identifier: string | null;
  codes: string[];
  hints: string[];
  summary: string;
}

export function verifyHarCommand(io: CliIo, clock: () => Date): CliCommand {
  return {
    spec: {
      path: ['verify-har'],
      description: "verify the Eber login URLs and mmob boot posts in a browser's HAR export",
      options: [
        { flag: 'input', value: '<file>', description: 'the HAR file (devtools → Network → "Save all as HAR")', required: true },
        ...SCHEME_SECRET_OPTIONS,
        { flag: 'timezone', value: '<iana>', description: 'business time zone (needed for Eber), e.g. Asia/Singapore' },
        { flag: 'now', value: '<iso>', description: "the verifier clock as ISO 8601 (default: each request's own time in the HAR)" },
        { flag: 'tolerance', value: '<seconds>', description: 'mmob: maximum age and clock skew', parse: wholeNumber('--tolerance'), default: DEFAULT_TOLERANCE_SECONDS },
        { flag: 'json', description: 'print exactly one JSON object on stdout: {findings, summary}' },
      ],
    },
    run: (async (o: HarOptions): Promise<Outcome> => {
      const secrets = schemeSecrets(o, io);
      const [{ verifyEberUrl }, { verifyMmob }, { parseVerifierTime }, { isEberLoginUrl, MAX_HAR_CHARS, scanHar }] =
        await Promise.all([
          import('../core/node/eber/verify'),
          import('../core/node/mmob/verify'),
          import('../core/common/options'),
          import('../core/common/har'),
        ]);
      const fixedNow = parseVerifierTime(o.now, 'iso-8601');
      let size: number | null = null;
      try {
        size = statSync(o.input).size;
      } catch {
        size = null; // readFile below says why
      }
      if (size !== null && size > MAX_HAR_CHARS)
        throw new UsageError('HAR_TOO_LARGE', `${o.input} is ${Math.round(size / 1_048_576)} MiB; Signet reads HAR files up to ${MAX_HAR_CHARS / 1_048_576} MiB.`);
      let text: string;
      try {
        text = io.readFile(o.input);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        throw new UsageError('INPUT_UNREADABLE', `Cannot read ${o.input} (${code === 'ERR_STRING_TOO_LONG' ? 'too large' : code}).`);
      }
      const scan = scanHar(text);
      const seenNonces = new Set<string>();
      const results: HarVerdict[] = scan.findings.map((f: HarFinding): HarVerdict => {
        const now = fixedNow ?? (f.startedAt ? new Date(f.startedAt) : clock());
        const base = { entry: f.entry, scheme: f.scheme, url: f.url, startedAt: f.startedAt };
        if (f.scheme === 'eber') {
          if (secrets.eber === null)
            return { ...base, verdict: 'skipped', identifier: null, codes: [], hints: [], summary: 'Not verified: no --eber-secret-env / --eber-secret-file.' };
          // Recorded on a loopback receiver (http): verified as the https login URL with the same raw query.
          const url = f.url.startsWith('http://') && isEberLoginUrl(f.url) ? `https://${f.url.slice(7)}` : f.url;
          const r = verifyEberUrl({ url, secret: secrets.eber, timezone: o.timezone!, now, withExpiryViews: false });
          const verdict = r.valid ? 'valid' : r.codes.includes('URL_INVALID') ? 'malformed' : 'invalid';
          return { ...base, verdict, identifier: r.details.identifier, codes: r.codes, hints: r.hints, summary: r.details.summary };
        }
        if (secrets.mmob === null)
          return { ...base, verdict: 'skipped', identifier: null, codes: [], hints: [], summary: 'Not verified: no --mmob-secret-env / --mmob-secret-file.' };
        if (!f.parsed.ok) return { ...base, verdict: 'malformed', identifier: null, codes: [f.parsed.code], hints: [], summary: `Malformed boot post: ${f.parsed.message}` };
        const b = f.parsed.fields;
        const missing = [b.cpId === null && 'cp_id', b.cpDeploymentId === null && 'cp_deployment_id', b.signature === null && 'signature'].filter(Boolean);
        if (missing.length > 0)
          return { ...base, verdict: 'malformed', identifier: b.email, codes: ['FIELD_MISSING'], hints: [], summary: `Malformed boot post: no ${missing.join(', ')}.` };
        const r = verifyMmob({
          signature: b.signature!,
          secret: secrets.mmob,
          cpId: b.cpId!,
          cpDeploymentId: b.cpDeploymentId!,
          email: b.email ?? '',
          now: Math.floor(now.getTime() / 1000),
          toleranceSeconds: o.tolerance,
          seenNonces,
        });
        if (r.details.nonce !== null) seenNonces.add(r.details.nonce);
        const verdict = r.valid ? 'valid' : r.codes.includes('SIGNATURE_MALFORMED') ? 'malformed' : 'invalid';
        return { ...base, verdict, identifier: b.email, codes: r.codes, hints: r.hints, summary: r.details.summary };
      });
      const tally = { valid: 0, invalid: 0, malformed: 0, skipped: 0 };
      for (const r of results) tally[r.verdict]++;
      const notes = [
        scan.skipped > 0 ? `${scan.skipped} unreadable entr${scan.skipped === 1 ? 'y' : 'ies'} skipped` : '',
        scan.bodiesMissing > 0 ? `${scan.bodiesMissing} boot post${scan.bodiesMissing === 1 ? '' : 's'} without a recorded body` : '',
        scan.truncated > 0 ? `${scan.truncated} more findings not verified (limit reached)` : '',
        tally.skipped > 0 ? `${tally.skipped} not verified (no secret for that scheme)` : '',
      ].filter(Boolean);
      const head =
        results.length === 0
          ? `No Eber login URLs or mmob boot posts in ${scan.entries} entries.`
          : `${tallyText(results.length - tally.skipped, tally, 'finding')} (${scan.entries} entries).`;
      const lines = results.map((r) => verdictLine(`entry ${r.entry}`, r));
      return {
        exitCode: tally.invalid + tally.malformed > 0 ? EXIT_INVALID : EXIT_OK,
        json: { findings: results, summary: { entries: scan.entries, findings: results.length, ...tally, skippedEntries: scan.skipped, bodiesMissing: scan.bodiesMissing, truncated: scan.truncated } },
        text: `${lines.join('')}${head}${notes.length > 0 ? ` ${notes.join('; ')}.` : ''}\n`,
      };
    }) as CliCommand['run'],
  };
}
