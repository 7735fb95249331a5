/**
 * `signet code`: prints a generated signer or verifier (src/core/common/codekit); `signet lint-code FILE|-`: the
 * pattern-based check of pasted signing code. Both are pure text work over the core.
 */
import { EBER_IDENTIFIER_TYPES, EBER_LOCALE_CODES } from '../core/common/eber/constants';
import { SignetInputError } from '../core/common/errors';
import { DEFAULT_TOLERANCE_SECONDS } from '../core/common/product';
// Types and constants only at start-up: the generator (and the time-zone library it checks zones with) and the
// lint load when their command runs, so other commands start as fast as before.
import {
  CODE_LANGS,
  CODE_ROLES,
  CODE_SCHEMES,
  DEFAULT_SECRET_ENV,
  type CodeLang,
  type CodeRole,
} from '../core/common/codekit/types';
import type { LintLang, LintScheme } from '../core/common/codekit/lint';
import { wholeNumber, type CliCommand, type OptionSpec } from './args';
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIo } from './io';

const JSON_OPTION: OptionSpec = { flag: 'json', description: 'print exactly one JSON object on stdout' };

interface CodeOptions {
  scheme: 'mmob' | 'eber';
  lang: CodeLang;
  role: CodeRole;
  secretEnv?: string;
  cpId: string;
  deploymentId: string;
  email: string;
  tolerance: number;
  identifierType: 'email' | 'phone' | 'customId';
  identifier: string;
  phoneCode: string;
  baseUrl?: string;
  timezone?: string;
  expiresIn: number;
  locale: string;
  json?: boolean;
}

export function codeCommand(): CliCommand {
  return {
    spec: {
      path: ['code'],
      description:
        'print a runnable signer or verifier in another language (the secret is read from an environment variable)',
      options: [
        { flag: 'scheme', value: '<scheme>', description: 'which login scheme', required: true, choices: CODE_SCHEMES },
        { flag: 'lang', value: '<lang>', description: 'the program language', required: true, choices: CODE_LANGS },
        {
          flag: 'role',
          value: '<role>',
          description: 'sign or verify (shell: signer only)',
          required: true,
          choices: CODE_ROLES,
        },
        {
          flag: 'secret-env',
          value: '<name>',
          description: 'the environment variable the program reads the secret from (default MMOB_SECRET / EBER_SECRET)',
        },
        { flag: 'cp-id', value: '<id>', description: 'mmob: content provider id', default: '' },
        { flag: 'deployment-id', value: '<id>', description: 'mmob: content provider deployment id', default: '' },
        { flag: 'email', value: '<email>', description: 'mmob: default customer email', default: '' },
        {
          flag: 'tolerance',
          value: '<seconds>',
          description: 'mmob verifier: maximum age and clock skew',
          parse: wholeNumber('--tolerance'),
          default: DEFAULT_TOLERANCE_SECONDS,
        },
        {
          flag: 'identifier-type',
          value: '<type>',
          description: 'Eber: how members are identified',
          choices: EBER_IDENTIFIER_TYPES,
          default: 'email',
        },
        { flag: 'identifier', value: '<value>', description: 'Eber signer: default identifier', default: '' },
        {
          flag: 'phone-code',
          value: '<iso>',
          description: 'Eber: country of a phone identifier, e.g. MY',
          default: '',
        },
        { flag: 'base-url', value: '<url>', description: 'Eber: https origin, e.g. https://demo.eber.co' },
        { flag: 'timezone', value: '<iana>', description: 'Eber: business time zone, e.g. Asia/Singapore' },
        {
          flag: 'expires-in',
          value: '<minutes>',
          description: 'Eber signer: expiry N minutes after signing (0: none)',
          parse: wholeNumber('--expires-in'),
          default: 0,
        },
        { flag: 'locale', value: '<locale>', description: 'Eber: login page language', choices: EBER_LOCALE_CODES },
        JSON_OPTION,
      ],
    },
    run: (async (o: CodeOptions) => {
      const { generateCode } = await import('../core/common/codekit');
      const secretEnv = o.secretEnv ?? DEFAULT_SECRET_ENV[o.scheme];
      const g =
        o.scheme === 'mmob'
          ? generateCode({
              scheme: 'mmob',
              lang: o.lang,
              role: o.role,
              inputs: {
                cpId: o.cpId,
                cpDeploymentId: o.deploymentId,
                email: o.email,
                toleranceSeconds: o.tolerance,
                secretEnv,
              },
            })
          : generateCode({
              scheme: 'eber',
              lang: o.lang,
              role: o.role,
              inputs: {
                identifierType: o.identifierType,
                identifier: o.identifier,
                phoneCode: o.phoneCode,
                baseUrl: required(
                  o.baseUrl,
                  'BASE_URL_REQUIRED',
                  'baseUrl',
                  '--base-url is needed, e.g. https://demo.eber.co.',
                ),
                timezone: required(
                  o.timezone,
                  'TIMEZONE_REQUIRED',
                  'timezone',
                  '--timezone is needed, e.g. Asia/Singapore.',
                ),
                expiryMinutes: o.expiresIn,
                locale: o.locale ?? '',
                secretEnv,
              },
            });
      const { scheme: _scheme, ...json } = g;
      return { exitCode: EXIT_OK, json, text: g.code };
    }) as CliCommand['run'],
  };
}

function required(
  value: string | undefined,
  code: 'BASE_URL_REQUIRED' | 'TIMEZONE_REQUIRED',
  field: string,
  message: string,
): string {
  if (!value) throw new SignetInputError(code, message, field);
  return value;
}

interface LintOptions {
  input?: string;
  lang?: LintLang;
  scheme?: LintScheme;
  json?: boolean;
}

export function lintCodeCommand(io: CliIo): CliCommand {
  return {
    args: lintCodeArgs,
    spec: {
      path: ['lint-code'],
      description: 'check pasted PHP, JS/TS or Python signing code for known mistakes (a pattern lint, not a proof)',
      options: [
        { flag: 'input', value: '<file|->', description: 'the code to check, - for stdin (or simply: lint-code FILE)' },
        {
          flag: 'lang',
          value: '<lang>',
          description: 'the language (default: detected)',
          choices: ['php', 'js', 'python'],
        },
        { flag: 'scheme', value: '<scheme>', description: 'the scheme (default: detected)', choices: CODE_SCHEMES },
        JSON_OPTION,
      ],
    },
    run: (async (o: LintOptions) => {
      const { lintCode } = await import('../core/common/codekit/lint');
      if (o.input === undefined)
        throw new UsageError('USAGE', 'Give the code to check: lint-code FILE, or lint-code - for stdin.');
      let source: string;
      try {
        source = o.input === '-' ? io.readStdin() : io.readFile(o.input);
      } catch (e) {
        throw new UsageError(
          'INPUT_UNREADABLE',
          `Cannot read ${o.input} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
      const r = lintCode(source, { lang: o.lang, scheme: o.scheme });
      const name = o.input === '-' ? '<stdin>' : o.input;
      const lines = [
        `lint-code: ${r.note}`,
        `  language ${r.lang}, scheme ${r.scheme ?? 'not detected (give --scheme for the scheme rules)'}`,
      ];
      for (const w of r.warnings) {
        lines.push(`${name}:${w.line}: warning ${w.rule}: ${w.message}`);
        lines.push(`    ${w.excerpt}`);
        lines.push(`    causes ${w.causes}; hint ${w.hint}${w.hintExists ? '' : ' (proposed: not yet a Signet hint)'}`);
      }
      if (r.warnings.length === 0) lines.push('No known mistake found (which does not prove the code right).');
      return { exitCode: r.warnings.length > 0 ? EXIT_INVALID : EXIT_OK, json: r, text: `${lines.join('\n')}\n` };
    }) as CliCommand['run'],
  };
}

/** `lint-code FILE` and `lint-code -`: a word that is not an option or an option's value is the --input. */
export function lintCodeArgs(rest: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k]!;
    if (['--input', '--lang', '--scheme'].includes(a) && k + 1 < rest.length) out.push(a, rest[++k]!);
    else if (a === '-' || !a.startsWith('-')) out.push('--input', a);
    else out.push(a);
  }
  return out;
}
