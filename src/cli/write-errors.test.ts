import type { writeSync as WriteSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeAll } from './write';

type Step = (bytes: Buffer, offset: number) => number;

/** A stand-in for writeSync that plays the given steps in order (the last one repeats), counting calls. */
function scripted(...steps: Step[]) {
  const calls: { offset: number }[] = [];
  const write = ((_fd: number, bytes: Buffer, offset: number) => {
    calls.push({ offset });
    return steps[Math.min(calls.length, steps.length) - 1]!(bytes, offset);
  }) as unknown as typeof WriteSync;
  return { write, calls };
}

const fail =
  (code: string): Step =>
  () => {
    throw Object.assign(new Error(code), { code });
  };

// The error branches a real pipe only reaches by racing its reader.
describe('writeAll on write errors', () => {
  it('stops quietly on EPIPE (the reader went away)', () => {
    const w = scripted(fail('EPIPE'));
    expect(() => writeAll(1, 'text', w.write)).not.toThrow();
    expect(w.calls).toHaveLength(1);
  });

  it('retries EAGAIN and resumes at the right offset after a partial write', () => {
    const written: string[] = [];
    const w = scripted(
      (b, off) => (written.push(b.subarray(off, off + 3).toString()), 3),
      fail('EAGAIN'),
      (b, off) => (written.push(b.subarray(off).toString()), b.length - off),
    );
    writeAll(1, 'abcdef', w.write);
    expect(written.join('')).toBe('abcdef');
    expect(w.calls.map((c) => c.offset)).toEqual([0, 3, 3]);
  });

  it('passes any other error on', () => {
    expect(() => writeAll(2, 'text', scripted(fail('EIO')).write)).toThrow('EIO');
  });
});
