/**
 * `signet pack` through the built CLI, and every pack it writes run through the built `signet verify-batch`:
 * each case must get exactly its expected verdict, codes and hints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MMOB_HINTS } from '../core/common/mmob/codes';
import { PROJECT_ROOT } from '../testing/vectors';

const BIN = join(PROJECT_ROOT, 'bin/signet.cjs');
const env = { ...process.env, PACK_MMOB: 'deadbeef0123456789abcdef01234567', PACK_EBER: 'eber-qa-secret' };
const signet = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'signet-pack-'));

beforeAll(() => {
  if (!existsSync(join(PROJECT_ROOT, 'out/cli/signet.cjs')))
    throw new Error('The CLI is not built: run `npm run build` (npm test does it first).');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PACKS = {
  mmob: {
    make: [
      'pack',
      'mmob',
      '--cp-id',
      'cp-1',
      '--deployment-id',
      'dep-9',
      '--email',
      'QA.User@example.com',
      '--secret-env',
      'PACK_MMOB',
    ],
    verify: ['mmob', 'verify-batch', '--secret-env', 'PACK_MMOB'],
  },
  'eber-london': {
    make: [
      'pack',
      'eber',
      '--base-url',
      'https://demo.eber.co',
      '--email',
      'qa.user@example.com',
      '--timezone',
      'Europe/London',
      '--locale',
      'en',
      '--secret-env',
      'PACK_EBER',
    ],
    verify: ['eber', 'verify-batch', '--timezone', 'Europe/London', '--secret-env', 'PACK_EBER'],
  },
  'eber-singapore-phone': {
    make: [
      'pack',
      '--scheme',
      'eber',
      '--base-url',
      'https://demo.eber.co',
      '--phone',
      '+60123456789',
      '--phone-code',
      'MY',
      '--timezone',
      'Asia/Singapore',
      '--secret-env',
      'PACK_EBER',
    ],
    verify: ['eber', 'verify-batch', '--timezone', 'Asia/Singapore', '--secret-env', 'PACK_EBER'],
  },
} as const;

interface Row {
  id: string;
  expected: { valid: boolean; codes: string[]; hints: string[] };
  replayOf?: string;
}

describe.each(Object.entries(PACKS))('signet pack: %s', (name, p) => {
  it('writes every format, and verify-batch gives each case exactly its expected verdict', () => {
    const out = join(dir, name);
    const made = signet([...p.make, '--out-dir', out, '--json']);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const { files } = JSON.parse(made.stdout) as { files: string[] };
    expect(files.map((f) => f.slice(f.lastIndexOf('.') + 1))).toEqual(['jsonl', 'csv', 'md', 'html']);
    const jsonl = files[0]!;
    const rows = readFileSync(jsonl, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    for (const [file, format] of [
      [jsonl, 'jsonl'],
      [files[1]!, 'csv'],
    ] as const) {
      const r = signet([...p.verify, '--input', file, '--format', format]);
      expect(r.status, r.stderr).toBe(1); // some cases are meant to be invalid
      const got = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { valid: boolean; codes: string[]; hints: string[] });
      expect(got).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        // verify-batch judges each line alone: the replayed nonce reads as the case it repeats.
        const exp = row.replayOf ? rows.find((o) => o.id === row.replayOf)!.expected : row.expected;
        expect({ id: row.id, valid: got[i]!.valid, codes: got[i]!.codes, hints: got[i]!.hints }).toEqual({
          id: row.id,
          valid: exp.valid,
          codes: exp.codes,
          hints: exp.hints,
        });
      });
    }
    const html = readFileSync(files[3]!, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(rows.length);
    expect(readFileSync(files[2]!, 'utf8').match(/^- \[ \] /gm)).toHaveLength(rows.length);
  });
});

describe('signet pack: usage', () => {
  it('prints one format on stdout; --json gives the pack', () => {
    const r = signet([...PACKS.mmob.make, '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toMatch(/^id,kind,hint,description,signature,cpId,cpDeploymentId,email,now,/);
    const j = signet([...PACKS.mmob.make, '--json']);
    // The valid case, one case or skip per hint, four time cases and the replay.
    const pack = (JSON.parse(j.stdout) as { pack: { cases: unknown[]; skipped: unknown[] } }).pack;
    expect(pack.cases.length + pack.skipped.length).toBe(1 + Object.keys(MMOB_HINTS).length + 4 + 1);
  });

  it('names what is missing', () => {
    const r = signet([
      'pack',
      'eber',
      '--email',
      'a@b.co',
      '--timezone',
      'Asia/Singapore',
      '--secret-env',
      'PACK_EBER',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--base-url is needed');
    const s = signet([
      'pack',
      'eber',
      '--base-url',
      'https://demo.eber.co',
      '--timezone',
      'Asia/Singapore',
      '--secret-env',
      'PACK_EBER',
    ]);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('exactly one of --email');
  });
});
