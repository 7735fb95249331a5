/**
 * Streams bytes into chunks of whole lines, with flat memory whatever the input size: at most one
 * chunk and one partial line are held, and a line with no end in sight is cut short (reported later as
 * too long) instead of being buffered to the end of a multi-GB file.
 */
import { Buffer } from 'node:buffer';
import { MAX_RECORD_LENGTH } from '../core/node/batch';

export interface LineChunk {
  /** Whole lines, each ending in "\n" except possibly the last line of the input. Owns its ArrayBuffer (transferable). */
  bytes: Buffer;
  /** 1-based number of the first line in `bytes`. */
  firstLine: number;
  /** Lines in `bytes`. */
  lineCount: number;
}

export interface LineChunkOptions {
  /** Target chunk size; a chunk closes at the first line end past it. */
  chunkBytes?: number;
  /** A line still open after this many bytes is cut here and the rest of it skipped. */
  maxLineBytes?: number;
}

export const DEFAULT_CHUNK_BYTES = 256 * 1024;
/** Enough bytes that the decoded text is surely longer than MAX_RECORD_LENGTH characters (UTF-8: ≤ 4 bytes each). */
export const DEFAULT_MAX_LINE_BYTES = 4 * (MAX_RECORD_LENGTH + 1);

const NL = 10;

function countNewlines(buf: Buffer): number {
  let n = 0;
  let i = buf.indexOf(NL);
  while (i !== -1) {
    n++;
    i = buf.indexOf(NL, i + 1);
  }
  return n;
}

export async function* readLineChunks(
  source: AsyncIterable<Uint8Array | string>,
  options: LineChunkOptions = {},
): AsyncGenerator<LineChunk> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let parts: Buffer[] = [];
  let partsLength = 0;
  let partsLines = 0;
  let nextLine = 1;
  let carry: Buffer | null = null;
  let skipping = false;

  const push = (b: Buffer, lines: number): void => {
    if (b.length === 0) return;
    parts.push(b);
    partsLength += b.length;
    partsLines += lines;
  };
  const flush = (): LineChunk => {
    // allocUnsafeSlow: never a slice of Node's shared pool, so the chunk's ArrayBuffer can be transferred.
    const bytes = Buffer.allocUnsafeSlow(partsLength);
    let offset = 0;
    for (const p of parts) offset += p.copy(bytes, offset);
    const chunk = { bytes, firstLine: nextLine, lineCount: partsLines };
    nextLine += partsLines;
    parts = [];
    partsLength = 0;
    partsLines = 0;
    return chunk;
  };

  for await (const piece of source) {
    let buf =
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : Buffer.isBuffer(piece)
          ? piece
          : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (skipping) {
      const end = buf.indexOf(NL);
      if (end === -1) continue;
      skipping = false;
      buf = buf.subarray(end + 1);
    }
    const last = buf.lastIndexOf(NL);
    if (last === -1) {
      carry = carry ? Buffer.concat([carry, buf]) : Buffer.from(buf);
      if (carry.length > maxLineBytes) {
        push(Buffer.concat([carry.subarray(0, maxLineBytes), Buffer.from('\n')]), 1);
        carry = null;
        skipping = true;
      }
    } else {
      if (carry) push(carry, 0);
      carry = null;
      const whole = buf.subarray(0, last + 1);
      push(whole, countNewlines(whole));
      // Copied so the stream's (possibly large) buffer is not kept alive by a few trailing bytes.
      if (last + 1 < buf.length) carry = Buffer.from(buf.subarray(last + 1));
    }
    if (partsLength >= chunkBytes) yield flush();
  }
  if (carry && carry.length > 0) push(carry, 1);
  if (partsLength > 0) yield flush();
}
