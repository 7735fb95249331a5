/**
 * HMAC-SHA256 for one key and many messages — the batch verifier's hot path — and for the one MAC of a
 * one-shot command.
 *
 * Two engines, one result. The first MACs a process computes (JS_MACS) use @noble/hashes, pure JavaScript
 * with nothing to load: node:crypto pulls in Node's streams on load, ~6 ms, a fifth of `node -e 0`, which
 * `signet eber hash` would pay for a single MAC. From then on, or as soon as anything has loaded
 * node:crypto, MACs use node:crypto, whose native SHA-256 is many times faster for a batch's millions.
 * hmac.test.ts holds both engines equal to createHmac for random keys and messages.
 *
 * The node:crypto engine: `createHmac(key).update(m).digest()` builds a JS object and an OpenSSL context per
 * call and hashes the key's two pad blocks every time; on a CPU with SHA extensions that overhead is most of
 * the cost of a short message (measured: 1.45 µs per MAC against 0.74 µs here). This is the RFC 2104
 * construction H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) spelled out over node:crypto's own one-shot SHA-256
 * (`crypto.hash`), with the pads prepared once per key and the buffers reused. Where `crypto.hash` is
 * missing or a message is long, it falls back to createHmac, so the result never depends on the path taken.
 */
import { Buffer } from 'node:buffer';
import { hmac as jsHmac } from '@noble/hashes/hmac.js';
import { sha256 as jsSha256 } from '@noble/hashes/sha2.js';

type NodeCrypto = typeof import('node:crypto');
let loadedCrypto: NodeCrypto | undefined;

/**
 * node:crypto, loaded on first use rather than imported (an import loads it at start: see above). Every
 * core module reaches node:crypto through here; lint refuses a direct import.
 */
export function nodeCrypto(): NodeCrypto {
  return (loadedCrypto ??= process.getBuiltinModule('node:crypto'));
}

/** How many MACs a process computes in JavaScript before it loads node:crypto for the rest. */
export const JS_MACS = 64;
let jsMacsLeft = JS_MACS;

/** True while MACs still go to the JavaScript engine (counts this one). */
function takeJsMac(): boolean {
  if (loadedCrypto !== undefined || jsMacsLeft <= 0) return false;
  jsMacsLeft--;
  return true;
}

function jsMac(key: Uint8Array, message: Uint8Array, encoding: MacEncoding): string {
  return Buffer.from(jsHmac(jsSha256, key, message)).toString(encoding);
}

/** Each engine alone, for the tests that hold them equal (production code takes them through the rule above). */
export const HMAC_ENGINES = {
  javascript: (key: Uint8Array, message: Uint8Array, encoding: MacEncoding): string => jsMac(key, message, encoding),
  nodeCrypto: (key: Uint8Array): PreparedHmac => prepareNative(Buffer.from(key)),
};

const BLOCK = 64;
const DIGEST = 32;
/** Messages up to this many UTF-8 bytes take the fast path (a canonical mmob string is ~100 bytes). */
const MAX_FAST_BYTES = 2048;

type OneShotHash = (algorithm: string, data: Uint8Array, encoding: 'latin1' | 'base64' | 'hex') => string;

export type MacEncoding = 'base64' | 'hex';
/**
 * A MAC function bound to one key: message (UTF-8) → encoded HMAC-SHA256; `.bytes` takes the message's
 * bytes as they are (the mistake finders' messages need not be UTF-8).
 */
export type PreparedHmac = ((message: string, encoding: MacEncoding) => string) & {
  bytes(message: Uint8Array, encoding: MacEncoding): string;
};

/** Writes RFC 2104's two pad blocks for a key of at most one block (shorter keys are zero-padded). */
function fillPads(key: Uint8Array, inner: Buffer, outer: Buffer): void {
  for (let i = 0; i < BLOCK; i++) {
    const b = i < key.length ? (key[i] as number) : 0;
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
}

/** H(outer pad ‖ H(innerBlock)): innerBlock is the inner pad followed by the message. */
function twoPasses(oneShot: OneShotHash, innerBlock: Uint8Array, outer: Buffer, encoding: MacEncoding): string {
  const innerDigest = oneShot('sha256', innerBlock, 'latin1'); // latin1: one char per byte
  for (let i = 0; i < DIGEST; i++) outer[BLOCK + i] = innerDigest.charCodeAt(i);
  return oneShot('sha256', outer, encoding);
}

export function prepareHmacSha256(key: Uint8Array): PreparedHmac {
  const keyCopy = Buffer.from(key); // the caller may reuse or wipe its buffer
  let native: PreparedHmac | undefined;
  const text = (message: string, encoding: MacEncoding): string =>
    takeJsMac()
      ? jsMac(keyCopy, Buffer.from(message, 'utf8'), encoding)
      : (native ??= prepareNative(keyCopy))(message, encoding);
  const bytes = (message: Uint8Array, encoding: MacEncoding): string =>
    takeJsMac() ? jsMac(keyCopy, message, encoding) : (native ??= prepareNative(keyCopy)).bytes(message, encoding);
  return Object.assign(text, { bytes });
}

/** The node:crypto engine for one key (see the file comment). */
function prepareNative(keyCopy: Buffer): PreparedHmac {
  const crypto = nodeCrypto();
  const slowText = (message: string, encoding: MacEncoding): string =>
    crypto.createHmac('sha256', keyCopy).update(message, 'utf8').digest(encoding);
  const slowBytes = (message: Uint8Array, encoding: MacEncoding): string =>
    crypto.createHmac('sha256', keyCopy).update(message).digest(encoding);
  const oneShot = (crypto as { hash?: OneShotHash }).hash;
  if (typeof oneShot !== 'function') return Object.assign(slowText, { bytes: slowBytes });

  // A key longer than a block is replaced by its hash (RFC 2104 §2); shorter keys are zero-padded.
  const k = keyCopy.length > BLOCK ? crypto.createHash('sha256').update(keyCopy).digest() : keyCopy;
  const inner = Buffer.alloc(BLOCK + MAX_FAST_BYTES);
  const outer = Buffer.alloc(BLOCK + DIGEST);
  fillPads(k, inner, outer);
  const messageArea = inner.subarray(BLOCK);
  const utf8 = new TextEncoder();
  // One view per message length, made once: a fresh subarray per call costs as much as a hash block.
  const views: Uint8Array[] = [];

  const finish = (written: number, encoding: MacEncoding): string =>
    twoPasses(oneShot, (views[written] ??= inner.subarray(0, BLOCK + written)), outer, encoding);
  const text = (message: string, encoding: MacEncoding): string => {
    // TextEncoder.encodeInto rather than Buffer#write: same UTF-8 bytes (lone surrogates become U+FFFD
    // either way), and it stays fast when the batch's several write sites make Buffer#write megamorphic.
    const { read, written } = utf8.encodeInto(message, messageArea);
    if (read !== message.length) return slowText(message, encoding); // did not fit
    return finish(written, encoding);
  };
  const bytes = (message: Uint8Array, encoding: MacEncoding): string => {
    if (message.length > MAX_FAST_BYTES) return slowBytes(message, encoding);
    messageArea.set(message);
    return finish(message.length, encoding);
  };
  return Object.assign(text, { bytes });
}

/**
 * HMAC-SHA256 with a key used once (the finders' "key and message swapped" candidates, where each
 * message is a key): the same construction over crypto.hash without preparing or keeping anything, at
 * about half of createHmac's cost. Long keys and messages and runtimes without crypto.hash take createHmac.
 */
let once: { inner: Buffer; outer: Buffer } | undefined;
export function hmacSha256Once(key: Uint8Array, message: Uint8Array, encoding: MacEncoding): string {
  if (takeJsMac()) return jsMac(key, message, encoding);
  const crypto = nodeCrypto();
  const oneShot = (crypto as { hash?: OneShotHash }).hash;
  if (typeof oneShot !== 'function' || key.length > BLOCK || message.length > MAX_FAST_BYTES)
    return crypto.createHmac('sha256', key).update(message).digest(encoding);
  once ??= { inner: Buffer.alloc(BLOCK + MAX_FAST_BYTES), outer: Buffer.alloc(BLOCK + DIGEST) };
  const { inner, outer } = once;
  fillPads(key, inner, outer);
  inner.set(message, BLOCK);
  return twoPasses(oneShot, inner.subarray(0, BLOCK + message.length), outer, encoding);
}
