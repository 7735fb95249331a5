import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HMAC_ENGINES, hmacSha256Once, prepareHmacSha256 } from './hmac';

const reference = (key: Uint8Array, message: string, encoding: 'base64' | 'hex') =>
  createHmac('sha256', key).update(message, 'utf8').digest(encoding);

describe('prepareHmacSha256', () => {
  it('matches RFC 4231 test case 2 (key "Jefe")', () => {
    const mac = prepareHmacSha256(Buffer.from('Jefe'));
    expect(mac('what do ya want for nothing?', 'hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches RFC 4231 test case 6 (a 131-byte key, longer than a block, is hashed first)', () => {
    const mac = prepareHmacSha256(Buffer.alloc(131, 0xaa));
    expect(mac('Test Using Larger Than Block-Size Key - Hash Key First', 'hex')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('equals createHmac for random keys (0–200 bytes) and random Unicode messages, either encoding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 900 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('base64' as const, 'hex' as const),
        (key, messages, encoding) => {
          const mac = prepareHmacSha256(key);
          // Several messages through one prepared key: reused buffers must not leak one message into the next.
          for (const m of messages) expect(mac(m, encoding)).toBe(reference(key, m, encoding));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is exact at the fast path’s size limit and beyond it (long messages take the fallback)', () => {
    const key = Buffer.from('k3y');
    const mac = prepareHmacSha256(key);
    for (const m of ['', 'a'.repeat(682), 'a'.repeat(683), '€'.repeat(682), '€'.repeat(683), 'x'.repeat(100_000)]) {
      expect(mac(m, 'base64')).toBe(reference(key, m, 'base64'));
    }
    // A long message, then a short one: the short one must not see the long one's bytes.
    expect(mac('short', 'hex')).toBe(reference(key, 'short', 'hex'));
  });

  it('keeps its own copy of the key (wiping the caller’s buffer changes nothing)', () => {
    const key = Buffer.from('secret-key-bytes');
    const mac = prepareHmacSha256(key);
    const before = mac('m', 'hex');
    key.fill(0);
    expect(mac('m', 'hex')).toBe(before);
    expect(before).toBe(reference(Buffer.from('secret-key-bytes'), 'm', 'hex'));
  });
});

const referenceBytes = (key: Uint8Array, message: Uint8Array, encoding: 'base64' | 'hex') =>
  createHmac('sha256', key).update(message).digest(encoding);

describe('prepared .bytes and hmacSha256Once (the mistake finders’ byte messages and swapped keys)', () => {
  it('equal createHmac over raw bytes (not UTF-8 included) for random keys 0–200 bytes and messages 0–3000 bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('base64' as const, 'hex' as const),
        (key, messages, encoding) => {
          const mac = prepareHmacSha256(key);
          for (const m of messages) {
            expect(mac.bytes(m, encoding)).toBe(referenceBytes(key, m, encoding));
            // Swapped roles: each message is a key used once (longer than a block: hashed first).
            expect(hmacSha256Once(m, key, encoding)).toBe(referenceBytes(m, key, encoding));
            expect(hmacSha256Once(key, m, encoding)).toBe(referenceBytes(key, m, encoding));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a long key used once, then a short one: the short one sees none of the long one’s pad bytes', () => {
    const long = Buffer.alloc(64, 0x41);
    const short = Buffer.from('k');
    expect(hmacSha256Once(long, Buffer.from('m'), 'hex')).toBe(referenceBytes(long, Buffer.from('m'), 'hex'));
    expect(hmacSha256Once(short, Buffer.from('m'), 'hex')).toBe(referenceBytes(short, Buffer.from('m'), 'hex'));
  });
});

describe('the two engines (hmac.ts: @noble/hashes for a process’s first MACs, node:crypto after)', () => {
  it('each equals createHmac alone, for random keys 0–200 bytes and random raw-byte messages 0–3000 bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('base64' as const, 'hex' as const),
        (key, message, encoding) => {
          const expected = createHmac('sha256', key).update(message).digest(encoding);
          expect(HMAC_ENGINES.javascript(key, message, encoding)).toBe(expected);
          expect(HMAC_ENGINES.nodeCrypto(key).bytes(message, encoding)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
