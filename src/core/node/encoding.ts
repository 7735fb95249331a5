import { Buffer } from 'node:buffer';

/**
 * The vendor's reference decodes the mmob secret with Node's `Buffer.from(s, 'base64')`, which is
 * lenient (url-safe alphabet, whitespace, missing padding). We use exactly that decoder so our key is
 * byte-for-byte the key the vendor's servers derive.
 */
export function decodeBase64Lenient(s: string): Buffer {
  return Buffer.from(s, 'base64');
}

/**
 * Strict RFC 4648 standard base64: the only form every language's decoder reads the same way.
 * Round-tripping through Node's encoder rejects url-safe characters, whitespace, missing padding and
 * non-zero leftover bits in one test.
 */
export function isStrictBase64(s: string): boolean {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return false;
  return Buffer.from(s, 'base64').toString('base64') === s;
}

export function isLowerHex(s: string): boolean {
  return /^[0-9a-f]*$/.test(s);
}

export function isHex(s: string): boolean {
  return s.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(s);
}

/**
 * Constant-time comparison that is also safe for inputs of unequal length: the length of a MAC is
 * public, so a length mismatch may answer false, but it still walks every byte of `b`, so a caller's
 * timing does not depend on where the first differing byte is. Written out (XOR-accumulate, no branch or
 * early exit on the data), as standard-webhooks' JS library does, rather than node:crypto's
 * timingSafeEqual: a one-shot `mmob verify` compares one MAC and would otherwise load node:crypto for it
 * (~6 ms at start, see hmac.ts).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= ((a[i] ?? 0) ^ (b[i] as number)) & 0xff;
  return diff === 0;
}

// Scratch space for comparing short strings (MACs, hashes) without allocating two Buffers per compare.
// Made on first use: importing core must have no side effects (the renderer imports parts of it).
const SCRATCH_BYTES = 384;
let scratch: { a: Buffer; b: Buffer; viewsA: Buffer[]; viewsB: Buffer[]; utf8: TextEncoder } | undefined;

export function constantTimeEqualStrings(a: string, b: string): boolean {
  scratch ??= {
    a: Buffer.alloc(SCRATCH_BYTES),
    b: Buffer.alloc(SCRATCH_BYTES),
    viewsA: [],
    viewsB: [],
    utf8: new TextEncoder(),
  };
  const s = scratch;
  const ra = s.utf8.encodeInto(a, s.a);
  const rb = s.utf8.encodeInto(b, s.b);
  const fits = ra.read === a.length && rb.read === b.length;
  const equal = fits
    ? constantTimeEqual(
        (s.viewsA[ra.written] ??= s.a.subarray(0, ra.written)),
        (s.viewsB[rb.written] ??= s.b.subarray(0, rb.written)),
      )
    : constantTimeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  // Leave no MAC bytes behind in module memory.
  s.a.fill(0, 0, ra.written);
  s.b.fill(0, 0, rb.written);
  return equal;
}
