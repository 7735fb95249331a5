/**
 * `signet … verify-batch`, run as a user runs it: the built CLI (npm test builds first), with its worker
 * threads loaded from out/cli/batch-worker.cjs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstant, signMmob, verifyEberUrl, verifyMmob } from '../core/node';
import { loadVectors, PROJECT_ROOT } from '../testing/vectors';

const BIN = join(PROJECT_ROOT, 'bin/signet.cjs');
const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const NOW = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
const dir = mkdtempSync(join(tmpdir(), 'signet-cli-batch-'));

function signet(args: string[], options: { secret?: string; stdin?: string } = {}) {
  const env = { PATH: process.env.PATH ?? '', SIGNET_TEST_SECRET: options.secret ?? SECRET };
  const r = spawnSync(process.execPath, [BIN, ...args, '--secret-env', 'SIGNET_TEST_SECRET'], {
    env,
    input: options.stdin ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const lines = r.stdout.split('\n').filter(Boolean);
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function mmobLine(i: number, over: { timestamp?: number; email?: string } = {}): string {
  const email = `user${i}@example.com`;
  const { signature } = signMmob({
    secret: SECRET,
    cpId: 'cp_7Hq2',
    cpDeploymentId: 'cpd_01HZX3K9',
    email,
    timestamp: over.timestamp ?? NOW,
    nonce: NONCE,
  });
  return JSON.stringify({ signature, cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9', email: over.email ?? email });
}

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'out/cli/batch-worker.cjs')))
    throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});

describe('signet mmob verify-batch', () => {
  it('all valid: exit 0, one JSON line per record on stdout, the summary on stderr', () => {
    const r = signet([
      'mmob',
      'verify-batch',
      '--input',
      file('ok.jsonl', `${mmobLine(1)}\n${mmobLine(2)}\n`),
      '--now',
      String(NOW),
    ]);
    expect(r.status).toBe(0);
    expect(r.records()).toEqual([
      { line: 1, valid: true, codes: [], hints: [], summary: 'Valid signature.' },
      { line: 2, valid: true, codes: [], hints: [], summary: 'Valid signature.' },
    ]);
    expect(r.stderr).toMatch(/^2 records: 2 valid, 0 invalid, 0 malformed$/m);
  });

  it('any invalid or malformed: exit 1; malformed lines named by number; --summary-json FILE', () => {
    const summaryFile = join(dir, 'summary.json');
    const input = [mmobLine(1), mmobLine(2, { timestamp: NOW - 3600 }), 'oops', mmobLine(4, { email: 'x@y.z' })].join(
      '\r\n',
    );
    const r = signet(['mmob', 'verify-batch', '--input', '-', '--now', String(NOW), '--summary-json', summaryFile], {
      stdin: `\uFEFF${input}`,
    });
    expect(r.status).toBe(1);
    const recs = r.records();
    expect(recs.map((x) => x.line)).toEqual([1, 2, 3, 4]);
    expect(recs[2]).toMatchObject({ valid: false, error: { code: 'JSON_INVALID' } });
    const single = verifyMmob({
      ...(JSON.parse(mmobLine(4, { email: 'x@y.z' })) as {
        signature: string;
        cpId: string;
        cpDeploymentId: string;
        email: string;
      }),
      secret: SECRET,
      now: NOW,
    });
    expect(recs[3]).toEqual({
      line: 4,
      valid: false,
      codes: single.codes,
      hints: single.hints,
      summary: single.details.summary,
    });
    expect(JSON.parse(readFileSync(summaryFile, 'utf8'))).toMatchObject({
      scheme: 'mmob',
      records: 4,
      valid: 1,
      invalid: 2,
      malformed: 1,
      codes: { TIMESTAMP_TOO_OLD: 1, SIGNATURE_MISMATCH: 1 },
      errors: { JSON_INVALID: 1 },
      workers: 0,
    });
  });

  it('spreads a large file over worker threads in the built CLI, with the same output in order', () => {
    const lines: string[] = [];
    for (let i = 1; i <= 12_000; i++) lines.push(mmobLine(i, i % 5 === 0 ? { timestamp: NOW - 3600 } : {}));
    const input = file('big.jsonl', lines.join('\n') + '\n');
    const pooled = signet([
      'mmob',
      'verify-batch',
      '--input',
      input,
      '--now',
      String(NOW),
      '--workers',
      '2',
      '--summary-json',
      '-',
    ]);
    const inline = signet(['mmob', 'verify-batch', '--input', input, '--now', String(NOW), '--workers', '0']);
    expect(pooled.status).toBe(1);
    expect(JSON.parse(pooled.stderr)).toMatchObject({ workers: 2, records: 12_000, valid: 9600, invalid: 2400 });
    expect(pooled.stdout).toBe(inline.stdout);
    expect(pooled.records().map((x) => x.line)).toEqual(lines.map((_, i) => i + 1));
  });

  it('reads CSV with a header, CRLF and a BOM; --failures-only writes only failures', () => {
    const sig = (JSON.parse(mmobLine(1)) as { signature: string }).signature;
    const csv = `\uFEFFsignature,cpId,cpDeploymentId,email\r\n${sig},cp_7Hq2,cpd_01HZX3K9,user1@example.com\r\n${sig},cp_7Hq2,cpd_01HZX3K9,other@example.com\r\n`;
    const r = signet([
      'mmob',
      'verify-batch',
      '--input',
      file('in.csv', csv),
      '--format',
      'csv',
      '--now',
      String(NOW),
      '--failures-only',
    ]);
    expect(r.status).toBe(1);
    expect(r.records()).toEqual([expect.objectContaining({ line: 3, valid: false, codes: ['SIGNATURE_MISMATCH'] })]);
  });

  it('empty input: exit 0, nothing on stdout', () => {
    const r = signet(['mmob', 'verify-batch', '--input', file('empty.jsonl', ''), '--now', String(NOW)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^0 records/m);
  });

  it.each([
    [['--input', '/nonexistent/in.jsonl'], /Cannot read the input file .*ENOENT/],
    [['--input', '-', '--format', 'xml'], /Allowed choices are jsonl, csv/],
    [['--input', '-', '--now', 'yesterday'], /not whole Unix seconds/],
    [['--input', '-', '--format', 'csv'], /CSV header has no "cpId", "cpDeploymentId" column/],
    [[], /required option '--input <file>'/],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = signet(['mmob', 'verify-batch', ...args], { stdin: 'signature,email\n1:2:3,a\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a secret that is not base64 exits 2', () => {
    const r = signet(['mmob', 'verify-batch', '--input', '-'], { secret: '****', stdin: `${mmobLine(1)}\n` });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/zero bytes/);
  });
});

describe('signet eber verify-batch', () => {
  const vectors = loadVectors('eber-verify');
  const bySecretZone = new Map<string, typeof vectors>();
  for (const v of vectors)
    bySecretZone.set(`${v.secret}\n${v.timezone}`, [...(bySecretZone.get(`${v.secret}\n${v.timezone}`) ?? []), v]);

  for (const group of bySecretZone.values()) {
    const { secret, timezone } = group[0]!;
    it(`every vector as JSONL with its own clock equals the single verifier (${timezone}, ${group.length} vectors)`, () => {
      const input = group.map((v) => JSON.stringify({ url: v.url, now: v.now })).join('\n');
      const r = signet(['eber', 'verify-batch', '--input', '-', '--format', 'jsonl', '--timezone', timezone], {
        secret,
        stdin: input,
      });
      expect(r.status).toBe(group.every((v) => v.valid) ? 0 : 1);
      expect(r.records()).toEqual(
        group.map((v, i) => {
          const single = verifyEberUrl({ url: v.url, secret, timezone, now: parseInstant(v.now)! });
          expect(single).toMatchObject({ valid: v.valid, codes: v.codes });
          return {
            line: i + 1,
            valid: single.valid,
            codes: single.codes,
            hints: single.hints,
            summary: single.details.summary,
          };
        }),
      );
    });
  }

  it('one URL per line with --now; a bad time zone exits 2', () => {
    const v = vectors[0]!;
    const ok = signet(['eber', 'verify-batch', '--input', '-', '--timezone', v.timezone, '--now', v.now], {
      secret: v.secret,
      stdin: `${v.url}\nnot a url\n`,
    });
    expect(ok.status).toBe(1);
    expect(
      ok.records().map((x) => [x.line, x.valid === v.valid || x.line === 2, (x.codes as string[])[0] ?? null]),
    ).toEqual([
      [1, true, v.codes[0] ?? null],
      [2, true, 'URL_INVALID'],
    ]);
    const bad = signet(['eber', 'verify-batch', '--input', '-', '--timezone', 'Mars/Base'], {
      secret: v.secret,
      stdin: `${v.url}\n`,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown time zone/);
  });
});

describe('verify-batch --json', () => {
  it('prints only the summary, as exactly one JSON object, and keeps the exit code', () => {
    const input = file('json-mode.jsonl', `${mmobLine(1)}\n${mmobLine(2, { email: 'other@example.com' })}\n`);
    const r = signet(['mmob', 'verify-batch', '--input', input, '--now', String(NOW), '--json']);
    expect(r.status).toBe(1);
    const objects = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ scheme: 'mmob', records: 2, valid: 1, invalid: 1, malformed: 0 });
  });
});
