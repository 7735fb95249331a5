/**
 * A query string read the way PHP fills $_GET (php_default_treat_data + php_register_variable): pairs split on
 * "&", name and value urldecoded ("+" is a space, %XX a byte, a bad escape kept as is) into BYTES, names
 * mangled (leading spaces dropped, " " and "." before the first "[" become "_"; with no "]" after it, every " ",
 * "." and "[" does), a name with "[…]" an array, and for a repeated name the last one kept. Checked against
 * `php -r 'parse_str(…)'` by query.test.ts.
 */
import { Buffer, isUtf8 as bufferIsUtf8 } from 'node:buffer';

export interface PhpQueryPair {
  /** The pair as written in the URL. */
  pair: string;
  /** The name as written (decoded). */
  name: string;
  /** The name PHP files it under. */
  phpName: string;
  /** PHP reads `name[…]=` as an array, not text. */
  array: boolean;
  /** The value as written in the URL. */
  raw: string;
  /** The value's bytes as PHP decodes it. */
  bytes: Buffer;
  /** The bytes as UTF-8 text (invalid sequences shown as U+FFFD). */
  decoded: string;
}

/** A hex digit's value, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** PHP urldecode: "+" → space, %XX → the byte, anything else (a lone or bad "%") kept. */
export function phpUrlDecode(raw: string, plusIsSpace = true): Buffer {
  const bytes = Buffer.from(raw, 'utf8');
  // Most values (an email, a hex hash) have nothing to decode: their UTF-8 bytes are the answer.
  if (!raw.includes('%') && !(plusIsSpace && raw.includes('+'))) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x2b && plusIsSpace) out[n++] = 0x20;
    else if (b === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]!);
      const lo = hexValue(bytes[i + 2]!);
      if (hi === -1 || lo === -1) out[n++] = b;
      else {
        out[n++] = hi * 16 + lo;
        i += 2;
      }
    } else out[n++] = b;
  }
  return Buffer.from(out.subarray(0, n));
}

/** Bytes kept as they are by urlencode (1) and by rawurlencode (2 as well); the rest is %XX. */
const KEEP: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') t[c.charCodeAt(0)] = 3;
  t['~'.charCodeAt(0)] = 2;
  return t;
})();
const PERCENT: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
);

/** PHP urlencode: "-_." and alphanumerics kept, space → "+", everything else %XX (uppercase). */
export function phpUrlEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += KEEP[b]! & 1 ? String.fromCharCode(b) : b === 0x20 ? '+' : PERCENT[b]!;
  return s;
}

/** PHP rawurlencode (RFC 3986): "-_.~" and alphanumerics kept, everything else %XX. */
export function phpRawUrlEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += KEEP[b]! & 2 ? String.fromCharCode(b) : PERCENT[b]!;
  return s;
}

/** The name PHP registers a variable under, and whether it is an array. */
export function phpVariableName(name: string): { phpName: string; array: boolean } {
  const trimmed = name.replace(/^ +/, '');
  const bracket = trimmed.indexOf('[');
  const base = bracket === -1 ? trimmed : trimmed.slice(0, bracket);
  const mangled = base.replace(/[ .]/g, '_');
  if (bracket === -1) return { phpName: mangled, array: false };
  if (bracket === 0) return { phpName: '', array: false }; // no name before "[": PHP drops the pair
  if (trimmed.indexOf(']', bracket) !== -1) return { phpName: mangled, array: true };
  // A "[" with no "]" after it: PHP 8 mangles the whole name, that "[" (and any later one) included.
  return { phpName: trimmed.replace(/[ .[]/g, '_'), array: false };
}

/** Every pair of a URL's search part (with or without its "?"), in order. */
export function readPhpQuery(search: string): PhpQueryPair[] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text.length === 0) return [];
  return text
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = phpUrlDecode(eq === -1 ? pair : pair.slice(0, eq)).toString('utf8');
      const raw = eq === -1 ? '' : pair.slice(eq + 1);
      const bytes = phpUrlDecode(raw);
      return { pair, name, ...phpVariableName(name), raw, bytes, decoded: bytes.toString('utf8') };
    })
    .filter((p) => p.phpName.length > 0);
}

/** Whether the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  return bufferIsUtf8(bytes);
}
