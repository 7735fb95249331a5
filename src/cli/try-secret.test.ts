/**
 * The built CLI names each mmob mistake of vectors/mmob-hints.json, and `--try-secret-env` / `--try-secret-file`
 * (repeatable) make "signed with the key of …" findable on `mmob verify` and `eber verify`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVectors, PROJECT_ROOT } from '../testing/vectors';

const BIN = join(PROJECT_ROOT, 'bin/signet.cjs');

interface HintVector {
  name: string;
  hints: string[];
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  now: number;
  toleranceSeconds: number;
  signature: string;
  codes: string[];
  alternates?: { label: string; secret: string }[];
}
const VECTORS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'vectors/mmob-hints.json'), 'utf8')) as HintVector[];

function signet(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    input: '',
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

const mmobArgs = (v: HintVector) => [
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
  '--secret-env',
  'MMOB_SECRET',
];

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'out/cli/signet.cjs'))) {
    throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
  }
});

describe('signet mmob verify names each mistake of mmob-hints.json (built CLI)', () => {
  for (const v of VECTORS) {
    it(`${v.hints.join(' + ')}: ${v.name}`, () => {
      const env: Record<string, string> = { MMOB_SECRET: v.secret };
      const tries: string[] = [];
      for (const a of v.alternates ?? []) {
        env[a.label] = a.secret;
        tries.push('--try-secret-env', a.label);
      }
      const r = signet([...mmobArgs(v), ...tries, '--json'], env);
      expect(r.status).toBe(1);
      const out = r.json();
      expect(out.codes).toEqual(v.codes);
      expect(out.hints).toEqual(v.hints);
    });
  }
});

describe('--try-secret-env / --try-secret-file', () => {
  const v = VECTORS.find((x) => x.hints.join() === 'SIGNED_WITH_OTHER_KEY')!;
  const staging = v.alternates![0]!.secret;
  const dir = mkdtempSync(join(tmpdir(), 'signet-try-'));

  it('names the environment variable whose secret signed it, and never prints the secret', () => {
    const r = signet([...mmobArgs(v), '--try-secret-env', 'UNRELATED', '--try-secret-env', 'STAGING_SECRET'], {
      MMOB_SECRET: v.secret,
      UNRELATED: 'dW5yZWxhdGVkLWtleS1ieXRlcw==',
      STAGING_SECRET: staging,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("SIGNED_WITH_OTHER_KEY: Signed with the key of 'STAGING_SECRET'");
    expect(r.stdout + r.stderr).not.toContain(staging);
  });

  it('names a file by its file name (final newline ignored), and mixes with env', () => {
    writeFileSync(join(dir, 'staging.secret'), `${staging}\n`);
    const r = signet(
      [...mmobArgs(v), '--try-secret-env', 'UNRELATED', '--try-secret-file', join(dir, 'staging.secret'), '--json'],
      { MMOB_SECRET: v.secret, UNRELATED: 'dW5yZWxhdGVkLWtleS1ieXRlcw==' },
    );
    const out = r.json() as { hints: string[]; details: { signedWith?: string } };
    expect(out.hints).toEqual(['SIGNED_WITH_OTHER_KEY']);
    expect(out.details.signedWith).toBe('staging.secret');
    expect(r.stdout).not.toContain(staging);
  });

  it('refuses an unset variable or an unreadable file with TRY_SECRET (exit 2)', () => {
    const unset = signet([...mmobArgs(v), '--try-secret-env', 'NOPE', '--json'], { MMOB_SECRET: v.secret });
    expect(unset.status).toBe(2);
    expect(unset.stdout + unset.stderr).toContain('TRY_SECRET');
    const missing = signet([...mmobArgs(v), '--try-secret-file', join(dir, 'absent'), '--json'], { MMOB_SECRET: v.secret });
    expect(missing.status).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('TRY_SECRET');
  });

  it('eber verify accepts the flags (repeatable) and still verifies', () => {
    const e = loadVectors('eber-verify')[0]!;
    const args = ['eber', 'verify', '--url', e.url, '--timezone', e.timezone, '--now', e.now, '--secret-env', 'EBER_SECRET'];
    const env = { EBER_SECRET: e.secret, OTHER_A: 'b3RoZXI=', OTHER_B: 'YW5vdGhlcg==' };
    const r = signet([...args, '--try-secret-env', 'OTHER_A', '--try-secret-env', 'OTHER_B', '--json'], env);
    expect(r.status).toBe(e.valid ? 0 : 1);
    expect(r.json().codes).toEqual(e.codes);
  });

  it('help lists both flags as repeatable', () => {
    for (const path of [['mmob', 'verify'], ['eber', 'verify']]) {
      const help = signet([...path, '--help'], {}).stdout;
      expect(help).toMatch(/--try-secret-env <name>.*repeatable/);
      expect(help).toMatch(/--try-secret-file <path>.*repeatable/);
    }
  });
});
