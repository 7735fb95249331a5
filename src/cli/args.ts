/**
 * The CLI's command table and its parser: Node's own `util.parseArgs` (strict mode) does the parsing;
 * this file adds what it leaves to the caller — subcommands, required options, choices, value
 * conversion and help text — from one declarative spec per command.
 *
 * Why not commander (which Signet used first): loading it alone took 6 ms of a 13 ms `node -e 0` on
 * the benchmark machine, and the issue's target is start-up ≤ 1.5 × `node -e 0`. parseArgs is built
 * into Node (no load cost) and is the parser Node's own tools use.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io';

export interface OptionSpec {
  /** Long flag without dashes, e.g. "cp-id". A boolean flag named "no-x" sets `x: false` (default true). */
  flag: string;
  /** Placeholder for a value, e.g. "<id>"; absent for a boolean flag. */
  value?: string;
  description: string;
  required?: boolean;
  default?: string | number;
  choices?: readonly string[];
  /** Accepted but not listed in --help. */
  hidden?: boolean;
  /** Converts the text; throws UsageError (its message is shown) for a bad value. */
  parse?: (text: string) => unknown;
  /** May be given more than once (a value option only): the result is an array of the values, in order. */
  multiple?: boolean;
}

export interface CommandSpec {
  /** e.g. ["eber", "hash"] */
  path: readonly string[];
  description: string;
  options: readonly OptionSpec[];
}

/** What a command produced: the exit code, its --json object and its text. */
export interface Outcome {
  exitCode: number;
  json: unknown;
  text: string;
}

/** A command: its spec (options, help) and what it does with the parsed options. */
export interface CliCommand {
  spec: CommandSpec;
  run: (options: never) => Promise<Outcome> | Outcome;
  /** Rewrites the arguments after the command before they are parsed (e.g. a bare FILE into --input FILE). */
  args?: (rest: readonly string[]) => string[];
}

export interface GroupSpec {
  name: string;
  description: string;
}

/** "cp-id" → "cpId" */
function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function term(o: OptionSpec): string {
  return `--${o.flag}${o.value ? ` ${o.value}` : ''}`;
}

/** Whether `arg` is an option of `spec` that takes a value (so the next word is that value). */
function takesValue(spec: CommandSpec, arg: string): boolean {
  if (!arg.startsWith('--') || arg.includes('=')) return false;
  return spec.options.some((o) => o.flag === arg.slice(2) && o.value !== undefined);
}

/** Parses one command's arguments (everything after its path) into camelCase options. */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): Record<string, unknown> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const o of spec.options) {
    options[o.flag] =
      o.value && o.multiple ? { type: 'string', multiple: true } : { type: o.value ? 'string' : 'boolean' };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }));
  } catch (e) {
    // A stray word is often a secret pasted in the wrong place: never repeat it (terminal scrollback and CI
    // logs keep what a command prints). Say where it was and how long, instead.
    if ((e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const index = args.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && takesValue(spec, args[i - 1]!)));
      const length = index === -1 ? 0 : args[index]!.length;
      throw new UsageError(
        'USAGE',
        `Unexpected argument (word ${index + 1}, ${length} characters; not shown, since it may be a secret). This command takes only --options; give a secret with --secret-env, --secret-file or --secret-stdin.`,
      );
    }
    // parseArgs' other messages are clear ("Unknown option '--x'"); only the code is Node's own.
    throw new UsageError('USAGE', (e as Error).message);
  }
  const out: Record<string, unknown> = {};
  for (const o of spec.options) {
    const given = values[o.flag];
    if (!o.value) {
      if (o.flag.startsWith('no-')) out[camel(o.flag.slice(3))] = given !== true;
      else if (given === true) out[camel(o.flag)] = true;
      continue;
    }
    if (given === undefined) {
      if (o.required) throw new UsageError('USAGE', `required option '${term(o)}' not specified`);
      if (o.default !== undefined) out[camel(o.flag)] = o.default;
      continue;
    }
    const texts = (Array.isArray(given) ? given : [given]) as string[];
    const converted = texts.map((text) => convert(o, text));
    out[camel(o.flag)] = o.multiple ? converted : converted[0];
  }
  return out;
}

/** One value of a value option: its choice checked, converted by its parse. */
function convert(o: OptionSpec, text: string): unknown {
  if (o.choices && !o.choices.includes(text)) {
    throw new UsageError(
      'USAGE',
      `option '${term(o)}' argument '${text.slice(0, 40)}' is invalid. Allowed choices are ${o.choices.join(', ')}.`,
    );
  }
  if (!o.parse) return text;
  try {
    return o.parse(text);
  } catch (e) {
    throw new UsageError(
      'USAGE',
      `option '${term(o)}' argument '${text.slice(0, 40)}' is invalid. ${(e as Error).message}`,
    );
  }
}

/** A converter for OptionSpec.parse: a whole number ≥ min (a safe integer). */
export function wholeNumber(name: string, min = 0) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
      throw new UsageError('USAGE', `${name} must be a whole number${min === 0 ? ' ≥ 0' : ''}.`);
    }
    return Number(value);
  };
}

function columns(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([t]) => t.length));
  return rows.map(([t, d]) => `  ${t.padEnd(width)}  ${d}`);
}

export function commandHelp(program: string, spec: CommandSpec): string {
  const rows: [string, string][] = spec.options
    .filter((o) => !o.hidden)
    .map((o) => {
      const notes = [
        o.required ? 'required' : null,
        o.multiple ? 'repeatable' : null,
        o.choices ? `choices: ${o.choices.join(', ')}` : null,
        o.default !== undefined ? `default: ${String(o.default)}` : null,
      ].filter((n): n is string => n !== null);
      return [term(o), notes.length > 0 ? `${o.description} (${notes.join('; ')})` : o.description];
    });
  rows.push(['-h, --help', 'display help for command']);
  return [
    `Usage: ${program} ${spec.path.join(' ')} [options]`,
    '',
    spec.description,
    '',
    'Options:',
    ...columns(rows),
    '',
  ].join('\n');
}

export function groupHelp(program: string, group: GroupSpec, commands: readonly CommandSpec[]): string {
  return [
    `Usage: ${program} ${group.name} <command> [options]`,
    '',
    group.description,
    '',
    'Commands:',
    ...columns(commands.map((c) => [c.path.slice(1).join(' '), c.description])),
    '',
    `Run "${program} ${group.name} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

export function programHelp(
  program: string,
  description: string,
  groups: readonly GroupSpec[],
  commands: readonly CommandSpec[],
): string {
  const rows: [string, string][] = [];
  for (const g of groups) {
    for (const c of commands.filter((c) => c.path[0] === g.name)) rows.push([c.path.join(' '), c.description]);
  }
  for (const c of commands.filter((c) => c.path.length === 1)) rows.push([c.path[0]!, c.description]);
  return [
    `Usage: ${program} <command> [options]`,
    '',
    description,
    '',
    'Commands:',
    ...columns(rows),
    '',
    'Options:',
    ...columns([
      ['-V, --version', 'output the version number'],
      ['-h, --help', 'display help (add it after a command for its options)'],
    ]),
    '',
  ].join('\n');
}
