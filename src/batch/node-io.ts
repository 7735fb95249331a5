/** The process's own streams for `verify-batch`: files or stdin in, stdout out with backpressure. */
import { createReadStream, fstatSync, openSync, writeFileSync } from 'node:fs';

/** Streaming I/O for `verify-batch`, which must not hold its input or output in memory. */
export interface BatchStreams {
  /** Opens FILE, or standard input for "-"; throws (e.g. ENOENT) when it cannot be read. */
  openInput: (path: string) => { stream: AsyncIterable<Uint8Array | string>; size: number | null };
  /** Writes to stdout; the returned promise resolves when the stream can take more (backpressure). */
  writeOut: (data: Uint8Array) => void | Promise<void>;
  writeFile: (path: string, text: string) => void;
}

const READ_CHUNK = 1024 * 1024;

export function nodeBatchStreams(): BatchStreams {
  // Kept for the whole batch: an EPIPE (the reader went away, e.g. `| head`) can arrive between writes.
  let outputError: Error | null = null;
  process.stdout.on('error', (e) => (outputError ??= e));
  return {
    openInput(path) {
      if (path === '-') return { stream: process.stdin, size: null };
      // Opened synchronously so a missing or unreadable file is a clear usage error before any output.
      const fd = openSync(path, 'r');
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      return {
        stream: createReadStream('', { fd, highWaterMark: READ_CHUNK }),
        size: stat.isFile() ? stat.size : null,
      };
    },
    writeOut(data) {
      if (outputError) throw outputError;
      if (process.stdout.write(data)) return;
      return new Promise<void>((resolve, reject) => {
        const done = (): void => {
          process.stdout.off('error', fail);
          resolve();
        };
        const fail = (e: Error): void => {
          process.stdout.off('drain', done);
          reject(e);
        };
        process.stdout.once('drain', done);
        process.stdout.once('error', fail);
      });
    },
    writeFile(path, text) {
      writeFileSync(path, text);
    },
  };
}
