/**
 * The built `signet` command, run as a user runs it (node bin/signet.cjs …), against every conformance
 * vector. `npm test` builds before the unit tests; a missing build is a failure, not a skip.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVectors, PROJECT_ROOT } from '../testing/vectors';

const BIN = join(PROJECT_ROOT, 'bin/signet.cjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

function signet(args: string[], options: { secret?: string; stdin?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env };
  if (options.secret !== undefined) env.SIGNET_TEST_SECRET = options.secret;
  const secretArgs = options.secret !== undefined ? ['--secret-env', 'SIGNET_TEST_SECRET'] : [];
  const r = spawnSync(process.execPath, [BIN, ...args, ...secretArgs], {
    env,
    input: options.stdin ?? '',
    encoding: 'utf8',
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => {
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1); // exactly one JSON object on stdout
      return JSON.parse(lines[0]!) as Record<string, unknown>;
    },
  };
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'out/cli/signet.cjs'))) {
    throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
  }
});

describe('signet mmob (built CLI) against the vectors', () => {
  for (const v of loadVectors('mmob-sign')) {
    it(`sign: ${v.name} (${v.origin})`, () => {
      const r = signet(
        [
          'mmob',
          'sign',
          '--cp-id',
          v.cpId,
          '--deployment-id',
          v.cpDeploymentId,
          '--email',
          v.email,
          '--timestamp',
          String(v.timestamp),
          '--nonce',
          v.nonce,
          '--json',
        ],
        { secret: v.secret },
      );
      expect(r.status).toBe(0);
      expect(r.json()).toMatchObject({
        signature: v.signature,
        canonical: v.canonical,
        timestamp: v.timestamp,
        nonce: v.nonce,
      });
    });
  }
  for (const v of loadVectors('mmob-verify')) {
    it(`verify: ${v.name} (${v.origin})`, () => {
      const r = signet(
        [
          'mmob',
          'verify',
          '--signature',
          v.signature,
          '--cp-id',
          v.cpId,
          '--deployment-id',
          v.cpDeploymentId,
          '--email',
          v.email,
          '--now',
          String(v.now),
          '--tolerance',
          String(v.toleranceSeconds),
          '--json',
        ],
        { secret: v.secret },
      );
      expect(r.status).toBe(v.valid ? 0 : 1);
      const out = r.json();
      expect(out.valid).toBe(v.valid);
      expect(out.codes).toEqual(v.codes);
      if (v.hints) expect(out.hints).toEqual(v.hints);
    });
  }
});

describe('signet eber (built CLI) against the vectors', () => {
  const idArgs = (type: string, identifier: string) => [type === 'customId' ? '--custom-id' : `--${type}`, identifier];
  for (const v of loadVectors('eber-hash')) {
    it(`hash: ${v.name} (${v.origin})`, () => {
      const r = signet(
        [
          'eber',
          'hash',
          ...idArgs(v.identifierType, v.identifier),
          ...(v.expiry ? ['--expiry', v.expiry] : []),
          '--json',
        ],
        { secret: v.secret },
      );
      expect(r.status).toBe(0);
      expect(r.json()).toEqual({ hash: v.hash });
    });
  }
  for (const v of loadVectors('eber-url')) {
    it(`url: ${v.name} (${v.origin})`, () => {
      const r = signet(
        [
          'eber',
          'url',
          '--base-url',
          v.baseUrl,
          ...idArgs(v.identifierType, v.identifier),
          ...(v.phoneCode ? ['--phone-code', v.phoneCode] : []),
          ...(v.expiry ? ['--expiry', v.expiry] : []),
          ...(v.locale ? ['--locale', v.locale] : []),
          '--json',
        ],
        { secret: v.secret },
      );
      expect(r.status).toBe(0);
      expect(r.json()).toMatchObject({ url: v.url });
    });
  }
  for (const v of loadVectors('eber-verify')) {
    it(`verify: ${v.name} (${v.origin})`, () => {
      const r = signet(['eber', 'verify', '--url', v.url, '--timezone', v.timezone, '--now', v.now, '--json'], {
        secret: v.secret,
      });
      expect(r.status).toBe(v.valid ? 0 : 1);
      const out = r.json();
      expect(out.codes).toEqual(v.codes);
      if (v.hints) expect(out.hints).toEqual(v.hints);
    });
  }
});

describe('signet usage', () => {
  const hashArgs = ['eber', 'hash', '--email', 'member@example.com'];
  const expected = loadVectors('eber-hash').find((v) => v.identifier === 'member@example.com' && !v.expiry);

  it('reads the secret from a file or stdin, ignoring one final newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-cli-'));
    const file = join(dir, 'secret');
    writeFileSync(file, 'Eb3r-Pub1ic-Test-Key\n');
    const fromFile = signet([...hashArgs, '--secret-file', file]);
    const fromStdin = signet([...hashArgs, '--secret-stdin'], { stdin: 'Eb3r-Pub1ic-Test-Key\r\n' });
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    if (expected) expect(fromFile.stdout.trim()).toBe(expected.hash);
    expect(fromFile.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts --secret on argv but warns that other processes can see it', () => {
    const r = signet([...hashArgs, '--secret', 'Eb3r-Pub1ic-Test-Key']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/other processes/);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['no secret', [...hashArgs], {}, /--secret-env NAME/],
    ['an unset variable', [...hashArgs, '--secret-env', 'NOPE_NOT_SET'], {}, /NOPE_NOT_SET is not set/],
    [
      'a missing file',
      [...hashArgs, '--secret-file', '/nonexistent/secret'],
      {},
      /Cannot read the secret file .*ENOENT/,
    ],
    ['two identifiers', ['eber', 'hash', '--email', 'a', '--phone', '1'], { secret: 's' }, /exactly one of --email/],
    [
      'an unknown locale',
      ['eber', 'url', '--base-url', 'https://demo.eber.co', '--email', 'a', '--locale', 'de'],
      { secret: 's' },
      /Allowed choices/,
    ],
    [
      'an http base URL',
      ['eber', 'url', '--base-url', 'http://demo.eber.co', '--email', 'a'],
      { secret: 's' },
      /must use https/,
    ],
    [
      'a phone without code',
      ['eber', 'url', '--base-url', 'https://demo.eber.co', '--phone', '60123'],
      { secret: 's' },
      /needs its country/,
    ],
    [
      'a bad timestamp',
      ['mmob', 'sign', '--cp-id', 'a', '--deployment-id', 'b', '--timestamp', '12.5'],
      { secret: 'c2VjcmV0' },
      /whole number/,
    ],
    [
      'a bad --now',
      ['eber', 'verify', '--url', 'https://x.co/login/hmac', '--timezone', 'UTC', '--now', 'yesterday'],
      { secret: 's' },
      /ISO 8601/,
    ],
    ['an unknown command', ['mmob', 'frobnicate'], {}, /unknown command/],
  ])('exits 2 with a clear message for %s', (_label, args, options, message) => {
    const r = signet(args as string[], options);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('prints exactly one JSON error object with --json on a usage error', () => {
    const r = signet([...hashArgs, '--json']);
    expect(r.status).toBe(2);
    expect(r.json()).toEqual({ error: { code: 'SECRET_REQUIRED', message: expect.stringContaining('--secret-env') } });
  });

  it('computes "expires in N minutes" in the business time zone', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const r = signet([...hashArgs, '--expires-in', '30', '--timezone', 'Asia/Singapore', '--json'], { secret: 's' });
    const after = Date.now();
    expect(r.status).toBe(0);
    const { expiry } = r.json() as { expiry: string };
    const instant = Date.parse(`${expiry.replace(' ', 'T')}+08:00`);
    expect(instant).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(instant).toBeLessThanOrEqual(after + 30 * 60_000);
  });

  it('explains a mismatch in readable text without --json', () => {
    // A signer who used the secret's text bytes as the HMAC key.
    const secret = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
    const canonical = '1735689600:cp_1:cpd_1:a@b.co:0123456789abcdef0123456789abcdef';
    const mac = createHmac('sha256', secret).update(canonical).digest('base64');
    const signature = `1735689600:${mac}:0123456789abcdef0123456789abcdef`;
    const r = signet(
      [
        'mmob',
        'verify',
        '--signature',
        signature,
        '--cp-id',
        'cp_1',
        '--deployment-id',
        'cpd_1',
        '--email',
        'a@b.co',
        '--now',
        '1735689600',
      ],
      { secret },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('SECRET_USED_AS_TEXT');
    expect(r.stdout).toContain(`canonical expected: ${canonical}`);
  });
});

describe('what a one-shot command loads at start (built CLI)', () => {
  // node:crypto pulls in Node's streams (~6 ms, a fifth of `node -e 0`): a command computing a few MACs
  // uses the JavaScript engine (core/node/hmac.ts) and never loads it. A preload reports at exit.
  const probe = join(mkdtempSync(join(tmpdir(), 'signet-probe-')), 'probe.cjs');
  writeFileSync(
    probe,
    [
      "process.on('exit', () => {",
      "  const crypto = process.moduleLoadList.includes('NativeModule crypto');",
      "  const files = Object.keys(require.cache).map((f) => require('node:path').basename(f)).sort();",
      "  require('node:fs').writeSync(2, 'node:crypto loaded: ' + crypto + '\\n' + JSON.stringify(files) + '\\n');",
      '});',
    ].join('\n'),
  );
  // The built chunk that holds luxon (found by one of its DateTime presets, a name minifying keeps).
  const luxonChunks = readdirSync(join(PROJECT_ROOT, 'out/cli')).filter((f) =>
    readFileSync(join(PROJECT_ROOT, 'out/cli', f), 'utf8').includes('DATETIME_HUGE_WITH_SECONDS'),
  );
  // The chunks that hold the commands with modules of their own, found by each command's description.
  const ownModuleChunks = [
    'verify a file of signatures', // verify-batch
    "verify your app's real Eber login redirects", // listen, verify-har
    'print a runnable signer or verifier in another language', // code, lint-code
    'generate a QA test pack', // pack
  ].map((text) =>
    readdirSync(join(PROJECT_ROOT, 'out/cli')).filter((f) =>
      readFileSync(join(PROJECT_ROOT, 'out/cli', f), 'utf8').includes(text),
    ),
  );
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', probe, BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
  const mmobKey = 'c2VjcmV0LWtleQ==';
  const nonce = '0123456789abcdef0123456789abcdef';
  const signature = `1735689600:${createHmac('sha256', Buffer.from(mmobKey, 'base64')).update(`1735689600:cp:cpd:a@b.c:${nonce}`).digest('base64')}:${nonce}`;

  it.each([
    ['eber hash', ['eber', 'hash', '--email', 'a@b.c', '--secret-env', 'K'], 'secret'],
    [
      'mmob verify',
      [
        'mmob',
        'verify',
        '--signature',
        signature,
        '--cp-id',
        'cp',
        '--deployment-id',
        'cpd',
        '--email',
        'a@b.c',
        '--now',
        '1735689600',
        '--secret-env',
        'K',
      ],
      mmobKey,
    ],
    [
      'eber verify',
      [
        'eber',
        'verify',
        '--url',
        'https://demo.eber.co/login/hmac?hmac_email=a%40b.c&hmac_hash=' +
          createHmac('sha256', 'secret').update('a@b.c2030-04-01 12:00:00').digest('hex') +
          '&hmac_expiry_date=2030-04-01+12%3A00%3A00',
        '--timezone',
        'Europe/London',
        '--now',
        '2030-03-31T01:00:00Z',
        '--secret-env',
        'K',
      ],
      'secret',
    ],
  ])("%s answers without loading node:crypto, luxon or the other commands' modules", (_name, args, secret) => {
    const r = run(args, { K: secret });
    expect(r.status).toBe(0);
    const [crypto, files] = r.stderr.trim().split('\n');
    expect(crypto).toBe('node:crypto loaded: false');
    expect(luxonChunks).toHaveLength(1);
    const loaded = JSON.parse(files!) as string[];
    expect(loaded).not.toContain(luxonChunks[0]);
    for (const chunks of ownModuleChunks) {
      expect(chunks).toHaveLength(1);
      expect(chunks[0]).not.toBe('signet.cjs');
      expect(loaded).not.toContain(chunks[0]);
    }
  });

  it('the probe is real: mmob sign loads node:crypto (its nonce comes from randomBytes)', () => {
    const r = run(
      ['mmob', 'sign', '--cp-id', 'cp', '--deployment-id', 'cpd', '--email', 'a@b.c', '--secret-env', 'K'],
      { K: mmobKey },
    );
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('node:crypto loaded: true');
  });

  it('the luxon check is real: eber verify with --now in another ISO form (no seconds) loads it, for the full reader', () => {
    const url =
      'https://demo.eber.co/login/hmac?hmac_email=a%40b.c&hmac_hash=' +
      createHmac('sha256', 'secret').update('a@b.c2030-04-01 12:00:00').digest('hex') +
      '&hmac_expiry_date=2030-04-01+12%3A00%3A00';
    const r = run(
      [
        'eber',
        'verify',
        '--url',
        url,
        '--timezone',
        'Europe/London',
        '--now',
        '2030-03-31T01:00Z',
        '--secret-env',
        'K',
      ],
      { K: 'secret' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stderr.trim().split('\n')[1]!)).toContain(luxonChunks[0]);
  });
});

describe('signet help and version (built CLI)', () => {
  it('--help lists every command and exits 0; no arguments prints the same on stderr and exits 2', () => {
    const help = signet(['--help']);
    expect(help.status).toBe(0);
    for (const command of [
      'mmob sign',
      'mmob verify',
      'mmob verify-batch',
      'eber hash',
      'eber url',
      'eber verify',
      'eber verify-batch',
      'codes',
    ]) {
      expect(help.stdout).toContain(command);
    }
    const none = signet([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(help.stdout);
  });

  it('a command’s --help lists its options (not the hidden --secret) and exits 0', () => {
    const r = signet(['eber', 'url', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--base-url <url>\s+https origin/);
    expect(r.stdout).toMatch(/--locale <locale>\s+login page language \(choices: en, zh-HK/);
    expect(r.stdout).toContain('--secret-env <name>');
    expect(r.stdout).not.toContain('--secret <value>');
  });

  it('"help" as an option value is a value, not a request for help', () => {
    const r = signet(['eber', 'hash', '--custom-id', 'help'], { secret: 's' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(createHmac('sha256', 's').update('help').digest('hex'));
  });

  it('a group without a command shows its commands; --version prints the version', () => {
    const group = signet(['mmob']);
    expect(group.status).toBe(2);
    expect(group.stderr).toMatch(/Commands:\n\s+sign\s+.*\n\s+verify\s+/);
    const version = signet(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown option exits 2 and points at the command’s help; with --json the error is one JSON object', () => {
    const r = signet(['eber', 'hash', '--emial', 'a@b.co', '--json'], { secret: 's' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--emial'");
    expect(r.stderr).toContain('signet eber hash --help');
    expect(r.json()).toEqual({
      error: { code: 'USAGE', message: expect.stringContaining("Unknown option '--emial'") },
    });
  });
});

describe('messages name the CLI’s own flags (one rule in the core, said the CLI’s way)', () => {
  it.each([
    [['eber', 'hash', '--email', 'a@b.co', '--expires-in', '5'], '--expires-in needs --timezone, e.g. Asia/Singapore.'],
    [
      ['eber', 'hash', '--email', 'a@b.co', '--expiry', '2030-01-15 09:30:00', '--expires-in', '5'],
      'Give --expiry or --expires-in, not both.',
    ],
    [
      ['eber', 'verify', '--url', 'https://x.eber.co/login/hmac', '--timezone', 'UTC', '--now', 'soon'],
      '--now "soon" is not an ISO 8601 instant',
    ],
  ])('%j', (args, message) => {
    const r = signet(args, { secret: 's' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('`codes` lists the error codes with their kind beside the verdict codes', () => {
    const r = signet(['codes', '--json']);
    expect(r.status).toBe(0);
    const out = r.json() as { errors: Record<string, { kind: string; meaning: string }>; mmob: unknown };
    expect(out.errors.TIMEZONE_REQUIRED).toEqual({ kind: 'input', meaning: expect.any(String) });
    expect(out.errors.JSON_INVALID?.kind).toBe('record');
    expect(signet(['codes']).stdout).toMatch(/^error usage SECRET_ENV_UNSET: /m);
  });
});

describe('--json everywhere, and a stray secret never echoed', () => {
  it('--version --json and --help --json print one JSON object', () => {
    expect(signet(['--version', '--json']).json()).toEqual({
      program: 'signet',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    const all = signet(['--help', '--json']);
    expect(all.status).toBe(0);
    const commands = (all.json().commands as { command: string }[]).map((c) => c.command);
    expect(commands).toContain('eber verify-batch');
    const one = signet(['eber', 'url', '--help', '--json']).json() as {
      commands: { options: { flag: string; required: boolean }[] }[];
    };
    expect(one.commands).toHaveLength(1);
    expect(one.commands[0]!.options).toContainEqual(expect.objectContaining({ flag: '--base-url', required: true }));
    expect(one.commands[0]!.options.map((o) => o.flag)).not.toContain('--secret');
  });

  it('a secret given as a positional argument appears in no output', () => {
    const secret = 'Sup3r-Secr3t-Value-7f1c';
    const r = signet(['eber', 'hash', '--email', 'a@b.co', secret, '--json'], { secret: 's' });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.stderr).toContain(`${secret.length} characters; not shown`);
  });
});

describe('--their-canonical: the signer’s logged string against the expected one', () => {
  it('names the first differing byte and shows the invisible character (mmob)', () => {
    const secret = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
    const canonical = '1735689600:cp_7Hq2:cpd_01HZX3K9:a@b.co:a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
    const args = [
      'mmob',
      'verify',
      '--signature',
      `1735689600:${createHmac('sha256', Buffer.from(secret, 'base64')).update(canonical).digest('base64')}:a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b`,
    ];
    const common = [
      ...args,
      '--cp-id',
      'cp_7Hq2',
      '--deployment-id',
      'cpd_01HZX3K9',
      '--email',
      'a@b.co',
      '--now',
      '1735689600',
    ];
    const r = signet([...common, '--their-canonical', `${canonical.replace('a@b.co', 'a@b.co\u00a0')}`], { secret });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('differs from the expected one at byte 38');
    expect(r.stdout).toContain('note: U+00A0 no-break space (theirs)');
    const json = signet([...common, '--their-canonical', canonical, '--json'], { secret }).json();
    expect(json.theirCanonical).toMatchObject({ equal: true, firstByte: null });
  });

  it('Eber: shows the expected hmac_hash on a mismatch, and reads @FILE without its final newline', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'signet-their-')), 'logged.txt');
    writeFileSync(file, 'member@example.com2030-01-15 09:30:00\n');
    const url =
      'https://demo.eber.co/login/hmac?hmac_email=member%40example.com&hmac_hash=' +
      '0'.repeat(64) +
      '&hmac_expiry_date=2030-01-15+09%3A30%3A00';
    const r = signet(
      [
        'eber',
        'verify',
        '--url',
        url,
        '--timezone',
        'UTC',
        '--now',
        '2030-01-15T00:00:00Z',
        '--their-canonical',
        `@${file}`,
      ],
      { secret: 's' },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `expected hmac_hash: ${createHmac('sha256', 's').update('member@example.com2030-01-15 09:30:00').digest('hex')}`,
    );
    expect(r.stdout).toContain('their hashed string is exactly the expected one');
    expect(r.stdout).toContain('final newline was not counted');
  });
});
