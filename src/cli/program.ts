import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Module by module rather than the core barrel, so start-up loads only what signing and hashing need; the
// Eber verifier and the time-zone library (luxon) are imported by the commands that use them.
import { EBER_HINTS, EBER_LOCALE_CODES, EBER_VERIFY_CODES, type EberIdentifierType } from '../core/eber/constants';
import { hashEber } from '../core/eber/hash';
import { buildEberUrl } from '../core/eber/url';
import { isSignetInputError } from '../core/errors';
import { MMOB_HINTS, MMOB_SIGN_WARNINGS, MMOB_VERIFY_CODES } from '../core/mmob/codes';
import { signMmob } from '../core/mmob/sign';
import { verifyMmob } from '../core/mmob/verify';
import { registerBatchCommands } from './batch';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { readSecret, type SecretOptions } from './secret';

interface Outcome {
  exitCode: number;
  json: unknown;
  text: string;
}

function integer(name: string, min = 0) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
      throw new InvalidArgumentError(`${name} must be a whole number${min === 0 ? ' ≥ 0' : ''}.`);
    }
    return Number(value);
  };
}

function addSecretOptions(cmd: Command): Command {
  return cmd
    .option('--secret-env <name>', 'read the secret from this environment variable')
    .option('--secret-file <path>', 'read the secret from this file (one final newline is ignored)')
    .option('--secret-stdin', 'read the secret from standard input (one final newline is ignored)')
    .addOption(new Option('--secret <value>', 'the secret itself (visible to other processes: avoid)').hideHelp())
    .option('--json', 'print exactly one JSON object on stdout');
}

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
}

async function expiryOf(o: ExpiryOptions, now: Date): Promise<string | undefined> {
  if (o.expiry !== undefined && o.expiresIn !== undefined)
    throw new UsageError('EXPIRY', 'Give --expiry or --expires-in, not both.');
  if (o.expiresIn !== undefined) {
    if (!o.timezone)
      throw new UsageError(
        'TIMEZONE_REQUIRED',
        '--expires-in needs --timezone, the business time zone (e.g. Asia/Singapore).',
      );
    const { expiryInMinutes } = await import('../core/eber/expiry');
    return expiryInMinutes(o.expiresIn, o.timezone, now);
  }
  return o.expiry;
}

function verdictText(
  r: { valid: boolean; codes: string[]; hints: string[]; details: { summary: string; messages: string[] } },
  extra: string[],
): string {
  return [r.details.summary, ...r.details.messages.map((m) => `  - ${m}`), ...extra].join('\n') + '\n';
}

export function buildProgram(io: CliIo, setOutcome: (o: Outcome) => void, clock: () => Date): Command {
  const program = new Command('signet')
    .description('Sign, verify and explain mmob Secure Identity signatures and Eber HMAC login URLs.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');

  const mmob = program.command('mmob').description('mmob Secure Identity signatures');
  addSecretOptions(
    mmob
      .command('sign')
      .description('sign ts:cpId:cpDeploymentId:email:nonce')
      .requiredOption('--cp-id <id>', 'content provider id')
      .requiredOption('--deployment-id <id>', 'content provider deployment id')
      .option('--email <email>', 'customer email (may be empty)', '')
      .option('--timestamp <seconds>', 'Unix seconds (default: now)', integer('--timestamp'))
      .option('--nonce <nonce>', '30–50 characters (default: 16 random bytes as hex)'),
  ).action(
    (o: SecretOptions & { cpId: string; deploymentId: string; email: string; timestamp?: number; nonce?: string }) => {
      const r = signMmob({
        secret: readSecret(o, io),
        cpId: o.cpId,
        cpDeploymentId: o.deploymentId,
        email: o.email,
        timestamp: o.timestamp ?? Math.floor(clock().getTime() / 1000),
        nonce: o.nonce,
      });
      const warnings = r.warnings.map((w) => `warning: ${w}: ${MMOB_SIGN_WARNINGS[w]}`);
      setOutcome({
        exitCode: EXIT_OK,
        json: r,
        text: [r.signature, `canonical: ${r.canonical}`, ...warnings].join('\n') + '\n',
      });
    },
  );

  addSecretOptions(
    mmob
      .command('verify')
      .description('verify a signature and explain a mismatch')
      .requiredOption('--signature <sig>', 'the signature ts:mac:nonce')
      .requiredOption('--cp-id <id>', 'content provider id')
      .requiredOption('--deployment-id <id>', 'content provider deployment id')
      .option('--email <email>', 'customer email', '')
      .option('--now <seconds>', 'the verifier clock in Unix seconds (default: now)', integer('--now'))
      .option('--tolerance <seconds>', 'maximum age and clock skew', integer('--tolerance'), 60),
  ).action(
    (
      o: SecretOptions & {
        signature: string;
        cpId: string;
        deploymentId: string;
        email: string;
        now?: number;
        tolerance: number;
      },
    ) => {
      const r = verifyMmob({
        signature: o.signature,
        secret: readSecret(o, io),
        cpId: o.cpId,
        cpDeploymentId: o.deploymentId,
        email: o.email,
        now: o.now ?? Math.floor(clock().getTime() / 1000),
        toleranceSeconds: o.tolerance,
      });
      const extra = [`  canonical expected: ${r.details.canonical}`];
      if (r.details.ageSeconds !== null)
        extra.push(`  age: ${r.details.ageSeconds} s (tolerance ${r.details.toleranceSeconds} s)`);
      setOutcome({ exitCode: r.valid ? EXIT_OK : EXIT_INVALID, json: r, text: verdictText(r, extra) });
    },
  );

  const eber = program.command('eber').description('Eber HMAC login');
  const identifierOptions = (cmd: Command): Command =>
    cmd
      .option('--email <email>', 'identify the member by email')
      .option('--phone <phone>', 'identify the member by phone number')
      .option('--custom-id <id>', 'identify the member by custom id')
      .option('--expiry <datetime>', 'expiry "Y-m-d H:i:s" in the business time zone')
      .option('--expires-in <minutes>', 'expiry N minutes from now (needs --timezone)', integer('--expires-in', 1))
      .option('--timezone <iana>', 'business time zone, for --expires-in');

  addSecretOptions(identifierOptions(eber.command('hash').description('compute hmac_hash'))).action(
    async (o: SecretOptions & IdentifierOptions & ExpiryOptions) => {
      const id = identifierOf(o);
      const expiry = await expiryOf(o, clock());
      const hash = hashEber({ secret: readSecret(o, io), ...id, expiry });
      setOutcome({
        exitCode: EXIT_OK,
        json: o.expiresIn !== undefined ? { hash, expiry } : { hash },
        text: `${hash}\n`,
      });
    },
  );

  addSecretOptions(
    identifierOptions(
      eber
        .command('url')
        .description('build the login URL')
        .requiredOption('--base-url <url>', 'https origin, e.g. https://demo.eber.co')
        .option('--phone-code <iso>', 'country of --phone as ISO 3166 alpha-2, e.g. MY')
        .addOption(new Option('--locale <locale>', 'login page language').choices(EBER_LOCALE_CODES)),
    ),
  ).action(
    async (
      o: SecretOptions & IdentifierOptions & ExpiryOptions & { baseUrl: string; phoneCode?: string; locale?: string },
    ) => {
      const id = identifierOf(o);
      const expiry = await expiryOf(o, clock());
      const r = buildEberUrl({
        secret: readSecret(o, io),
        baseUrl: o.baseUrl,
        ...id,
        expiry,
        phoneCode: o.phoneCode,
        locale: o.locale,
      });
      setOutcome({ exitCode: EXIT_OK, json: r, text: `${r.url}\n` });
    },
  );

  addSecretOptions(
    eber
      .command('verify')
      .description('verify a login URL and explain a mismatch')
      .requiredOption('--url <url>', 'the login URL')
      .requiredOption('--timezone <iana>', 'business time zone, e.g. Asia/Singapore')
      .option('--now <iso>', 'the verifier clock as ISO 8601 (default: now)'),
  ).action(async (o: SecretOptions & { url: string; timezone: string; now?: string }) => {
    const { parseInstant, verifyEberUrl } = await import('../core/eber/verify');
    let now = clock();
    if (o.now !== undefined) {
      const parsed = parseInstant(o.now);
      if (!parsed)
        throw new UsageError(
          'NOW_INVALID',
          `--now "${o.now.slice(0, 40)}" is not an ISO 8601 instant such as 2030-01-15T01:00:00Z.`,
        );
      now = parsed;
    }
    const r = verifyEberUrl({ url: o.url, secret: readSecret(o, io), timezone: o.timezone, now });
    const extra: string[] = [];
    for (const p of r.details.parameters)
      extra.push(`  ${p.name} = ${JSON.stringify(p.decoded)}${p.raw !== p.decoded ? `  (raw ${p.raw})` : ''}`);
    if (r.details.message !== null) extra.push(`  hashed string: ${JSON.stringify(r.details.message)}`);
    if (r.details.expiryViews) extra.push(`  expiry: ${r.details.expiryViews.business} = ${r.details.expiryViews.utc}`);
    setOutcome({ exitCode: r.valid ? EXIT_OK : EXIT_INVALID, json: r, text: verdictText(r, extra) });
  });

  registerBatchCommands(mmob, eber, io, clock, setOutcome);

  program
    .command('codes')
    .description('list every verification code and hint with its meaning')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(() => {
      const json = {
        mmob: { codes: MMOB_VERIFY_CODES, hints: MMOB_HINTS, warnings: MMOB_SIGN_WARNINGS },
        eber: { codes: EBER_VERIFY_CODES, hints: EBER_HINTS },
      };
      const text = Object.entries(json)
        .flatMap(([scheme, groups]) =>
          Object.entries(groups).flatMap(([group, entries]) =>
            Object.entries(entries).map(([k, v]) => `${scheme} ${group.slice(0, -1)} ${k}: ${v}`),
          ),
        )
        .join('\n');
      setOutcome({ exitCode: EXIT_OK, json, text: `${text}\n` });
    });

  return program;
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, clock: () => Date = () => new Date()): Promise<number> {
  const wantsJson = argv.includes('--json');
  let outcome: Outcome | null = null;
  const program = buildProgram(io, (o) => (outcome = o), clock);
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: (s, write) => write(s),
  });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }

  const fail = (code: string, message: string): number => {
    io.stderr(`signet: ${message}\n`);
    if (wantsJson) io.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
    return EXIT_USAGE;
  };

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT_OK;
      // Commander already printed its message on stderr.
      if (wantsJson)
        io.stdout(`${JSON.stringify({ error: { code: 'USAGE', message: e.message.replace(/^error: /, '') } })}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError || isSignetInputError(e)) return fail(e.code, e.message);
    return fail('INTERNAL', `unexpected error: ${(e as Error).message}`);
  }
  const done = outcome as Outcome | null;
  if (!done) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  io.stdout(wantsJson ? `${JSON.stringify(done.json)}\n` : done.text);
  return done.exitCode;
}
