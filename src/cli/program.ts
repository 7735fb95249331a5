// Module by module rather than the core barrel, and each command's engine imported by the command itself
// (signing, verifying, URLs, diffs, the code tables), so a start loads and compiles only the one it runs. The
// commands defined in files of their own (batch, capture, code, pack) load whole, spec and all, only when one
// of them runs or help lists them.
import {
  EBER_HINTS,
  EBER_LOCALE_CODES,
  EBER_VERIFY_CODES,
  type EberIdentifierType,
} from '../core/common/eber/constants';
import { hashEber } from '../core/node/eber/hash';
import { ERROR_CODES, isSignetError, namedFor } from '../core/common/errors';
import type { Explanation } from '../core/common/explain';
import { APP_VERSION, DEFAULT_TOLERANCE_SECONDS } from '../core/common/product';
import { readRfc3339Instant } from '../core/common/instant';
import {
  commandHelp,
  groupHelp,
  parseCommandArgs,
  programHelp,
  wholeNumber,
  type CliCommand,
  type CommandSpec,
  type OptionSpec,
  type Outcome,
} from './args';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { readEberSecret, readSecret, SECRET_OPTIONS, type SecretOptions } from './secret';

const JSON_OPTION: OptionSpec = { flag: 'json', description: 'print exactly one JSON object on stdout' };

interface IdentifierOptions {
  email?: string;
  phone?: string;
  customId?: string;
}

function identifierOf(o: IdentifierOptions): { identifierType: EberIdentifierType; identifier: string } {
  const given = (
    [
      ['email', o.email],
      ['phone', o.phone],
      ['customId', o.customId],
    ] as const
  ).filter(([, v]) => v !== undefined);
  if (given.length !== 1) throw new UsageError('IDENTIFIER', 'Give exactly one of --email, --phone or --custom-id.');
  const [type, value] = given[0]!;
  return { identifierType: type, identifier: value! };
}

interface ExpiryOptions {
  expiry?: string;
  expiresIn?: number;
  timezone?: string;
  json?: boolean;
}

async function expiryOf(o: ExpiryOptions, now: Date): Promise<{ expiry: string | undefined; notes: Explanation[] }> {
  // The rules live in the core (the app's handlers use the same); they, and the time-zone library they
  // need, load only when there is something to resolve, so a plain hash starts fast. A fixed expiry with
  // --timezone is checked for a repeated hour or a DST gap (kept as given, with a note).
  if (o.expiresIn === undefined && !(o.expiry && o.timezone)) return { expiry: o.expiry, notes: [] };
  const { resolveExpiryWithNotes } = await import('../core/common/options');
  return withTzOffsets(() =>
    resolveExpiryWithNotes({ expiry: o.expiry, expiresInMinutes: o.expiresIn, timezone: o.timezone }, now),
  );
}

/**
 * Runs a one-shot Eber step with zone offsets read through the process's TZ instead of Intl, which would
 * load ICU's locale data at every start (core/node/zone-offsets.ts says why that is exact, and when it is
 * not used). Only around steps that run alone in the process, and the previous source is put back after.
 */
async function withTzOffsets<T>(run: () => T): Promise<T> {
  const [{ useOffsetSource }, { processTzOffsets }] = await Promise.all([
    import('../core/common/eber/expiry'),
    import('../core/node/zone-offsets'),
  ]);
  const previous = useOffsetSource(processTzOffsets);
  try {
    return run();
  } finally {
    useOffsetSource(previous);
  }
}

/** Expiry notes go to stderr in text mode, so stdout stays the hash or URL alone; --json carries them instead. */
function printNotes(io: CliIo, o: ExpiryOptions, notes: readonly Explanation[]): void {
  if (o.json) return;
  for (const n of notes) io.stderr(`note: ${n.code}: ${n.text}\n`);
}

function verdictText(
  r: { valid: boolean; codes: string[]; hints: string[]; details: { summary: string; messages: string[] } },
  extra: string[],
): string {
  return [r.details.summary, ...r.details.messages.map((m) => `  - ${m}`), ...extra].join('\n') + '\n';
}

const THEIR_CANONICAL_OPTION: OptionSpec = {
  flag: 'their-canonical',
  value: '<text|@file>',
  description:
    'the string your signer logged before hashing, compared byte by byte with the expected one (@FILE reads a file; its one final newline is not counted)',
};
interface TheirOptions {
  theirCanonical?: string;
}

/** `--their-canonical`: the diff as text lines and as a JSON field; nothing when the flag is absent. */
async function theirDiff(o: TheirOptions, expected: string | null, label: string, io: CliIo) {
  if (o.theirCanonical === undefined) return { lines: [] as string[], json: {} };
  let theirs = o.theirCanonical;
  let note: string | null = null;
  if (theirs.startsWith('@')) {
    const path = theirs.slice(1);
    try {
      theirs = io.readFile(path);
    } catch (e) {
      throw new UsageError(
        'INPUT_UNREADABLE',
        `Cannot read --their-canonical file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    if (theirs.endsWith('\n') && !theirs.endsWith('\r\n')) {
      theirs = theirs.slice(0, -1);
      note = "  (the file's final newline was not counted; pass the text itself to compare a trailing newline)";
    }
  }
  if (expected === null)
    return { lines: [`  their ${label}: nothing to compare (no expected ${label}: the value is malformed)`], json: {} };
  const { diffText, formatDiff } = await import('../core/common/diff');
  const diff = diffText(expected, theirs);
  return {
    lines: [...formatDiff(diff, label).map((l) => `  ${l}`), ...(note ? [note] : [])],
    json: { theirCanonical: diff },
  };
}

/** `--try-secret-env` / `--try-secret-file`: other secrets a mismatch is tried with ("signed with the key of …"). */
const TRY_SECRET_OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'try-secret-env',
    value: '<name>',
    description: 'on a mismatch, also try the secret in this environment variable (named in the hint)',
    multiple: true,
  },
  {
    flag: 'try-secret-file',
    value: '<path>',
    description:
      'on a mismatch, also try the secret in this file (one final newline is ignored; named by its file name)',
    multiple: true,
  },
];
interface TrySecretOptions {
  trySecretEnv?: string[];
  trySecretFile?: string[];
}

/** The --try-secret-* secrets as verify `alternates`: label = the variable's name or the file's name. */
function readTrySecrets(o: TrySecretOptions, io: CliIo): { label: string; secret: string }[] {
  const out: { label: string; secret: string }[] = [];
  for (const name of o.trySecretEnv ?? []) {
    const secret = io.env[name];
    if (secret === undefined || secret.length === 0)
      throw new UsageError('TRY_SECRET', `The environment variable ${name} (--try-secret-env) is not set or empty.`);
    out.push({ label: name, secret });
  }
  for (const path of o.trySecretFile ?? []) {
    let secret: string;
    try {
      secret = io.readFile(path).replace(/\r?\n$/, '');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError('TRY_SECRET', `Cannot read the --try-secret-file ${path} (${code}).`);
    }
    if (secret.length === 0) throw new UsageError('TRY_SECRET', `The --try-secret-file ${path} is empty.`);
    out.push({ label: path.split(/[\\/]/).pop() || path, secret });
  }
  return out;
}

const PROGRAM = 'signet';
const DESCRIPTION = 'Sign, verify and explain mmob Secure Identity signatures and Eber HMAC login URLs.';
const GROUPS = [
  { name: 'mmob', description: 'mmob Secure Identity signatures' },
  { name: 'eber', description: 'Eber HMAC login' },
];

const IDENTIFIER_OPTIONS: readonly OptionSpec[] = [
  { flag: 'email', value: '<email>', description: 'identify the member by email' },
  { flag: 'phone', value: '<phone>', description: 'identify the member by phone number' },
  { flag: 'custom-id', value: '<id>', description: 'identify the member by custom id' },
  { flag: 'expiry', value: '<datetime>', description: 'expiry "Y-m-d H:i:s" in the business time zone' },
  {
    flag: 'expires-in',
    value: '<minutes>',
    description: 'expiry N minutes from now (needs --timezone)',
    parse: wholeNumber('--expires-in', 1),
  },
  { flag: 'timezone', value: '<iana>', description: 'business time zone, for --expires-in' },
];

/** A command whose module loads only when it runs or help lists it: its path is all dispatch needs. */
export interface LazyCommand {
  path: readonly string[];
  load: () => Promise<CliCommand>;
}
type CommandEntry = CliCommand | LazyCommand;

const pathOf = (e: CommandEntry): readonly string[] => ('spec' in e ? e.spec.path : e.path);
const loaded = (e: CommandEntry): Promise<CliCommand> => ('spec' in e ? Promise.resolve(e) : e.load());

/** Every command, loaded, in the order help lists them. */
export function loadCommands(io: CliIo, clock: () => Date): Promise<CliCommand[]> {
  return Promise.all(buildCommands(io, clock).map(loaded));
}

export function buildCommands(io: CliIo, clock: () => Date): CommandEntry[] {
  const command = <O>(spec: CommandSpec, run: (o: O) => Promise<Outcome> | Outcome): CliCommand => ({
    spec,
    run: run as CliCommand['run'],
  });
  const lazy = (path: readonly string[], load: () => Promise<CliCommand>): LazyCommand => ({ path, load });
  return [
    command(
      {
        path: ['mmob', 'sign'],
        description: 'sign ts:cpId:cpDeploymentId:email:nonce',
        options: [
          { flag: 'cp-id', value: '<id>', description: 'content provider id', required: true },
          { flag: 'deployment-id', value: '<id>', description: 'content provider deployment id', required: true },
          { flag: 'email', value: '<email>', description: 'customer email (may be empty)', default: '' },
          {
            flag: 'timestamp',
            value: '<seconds>',
            description: 'Unix seconds (default: now)',
            parse: wholeNumber('--timestamp'),
          },
          { flag: 'nonce', value: '<nonce>', description: '30–50 characters (default: 16 random bytes as hex)' },
          ...SECRET_OPTIONS,
          JSON_OPTION,
        ],
      },
      async (
        o: SecretOptions & { cpId: string; deploymentId: string; email: string; timestamp?: number; nonce?: string },
      ) => {
        const [{ signMmob }, { MMOB_SIGN_WARNINGS }] = await Promise.all([
          import('../core/node/mmob/sign'),
          import('../core/common/mmob/codes'),
        ]);
        const r = signMmob({
          secret: readSecret(o, io),
          cpId: o.cpId,
          cpDeploymentId: o.deploymentId,
          email: o.email,
          timestamp: o.timestamp ?? Math.floor(clock().getTime() / 1000),
          nonce: o.nonce,
        });
        const warnings = r.warnings.map((w) => `warning: ${w}: ${MMOB_SIGN_WARNINGS[w]}`);
        return {
          exitCode: EXIT_OK,
          json: r,
          text: [r.signature, `canonical: ${r.canonical}`, ...warnings].join('\n') + '\n',
        };
      },
    ),
    command(
      {
        path: ['mmob', 'verify'],
        description: 'verify a signature and explain a mismatch',
        options: [
          { flag: 'signature', value: '<sig>', description: 'the signature ts:mac:nonce', required: true },
          { flag: 'cp-id', value: '<id>', description: 'content provider id', required: true },
          { flag: 'deployment-id', value: '<id>', description: 'content provider deployment id', required: true },
          { flag: 'email', value: '<email>', description: 'customer email', default: '' },
          {
            flag: 'now',
            value: '<seconds>',
            description: 'the verifier clock in Unix seconds (default: now)',
            parse: wholeNumber('--now'),
          },
          {
            flag: 'tolerance',
            value: '<seconds>',
            description: 'maximum age and clock skew',
            parse: wholeNumber('--tolerance'),
            default: DEFAULT_TOLERANCE_SECONDS,
          },
          THEIR_CANONICAL_OPTION,
          ...SECRET_OPTIONS,
          ...TRY_SECRET_OPTIONS,
          JSON_OPTION,
        ],
      },
      async (
        o: SecretOptions &
          TheirOptions &
          TrySecretOptions & {
            signature: string;
            cpId: string;
            deploymentId: string;
            email: string;
            now?: number;
            tolerance: number;
          },
      ) => {
        const { verifyMmob } = await import('../core/node/mmob/verify');
        const r = verifyMmob({
          signature: o.signature,
          secret: readSecret(o, io),
          cpId: o.cpId,
          cpDeploymentId: o.deploymentId,
          email: o.email,
          now: o.now ?? Math.floor(clock().getTime() / 1000),
          toleranceSeconds: o.tolerance,
          alternates: readTrySecrets(o, io),
        });
        const extra = [`  canonical expected: ${r.details.canonical}`];
        for (const w of r.warnings) extra.push(`  warning: ${w.code}: ${w.text}`);
        if (r.details.ageSeconds !== null)
          extra.push(`  age: ${r.details.ageSeconds} s (tolerance ${r.details.toleranceSeconds} s)`);
        const theirs = await theirDiff(o, r.details.canonical, 'canonical string', io);
        extra.push(...theirs.lines);
        return {
          exitCode: r.valid ? EXIT_OK : EXIT_INVALID,
          json: { ...r, ...theirs.json },
          text: verdictText(r, extra),
        };
      },
    ),
    lazy(['mmob', 'verify-batch'], async () => (await import('./batch')).batchCommand('mmob', io, clock)),
    command(
      {
        path: ['eber', 'hash'],
        description: 'compute hmac_hash',
        options: [...IDENTIFIER_OPTIONS, ...SECRET_OPTIONS, JSON_OPTION],
      },
      async (o: SecretOptions & IdentifierOptions & ExpiryOptions) => {
        const id = identifierOf(o);
        const { expiry, notes } = await expiryOf(o, clock());
        const hash = hashEber({ secret: readEberSecret(o, io), ...id, expiry });
        printNotes(io, o, notes);
        return {
          exitCode: EXIT_OK,
          json: { hash, ...(o.expiresIn !== undefined ? { expiry } : {}), ...(notes.length > 0 ? { notes } : {}) },
          text: `${hash}\n`,
        };
      },
    ),
    command(
      {
        path: ['eber', 'url'],
        description: 'build the login URL',
        options: [
          { flag: 'base-url', value: '<url>', description: 'https origin, e.g. https://demo.eber.co', required: true },
          { flag: 'phone-code', value: '<iso>', description: 'country of --phone as ISO 3166 alpha-2, e.g. MY' },
          { flag: 'locale', value: '<locale>', description: 'login page language', choices: EBER_LOCALE_CODES },
          ...IDENTIFIER_OPTIONS,
          ...SECRET_OPTIONS,
          JSON_OPTION,
        ],
      },
      async (
        o: SecretOptions & IdentifierOptions & ExpiryOptions & { baseUrl: string; phoneCode?: string; locale?: string },
      ) => {
        const id = identifierOf(o);
        const { expiry, notes } = await expiryOf(o, clock());
        const { buildEberUrl } = await import('../core/node/eber/url');
        const r = buildEberUrl({
          secret: readEberSecret(o, io),
          baseUrl: o.baseUrl,
          ...id,
          expiry,
          phoneCode: o.phoneCode,
          locale: o.locale,
          expiryNotes: notes,
        });
        printNotes(io, o, r.notes);
        return { exitCode: EXIT_OK, json: r, text: `${r.url}\n` };
      },
    ),
    command(
      {
        path: ['eber', 'verify'],
        description: 'verify a login URL and explain a mismatch',
        options: [
          { flag: 'url', value: '<url>', description: 'the login URL', required: true },
          { flag: 'timezone', value: '<iana>', description: 'business time zone, e.g. Asia/Singapore', required: true },
          { flag: 'now', value: '<iso>', description: 'the verifier clock as ISO 8601 (default: now)' },
          THEIR_CANONICAL_OPTION,
          ...SECRET_OPTIONS,
          ...TRY_SECRET_OPTIONS,
          JSON_OPTION,
        ],
      },
      async (o: SecretOptions & TheirOptions & TrySecretOptions & { url: string; timezone: string; now?: string }) => {
        const { verifyEberUrl } = await import('../core/node/eber/verify');
        // The everyday --now is read without luxon; any other text goes to the full reader (and its message).
        const now =
          o.now === undefined
            ? clock()
            : (readRfc3339Instant(o.now.trim()) ??
              (await import('../core/common/options')).parseVerifierTime(o.now, 'iso-8601')!);
        const secret = readEberSecret(o, io);
        const alternates = readTrySecrets(o, io);
        const r = await withTzOffsets(() =>
          verifyEberUrl({ url: o.url, secret, timezone: o.timezone, now, alternates }),
        );
        const extra: string[] = [];
        for (const p of r.details.parameters)
          extra.push(`  ${p.name} = ${JSON.stringify(p.decoded)}${p.raw !== p.decoded ? `  (raw ${p.raw})` : ''}`);
        if (r.details.message !== null) extra.push(`  hashed string: ${JSON.stringify(r.details.message)}`);
        if (r.codes.includes('HASH_MISMATCH') && r.details.expectedHash !== null)
          extra.push(`  expected hmac_hash: ${r.details.expectedHash}`);
        if (r.details.expiryViews)
          extra.push(`  expiry: ${r.details.expiryViews.business} = ${r.details.expiryViews.utc}`);
        const theirs = await theirDiff(o, r.details.message, 'hashed string', io);
        extra.push(...theirs.lines);
        return {
          exitCode: r.valid ? EXIT_OK : EXIT_INVALID,
          json: { ...r, ...theirs.json },
          text: verdictText(r, extra),
        };
      },
    ),
    lazy(['eber', 'verify-batch'], async () => (await import('./batch')).batchCommand('eber', io, clock)),
    lazy(['listen'], async () => (await import('./capture')).listenCommand(io, clock)),
    lazy(['verify-har'], async () => (await import('./capture')).verifyHarCommand(io, clock)),
    lazy(['code'], async () => (await import('./code')).codeCommand()),
    lazy(['lint-code'], async () => (await import('./code')).lintCodeCommand(io)),
    lazy(['pack'], async () => (await import('./pack')).packCommand(io, clock)),
    command(
      {
        path: ['codes'],
        description: 'list every verification code and hint with its meaning',
        options: [JSON_OPTION],
      },
      async () => {
        const { MMOB_HINTS, MMOB_SIGN_WARNINGS, MMOB_VERIFY_CODES } = await import('../core/common/mmob/codes');
        const verdicts = {
          mmob: { codes: MMOB_VERIFY_CODES, hints: MMOB_HINTS, warnings: MMOB_SIGN_WARNINGS },
          eber: { codes: EBER_VERIFY_CODES, hints: EBER_HINTS },
        };
        const lines = Object.entries(verdicts).flatMap(([scheme, groups]) =>
          Object.entries(groups).flatMap(([group, entries]) =>
            Object.entries(entries).map(([k, v]) => `${scheme} ${group.slice(0, -1)} ${k}: ${v}`),
          ),
        );
        // What Signet refuses (exit 2 here, an error envelope in the app), beside the verdicts it explains.
        for (const [code, { kind, meaning }] of Object.entries(ERROR_CODES))
          lines.push(`error ${kind} ${code}: ${meaning}`);
        return { exitCode: EXIT_OK, json: { ...verdicts, errors: ERROR_CODES }, text: `${lines.join('\n')}\n` };
      },
    ),
  ];
}

/**
 * The flag that gives each request field, for messages: the core names fields as the app's requests do
 * ("expiresInMinutes"); the CLI says "--expires-in". Most fields are their flag in camelCase; the rest are listed.
 */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  expiresInMinutes: '--expires-in',
  cpDeploymentId: '--deployment-id',
  toleranceSeconds: '--tolerance',
  identifier: '--email, --phone or --custom-id',
  secret: '--secret-env, --secret-file or --secret-stdin',
};
function flagNames(spec: CommandSpec): Record<string, string> {
  const names: Record<string, string> = { ...FIELD_FLAGS };
  for (const o of spec.options) names[o.flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = `--${o.flag}`;
  return names;
}

/** A command's options as data, for `--help --json`. */
function specJson(s: CommandSpec) {
  return {
    command: s.path.join(' '),
    description: s.description,
    options: s.options
      .filter((o) => !o.hidden)
      .map((o) => ({
        flag: `--${o.flag}`,
        value: o.value ?? null,
        description: o.description,
        required: o.required === true,
        default: o.default ?? null,
        choices: o.choices ?? null,
      })),
  };
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, clock: () => Date = () => new Date()): Promise<number> {
  const wantsJson = argv.includes('--json');
  const commands = buildCommands(io, clock);
  const specsOf = async (entries: readonly CommandEntry[]) =>
    (await Promise.all(entries.map(loaded))).map((c) => c.spec);
  const isHelp = (a: string | undefined) => a === '--help' || a === '-h' || a === 'help';

  const fail = (code: string, message: string, hint = ''): number => {
    io.stderr(`${PROGRAM}: ${code === 'USAGE' ? 'error: ' : ''}${message}\n${hint}`);
    if (wantsJson) io.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
    return EXIT_USAGE;
  };

  // Help and the version honour --json like every command: one JSON object on stdout.
  const help = (text: string, shown: readonly CommandSpec[], toStderr: boolean, exitCode: number): number => {
    if (wantsJson)
      io.stdout(`${JSON.stringify({ program: PROGRAM, version: APP_VERSION, commands: shown.map(specJson) })}\n`);
    else if (toStderr) io.stderr(text);
    else io.stdout(text);
    return exitCode;
  };
  // A leading --json belongs to --help/--version, not to a command named "--json".
  const [first, second] = argv[0] === '--json' ? argv.slice(1) : argv;
  if (first === '--version' || first === '-V') {
    io.stdout(wantsJson ? `${JSON.stringify({ program: PROGRAM, version: APP_VERSION })}\n` : `${APP_VERSION}\n`);
    return EXIT_OK;
  }
  if (first === undefined || isHelp(first)) {
    const specs = await specsOf(commands);
    const text = programHelp(PROGRAM, DESCRIPTION, GROUPS, specs);
    return help(text, specs, first === undefined, first === undefined ? EXIT_USAGE : EXIT_OK);
  }
  const group = GROUPS.find((g) => g.name === first);
  let entry: CommandEntry | undefined;
  let rest: string[];
  if (group) {
    const inGroup = commands.filter((c) => pathOf(c)[0] === group.name);
    if (second === undefined || second === '--json' || isHelp(second)) {
      const shown = await specsOf(inGroup);
      const asked = second !== undefined && isHelp(second);
      return help(groupHelp(PROGRAM, group, shown), shown, !asked, asked ? EXIT_OK : EXIT_USAGE);
    }
    entry = inGroup.find((c) => pathOf(c)[1] === second);
    if (!entry) {
      return fail(
        'USAGE',
        `unknown command '${group.name} ${second.slice(0, 40)}'`,
        `(run "${PROGRAM} ${group.name} --help" for its commands)\n`,
      );
    }
    rest = argv.slice(2);
  } else {
    entry = commands.find((c) => pathOf(c).length === 1 && pathOf(c)[0] === first);
    if (!entry)
      return fail('USAGE', `unknown command '${first.slice(0, 40)}'`, `(run "${PROGRAM} --help" for usage)\n`);
    rest = argv.slice(1);
  }
  const command = await loaded(entry);
  if (command.args) rest = command.args(rest); // e.g. lint-code FILE|-, pack mmob|eber
  // After the command only the flags ask for help: "help" there may be an option's value (--custom-id help).
  if (rest.some((a) => a === '--help' || a === '-h'))
    return help(commandHelp(PROGRAM, command.spec), [command.spec], false, EXIT_OK);

  let done: Outcome;
  try {
    done = await command.run(parseCommandArgs(command.spec, rest) as never);
  } catch (e) {
    if (e instanceof UsageError && e.code === 'USAGE') {
      return fail('USAGE', e.message, `(run "${PROGRAM} ${command.spec.path.join(' ')} --help" for usage)\n`);
    }
    if (isSignetError(e)) return fail(e.code, namedFor(e, flagNames(command.spec)));
    return fail('INTERNAL', `unexpected error: ${(e as Error).message}`);
  }
  io.stdout(wantsJson ? `${JSON.stringify(done.json)}\n` : done.text);
  return done.exitCode;
}
