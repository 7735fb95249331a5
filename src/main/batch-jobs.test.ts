import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signMmob } from '../core/node/mmob/sign';
import { verifyMmob } from '../core/node/mmob/verify';
import { admitBatchFile, BatchJobs, failuresCsv } from './batch-jobs';
import { settled } from '../testing/batch';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const NOW = 1_735_689_600;

describe('BatchJobs', () => {
  it('keeps exactly the failures the single verifier reports, pages and filters them, and exports CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-jobs-'));
    const { signature } = signMmob({
      secret: SECRET,
      cpId: 'c',
      cpDeploymentId: 'd',
      email: 'a@b.co',
      timestamp: NOW,
      nonce: 'n'.repeat(32),
    });
    const records = Array.from({ length: 300 }, (_, i) => ({
      signature,
      cpId: 'c',
      cpDeploymentId: 'd',
      email: i % 3 === 0 ? 'x@b.co' : 'a@b.co',
    }));
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n{broken\n`);
    const jobs = new BatchJobs();
    const { id } = jobs.start({
      file: admitBatchFile(path),
      config: {
        scheme: 'mmob',
        format: 'jsonl',
        secret: SECRET,
        nowSeconds: NOW,
        nowMs: NOW * 1000,
        toleranceSeconds: 60,
      },
    });
    const done = await settled(jobs, id);
    expect(done).toMatchObject({
      state: 'done',
      counts: { records: 301, valid: 200, invalid: 100, malformed: 1 },
      failuresKept: 101,
    });

    const expectedBad = records
      .map((r, i) => ({ line: i + 1, r: verifyMmob({ ...r, secret: SECRET, now: NOW }) }))
      .filter((x) => !x.r.valid);
    const page = jobs.failures(id, { offset: 0, limit: 1000, code: 'SIGNATURE_MISMATCH' });
    expect(page.total).toBe(expectedBad.length);
    expect(page.rows.map((r) => r.line)).toEqual(expectedBad.map((x) => x.line));
    expect(page.rows[0]!.codes).toEqual(expectedBad[0]!.r.codes);
    expect(jobs.failures(id, { offset: 100, limit: 10 }).rows).toEqual([
      { line: 301, codes: ['JSON_INVALID'], hints: [], summary: expect.any(String) },
    ]);

    const out = join(dir, 'out.csv');
    expect(jobs.exportFailures(id, out, 'JSON_INVALID')).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^line,codes,hints,summary\r\n301,JSON_INVALID,,/);
  });

  it('can be cancelled, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-jobs-'));
    const path = join(dir, 'big.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ signature: '1:abc:n', cpId: 'c', cpDeploymentId: 'd' })}\n`.repeat(200_000),
    );
    const jobs = new BatchJobs();
    const { id } = jobs.start({
      file: admitBatchFile(path),
      config: { scheme: 'mmob', format: 'jsonl', secret: SECRET, nowSeconds: NOW, nowMs: NOW * 1000 },
    });
    jobs.cancel(id);
    expect((await settled(jobs, id)).state).toBe('cancelled');
  });

  it('refuses a missing file with a clear message and an unknown job id', () => {
    const jobs = new BatchJobs();
    expect(() => admitBatchFile('/nonexistent/x.jsonl')).toThrow(/is not a readable file/);
    expect(() => jobs.status('nope')).toThrow(/no longer available/);
  });
});

describe('failuresCsv', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(failuresCsv([{ line: 7, codes: ['A', 'B'], hints: [], summary: '=HYPERLINK("x"), "quoted"' }])).toBe(
      'line,codes,hints,summary\r\n7,A B,,"\'=HYPERLINK(""x""), ""quoted"""\r\n',
    );
  });
});

describe('failure rows are bounded', () => {
  it('past the cap, rows stop being kept: failuresTruncated is set, the counts still cover every record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-jobs-'));
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, '{broken\n'.repeat(5_000));
    const jobs = new BatchJobs({ maxFailureRows: 1_000 });
    const { id } = jobs.start({
      file: admitBatchFile(path),
      config: { scheme: 'mmob', format: 'jsonl', secret: SECRET, nowSeconds: NOW, nowMs: NOW * 1000 },
    });
    const done = await settled(jobs, id);
    expect(done).toMatchObject({
      state: 'done',
      failuresKept: 1_000,
      failuresTruncated: true,
      counts: { malformed: 5_000 },
    });
    expect(jobs.failures(id, { offset: 0, limit: 2000 }).total).toBe(1_000);
    const out = join(dir, 'out.csv');
    expect(jobs.exportFailures(id, out)).toBe(1_000);
    expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(1_002);
  });

  // The audit's figure: SIGNET_MEASURE=1 npx vitest run src/main/batch-jobs.test.ts (node --expose-gc gives exact heap).
  // Opt-in: without a forced GC the heap delta includes garbage, so as a default test it would be flaky.
  const measure = process.env.SIGNET_MEASURE === '1';
  if (!measure) {
    console.warn(
      '*** SKIPPED: the 1M-line batch memory measurement (held < 40 MB) runs only with SIGNET_MEASURE=1 under node --expose-gc ***',
    );
  }
  it.runIf(measure)(
    'memory held by a job over a 1M-line file with 50 % failures',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'signet-mem-'));
      const path = join(dir, 'in.jsonl');
      const { signature } = signMmob({
        secret: SECRET,
        cpId: 'c',
        cpDeploymentId: 'd',
        email: 'a@b.co',
        timestamp: NOW,
        nonce: 'n'.repeat(32),
      });
      const good = JSON.stringify({ signature, cpId: 'c', cpDeploymentId: 'd', email: 'a@b.co' });
      const bad = JSON.stringify({ signature, cpId: 'c', cpDeploymentId: 'd', email: 'x@b.co' });
      const parts: string[] = [];
      for (let i = 0; i < 1_000_000; i++) parts.push(i % 4 === 0 ? bad : i % 4 === 1 ? `{"broken ${i}` : good);
      writeFileSync(path, `${parts.join('\n')}\n`);
      parts.length = 0;
      const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
      gc();
      const before = process.memoryUsage();
      const jobs = new BatchJobs();
      const { id } = jobs.start({
        file: admitBatchFile(path),
        config: { scheme: 'mmob', format: 'jsonl', secret: SECRET, nowSeconds: NOW, nowMs: NOW * 1000 },
      });
      const done = await settled(jobs, id, 120_000);
      gc();
      const after = process.memoryUsage();
      const mb = (n: number) => (n / 1_048_576).toFixed(1);
      console.info(
        `1M lines, ${done.failuresKept} failure rows kept: heapUsed +${mb(after.heapUsed - before.heapUsed)} MB, ` +
          `arrayBuffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB, rss +${mb(after.rss - before.rss)} MB`,
      );
      expect(done.failuresKept).toBe(500_000);
      expect(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers).toBeLessThan(40 * 1_048_576);
    },
    180_000,
  );
});
