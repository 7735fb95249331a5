/**
 * Eber HMAC login: a signer (builds the login URL) and a verifier per language, as text.
 *
 * Every program has the same interface:
 *   signer [identifier]     prints https://{business}/login/hmac?…, expiring EXPIRY_MINUTES from now (0: never)
 *   verifier URL            prints "valid" (exit 0) or "invalid CODE" (exit 1)
 *   either --batch          test mode: one case per stdin line, fields comma-separated, each base64 of UTF-8
 *                           signer:   secret baseUrl identifierType identifier phoneCode expiry locale timezone now minutes
 *                                     (an empty expiry with minutes > 0: now + minutes in the time zone)
 *                           verifier: secret url timezone now
 * The verifiers check what is signed (identifier, expiry, hash) and the expiry, and as Eber's server does the unsigned
 * parameters: hmac_phone needs a phone_code (PHONE_CODE_MISSING) and hmac_locale, when given, must be one of the
 * locales Eber supports (LOCALE_UNSUPPORTED).
 */
import { EBER_LOCALE_CODES } from '../eber/constants';
import { IO, hashes, kitFiles, kitHeader, runCommand, slashes, type Comment, type Lit } from './langs';
import { literal } from './literals';
import type { CodeLang, CodeRole, EberKitInputs } from './types';

export const EBER_MISTAKES = [
  "hash = lowercase hex of hash_hmac('sha256', identifier . expiry, secret): the DATA first and the KEY last, the key being the secret's text as given (not base64-decoded); hex, not base64 (HASH_UPPERCASE).",
  'The expiry is hashed exactly as sent, "Y-m-d H:i:s" in the business time zone, not URL-encoded (EXPIRY_NOT_HASHED).',
  'Query values are form-encoded, so "+" becomes %2B and space "+" (PHP: urlencode / http_build_query; rawurlencode writes %20, which also decodes right). A raw "+" is read back as a space (PLUS_DECODED_AS_SPACE).',
];
const SIGNER_MISTAKES = [
  '"Expires in N minutes" never lands in a repeated hour (DST ending), which PHP may read as the earlier of its two instants: it moves to the first wall time after the repeat, as Signet does (EXPIRY_MOVED).',
];
const VERIFIER_MISTAKES = [
  "The verifier compares hashes in constant time (never == on strings) and reads the expiry as wall-clock time in the business time zone (read as PHP's timelib does: a repeated hour as its earlier instant, the hours after it with the new offset).",
  'phone_code and hmac_locale are not signed: the verifier checks them as Eber does (hmac_phone needs phone_code: PHONE_CODE_MISSING; hmac_locale must be a supported locale: LOCALE_UNSUPPORTED), and a phone number is hashed exactly as sent, spaces and "+" included.',
];

/** The supported locales as a comma-separated list of the language's string literals. */
const locales = (L: Lit): string => EBER_LOCALE_CODES.map(L).join(', ');

export const EBER_FILES = kitFiles('eber');

function header(c: Comment, role: CodeRole, run: string, note: string[]): string {
  return kitHeader(c, {
    title: 'Eber HMAC login',
    role,
    run,
    usage: [
      role === 'signer'
        ? 'Usage: [identifier]  -> prints the login URL'
        : 'Usage: URL  -> prints "valid" (exit 0) or "invalid CODE" (exit 1)',
    ],
    mistakes: [...EBER_MISTAKES, ...(role === 'verifier' ? VERIFIER_MISTAKES : SIGNER_MISTAKES), ...note],
  });
}

export function eberProgram(lang: CodeLang, role: CodeRole, i: EberKitInputs): string {
  const L = (s: string) => literal(lang, s);
  const h = (c: Comment, note: string[] = []) =>
    header(c, role, runCommand(lang, EBER_FILES[lang][role], i.secretEnv), note);
  switch (lang) {
    case 'node':
      return node(
        role,
        h(slashes, ['URLSearchParams writes application/x-www-form-urlencoded; encodeURIComponent would also do.']),
        L,
        i,
      );
    case 'php':
      return php(role, h(slashes), L, i);
    case 'python':
      return python(
        role,
        h(hashes, [
          'quote_plus leaves "~" alone and encodes "*"; both decode the same, and the kit matches the WHATWG form exactly.',
        ]),
        L,
        i,
      );
    case 'java':
      return java(role, h(slashes, ['URLEncoder.encode(v, UTF_8) is form encoding (not URI path encoding).']), L, i);
    case 'csharp':
      return csharp(
        role,
        h(slashes, [
          'Uri.EscapeDataString writes %20 for space and WebUtility.UrlEncode leaves !() alone: the kit form-encodes byte by byte.',
        ]),
        L,
        i,
      );
    case 'go':
      return go(
        role,
        h(slashes, ['url.Values.Encode() sorts the keys; the parameters are written in order with url.QueryEscape.']),
        L,
        i,
      );
    case 'ruby':
      return ruby(
        role,
        h(hashes, [
          'Ruby has no IANA time-zone API in its standard library: the zone is applied through ENV["TZ"], which reads the system zoneinfo.',
        ]),
        L,
        i,
      );
    case 'shell':
      return shell(
        h(hashes, [
          'The key is passed to openssl on its command line (hexkey:…), visible to other local users (ps): run this on a machine you alone use.',
          'date -d @N is GNU date (BSD: date -r N).',
        ]),
        L,
        i,
      );
  }
}

function node(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const common = `import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SECRET_ENV = ${L(i.secretEnv)};
const BASE_URL = ${L(i.baseUrl)};
const IDENTIFIER_TYPE = ${L(i.identifierType)}; // email | phone | customId
const IDENTIFIER = ${L(i.identifier)};
const PHONE_CODE = ${L(i.phoneCode)};
const TIMEZONE = ${L(i.timezone)};
const EXPIRY_MINUTES = ${i.expiryMinutes};
const LOCALE = ${L(i.locale)};
const PARAMS: Record<string, string> = { email: 'hmac_email', phone: 'hmac_phone', customId: 'hmac_custom_id' };

function hmacHex(secret: string, identifier: string, expiry: string, encoding: BufferEncoding = 'utf8'): string {
  // PHP hash_hmac('sha256', identifier . expiry, secret): key = the secret's UTF-8 bytes; lowercase hex.
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(identifier + expiry, encoding).digest('hex');
}

/** Wall-clock fields of an instant (Unix seconds) in a time zone. */
function wallClock(epoch: number, tz: string): number[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epoch * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** The zone's UTC offset (seconds) at an instant (Unix seconds). */
function offsetAt(epoch: number, tz: string): number {
  const w = wallClock(epoch, tz);
  return Date.UTC(w[0], w[1] - 1, w[2], w[3], w[4], w[5]) / 1000 - epoch;
}

${IO.node}
`;
  if (role === 'signer')
    return `${head}
${common}
/**
 * "Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).
 * A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
 * instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
 * The repeat is found from the offsets 6 h either side; its end to the second.
 */
export function expiryIn(minutes: number, tz: string, now: number): string {
  let at = now + minutes * 60;
  const before = offsetAt(at - 21600, tz);
  const after = offsetAt(at + 21600, tz);
  if (before > after) {
    const wall = at + offsetAt(at, tz); // the wall time, as seconds read as UTC
    let lo = wall - before; // its two readings, when both show this wall time
    let hi = wall - after;
    if (offsetAt(lo, tz) === before && offsetAt(hi, tz) === after) {
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid, tz) === before) lo = mid;
        else hi = mid;
      }
      at = hi + before - after; // the clocks went back at hi; the repeat ends that much later
    }
  }
  const [y, mo, d, h, mi, s] = wallClock(at, tz).map((n) => String(n).padStart(2, '0'));
  return y.padStart(4, '0') + '-' + mo + '-' + d + ' ' + h + ':' + mi + ':' + s;
}

export function loginUrl(secret: string, baseUrl: string, type: string, identifier: string, phoneCode: string, expiry: string, locale: string): string {
  const q = new URLSearchParams(); // form encoding: "+" -> %2B, space -> +
  q.append(PARAMS[type], identifier);
  q.append('hmac_hash', hmacHex(secret, identifier, expiry)); // the expiry as sent, not encoded
  if (expiry !== '') q.append('hmac_expiry_date', expiry);
  if (locale !== '') q.append('hmac_locale', locale);
  if (type === 'phone') q.append('phone_code', phoneCode.toUpperCase());
  return baseUrl + '/login/hmac?' + q.toString();
}

if (process.argv[2] === '--batch') {
  const out = batchCases().map((f) => {
    const expiry = f[5] !== '' || Number(f[9]) === 0 ? f[5] : expiryIn(Number(f[9]), f[7], Number(f[8]));
    return loginUrl(f[0], f[1], f[2], f[3], f[4], expiry, f[6]);
  });
  process.stdout.write(out.join('\\n') + '\\n');
} else {
  const identifier = process.argv.length > 2 ? process.argv[2] : IDENTIFIER;
  if (identifier === '') {
    console.error('usage: IDENTIFIER');
    process.exit(2);
  }
  const now = Math.floor(Date.now() / 1000);
  const expiry = EXPIRY_MINUTES > 0 ? expiryIn(EXPIRY_MINUTES, TIMEZONE, now) : '';
  console.log(loginUrl(secretFromEnv(), BASE_URL, IDENTIFIER_TYPE, identifier, PHONE_CODE, expiry, LOCALE));
}
`;
  return `${head}
${common}
const LOCALES = new Set([${locales(L)}]);

/** The instant (Unix seconds) of "Y-m-d H:i:s" in tz, or null when it is not a real date and time. */
function expiryInstant(text: string, tz: string): number | null {
  const m = /^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})$/.exec(text);
  if (!m) return null;
  const f = m.slice(1).map(Number);
  const d = new Date(0);
  d.setUTCFullYear(f[0], f[1] - 1, f[2]);
  d.setUTCHours(f[3], f[4], f[5]);
  if (d.getUTCFullYear() !== f[0] || d.getUTCMonth() !== f[1] - 1 || d.getUTCDate() !== f[2] || f[3] > 23 || f[4] > 59 || f[5] > 59) return null;
  const wallAsUtc = d.getTime() / 1000;
  // PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
  // the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
  const before = offsetAt(wallAsUtc, tz);
  const first = wallAsUtc - before;
  const after = offsetAt(first, tz);
  if (after === before) return first;
  const second = wallAsUtc - after;
  return second < first && offsetAt(second, tz) !== after ? first : second;
}

/**
 * PHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is. PHP's strings
 * are bytes, so the result is too: one character per byte (latin1), never decoded as UTF-8, which would turn
 * bytes that are not UTF-8 (a Latin-1 "é" sent as %E9) into U+FFFD and hash something PHP never sees.
 */
function phpDecode(text: string): string {
  const bytes = Buffer.from(text.replaceAll('+', ' '), 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
    if (bytes[i] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(bytes[i]);
  }
  return Buffer.from(out).toString('latin1');
}

/**
 * The name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
 * hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair.
 */
function phpName(name: string): string {
  const n = name.replace(/^ +/, '');
  const b = n.indexOf('[');
  if (b === -1) return n.replace(/[ .]/g, '_');
  if (b === 0) return '';
  if (n.indexOf(']', b) !== -1) return n.slice(0, b).replace(/[ .]/g, '_') + '[]';
  return n.replace(/[ .[]/g, '_');
}

/** "" when valid, else the first reason (Signet's code names). */
export function verify(secret: string, url: string, tz: string, now: number): string {
  url = url.trim();
  if (!url.startsWith('https://')) return 'URL_INVALID';
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  const last = new Map<string, string>(); // a repeated parameter: the last one counts, as in PHP
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = phpName(phpDecode(eq === -1 ? pair : pair.slice(0, eq)));
    if (key.endsWith('[]')) last.delete(key.slice(0, -2)); // an array is not text
    else if (key !== '') last.set(key, eq === -1 ? '' : phpDecode(pair.slice(eq + 1)));
  }
  const names = Object.values(PARAMS).filter((n) => (last.get(n) ?? '') !== '');
  if (names.length === 0) return 'IDENTIFIER_MISSING';
  if (names.length > 1) return 'IDENTIFIER_AMBIGUOUS'; // two kinds of identifier; one sent twice is the last one
  const identifier = last.get(names[0])!;
  // The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
  if (names[0] === 'hmac_phone' && (last.get('phone_code') ?? '') === '') return 'PHONE_CODE_MISSING';
  const expiry = last.get('hmac_expiry_date');
  if (expiry !== undefined) {
    const instant = expiryInstant(expiry, tz);
    if (instant === null) return 'EXPIRY_FORMAT';
    if (now > instant) return 'EXPIRED';
  }
  const locale = last.get('hmac_locale') ?? ''; // hmac_locale is not signed either; Eber accepts only its supported locales.
  if (locale !== '' && !LOCALES.has(locale)) return 'LOCALE_UNSUPPORTED';
  const hash = last.get('hmac_hash') ?? '';
  if (hash === '') return 'HASH_MISSING';
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) return 'HASH_MALFORMED';
  // The query's bytes as PHP hashes them (phpDecode keeps one character per byte).
  const expected = Buffer.from(hmacHex(secret, identifier, expiry ?? '', 'latin1'), 'utf8');
  if (!timingSafeEqual(expected, Buffer.from(hash, 'utf8'))) return 'HASH_MISMATCH'; // constant-time, not ===
  return '';
}

if (process.argv[2] === '--batch') {
  const out = batchCases().map((f) => {
    const why = verify(f[0], f[1], f[2], Number(f[3]));
    return why === '' ? 'valid' : 'invalid ' + why;
  });
  process.stdout.write(out.join('\\n') + '\\n');
} else {
  if (process.argv.length < 3) {
    console.error('usage: URL');
    process.exit(2);
  }
  const why = verify(secretFromEnv(), process.argv[2], TIMEZONE, Math.floor(Date.now() / 1000));
  console.log(why === '' ? 'valid' : 'invalid ' + why);
  process.exit(why === '' ? 0 : 1);
}
`;
}

function php(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const common = `
const SECRET_ENV = ${L(i.secretEnv)};
const BASE_URL = ${L(i.baseUrl)};
const IDENTIFIER_TYPE = ${L(i.identifierType)}; // email | phone | customId
const IDENTIFIER = ${L(i.identifier)};
const PHONE_CODE = ${L(i.phoneCode)};
const TIMEZONE = ${L(i.timezone)};
const EXPIRY_MINUTES = ${i.expiryMinutes};
const LOCALE = ${L(i.locale)};
const PARAMS = ['email' => 'hmac_email', 'phone' => 'hmac_phone', 'customId' => 'hmac_custom_id'];

function eber_hash(string $secret, string $identifier, string $expiry): string {
    // hash_hmac(algorithm, DATA, KEY): identifier . expiry first, the secret last; lowercase hex.
    return hash_hmac('sha256', $identifier . $expiry, $secret);
}

${IO.php}
`;
  if (role === 'signer')
    return `<?php
${head}
declare(strict_types=1);
${common}
/** The zone's UTC offset (seconds) at an instant. */
function offset_at(int $t, string $tz): int {
    return (new DateTime('@' . $t))->setTimezone(new DateTimeZone($tz))->getOffset();
}

/**
 * "Y-m-d H:i:s" in the business time zone, $minutes after $now.
 * A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
 * instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
 * The repeat is found from the offsets 6 h either side; its end to the second.
 */
function expiry_in(int $minutes, string $tz, int $now): string {
    $at = $now + $minutes * 60;
    [$before, $after] = [offset_at($at - 21600, $tz), offset_at($at + 21600, $tz)];
    if ($before > $after) {
        $wall = $at + offset_at($at, $tz); // the wall time, as seconds read as UTC
        [$lo, $hi] = [$wall - $before, $wall - $after]; // its two readings, when both show this wall time
        if (offset_at($lo, $tz) === $before && offset_at($hi, $tz) === $after) {
            while ($hi - $lo > 1) {
                $mid = intdiv($lo + $hi, 2);
                if (offset_at($mid, $tz) === $before) $lo = $mid;
                else $hi = $mid;
            }
            $at = $hi + $before - $after; // the clocks went back at $hi; the repeat ends that much later
        }
    }
    return (new DateTime('@' . $at))->setTimezone(new DateTimeZone($tz))->format('Y-m-d H:i:s');
}

function login_url(string $secret, string $baseUrl, string $type, string $identifier, string $phoneCode, string $expiry, string $locale): string {
    $q = [PARAMS[$type] => $identifier, 'hmac_hash' => eber_hash($secret, $identifier, $expiry)];
    if ($expiry !== '') $q['hmac_expiry_date'] = $expiry;
    if ($locale !== '') $q['hmac_locale'] = $locale;
    if ($type === 'phone') $q['phone_code'] = strtoupper($phoneCode);
    // http_build_query = urlencode per value: "+" -> %2B, space -> "+". ("*" is written as the WHATWG form does.)
    return $baseUrl . '/login/hmac?' . str_replace('%2A', '*', http_build_query($q, '', '&', PHP_QUERY_RFC1738));
}

if (($argv[1] ?? '') === '--batch') {
    foreach (batch_cases() as $f) {
        $expiry = $f[5] !== '' || (int) $f[9] === 0 ? $f[5] : expiry_in((int) $f[9], $f[7], (int) $f[8]);
        echo login_url($f[0], $f[1], $f[2], $f[3], $f[4], $expiry, $f[6]), "\\n";
    }
} else {
    $identifier = $argc > 1 ? $argv[1] : IDENTIFIER;
    if ($identifier === '') {
        fwrite(STDERR, "usage: IDENTIFIER\\n");
        exit(2);
    }
    $expiry = EXPIRY_MINUTES > 0 ? expiry_in(EXPIRY_MINUTES, TIMEZONE, time()) : '';
    echo login_url(secret_from_env(), BASE_URL, IDENTIFIER_TYPE, $identifier, PHONE_CODE, $expiry, LOCALE), "\\n";
}
`;
  return `<?php
${head}
declare(strict_types=1);
${common}
const LOCALES = [${locales(L)}];

/** The instant of "Y-m-d H:i:s" in $tz, or null when it is not a real date and time. */
function expiry_instant(string $text, string $tz): ?int {
    if (!preg_match('/^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$/D', $text)) return null;
    $utc = DateTime::createFromFormat('!Y-m-d H:i:s', $text, new DateTimeZone('UTC'));
    if ($utc === false || $utc->format('Y-m-d H:i:s') !== $text) return null; // 2030-02-30 would roll over
    return DateTime::createFromFormat('!Y-m-d H:i:s', $text, new DateTimeZone($tz))->getTimestamp();
}

/** '' when valid, else the first reason (Signet's code names). */
function eber_verify(string $secret, string $url, string $tz, int $now): string {
    $url = trim($url);
    if (!str_starts_with($url, 'https://')) return 'URL_INVALID';
    // parse_str reads a query exactly as $_GET does: "+" a space, the last of a repeated name, "hmac.email" as
    // hmac_email, "name[]" as an array (not text, so dropped here).
    parse_str((string) parse_url($url, PHP_URL_QUERY), $get);
    $last = array_filter($get, 'is_string');
    $names = array_values(array_filter(PARAMS, fn ($n) => ($last[$n] ?? '') !== ''));
    if (count($names) === 0) return 'IDENTIFIER_MISSING';
    if (count($names) > 1) return 'IDENTIFIER_AMBIGUOUS'; // two kinds of identifier; one sent twice is the last one
    $identifier = $last[$names[0]];
    // The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
    if ($names[0] === 'hmac_phone' && ($last['phone_code'] ?? '') === '') return 'PHONE_CODE_MISSING';
    $expiry = $last['hmac_expiry_date'] ?? null;
    if ($expiry !== null) {
        $instant = expiry_instant($expiry, $tz);
        if ($instant === null) return 'EXPIRY_FORMAT';
        if ($now > $instant) return 'EXPIRED';
    }
    $locale = $last['hmac_locale'] ?? ''; // hmac_locale is not signed either; Eber accepts only its supported locales.
    if ($locale !== '' && !in_array($locale, LOCALES, true)) return 'LOCALE_UNSUPPORTED';
    $hash = $last['hmac_hash'] ?? '';
    if ($hash === '') return 'HASH_MISSING';
    if (!preg_match('/^[0-9a-fA-F]{64}$/D', $hash)) return 'HASH_MALFORMED';
    // hash_equals is constant-time; == is not (and "0e…" hex strings compare as numbers).
    if (!hash_equals(eber_hash($secret, $identifier, $expiry ?? ''), $hash)) return 'HASH_MISMATCH';
    return '';
}

if (($argv[1] ?? '') === '--batch') {
    foreach (batch_cases() as $f) {
        $why = eber_verify($f[0], $f[1], $f[2], (int) $f[3]);
        echo $why === '' ? 'valid' : "invalid $why", "\\n";
    }
} else {
    if ($argc < 2) {
        fwrite(STDERR, "usage: URL\\n");
        exit(2);
    }
    $why = eber_verify(secret_from_env(), $argv[1], TIMEZONE, time());
    echo $why === '' ? 'valid' : "invalid $why", "\\n";
    exit($why === '' ? 0 : 1);
}
`;
}

function python(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const common = `import base64
import hashlib
import hmac
import os
import re
import sys
import time
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote_plus, urlsplit
from zoneinfo import ZoneInfo

SECRET_ENV = ${L(i.secretEnv)}
BASE_URL = ${L(i.baseUrl)}
IDENTIFIER_TYPE = ${L(i.identifierType)}  # email | phone | customId
IDENTIFIER = ${L(i.identifier)}
PHONE_CODE = ${L(i.phoneCode)}
TIMEZONE = ${L(i.timezone)}
EXPIRY_MINUTES = ${i.expiryMinutes}
LOCALE = ${L(i.locale)}
PARAMS = {"email": "hmac_email", "phone": "hmac_phone", "customId": "hmac_custom_id"}


def eber_hash(secret: str, identifier: str, expiry: str, encoding: str = "utf-8") -> str:
    # PHP hash_hmac('sha256', identifier . expiry, secret): hmac.new(KEY, DATA), the secret's UTF-8 bytes as key.
    return hmac.new(secret.encode("utf-8"), (identifier + expiry).encode(encoding), hashlib.sha256).hexdigest()


${IO.python}
`;
  if (role === 'signer')
    return `${head}
${common}

def offset_at(t: int, tz: str) -> int:
    """The zone's UTC offset (seconds) at an instant (Unix seconds)."""
    return int(datetime.fromtimestamp(t, ZoneInfo(tz)).utcoffset().total_seconds())


def expiry_in(minutes: int, tz: str, now: int) -> str:
    """"Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).

    A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
    instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
    The repeat is found from the offsets 6 h either side; its end to the second.
    """
    at = now + minutes * 60
    before, after = offset_at(at - 21600, tz), offset_at(at + 21600, tz)
    if before > after:
        wall = at + offset_at(at, tz)  # the wall time, as seconds read as UTC
        lo, hi = wall - before, wall - after  # its two readings, when both show this wall time
        if offset_at(lo, tz) == before and offset_at(hi, tz) == after:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset_at(mid, tz) == before:
                    lo = mid
                else:
                    hi = mid
            at = hi + before - after  # the clocks went back at hi; the repeat ends that much later
    return datetime.fromtimestamp(at, ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")


def form(value: str) -> str:
    # Form encoding: "+" -> %2B, space -> "+" (WHATWG form: "*" kept, "~" encoded).
    return quote_plus(value, safe="*").replace("~", "%7E")


def login_url(secret, base_url, kind, identifier, phone_code, expiry, locale) -> str:
    q = [(PARAMS[kind], identifier), ("hmac_hash", eber_hash(secret, identifier, expiry))]
    if expiry:
        q.append(("hmac_expiry_date", expiry))  # hashed above exactly as sent
    if locale:
        q.append(("hmac_locale", locale))
    if kind == "phone":
        q.append(("phone_code", phone_code.upper()))
    return base_url + "/login/hmac?" + "&".join(form(k) + "=" + form(v) for k, v in q)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--batch"]:
        out = []
        for f in batch_cases():
            expiry = f[5] if f[5] or int(f[9]) == 0 else expiry_in(int(f[9]), f[7], int(f[8]))
            out.append(login_url(f[0], f[1], f[2], f[3], f[4], expiry, f[6]))
        print("\\n".join(out))
    else:
        identifier = sys.argv[1] if len(sys.argv) > 1 else IDENTIFIER
        if not identifier:
            die("usage: IDENTIFIER")
        expiry = expiry_in(EXPIRY_MINUTES, TIMEZONE, int(time.time())) if EXPIRY_MINUTES > 0 else ""
        print(login_url(secret_from_env(), BASE_URL, IDENTIFIER_TYPE, identifier, PHONE_CODE, expiry, LOCALE))
`;
  return `${head}
${common}
LOCALES = frozenset([${locales(L)}])


def expiry_instant(text: str, tz: str):
    """The instant (Unix seconds) of "Y-m-d H:i:s" in tz, or None when it is not a real date and time."""
    if not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", text):
        return None
    try:
        wall = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    wall_as_utc = int(wall.timestamp())
    # PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
    # the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
    zone = ZoneInfo(tz)

    def offset_at(t: int) -> int:
        return int(datetime.fromtimestamp(t, zone).utcoffset().total_seconds())

    before = offset_at(wall_as_utc)
    first = wall_as_utc - before
    after = offset_at(first)
    if after == before:
        return first
    second = wall_as_utc - after
    return first if second < first and offset_at(second) != after else second


def php_decode(text: str) -> str:
    """PHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is. PHP's strings
    are bytes, so the result is too: one character per byte (latin-1), never decoded as UTF-8, which would turn
    bytes that are not UTF-8 (a Latin-1 "é" sent as %E9) into U+FFFD and hash something PHP never sees."""
    raw = text.replace("+", " ").encode("utf-8")
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def php_name(name: str) -> str:
    """The name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
    hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair."""
    n = name.lstrip(" ")
    b = n.find("[")
    if b == -1:
        return re.sub(r"[ .]", "_", n)
    if b == 0:
        return ""
    if "]" in n[b:]:
        return re.sub(r"[ .]", "_", n[:b]) + "[]"
    return re.sub(r"[ .\\[]", "_", n)


def verify(secret: str, url: str, tz: str, now: int) -> str:
    """'' when valid, else the first reason (Signet's code names)."""
    url = url.strip()
    if not url.startswith("https://"):
        return "URL_INVALID"
    last = {}
    for pair in urlsplit(url).query.split("&"):
        if not pair:
            continue
        k, _, v = pair.partition("=")
        key = php_name(php_decode(k))
        if key.endswith("[]"):
            last.pop(key[:-2], None)  # an array is not text
        elif key:
            last[key] = php_decode(v)  # a repeated parameter: the last one counts, as in PHP
    names = [n for n in PARAMS.values() if last.get(n, "")]
    if not names:
        return "IDENTIFIER_MISSING"
    if len(names) > 1:  # two kinds of identifier; one sent twice is the last one
        return "IDENTIFIER_AMBIGUOUS"
    identifier = last[names[0]]
    # The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
    if names[0] == "hmac_phone" and not last.get("phone_code", ""):
        return "PHONE_CODE_MISSING"
    expiry = last.get("hmac_expiry_date")
    if expiry is not None:
        instant = expiry_instant(expiry, tz)
        if instant is None:
            return "EXPIRY_FORMAT"
        if now > instant:
            return "EXPIRED"
    locale = last.get("hmac_locale", "")  # hmac_locale is not signed either; Eber accepts only its supported locales.
    if locale and locale not in LOCALES:
        return "LOCALE_UNSUPPORTED"
    received = last.get("hmac_hash", "")
    if not received:
        return "HASH_MISSING"
    if not re.fullmatch(r"[0-9a-fA-F]{64}", received):
        return "HASH_MALFORMED"
    # compare_digest is constant-time; == is not.
    # The query's bytes as PHP hashes them (php_decode keeps one character per byte).
    if not hmac.compare_digest(eber_hash(secret, identifier, expiry or "", "latin-1"), received):
        return "HASH_MISMATCH"
    return ""


if __name__ == "__main__":
    if sys.argv[1:2] == ["--batch"]:
        out = []
        for f in batch_cases():
            why = verify(f[0], f[1], f[2], int(f[3]))
            out.append("valid" if why == "" else "invalid " + why)
        print("\\n".join(out))
    else:
        if len(sys.argv) < 2:
            die("usage: URL")
        why = verify(secret_from_env(), sys.argv[1], TIMEZONE, int(time.time()))
        print("valid" if why == "" else "invalid " + why)
        sys.exit(0 if why == "" else 1)
`;
}

function java(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const cls = role === 'signer' ? 'EberSigner' : 'EberVerifier';
  const common = `    static final String SECRET_ENV = ${L(i.secretEnv)};
    static final String BASE_URL = ${L(i.baseUrl)};
    static final String IDENTIFIER_TYPE = ${L(i.identifierType)}; // email | phone | customId
    static final String IDENTIFIER = ${L(i.identifier)};
    static final String PHONE_CODE = ${L(i.phoneCode)};
    static final String TIMEZONE = ${L(i.timezone)};
    static final long EXPIRY_MINUTES = ${i.expiryMinutes}L;
    static final String LOCALE = ${L(i.locale)};
    static final Map<String, String> PARAMS = Map.of("email", "hmac_email", "phone", "hmac_phone", "customId", "hmac_custom_id");
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    static String eberHash(String secret, String identifier, String expiry) throws Exception {
        return eberHash(secret, identifier, expiry, StandardCharsets.UTF_8);
    }

    static String eberHash(String secret, String identifier, String expiry, java.nio.charset.Charset charset) throws Exception {
        // PHP hash_hmac('sha256', identifier . expiry, secret): the secret's UTF-8 bytes are the key; lowercase hex.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal((identifier + expiry).getBytes(charset))) hex.append(String.format("%02x", b));
        return hex.toString();
    }

${IO.java}
`;
  const imports = `import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;`;
  if (role === 'signer')
    return `${head}
${imports}

public class ${cls} {
${common}
    /** The zone's UTC offset (seconds) at an instant (Unix seconds). */
    static long offsetAt(long t, String tz) {
        return ZoneId.of(tz).getRules().getOffset(Instant.ofEpochSecond(t)).getTotalSeconds();
    }

    /**
     * "Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).
     * A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
     * instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
     * The repeat is found from the offsets 6 h either side; its end to the second.
     */
    static String expiryIn(long minutes, String tz, long now) {
        long at = now + minutes * 60;
        long before = offsetAt(at - 21600, tz), after = offsetAt(at + 21600, tz);
        if (before > after) {
            long wall = at + offsetAt(at, tz); // the wall time, as seconds read as UTC
            long lo = wall - before, hi = wall - after; // its two readings, when both show this wall time
            if (offsetAt(lo, tz) == before && offsetAt(hi, tz) == after) {
                while (hi - lo > 1) {
                    long mid = (lo + hi) / 2;
                    if (offsetAt(mid, tz) == before) lo = mid;
                    else hi = mid;
                }
                at = hi + before - after; // the clocks went back at hi; the repeat ends that much later
            }
        }
        return Instant.ofEpochSecond(at).atZone(ZoneId.of(tz)).format(FORMAT);
    }

    static String loginUrl(String secret, String baseUrl, String type, String identifier, String phoneCode, String expiry, String locale) throws Exception {
        List<String[]> q = new ArrayList<>();
        q.add(new String[] {PARAMS.get(type), identifier});
        q.add(new String[] {"hmac_hash", eberHash(secret, identifier, expiry)}); // the expiry as sent, not encoded
        if (!expiry.isEmpty()) q.add(new String[] {"hmac_expiry_date", expiry});
        if (!locale.isEmpty()) q.add(new String[] {"hmac_locale", locale});
        if (type.equals("phone")) q.add(new String[] {"phone_code", phoneCode.toUpperCase()});
        StringBuilder url = new StringBuilder(baseUrl).append("/login/hmac?");
        for (int k = 0; k < q.size(); k++) {
            if (k > 0) url.append('&');
            // URLEncoder is form encoding: "+" -> %2B, space -> "+".
            url.append(URLEncoder.encode(q.get(k)[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(q.get(k)[1], StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        if (args.length > 0 && args[0].equals("--batch")) {
            StringBuilder sb = new StringBuilder();
            for (String[] f : batchCases()) {
                String expiry = !f[5].isEmpty() || Long.parseLong(f[9]) == 0 ? f[5] : expiryIn(Long.parseLong(f[9]), f[7], Long.parseLong(f[8]));
                sb.append(loginUrl(f[0], f[1], f[2], f[3], f[4], expiry, f[6])).append('\\n');
            }
            out.print(sb);
            return;
        }
        String identifier = args.length > 0 ? args[0] : IDENTIFIER;
        if (identifier.isEmpty()) {
            System.err.println("usage: IDENTIFIER");
            System.exit(2);
        }
        String expiry = EXPIRY_MINUTES > 0 ? expiryIn(EXPIRY_MINUTES, TIMEZONE, Instant.now().getEpochSecond()) : "";
        out.println(loginUrl(secretFromEnv(), BASE_URL, IDENTIFIER_TYPE, identifier, PHONE_CODE, expiry, LOCALE));
    }
}
`;
  return `${head}
${imports}

public class ${cls} {
${common}
    static final List<String> LOCALES = List.of(${locales(L)});

    /** The instant of "Y-m-d H:i:s" in tz, or null when it is not a real date and time. */
    static Long expiryInstant(String text, String tz) {
        if (!text.matches("\\\\d{4}-\\\\d{2}-\\\\d{2} \\\\d{2}:\\\\d{2}:\\\\d{2}")) return null;
        LocalDateTime wall;
        try {
            wall = LocalDateTime.parse(text, FORMAT);
        } catch (RuntimeException e) {
            return null;
        }
        long wallAsUtc = wall.toEpochSecond(ZoneOffset.UTC);
        // PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
        // the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
        ZoneRules rules = ZoneId.of(tz).getRules();
        long before = rules.getOffset(Instant.ofEpochSecond(wallAsUtc)).getTotalSeconds();
        long first = wallAsUtc - before;
        long after = rules.getOffset(Instant.ofEpochSecond(first)).getTotalSeconds();
        if (after == before) return first;
        long second = wallAsUtc - after;
        return second < first && rules.getOffset(Instant.ofEpochSecond(second)).getTotalSeconds() != after ? first : second;
    }

    /**
     * PHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is. PHP's strings
     * are bytes, so the result is too: one char per byte (ISO-8859-1), never decoded as UTF-8, which would turn
     * bytes that are not UTF-8 (a Latin-1 "é" sent as %E9) into U+FFFD and hash something PHP never sees.
     */
    static String phpDecode(String text) {
        byte[] in = text.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else out.write(in[i]);
        }
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /**
     * The name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
     * hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair.
     */
    static String phpName(String name) {
        String n = name.replaceFirst("^ +", "");
        int b = n.indexOf('[');
        if (b == -1) return n.replaceAll("[ .]", "_");
        if (b == 0) return "";
        if (n.indexOf(']', b) != -1) return n.substring(0, b).replaceAll("[ .]", "_") + "[]";
        return n.replaceAll("[ .\\\\[]", "_");
    }

    /** "" when valid, else the first reason (Signet's code names). */
    static String verify(String secret, String url, String tz, long now) throws Exception {
        url = url.trim();
        if (!url.startsWith("https://")) return "URL_INVALID";
        int qm = url.indexOf('?');
        String query = qm < 0 ? "" : url.substring(qm + 1).split("#", -1)[0];
        Map<String, String> last = new HashMap<>(); // a repeated parameter: the last one counts, as in PHP
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = phpName(phpDecode(eq < 0 ? pair : pair.substring(0, eq)));
            if (key.endsWith("[]")) last.remove(key.substring(0, key.length() - 2)); // an array is not text
            else if (!key.isEmpty()) last.put(key, eq < 0 ? "" : phpDecode(pair.substring(eq + 1)));
        }
        List<String> names = new ArrayList<>();
        for (String n : List.of("hmac_email", "hmac_phone", "hmac_custom_id")) if (!last.getOrDefault(n, "").isEmpty()) names.add(n);
        if (names.isEmpty()) return "IDENTIFIER_MISSING";
        if (names.size() > 1) return "IDENTIFIER_AMBIGUOUS"; // two kinds of identifier; one sent twice is the last one
        String identifier = last.get(names.get(0));
        // The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
        if (names.get(0).equals("hmac_phone") && last.getOrDefault("phone_code", "").isEmpty()) return "PHONE_CODE_MISSING";
        String expiry = last.get("hmac_expiry_date");
        if (expiry != null) {
            Long instant = expiryInstant(expiry, tz);
            if (instant == null) return "EXPIRY_FORMAT";
            if (now > instant) return "EXPIRED";
        }
        String locale = last.getOrDefault("hmac_locale", ""); // hmac_locale is not signed either; Eber accepts only its supported locales.
        if (!locale.isEmpty() && !LOCALES.contains(locale)) return "LOCALE_UNSUPPORTED";
        String hash = last.getOrDefault("hmac_hash", "");
        if (hash.isEmpty()) return "HASH_MISSING";
        if (!hash.matches("[0-9a-fA-F]{64}")) return "HASH_MALFORMED";
        // The query's bytes as PHP hashes them (phpDecode keeps one char per byte).
        String expected = eberHash(secret, identifier, expiry == null ? "" : expiry, StandardCharsets.ISO_8859_1);
        // MessageDigest.isEqual is constant-time; String.equals is not.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))) return "HASH_MISMATCH";
        return "";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        if (args.length > 0 && args[0].equals("--batch")) {
            StringBuilder sb = new StringBuilder();
            for (String[] f : batchCases()) {
                String why = verify(f[0], f[1], f[2], Long.parseLong(f[3]));
                sb.append(why.isEmpty() ? "valid" : "invalid " + why).append('\\n');
            }
            out.print(sb);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: URL");
            System.exit(2);
        }
        String why = verify(secretFromEnv(), args[0], TIMEZONE, Instant.now().getEpochSecond());
        out.println(why.isEmpty() ? "valid" : "invalid " + why);
        System.exit(why.isEmpty() ? 0 : 1);
    }
}
`;
}

function csharp(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const cls = role === 'signer' ? 'EberSigner' : 'EberVerifier';
  const common = `    const string SecretEnv = ${L(i.secretEnv)};
    const string BaseUrl = ${L(i.baseUrl)};
    const string IdentifierType = ${L(i.identifierType)}; // email | phone | customId
    const string Identifier = ${L(i.identifier)};
    const string PhoneCode = ${L(i.phoneCode)};
    const string BusinessTimeZone = ${L(i.timezone)};
    const long ExpiryMinutes = ${i.expiryMinutes};
    const string Locale = ${L(i.locale)};
    static readonly Dictionary<string, string> Params = new Dictionary<string, string> {
        { "email", "hmac_email" }, { "phone", "hmac_phone" }, { "customId", "hmac_custom_id" } };
    static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

    static string EberHash(string secret, string identifier, string expiry)
    {
        return EberHash(secret, identifier, expiry, Utf8);
    }

    static string EberHash(string secret, string identifier, string expiry, Encoding encoding)
    {
        // PHP hash_hmac('sha256', identifier . expiry, secret): the secret's UTF-8 bytes are the key; lowercase hex.
        using (var h = new HMACSHA256(Utf8.GetBytes(secret)))
            return BitConverter.ToString(h.ComputeHash(encoding.GetBytes(identifier + expiry))).Replace("-", "").ToLowerInvariant();
    }

${IO.csharp('Utf8')}
`;
  const usings = `using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;`;
  if (role === 'signer')
    return `${head}
${usings}

public static class ${cls}
{
${common}
    /// The zone's UTC offset (seconds) at an instant (Unix seconds).
    static long OffsetAt(long t, TimeZoneInfo zone)
    {
        return (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(t)).TotalSeconds;
    }

    /// "Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).
    /// A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
    /// instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
    /// The repeat is found from the offsets 6 h either side; its end to the second.
    static string ExpiryIn(long minutes, string tz, long now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz); // IANA names on Linux and macOS
        long at = now + minutes * 60;
        long before = OffsetAt(at - 21600, zone), after = OffsetAt(at + 21600, zone);
        if (before > after)
        {
            long wall = at + OffsetAt(at, zone); // the wall time, as seconds read as UTC
            long lo = wall - before, hi = wall - after; // its two readings, when both show this wall time
            if (OffsetAt(lo, zone) == before && OffsetAt(hi, zone) == after)
            {
                while (hi - lo > 1)
                {
                    long mid = (lo + hi) / 2;
                    if (OffsetAt(mid, zone) == before) lo = mid;
                    else hi = mid;
                }
                at = hi + before - after; // the clocks went back at hi; the repeat ends that much later
            }
        }
        return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(at), zone)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// Form encoding, byte by byte: letters, digits and *-._ stay; space -> "+"; "+" -> %2B; the rest %XX.
    static string Form(string value)
    {
        var sb = new StringBuilder();
        foreach (byte b in Utf8.GetBytes(value))
        {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '*' || b == '-' || b == '.' || b == '_') sb.Append((char)b);
            else if (b == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    static string LoginUrl(string secret, string baseUrl, string type, string identifier, string phoneCode, string expiry, string locale)
    {
        var q = new List<KeyValuePair<string, string>>();
        q.Add(new KeyValuePair<string, string>(Params[type], identifier));
        q.Add(new KeyValuePair<string, string>("hmac_hash", EberHash(secret, identifier, expiry))); // the expiry as sent
        if (expiry != "") q.Add(new KeyValuePair<string, string>("hmac_expiry_date", expiry));
        if (locale != "") q.Add(new KeyValuePair<string, string>("hmac_locale", locale));
        if (type == "phone") q.Add(new KeyValuePair<string, string>("phone_code", phoneCode.ToUpperInvariant()));
        var parts = new List<string>();
        foreach (var kv in q) parts.Add(Form(kv.Key) + "=" + Form(kv.Value));
        return baseUrl + "/login/hmac?" + string.Join("&", parts);
    }

    public static void Main(string[] args)
    {
        Console.OutputEncoding = Utf8;
        if (args.Length > 0 && args[0] == "--batch")
        {
            var sb = new StringBuilder();
            foreach (var f in BatchCases())
            {
                string expiry = f[5] != "" || long.Parse(f[9]) == 0 ? f[5] : ExpiryIn(long.Parse(f[9]), f[7], long.Parse(f[8]));
                sb.Append(LoginUrl(f[0], f[1], f[2], f[3], f[4], expiry, f[6])).Append('\\n');
            }
            Console.Out.Write(sb.ToString());
            return;
        }
        string identifier = args.Length > 0 ? args[0] : Identifier;
        if (identifier == "")
        {
            Console.Error.WriteLine("usage: IDENTIFIER");
            Environment.Exit(2);
        }
        string exp = ExpiryMinutes > 0 ? ExpiryIn(ExpiryMinutes, BusinessTimeZone, DateTimeOffset.UtcNow.ToUnixTimeSeconds()) : "";
        Console.Out.Write(LoginUrl(SecretFromEnv(), BaseUrl, IdentifierType, identifier, PhoneCode, exp, Locale) + "\\n");
    }
}
`;
  return `${head}
${usings}

public static class ${cls}
{
${common}
    static readonly string[] Locales = { ${locales(L)} };

    /// The instant of "Y-m-d H:i:s" in tz, or null when it is not a real date and time.
    static long? ExpiryInstant(string text, string tz)
    {
        DateTime wall;
        if (!Regex.IsMatch(text, "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$") ||
            !DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out wall)) return null;
        long wallAsUtc = (long)(wall - new DateTime(1970, 1, 1)).TotalSeconds;
        // PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
        // the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz);
        Func<long, long> offsetAt = t => (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(t)).TotalSeconds;
        long before = offsetAt(wallAsUtc);
        long first = wallAsUtc - before;
        long after = offsetAt(first);
        if (after == before) return first;
        long second = wallAsUtc - after;
        return second < first && offsetAt(second) != after ? first : second;
    }

    /// ISO-8859-1: one char per byte and back, so a PHP string's bytes pass through a .NET string unchanged.
    static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

    /// PHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is. PHP's strings
    /// are bytes, so the result is too: one char per byte (ISO-8859-1), never decoded as UTF-8, which would turn
    /// bytes that are not UTF-8 (a Latin-1 "é" sent as %E9) into U+FFFD and hash something PHP never sees.
    static string PhpDecode(string text)
    {
        byte[] input = Utf8.GetBytes(text.Replace('+', ' '));
        var output = new List<byte>();
        for (int i = 0; i < input.Length; i++)
        {
            int hi = i + 2 < input.Length ? HexValue(input[i + 1]) : -1;
            int lo = i + 2 < input.Length ? HexValue(input[i + 2]) : -1;
            if (input[i] == '%' && hi >= 0 && lo >= 0)
            {
                output.Add((byte)(hi * 16 + lo));
                i += 2;
            }
            else output.Add(input[i]);
        }
        return Latin1.GetString(output.ToArray());
    }

    static int HexValue(byte b)
    {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }

    /// The name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
    /// hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair.
    static string PhpName(string name)
    {
        string n = name.TrimStart(' ');
        int b = n.IndexOf('[');
        if (b == -1) return Regex.Replace(n, "[ .]", "_");
        if (b == 0) return "";
        if (n.IndexOf(']', b) != -1) return Regex.Replace(n.Substring(0, b), "[ .]", "_") + "[]";
        return Regex.Replace(n, @"[ .\\[]", "_");
    }

    /// Constant-time: the time taken does not depend on where the first difference is.
    static bool FixedTimeEquals(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return false;
        int diff = 0;
        for (int k = 0; k < a.Length; k++) diff |= a[k] ^ b[k];
        return diff == 0;
    }

    /// "" when valid, else the first reason (Signet's code names).
    static string Verify(string secret, string url, string tz, long now)
    {
        url = url.Trim();
        if (!url.StartsWith("https://", StringComparison.Ordinal)) return "URL_INVALID";
        int qm = url.IndexOf('?');
        string query = qm < 0 ? "" : url.Substring(qm + 1).Split('#')[0];
        var last = new Dictionary<string, string>(); // a repeated parameter: the last one counts, as in PHP
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0) continue;
            int eq = pair.IndexOf('=');
            string key = PhpName(PhpDecode(eq < 0 ? pair : pair.Substring(0, eq)));
            if (key.EndsWith("[]", StringComparison.Ordinal)) last.Remove(key.Substring(0, key.Length - 2)); // an array is not text
            else if (key != "") last[key] = eq < 0 ? "" : PhpDecode(pair.Substring(eq + 1));
        }
        var names = new List<string>();
        foreach (string p in new[] { "hmac_email", "hmac_phone", "hmac_custom_id" })
        {
            string v;
            if (last.TryGetValue(p, out v) && v != "") names.Add(p);
        }
        if (names.Count == 0) return "IDENTIFIER_MISSING";
        if (names.Count > 1) return "IDENTIFIER_AMBIGUOUS"; // two kinds of identifier; one sent twice is the last one
        string identifier = last[names[0]];
        // The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
        string phoneCode;
        if (names[0] == "hmac_phone" && (!last.TryGetValue("phone_code", out phoneCode) || phoneCode == "")) return "PHONE_CODE_MISSING";
        string expiry;
        if (last.TryGetValue("hmac_expiry_date", out expiry))
        {
            long? instant = ExpiryInstant(expiry, tz);
            if (instant == null) return "EXPIRY_FORMAT";
            if (now > instant.Value) return "EXPIRED";
        }
        string locale; // hmac_locale is not signed either; Eber accepts only its supported locales.
        if (last.TryGetValue("hmac_locale", out locale) && locale != "" && Array.IndexOf(Locales, locale) < 0) return "LOCALE_UNSUPPORTED";
        string hash;
        if (!last.TryGetValue("hmac_hash", out hash) || hash == "") return "HASH_MISSING";
        if (!Regex.IsMatch(hash, "^[0-9a-fA-F]{64}$")) return "HASH_MALFORMED";
        // Not string ==, which stops at the first difference.
        // The query's bytes as PHP hashes them (PhpDecode keeps one char per byte).
        if (!FixedTimeEquals(Utf8.GetBytes(EberHash(secret, identifier, expiry ?? "", Latin1)), Utf8.GetBytes(hash))) return "HASH_MISMATCH";
        return "";
    }

    public static void Main(string[] args)
    {
        Console.OutputEncoding = Utf8;
        if (args.Length > 0 && args[0] == "--batch")
        {
            var sb = new StringBuilder();
            foreach (var f in BatchCases())
            {
                string why = Verify(f[0], f[1], f[2], long.Parse(f[3]));
                sb.Append(why == "" ? "valid" : "invalid " + why).Append('\\n');
            }
            Console.Out.Write(sb.ToString());
            return;
        }
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: URL");
            Environment.Exit(2);
        }
        string reason = Verify(SecretFromEnv(), args[0], BusinessTimeZone, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Console.Out.Write((reason == "" ? "valid" : "invalid " + reason) + "\\n");
        Environment.Exit(reason == "" ? 0 : 1);
    }
}
`;
}

function go(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const common = `const (
	secretEnv         = ${L(i.secretEnv)}
	baseURL           = ${L(i.baseUrl)}
	identifierType    = ${L(i.identifierType)} // email | phone | customId
	defaultIdentifier = ${L(i.identifier)}
	phoneCode         = ${L(i.phoneCode)}
	timeZone          = ${L(i.timezone)}
	expiryMinutes     = ${i.expiryMinutes}
	locale            = ${L(i.locale)}
	expiryLayout      = "2006-01-02 15:04:05"
)

var params = map[string]string{"email": "hmac_email", "phone": "hmac_phone", "customId": "hmac_custom_id"}

func eberHash(secret, identifier, expiry string) string {
	// PHP hash_hmac('sha256', identifier . expiry, secret): hmac.New(sha256.New, KEY), the secret's bytes; lowercase hex.
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(identifier + expiry))
	return hex.EncodeToString(h.Sum(nil))
}

func zone(tz string) *time.Location {
	loc, err := time.LoadLocation(tz) // the embedded time/tzdata makes this work without system zoneinfo
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return loc
}

${IO.go}
`;
  if (role === 'signer')
    return `${head}
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"
)

${common}
// offsetAt is the zone's UTC offset (seconds) at an instant (Unix seconds).
func offsetAt(t int64, loc *time.Location) int64 {
	_, offset := time.Unix(t, 0).In(loc).Zone()
	return int64(offset)
}

// expiryIn is "Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).
// A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
// instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
// The repeat is found from the offsets 6 h either side; its end to the second.
func expiryIn(minutes int64, tz string, now int64) string {
	loc := zone(tz)
	at := now + minutes*60
	before, after := offsetAt(at-21600, loc), offsetAt(at+21600, loc)
	if before > after {
		wall := at + offsetAt(at, loc)      // the wall time, as seconds read as UTC
		lo, hi := wall-before, wall-after // its two readings, when both show this wall time
		if offsetAt(lo, loc) == before && offsetAt(hi, loc) == after {
			for hi-lo > 1 {
				mid := (lo + hi) / 2
				if offsetAt(mid, loc) == before {
					lo = mid
				} else {
					hi = mid
				}
			}
			at = hi + before - after // the clocks went back at hi; the repeat ends that much later
		}
	}
	return time.Unix(at, 0).In(loc).Format(expiryLayout)
}

// form is form encoding: "+" -> %2B, space -> "+" (WHATWG form: "*" kept, "~" encoded).
func form(v string) string {
	return strings.NewReplacer("%2A", "*", "~", "%7E").Replace(url.QueryEscape(v))
}

func loginURL(secret, base, kind, identifier, phone, expiry, loc string) string {
	// In order, by hand: url.Values.Encode() would sort the keys.
	q := []string{params[kind] + "=" + form(identifier), "hmac_hash=" + eberHash(secret, identifier, expiry)}
	if expiry != "" {
		q = append(q, "hmac_expiry_date="+form(expiry)) // hashed above exactly as sent
	}
	if loc != "" {
		q = append(q, "hmac_locale="+form(loc))
	}
	if kind == "phone" {
		q = append(q, "phone_code="+form(strings.ToUpper(phone)))
	}
	return base + "/login/hmac?" + strings.Join(q, "&")
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--batch" {
		var sb strings.Builder
		for _, f := range batchCases() {
			expiry := f[5]
			minutes, _ := strconv.ParseInt(f[9], 10, 64)
			if expiry == "" && minutes > 0 {
				now, _ := strconv.ParseInt(f[8], 10, 64)
				expiry = expiryIn(minutes, f[7], now)
			}
			sb.WriteString(loginURL(f[0], f[1], f[2], f[3], f[4], expiry, f[6]) + "\\n")
		}
		os.Stdout.WriteString(sb.String())
		return
	}
	identifier := defaultIdentifier
	if len(os.Args) > 1 {
		identifier = os.Args[1]
	}
	if identifier == "" {
		fmt.Fprintln(os.Stderr, "usage: IDENTIFIER")
		os.Exit(2)
	}
	expiry := ""
	if expiryMinutes > 0 {
		expiry = expiryIn(expiryMinutes, timeZone, time.Now().Unix())
	}
	fmt.Println(loginURL(secretFromEnv(), baseURL, identifierType, identifier, phoneCode, expiry, locale))
}
`;
  return `${head}
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"
)

${common}
var locales = map[string]bool{}

func init() {
	for _, l := range []string{${locales(L)}} {
		locales[l] = true
	}
}

// expiryInstant is the instant of "Y-m-d H:i:s" in tz; ok is false when it is not a real date and time.
func expiryInstant(text, tz string) (int64, bool) {
	if !regexp.MustCompile("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$").MatchString(text) {
		return 0, false
	}
	wall, err := time.ParseInLocation(expiryLayout, text, time.UTC) // rejects 2030-02-30
	if err != nil {
		return 0, false
	}
	// PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
	// the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
	loc := zone(tz)
	offsetAt := func(t int64) int64 {
		_, offset := time.Unix(t, 0).In(loc).Zone()
		return int64(offset)
	}
	before := offsetAt(wall.Unix())
	first := wall.Unix() - before
	after := offsetAt(first)
	if after == before {
		return first, true
	}
	second := wall.Unix() - after
	if second < first && offsetAt(second) != after {
		return first, true
	}
	return second, true
}

// phpDecode is pHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is.
func phpDecode(text string) string {
	in := []byte(strings.ReplaceAll(text, "+", " "))
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		if in[i] == '%' && i+2 < len(in) && isHex(in[i+1]) && isHex(in[i+2]) {
			v, _ := strconv.ParseUint(string(in[i+1:i+3]), 16, 8)
			out = append(out, byte(v))
			i += 2
		} else {
			out = append(out, in[i])
		}
	}
	return string(out)
}

func isHex(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }

// phpName: the name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
// hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair.
func phpName(name string) string {
	n := strings.TrimLeft(name, " ")
	b := strings.IndexByte(n, '[')
	switch {
	case b == -1:
		return strings.NewReplacer(" ", "_", ".", "_").Replace(n)
	case b == 0:
		return ""
	case strings.IndexByte(n[b:], ']') >= 0:
		return strings.NewReplacer(" ", "_", ".", "_").Replace(n[:b]) + "[]"
	}
	return strings.NewReplacer(" ", "_", ".", "_", "[", "_").Replace(n)
}

// verify returns "" when valid, else the first reason (Signet's code names).
func verify(secret, rawURL, tz string, now int64) string {
	rawURL = strings.TrimSpace(rawURL)
	if !strings.HasPrefix(rawURL, "https://") {
		return "URL_INVALID"
	}
	query := ""
	if q := strings.Index(rawURL, "?"); q >= 0 {
		query = strings.SplitN(rawURL[q+1:], "#", 2)[0]
	}
	last := map[string]string{} // a repeated parameter: the last one counts, as in PHP
	for _, pair := range strings.Split(query, "&") {
		if pair == "" {
			continue
		}
		kv := strings.SplitN(pair, "=", 2)
		key := phpName(phpDecode(kv[0]))
		if strings.HasSuffix(key, "[]") {
			delete(last, strings.TrimSuffix(key, "[]")) // an array is not text
		} else if key != "" {
			v := ""
			if len(kv) == 2 {
				v = phpDecode(kv[1])
			}
			last[key] = v
		}
	}
	var names []string
	for _, p := range []string{"hmac_email", "hmac_phone", "hmac_custom_id"} {
		if last[p] != "" {
			names = append(names, p)
		}
	}
	if len(names) == 0 {
		return "IDENTIFIER_MISSING"
	}
	if len(names) > 1 { // two kinds of identifier; one sent twice is the last one
		return "IDENTIFIER_AMBIGUOUS"
	}
	identifier := last[names[0]]
	// The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
	if names[0] == "hmac_phone" && last["phone_code"] == "" {
		return "PHONE_CODE_MISSING"
	}
	expiry, hasExpiry := last["hmac_expiry_date"]
	if hasExpiry {
		instant, ok := expiryInstant(expiry, tz)
		if !ok {
			return "EXPIRY_FORMAT"
		}
		if now > instant {
			return "EXPIRED"
		}
	}
	if loc := last["hmac_locale"]; loc != "" && !locales[loc] { // hmac_locale is not signed either; Eber accepts only its supported locales.
		return "LOCALE_UNSUPPORTED"
	}
	hash := last["hmac_hash"]
	if hash == "" {
		return "HASH_MISSING"
	}
	if !regexp.MustCompile("^[0-9a-fA-F]{64}$").MatchString(hash) {
		return "HASH_MALFORMED"
	}
	// hmac.Equal is constant-time; == on strings is not.
	if !hmac.Equal([]byte(eberHash(secret, identifier, expiry)), []byte(hash)) {
		return "HASH_MISMATCH"
	}
	return ""
}

${IO.goVerdict}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--batch" {
		var sb strings.Builder
		for _, f := range batchCases() {
			now, _ := strconv.ParseInt(f[3], 10, 64)
			sb.WriteString(verdict(verify(f[0], f[1], f[2], now)) + "\\n")
		}
		os.Stdout.WriteString(sb.String())
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: URL")
		os.Exit(2)
	}
	why := verify(secretFromEnv(), os.Args[1], timeZone, time.Now().Unix())
	fmt.Println(verdict(why))
	if why != "" {
		os.Exit(1)
	}
}
`;
}

function ruby(role: CodeRole, head: string, L: Lit, i: EberKitInputs): string {
  const common = `require 'base64'
require 'openssl'
require 'uri'

SECRET_ENV = ${L(i.secretEnv)}
BASE_URL = ${L(i.baseUrl)}
IDENTIFIER_TYPE = ${L(i.identifierType)} # email | phone | customId
IDENTIFIER = ${L(i.identifier)}
PHONE_CODE = ${L(i.phoneCode)}
TIMEZONE = ${L(i.timezone)}
EXPIRY_MINUTES = ${i.expiryMinutes}
LOCALE = ${L(i.locale)}
PARAMS = { 'email' => 'hmac_email', 'phone' => 'hmac_phone', 'customId' => 'hmac_custom_id' }.freeze

def eber_hash(secret, identifier, expiry)
  # PHP hash_hmac('sha256', identifier . expiry, secret): OpenSSL::HMAC.hexdigest(digest, KEY, DATA); lowercase hex.
  OpenSSL::HMAC.hexdigest('SHA256', secret.b, (identifier + expiry).b)
end

# Runs the block with the process's local time zone set to tz (reads the system zoneinfo).
def in_zone(tz)
  saved = ENV['TZ']
  ENV['TZ'] = tz
  yield
ensure
  ENV['TZ'] = saved
end

def batch_cases
  $stdin.binmode.read.split("\\n").reject(&:empty?).map do |line|
    line.split(',', -1).map { |f| Base64.strict_decode64(f).force_encoding('UTF-8') }
  end
end

${IO.ruby}
`;
  if (role === 'signer')
    return `${head}
${common}
# The zone's UTC offset (seconds) at an instant (Unix seconds).
def offset_at(t, tz)
  in_zone(tz) { Time.at(t).localtime.utc_offset }
end

# "Y-m-d H:i:s" in the business time zone, minutes after now (Unix seconds).
# A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
# instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
# The repeat is found from the offsets 6 h either side; its end to the second.
def expiry_in(minutes, tz, now)
  at = now + minutes * 60
  before = offset_at(at - 21_600, tz)
  after = offset_at(at + 21_600, tz)
  if before > after
    wall = at + offset_at(at, tz) # the wall time, as seconds read as UTC
    lo = wall - before # its two readings, when both show this wall time
    hi = wall - after
    if offset_at(lo, tz) == before && offset_at(hi, tz) == after
      while hi - lo > 1
        mid = (lo + hi) / 2
        if offset_at(mid, tz) == before then lo = mid else hi = mid end
      end
      at = hi + before - after # the clocks went back at hi; the repeat ends that much later
    end
  end
  in_zone(tz) { Time.at(at).localtime.strftime('%Y-%m-%d %H:%M:%S') }
end

def login_url(secret, base_url, kind, identifier, phone_code, expiry, locale)
  q = [[PARAMS.fetch(kind), identifier], ['hmac_hash', eber_hash(secret, identifier, expiry)]]
  q << ['hmac_expiry_date', expiry] unless expiry.empty? # hashed above exactly as sent
  q << ['hmac_locale', locale] unless locale.empty?
  q << ['phone_code', phone_code.upcase] if kind == 'phone'
  # encode_www_form is form encoding: "+" -> %2B, space -> "+".
  "#{base_url}/login/hmac?#{URI.encode_www_form(q)}"
end

if ARGV[0] == '--batch'
  out = batch_cases.map do |f|
    expiry = !f[5].empty? || Integer(f[9], 10).zero? ? f[5] : expiry_in(Integer(f[9], 10), f[7], Integer(f[8], 10))
    login_url(f[0], f[1], f[2], f[3], f[4], expiry, f[6]) + "\\n"
  end
  $stdout.binmode.write(out.join)
else
  identifier = ARGV.empty? ? IDENTIFIER : ARGV[0]
  die('usage: IDENTIFIER') if identifier.empty?
  expiry = EXPIRY_MINUTES.positive? ? expiry_in(EXPIRY_MINUTES, TIMEZONE, Time.now.to_i) : ''
  puts login_url(secret_from_env, BASE_URL, IDENTIFIER_TYPE, identifier, PHONE_CODE, expiry, LOCALE)
end
`;
  return `${head}
${common}
LOCALES = [${locales(L)}].freeze

# The instant (Unix seconds) of "Y-m-d H:i:s" in tz, or nil when it is not a real date and time.
def expiry_instant(text, tz)
  m = /\\A(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\z/.match(text)
  return nil unless m
  wall = Time.utc(*m.captures.map { |c| Integer(c, 10) }) rescue (return nil)
  return nil unless wall.strftime('%Y-%m-%d %H:%M:%S') == text # 2030-02-30 would roll over
  # PHP's reading (timelib): the offset at the wall time read as UTC gives a first instant; when the offset there differs,
  # the wall time read with that offset instead, unless that lands before the change (a repeated hour: the earlier instant).
  offset_at = ->(t) { in_zone(tz) { Time.at(t).localtime.utc_offset } }
  before = offset_at.(wall.to_i)
  first = wall.to_i - before
  after = offset_at.(first)
  return first if after == before
  second = wall.to_i - after
  second < first && offset_at.(second) != after ? first : second
end

# PHP's urldecode: "+" is a space, %XX a byte, anything else (a lone or bad "%") kept as it is.
def php_decode(text)
  text.b.tr('+', ' ').gsub(/%([0-9A-Fa-f]{2})/n) { Regexp.last_match(1).hex.chr }.force_encoding('UTF-8')
end

# The name PHP files a parameter under, as $_GET does: leading spaces dropped, " " and "." made "_" ("hmac.email" is
# hmac_email); "name[...]" is an array (returned as "name[]": not text); "" when PHP drops the pair.
def php_name(name)
  n = name.sub(/\\A +/, '')
  b = n.index('[')
  return n.tr(' .', '__') if b.nil?
  return '' if b.zero?
  return "#{n[0...b].tr(' .', '__')}[]" if n.index(']', b)
  n.tr(' .[', '___')
end

# '' when valid, else the first reason (Signet's code names).
def verify(secret, url, tz, now)
  url = url.strip
  return 'URL_INVALID' unless url.start_with?('https://')
  query = url.include?('?') ? url.split('?', 2)[1].split('#', 2)[0].to_s : ''
  last = {} # a repeated parameter: the last one counts, as in PHP
  query.split('&').each do |pair|
    next if pair.empty?
    k, v = pair.split('=', 2)
    key = php_name(php_decode(k))
    if key.end_with?('[]')
      last.delete(key[0...-2]) # an array is not text
    elsif !key.empty?
      last[key] = php_decode(v || '')
    end
  end
  names = PARAMS.values.reject { |n| last.fetch(n, '').empty? }
  return 'IDENTIFIER_MISSING' if names.empty?
  return 'IDENTIFIER_AMBIGUOUS' if names.length > 1 # two kinds of identifier; one sent twice is the last one
  identifier = last[names[0]]
  # The phone number needs its country: phone_code is not signed, but Eber refuses hmac_phone without it.
  return 'PHONE_CODE_MISSING' if names[0] == 'hmac_phone' && last.fetch('phone_code', '').empty?
  expiry = last['hmac_expiry_date']
  unless expiry.nil?
    instant = expiry_instant(expiry, tz)
    return 'EXPIRY_FORMAT' if instant.nil?
    return 'EXPIRED' if now > instant
  end
  locale = last.fetch('hmac_locale', '') # hmac_locale is not signed either; Eber accepts only its supported locales.
  return 'LOCALE_UNSUPPORTED' unless locale.empty? || LOCALES.include?(locale)
  hash = last.fetch('hmac_hash', '')
  return 'HASH_MISSING' if hash.empty?
  return 'HASH_MALFORMED' unless hash.match?(/\\A[0-9a-fA-F]{64}\\z/)
  expected = eber_hash(secret, identifier, expiry || '')
  # fixed_length_secure_compare is constant-time; == is not.
  return 'HASH_MISMATCH' unless expected.bytesize == hash.bytesize && OpenSSL.fixed_length_secure_compare(expected, hash)
  ''
end

if ARGV[0] == '--batch'
  puts(batch_cases.map do |f|
    why = verify(f[0], f[1], f[2], Integer(f[3], 10))
    why.empty? ? 'valid' : "invalid #{why}"
  end)
else
  die('usage: URL') if ARGV.empty?
  why = verify(secret_from_env, ARGV[0], TIMEZONE, Time.now.to_i)
  puts(why.empty? ? 'valid' : "invalid #{why}")
  exit(why.empty? ? 0 : 1)
end
`;
}

function shell(head: string, L: Lit, i: EberKitInputs): string {
  return `#!/bin/sh
${head}
# POSIX sh + openssl; od, awk, tr and date from any Unix.
set -eu
export LC_ALL=C
SECRET_ENV=${L(i.secretEnv)}
BASE_URL=${L(i.baseUrl)}
IDENTIFIER_TYPE=${L(i.identifierType)} # email | phone | customId
IDENTIFIER=${L(i.identifier)}
PHONE_CODE=${L(i.phoneCode)}
TIMEZONE=${L(i.timezone)}
EXPIRY_MINUTES=${i.expiryMinutes}
LOCALE=${L(i.locale)}

# Form encoding, byte by byte: letters, digits and *-._ stay; space -> "+"; "+" -> %2B; the rest %XX.
form() {
  printf '%s' "$1" | od -An -v -tu1 | awk '{ for (i = 1; i <= NF; i++) { c = $i
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 42 || c == 45 || c == 46 || c == 95) printf "%c", c
    else if (c == 32) printf "+"
    else printf "%%%02X", c } }'
}

# hash_hmac('sha256', identifier . expiry, secret): the key is the secret's bytes (as hex for openssl); lowercase hex.
eber_hash() {
  k=$(printf '%s' "$1" | od -An -v -tx1 | tr -d ' \\n')
  printf '%s' "$2$3" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$k" -binary | od -An -v -tx1 | tr -d ' \\n'
}

# login_url SECRET BASE_URL TYPE IDENTIFIER PHONE_CODE EXPIRY LOCALE
login_url() {
  case $3 in email) p=hmac_email ;; phone) p=hmac_phone ;; *) p=hmac_custom_id ;; esac
  url="$2/login/hmac?$p=$(form "$4")&hmac_hash=$(eber_hash "$1" "$4" "$6")"
  [ -z "$6" ] || url="$url&hmac_expiry_date=$(form "$6")" # hashed above exactly as sent
  [ -z "$7" ] || url="$url&hmac_locale=$(form "$7")"
  [ "$3" != phone ] || url="$url&phone_code=$(printf '%s' "$5" | tr a-z A-Z)"
  printf '%s\\n' "$url"
}

# The zone's UTC offset in seconds at Unix second $2 (date +%z writes +hhmm).
offset_at() {
  TZ=$1 date -d "@$2" +%z | awk '{ s = substr($0, 1, 1) == "-" ? -1 : 1; print s * (substr($0, 2, 2) * 3600 + substr($0, 4, 2) * 60) }'
}

# "Y-m-d H:i:s" in the business time zone, MINUTES after NOW (Unix seconds): expiry_in MINUTES ZONE NOW.
# A wall time the clocks show twice (the repeated hour when DST ends) may be read by PHP as the earlier
# instant, cutting the link short: such an expiry moves to the first wall time after the repeat (as Signet does).
# The repeat is found from the offsets 6 h either side; its end to the second.
expiry_in() {
  at=$(($3 + $1 * 60))
  before=$(offset_at "$2" $((at - 21600)))
  after=$(offset_at "$2" $((at + 21600)))
  if [ "$before" -gt "$after" ]; then
    wall=$((at + $(offset_at "$2" "$at"))) # the wall time, as seconds read as UTC
    lo=$((wall - before))                   # its two readings, when both show this wall time
    hi=$((wall - after))
    if [ "$(offset_at "$2" "$lo")" -eq "$before" ] && [ "$(offset_at "$2" "$hi")" -eq "$after" ]; then
      while [ $((hi - lo)) -gt 1 ]; do
        mid=$(((lo + hi) / 2))
        if [ "$(offset_at "$2" "$mid")" -eq "$before" ]; then lo=$mid; else hi=$mid; fi
      done
      at=$((hi + before - after)) # the clocks went back at hi; the repeat ends that much later
    fi
  fi
  TZ=$2 date -d "@$at" '+%Y-%m-%d %H:%M:%S'
}

${IO.shellField}

if [ "\${1-}" = --batch ]; then
  while IFS=, read -r f1 f2 f3 f4 f5 f6 f7 f8 f9 f10; do
    [ -n "$f1" ] || continue
    field "$f1"; a1=$v; field "$f2"; a2=$v; field "$f3"; a3=$v; field "$f4"; a4=$v; field "$f5"; a5=$v
    field "$f6"; a6=$v; field "$f7"; a7=$v; field "$f8"; a8=$v; field "$f9"; a9=$v; field "$f10"; a10=$v
    if [ -z "$a6" ] && [ "$a10" -gt 0 ]; then a6=$(expiry_in "$a10" "$a8" "$a9"); fi
    login_url "$a1" "$a2" "$a3" "$a4" "$a5" "$a6" "$a7"
  done
  exit 0
fi

${IO.shellSecret}
identifier=\${1-$IDENTIFIER}
[ -n "$identifier" ] || { echo 'usage: IDENTIFIER' >&2; exit 2; }
expiry=
[ "$EXPIRY_MINUTES" -eq 0 ] || expiry=$(expiry_in "$EXPIRY_MINUTES" "$TIMEZONE" "$(date +%s)")
login_url "$secret" "$BASE_URL" "$IDENTIFIER_TYPE" "$identifier" "$PHONE_CODE" "$expiry" "$LOCALE"
`;
}
