/**
 * The benchmark's C reference (bench/mmob-verify-batch.c) must write exactly Signet's batch output, byte
 * for byte, on the benchmark's generated data; otherwise the bench would compare against a program doing
 * less work. Needs gcc and OpenSSL's headers (Debian: gcc, libssl-dev); skipped with a printed reason
 * where they are missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EBER_NOW,
  EBER_SECRET,
  EBER_ZONE,
  generateEber,
  generateMmob,
  MMOB_NOW,
  MMOB_SECRET,
} from '../../bench/generate.mjs';
import { createBatchVerifier } from '../core/node/batch';

const dir = mkdtempSync(join(tmpdir(), 'signet-cref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function compile(name: string): ReturnType<typeof spawnSync> & { binary: string } {
  const source = fileURLToPath(new URL(`../../bench/${name}.c`, import.meta.url));
  const binary = join(dir, name);
  const r = spawnSync('gcc', ['-O2', '-pthread', '-Wno-deprecated-declarations', '-o', binary, source, '-lcrypto'], {
    encoding: 'utf8',
  });
  return Object.assign(r, { binary });
}
const compiled = compile('mmob-verify-batch');
const binary = compiled.binary;
const eberCompiled = compile('eber-verify-batch');
const why =
  compiled.error !== undefined
    ? `gcc is missing (${compiled.error.message})`
    : compiled.status !== 0
      ? `the C reference does not compile here (OpenSSL headers missing? apt-get install libssl-dev): ${compiled.stderr.slice(0, 300)}`
      : null;
if (why !== null) process.stderr.write(`\n!!! SKIPPING the C reference byte-identity test: ${why}\n\n`);

describe.skipIf(why !== null)('the C reference verify-batch', () => {
  for (const failing of [0.1, 0.5]) {
    it(`writes Signet's batch output byte for byte (20 000 records, ${failing * 100} % failing)`, async () => {
      const file = join(dir, `mmob-${failing}.jsonl`);
      await generateMmob(file, 20_000, failing);
      const c = spawnSync(binary, [file, MMOB_SECRET, String(MMOB_NOW), '60', '2'], { maxBuffer: 1 << 28 });
      expect(c.status).toBe(0);
      const text = readFileSync(file, 'utf8');
      const signet = createBatchVerifier({
        scheme: 'mmob',
        format: 'jsonl',
        secret: MMOB_SECRET,
        nowSeconds: MMOB_NOW,
        nowMs: MMOB_NOW * 1000,
      }).verifyChunk(text, 1);
      expect(c.stdout.equals(signet.jsonl)).toBe(true);
      expect(JSON.parse(c.stderr.toString())).toEqual({
        records: signet.counts.records,
        valid: signet.counts.valid,
        invalid: signet.counts.invalid,
        malformed: signet.counts.malformed,
      });
    });
  }
});

describe.skipIf(why !== null || eberCompiled.status !== 0)('the Eber C reference verify-batch', () => {
  it("writes Signet's batch output byte for byte (20 000 URLs over a DST change)", async () => {
    const file = join(dir, 'eber.txt');
    await generateEber(file, 20_000);
    const nowMs = Date.parse(EBER_NOW);
    const c = spawnSync(eberCompiled.binary, [file, EBER_SECRET, String(nowMs / 1000), '2'], {
      maxBuffer: 1 << 28,
      env: { ...process.env, TZ: EBER_ZONE },
    });
    expect(c.status).toBe(0);
    const signet = createBatchVerifier({
      scheme: 'eber',
      format: 'lines',
      secret: EBER_SECRET,
      nowSeconds: nowMs / 1000,
      nowMs,
      timezone: EBER_ZONE,
    }).verifyChunk(readFileSync(file, 'utf8'), 1);
    expect(c.stdout.equals(signet.jsonl)).toBe(true);
  });
});
