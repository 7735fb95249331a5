import { Buffer } from 'node:buffer';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchConfig, BatchRecordResult } from '../core/node/batch';
import { signMmob } from '../core/node/mmob/sign';
import { verifyMmob } from '../core/node/mmob/verify';
import { readLineChunks, type LineChunk } from './lines';
import { runBatch, type RunBatchOptions } from './run';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const NOW = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
const config: BatchConfig = { scheme: 'mmob', format: 'jsonl', secret: SECRET, nowSeconds: NOW, nowMs: NOW * 1000 };

/** Mixed validity: valid, stale (every 7th), tampered email (13th), bad JSON (97th), blank lines (89th, not 97th). */
function records(n: number): { text: string } {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const email = `user${i}@example.com`;
    const { signature } = signMmob({
      secret: SECRET,
      cpId: 'cp',
      cpDeploymentId: 'cpd',
      email,
      timestamp: i % 7 === 0 ? NOW - 120 : NOW,
      nonce: NONCE,
    });
    if (i % 97 === 0) lines.push('{not json');
    else if (i % 89 === 0) lines.push('');
    else
      lines.push(
        JSON.stringify({
          signature,
          cpId: 'cp',
          cpDeploymentId: 'cpd',
          email: i % 13 === 0 ? 'mallory@example.com' : email,
        }),
      );
  }
  return { text: lines.join('\n') + '\n' };
}

/** Splits a buffer into pieces of the given sizes, cycling, cutting through lines and UTF-8 characters alike. */
async function* pieces(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function run(input: Buffer, options: Partial<RunBatchOptions> = {}) {
  const out: Buffer[] = [];
  const summary = await runBatch({
    config,
    input: pieces(input, [65_536]),
    onOutput: (o) => void out.push(Buffer.from(o.jsonl)),
    ...options,
  });
  const text = Buffer.concat(out).toString('utf8');
  return {
    summary,
    text,
    results: text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BatchRecordResult),
  };
}

describe('readLineChunks', () => {
  it('cuts chunks at line ends whatever the read boundaries, UTF-8 characters included', async () => {
    const lines = ['ä€😀 one', '', 'two\r', 'three', '😀'.repeat(50)];
    const bytes = Buffer.from(lines.join('\n'));
    for (const sizes of [[1], [2, 3, 5], [7], [1000]]) {
      const chunks: LineChunk[] = [];
      for await (const c of readLineChunks(pieces(bytes, sizes), { chunkBytes: 8 })) chunks.push(c);
      expect(Buffer.concat(chunks.map((c) => c.bytes)).toString('utf8')).toBe(lines.join('\n'));
      for (const c of chunks)
        expect(c.bytes.toString('utf8').split('\n').length - (c.bytes.at(-1) === 10 ? 1 : 0)).toBe(c.lineCount);
      expect(chunks.map((c) => c.firstLine)).toEqual(
        chunks.map((_, i) => 1 + chunks.slice(0, i).reduce((n, c) => n + c.lineCount, 0)),
      );
      expect(chunks.reduce((n, c) => n + c.lineCount, 0)).toBe(5);
    }
  });

  it('never buffers an endless line: it is cut, the rest skipped, and the next line keeps its number', async () => {
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('first\n');
      for (let i = 0; i < 64; i++) yield Buffer.alloc(16_384, 0x61); // 1 MiB with no line end
      yield Buffer.from('aaa\nlast\n');
    }
    const chunks: LineChunk[] = [];
    for await (const c of readLineChunks(endless(), { maxLineBytes: 100_000 })) chunks.push(c);
    const text = Buffer.concat(chunks.map((c) => c.bytes))
      .toString('utf8')
      .split('\n');
    expect(text[0]).toBe('first');
    expect(text[1]).toHaveLength(100_000);
    expect(text[2]).toBe('last');
    expect(chunks.reduce((n, c) => n + c.lineCount, 0)).toBe(3);
  });

  it('yields nothing for empty input', async () => {
    const chunks: LineChunk[] = [];
    for await (const c of readLineChunks(pieces(Buffer.alloc(0), [1]))) chunks.push(c);
    expect(chunks).toEqual([]);
  });
});

describe('runBatch', () => {
  const big = records(12_000);
  const bigBytes = Buffer.from(big.text);

  it('verifies a small input inline, every record as the single verifier does', async () => {
    const { summary, results } = await run(Buffer.from(records(300).text));
    expect(summary.workers).toBe(0);
    const lines = records(300).text.split('\n');
    for (const r of results) {
      const line = lines[r.line - 1]!;
      if ('error' in r) {
        expect(line).toBe('{not json');
        continue;
      }
      const single = verifyMmob({
        ...(JSON.parse(line) as { signature: string; cpId: string; cpDeploymentId: string; email: string }),
        secret: SECRET,
        now: NOW,
      });
      expect(r).toEqual({
        line: r.line,
        valid: single.valid,
        codes: single.codes,
        hints: single.hints,
        summary: single.details.summary,
      });
    }
    expect(summary).toMatchObject({ records: 297, malformed: 3, lines: 300 });
  });

  it('spreads a large input over worker threads and gives the same output, in input order', async () => {
    const inline = await run(bigBytes, { workers: 0 });
    const pooled = await run(bigBytes, { workers: 2, inlineMaxBytes: 64 * 1024, chunkBytes: 32 * 1024 });
    expect(inline.summary.workers).toBe(0);
    expect(pooled.summary.workers).toBe(2); // really verified by workers, not inline
    expect(pooled.text).toBe(inline.text);
    const numbers = pooled.results.map((r) => r.line);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    const { elapsedMs: _a, recordsPerSecond: _b, workers: _c, ...counts } = pooled.summary;
    const { elapsedMs: _d, recordsPerSecond: _e, workers: _f, ...inlineCounts } = inline.summary;
    expect(counts).toEqual(inlineCounts);
    expect(counts).toMatchObject({ records: 12_000 - 133, lines: 12_000, malformed: 123 });
    expect(counts.codes.TIMESTAMP_TOO_OLD).toBeGreaterThan(1000);
    expect(counts.codes.SIGNATURE_MISMATCH).toBeGreaterThan(500);
  });

  it('reads CSV through the pool: header from the first chunk, rows across chunks', async () => {
    const lines = ['\uFEFFsignature,cpId,cpDeploymentId,email'];
    for (let i = 0; i < 3000; i++) {
      const email = `u${i}@x.io`;
      lines.push(
        `${signMmob({ secret: SECRET, cpId: 'cp', cpDeploymentId: 'cpd', email, timestamp: NOW, nonce: NONCE }).signature},cp,cpd,"${email}"`,
      );
    }
    const bytes = Buffer.from(lines.join('\r\n'));
    const csv = { ...config, format: 'csv' as const };
    const pooled = await run(bytes, { config: csv, workers: 2, inlineMaxBytes: 1024, chunkBytes: 16 * 1024 });
    const inline = await run(bytes, { config: csv, workers: 0, chunkBytes: 16 * 1024 });
    expect(pooled.summary).toMatchObject({ workers: 2, records: 3000, valid: 3000, lines: 3001 });
    expect(pooled.results[0]!.line).toBe(2);
    expect(pooled.text).toBe(inline.text);
  });

  it('reads a file with CRLF line ends and a UTF-8 BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-batch-'));
    const file = join(dir, 'in.jsonl');
    const sig = signMmob({ secret: SECRET, cpId: 'cp', cpDeploymentId: 'cpd', timestamp: NOW, nonce: NONCE }).signature;
    const line = JSON.stringify({ signature: sig, cpId: 'cp', cpDeploymentId: 'cpd' });
    writeFileSync(file, `\uFEFF${line}\r\n${line}\r\n`);
    const out: string[] = [];
    const summary = await runBatch({
      config,
      input: createReadStream(file),
      onOutput: (o) => void out.push(Buffer.from(o.jsonl).toString()),
    });
    expect(summary).toMatchObject({ records: 2, valid: 2, malformed: 0 });
    expect(out.join('')).toBe(
      '{"line":1,"valid":true,"codes":[],"hints":[],"summary":"Valid signature."}\n{"line":2,"valid":true,"codes":[],"hints":[],"summary":"Valid signature."}\n',
    );
  });

  it('empty input: zero records, no output, no workers', async () => {
    const { summary, text } = await run(Buffer.alloc(0), { workers: 2 });
    expect(summary).toMatchObject({ records: 0, lines: 0, workers: 0 });
    expect(text).toBe('');
  });

  it('keeps memory flat: reading stops while the output is not taken', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for await (const p of pieces(bigBytes, [16 * 1024])) {
        pulled += p.length;
        yield p;
      }
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    let pulledWhileBlocked = -1;
    const done = runBatch({
      config,
      input: source(),
      workers: 2,
      inlineMaxBytes: 32 * 1024,
      chunkBytes: 32 * 1024,
      onOutput: async () => {
        if (!first) return;
        first = false;
        await new Promise((r) => setTimeout(r, 400));
        pulledWhileBlocked = pulled;
        release();
        await gate;
      },
    });
    const summary = await done;
    // 2 workers × 2 chunks in flight, plus the inline look-ahead and one chunk being assembled.
    expect(pulledWhileBlocked).toBeLessThan(10 * 32 * 1024);
    expect(pulledWhileBlocked).toBeLessThan(bigBytes.length / 4);
    expect(summary.records).toBe(12_000 - 133);
  });

  it('stops when aborted and rejects with the abort reason', async () => {
    const controller = new AbortController();
    let outputs = 0;
    const done = runBatch({
      config,
      input: pieces(bigBytes, [16 * 1024]),
      workers: 2,
      inlineMaxBytes: 16 * 1024,
      chunkBytes: 16 * 1024,
      signal: controller.signal,
      onOutput: () => {
        if (++outputs === 2) controller.abort(new Error('cancelled by the user'));
      },
    });
    await expect(done).rejects.toThrow('cancelled by the user');
    expect(outputs).toBeLessThan(10);
  });

  it('refuses a secret that is not base64 before reading anything', async () => {
    await expect(run(bigBytes, { config: { ...config, secret: '****' } })).rejects.toThrow(/zero bytes/);
  });
});
