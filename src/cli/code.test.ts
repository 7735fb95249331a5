import { describe, expect, it } from 'vitest';
import { CODE_LANGS, generateCode } from '../core/common/codekit';
import { lintCodeArgs } from './code';
import type { CliIo } from './io';
import { runCli } from './program';

async function signet(argv: string[], files: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return files[path]!;
    },
    readStdin: () => stdin,
    stderrIsTTY: false,
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}

describe('signet code', () => {
  it('prints the program, its inputs embedded as literals and the secret read from the environment', async () => {
    const r = await signet([
      'code',
      '--scheme',
      'mmob',
      '--lang',
      'python',
      '--role',
      'signer',
      '--cp-id',
      'cp_"1"',
      '--deployment-id',
      'cpd_1',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('CP_ID = "cp_\\"1\\""');
    expect(r.stdout).toContain('os.environ.get(SECRET_ENV');
    expect(r.stdout).toContain('SECRET_ENV = "MMOB_SECRET"');
  });

  it('--json gives {lang, role, filename, code, run}', async () => {
    const r = await signet([
      'code',
      '--scheme',
      'eber',
      '--lang',
      'java',
      '--role',
      'verifier',
      '--base-url',
      'https://Demo.eber.co/',
      '--timezone',
      'Asia/Singapore',
      '--secret-env',
      'MY_EBER_KEY',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(j).sort()).toEqual(['code', 'filename', 'lang', 'role', 'run']);
    expect([j.lang, j.role, j.filename]).toEqual(['java', 'verifier', 'EberVerifier.java']);
    expect(j.run).toContain('MY_EBER_KEY=');
    expect(j.code).toContain('"https://demo.eber.co"');
  });

  it('refuses what has no program or cannot be embedded, with a code', async () => {
    const shell = await signet([
      'code',
      '--scheme',
      'mmob',
      '--lang',
      'shell',
      '--role',
      'verifier',
      '--cp-id',
      'a',
      '--deployment-id',
      'b',
      '--json',
    ]);
    expect([shell.status, JSON.parse(shell.stdout).error.code]).toEqual([2, 'CODE_KIT_UNSUPPORTED']);
    const noBase = await signet([
      'code',
      '--scheme',
      'eber',
      '--lang',
      'go',
      '--role',
      'signer',
      '--timezone',
      'UTC',
      '--json',
    ]);
    expect(JSON.parse(noBase.stdout).error.code).toBe('BASE_URL_REQUIRED');
    const env = await signet([
      'code',
      '--scheme',
      'mmob',
      '--lang',
      'go',
      '--role',
      'signer',
      '--cp-id',
      'a',
      '--deployment-id',
      'b',
      '--secret-env',
      'X; rm -rf /',
      '--json',
    ]);
    expect(JSON.parse(env.stdout).error.code).toBe('SECRET_ENV_NAME');
    const noCp = await signet(['code', '--scheme', 'mmob', '--lang', 'go', '--role', 'signer', '--json']);
    expect(JSON.parse(noCp.stdout).error.code).toBe('FIELD_REQUIRED');
    expect(() =>
      generateCode({
        scheme: 'mmob',
        lang: 'php',
        role: 'signer',
        inputs: { cpId: 'a\u0000', cpDeploymentId: 'b', email: '', toleranceSeconds: 60, secretEnv: 'S' },
      }),
    ).toThrow(/NUL/);
    expect(() =>
      generateCode({
        scheme: 'mmob',
        lang: 'php',
        role: 'signer',
        inputs: { cpId: 'a\ud800', cpDeploymentId: 'b', email: '', toleranceSeconds: 60, secretEnv: 'S' },
      }),
    ).toThrow(/surrogate/);
  });

  it('never embeds a secret: every program reads it from its environment variable', () => {
    for (const lang of CODE_LANGS)
      for (const role of ['signer', 'verifier'] as const) {
        if (lang === 'shell' && role === 'verifier') continue;
        const g = generateCode({
          scheme: 'mmob',
          lang,
          role,
          inputs: { cpId: 'a', cpDeploymentId: 'b', email: '', toleranceSeconds: 60, secretEnv: 'KIT_SECRET_VAR' },
        });
        expect(g.code, `${lang} ${role}`).toContain('KIT_SECRET_VAR');
        expect(g.code, `${lang} ${role}`).toMatch(/Mistakes this code avoids/);
      }
  });
});

describe('signet lint-code', () => {
  const bad = `<?php\n$hash = hash_hmac('sha256', $secret, $email . $expiry);\n$url = "https://demo.eber.co/login/hmac?hmac_email=$email&hmac_hash=$hash";\n`;
  const good = `<?php\n$hash = hash_hmac('sha256', $email . $expiry, $secret);\n$url = 'https://demo.eber.co/login/hmac?' . http_build_query(['hmac_email' => $email, 'hmac_hash' => $hash]);\n`;

  it('FILE: warnings with line, hint and the verification code, exit 1; labelled a lint', async () => {
    const r = await signet(['lint-code', 'signer.php'], { 'signer.php': bad });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/not a proof/);
    expect(r.stdout).toContain('signer.php:2: warning HMAC_ARGUMENT_ORDER');
    expect(r.stdout).toContain('signer.php:3: warning IDENTIFIER_NOT_URL_ENCODED');
    expect(r.stdout).toContain('hint PLUS_DECODED_AS_SPACE');
    // HMAC_ARGUMENTS_SWAPPED was proposed here first; the mmob and Eber finders now emit it, so it is no longer "proposed".
    expect(r.stdout).toContain('hint HMAC_ARGUMENTS_SWAPPED');
    expect(r.stdout).not.toContain('HMAC_ARGUMENTS_SWAPPED (proposed');
  });

  it('- reads stdin; clean code exits 0; --json', async () => {
    const r = await signet(['lint-code', '-', '--json'], {}, good);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { kind: string; lang: string; scheme: string; warnings: unknown[] };
    expect([j.kind, j.lang, j.scheme, j.warnings]).toEqual(['lint', 'php', 'eber', []]);
  });

  it('a missing file or no input is a usage error', async () => {
    expect((await signet(['lint-code', 'nope.php'])).status).toBe(2);
    expect((await signet(['lint-code'])).status).toBe(2);
  });

  it('reads a lone word as --input, and leaves option values alone', () => {
    expect(lintCodeArgs(['a.php', '--lang', 'php'])).toEqual(['--input', 'a.php', '--lang', 'php']);
    expect(lintCodeArgs(['--scheme', 'eber', '-'])).toEqual(['--scheme', 'eber', '--input', '-']);
    expect(lintCodeArgs(['--input', 'x.js'])).toEqual(['--input', 'x.js']);
  });
});
