import { writeSync } from 'node:fs';

/**
 * Writes all of `text` to a file descriptor synchronously. The CLI's answers are short, and touching
 * process.stdout builds a stream (for a pipe, a net.Socket) that costs more start-up time than the whole
 * command; `verify-batch`, whose output is large, still streams through process.stdout.
 */
export function writeAll(fd: number, text: string, write: typeof writeSync = writeSync): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return; // the reader went away (`signet … | head -c0`): nothing left to say
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // a non-blocking pipe is full: wait 1 ms
    }
  }
}
