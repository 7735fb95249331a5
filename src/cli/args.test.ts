import { describe, expect, it } from 'vitest';
import { commandHelp, groupHelp, parseCommandArgs, programHelp, type CommandSpec } from './args';
import { UsageError } from './io';

const SPEC: CommandSpec = {
  path: ['demo', 'run'],
  description: 'a command for the tests',
  options: [
    { flag: 'cp-id', value: '<id>', description: 'required text', required: true },
    { flag: 'format', value: '<format>', description: 'a choice', choices: ['jsonl', 'csv'], default: 'jsonl' },
    {
      flag: 'count',
      value: '<n>',
      description: 'a number',
      parse: (t) => {
        if (!/^\d+$/.test(t)) throw new UsageError('USAGE', '--count must be a whole number.');
        return Number(t);
      },
    },
    { flag: 'json', description: 'a switch' },
    { flag: 'no-progress', description: 'a negated switch' },
    { flag: 'secret', value: '<value>', description: 'not listed', hidden: true },
  ],
};

const usage = (args: string[]) => {
  try {
    parseCommandArgs(SPEC, args);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error('expected a usage error');
};

describe('parseCommandArgs', () => {
  it('maps flags to camelCase, applies defaults and conversions, and negated switches', () => {
    expect(parseCommandArgs(SPEC, ['--cp-id', 'cp_1', '--count=3', '--json'])).toEqual({
      cpId: 'cp_1',
      format: 'jsonl',
      count: 3,
      json: true,
      progress: true,
    });
    expect(parseCommandArgs(SPEC, ['--cp-id=', '--format', 'csv', '--no-progress', '--secret', 's'])).toEqual({
      cpId: '',
      format: 'csv',
      progress: false,
      secret: 's',
    });
  });

  it.each([
    [[], "required option '--cp-id <id>' not specified"],
    [
      ['--cp-id', 'a', '--format', 'xml'],
      "option '--format <format>' argument 'xml' is invalid. Allowed choices are jsonl, csv.",
    ],
    [['--cp-id', 'a', '--count', 'x'], "option '--count <n>' argument 'x' is invalid. --count must be a whole number."],
    [['--cp-id', 'a', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['--cp-id'], "Option '--cp-id <value>' argument missing"],
    [
      ['--cp-id', 'a', 'stray'],
      'Unexpected argument (word 3, 5 characters; not shown, since it may be a secret). This command takes only --options; give a secret with --secret-env, --secret-file or --secret-stdin.',
    ],
    [['--cp-id', 'a', '--json=yes'], "Option '--json' does not take an argument"],
  ])('%j → %s', (args, message) => {
    expect(usage(args)).toBe(message);
  });
});

describe('repeatable options (multiple: true)', () => {
  const REPEAT: CommandSpec = {
    path: ['demo', 'repeat'],
    description: 'a command with a repeatable option',
    options: [
      { flag: 'try', value: '<name>', description: 'repeatable', multiple: true },
      { flag: 'size', value: '<n>', description: 'repeatable, converted', multiple: true, parse: Number },
      { flag: 'one', value: '<x>', description: 'once' },
    ],
  };
  it('collects every value in order, converts each, and leaves the option out when absent', () => {
    expect(parseCommandArgs(REPEAT, ['--try', 'A', '--size=2', '--try=B', '--try', 'A'])).toEqual({
      try: ['A', 'B', 'A'],
      size: [2],
    });
    expect(parseCommandArgs(REPEAT, [])).toEqual({});
    expect(parseCommandArgs(REPEAT, ['--try', 'x'])).toEqual({ try: ['x'] });
  });
  it('keeps a plain option single (the last one wins, as parseArgs does)', () => {
    expect(parseCommandArgs(REPEAT, ['--one', 'a', '--one', 'b'])).toEqual({ one: 'b' });
  });
  it('says "repeatable" in the help', () => {
    expect(commandHelp('signet', REPEAT)).toMatch(/--try <name>\s+repeatable \(repeatable\)/);
  });
});

describe('help text', () => {
  it('lists every visible option with its notes, and not the hidden one', () => {
    const help = commandHelp('signet', SPEC);
    expect(help).toContain('Usage: signet demo run [options]');
    expect(help).toMatch(/--cp-id <id>\s+required text \(required\)/);
    expect(help).toMatch(/--format <format>\s+a choice \(choices: jsonl, csv; default: jsonl\)/);
    expect(help).toContain('--no-progress');
    expect(help).not.toContain('--secret');
  });

  it('lists a group’s commands and the program’s', () => {
    expect(groupHelp('signet', { name: 'demo', description: 'demo things' }, [SPEC])).toMatch(
      /Commands:\n\s+run\s+a command for the tests/,
    );
    const top = programHelp('signet', 'does things', [{ name: 'demo', description: 'demo things' }], [SPEC]);
    expect(top).toMatch(/demo run\s+a command for the tests/);
    expect(top).toContain('-V, --version');
  });
});
