import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeAll } from './write';

describe('writeAll', () => {
  it('writes everything to a non-blocking pipe whose reader is slow (retries EAGAIN, loses nothing)', async () => {
    // The child starts reading only after 300 ms, so a 1 MiB write fills the 64 KiB pipe many times over.
    const child = spawn(process.execPath, [
      '-e',
      'setTimeout(() => { let n = 0; process.stdin.on("data", (d) => (n += d.length)); process.stdin.on("end", () => process.stdout.write(String(n))); }, 300)',
    ]);
    const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
    const text = 'x'.repeat(1024 * 1024 - 2) + 'é'; // 1 MiB + 1 byte of UTF-8
    let answer = '';
    child.stdout.on('data', (d: Buffer) => (answer += d.toString()));
    writeAll(fd, text);
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
    expect(Number(answer)).toBe(Buffer.byteLength(text));
  });
});
