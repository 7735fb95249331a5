/**
 * The benchmark's C references (bench/mmob-verify-batch.c, bench/eber-verify-batch.c) must write exactly
 * Signet's batch output, byte for byte, on the benchmark's generated data and on records signed with each
 * mistake the finders know (alone, in pairs, and some threes that no one names, where the whole search
 * runs); otherwise the bench would compare against a program doing less work. Needs gcc and OpenSSL's headers
 * (Debian: gcc, libssl-dev); skipped with a printed reason where they are missing.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EBER_NOW,
  EBER_SECRET,
  EBER_ZONE,
  generateEber,
  generateMmob,
  MMOB_NOW,
  MMOB_SECRET,
  rng,
} from '../../bench/generate.mjs';
import { createBatchVerifier } from '../core/node/batch';

const dir = mkdtempSync(join(tmpdir(), 'signet-cref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function compile(name: string): ReturnType<typeof spawnSync> & { binary: string } {
  const source = fileURLToPath(new URL(`../../bench/${name}.c`, import.meta.url));
  const binary = join(dir, name);
  const r = spawnSync('gcc', ['-O2', '-pthread', '-Wno-deprecated-declarations', '-o', binary, source, '-lcrypto'], {
    encoding: 'utf8',
  });
  return Object.assign(r, { binary });
}
const compiled = compile('mmob-verify-batch');
const binary = compiled.binary;
const eberCompiled = compile('eber-verify-batch');
const why =
  compiled.error !== undefined
    ? `gcc is missing (${compiled.error.message})`
    : compiled.status !== 0
      ? `the C reference does not compile here (OpenSSL headers missing? apt-get install libssl-dev): ${compiled.stderr.slice(0, 300)}`
      : null;
if (why !== null) process.stderr.write(`\n!!! SKIPPING the C reference byte-identity test: ${why}\n\n`);

/** The mmob C reference and Signet's batch over one file, at MMOB_NOW with a 60 s tolerance. */
function bothMmob(file: string, secret: string) {
  const c = spawnSync(binary, [file, secret, String(MMOB_NOW), '60', '2'], { maxBuffer: 1 << 28 });
  const signet = createBatchVerifier({
    scheme: 'mmob',
    format: 'jsonl',
    secret,
    nowSeconds: MMOB_NOW,
    nowMs: MMOB_NOW * 1000,
  }).verifyChunk(readFileSync(file, 'utf8'), 1);
  return { c, signet };
}

/** The Eber C reference and Signet's batch over one file, at EBER_NOW in EBER_ZONE. */
function bothEber(file: string, secret: string) {
  const nowMs = Date.parse(EBER_NOW);
  const c = spawnSync(eberCompiled.binary, [file, secret, String(nowMs / 1000), '2'], {
    maxBuffer: 1 << 28,
    env: { ...process.env, TZ: EBER_ZONE },
  });
  const signet = createBatchVerifier({
    scheme: 'eber',
    format: 'lines',
    secret,
    nowSeconds: nowMs / 1000,
    nowMs,
    timezone: EBER_ZONE,
  }).verifyChunk(readFileSync(file, 'utf8'), 1);
  return { c, signet };
}

/** The first output line where the two differ, with its input, or null: a failure names the case. */
function firstDifference(input: string[], c: Buffer, signet: Buffer) {
  const cLines = c.toString().split('\n');
  const sLines = signet.toString().split('\n');
  const at = sLines.findIndex((l, i) => l !== cLines[i]);
  return at === -1 ? null : { input: input[at], signet: sLines[at], c: cLines[at] };
}

describe.skipIf(why !== null)('the C reference verify-batch', () => {
  for (const failing of [0.1, 0.5]) {
    it(`writes Signet's batch output byte for byte (20 000 records, ${failing * 100} % failing)`, async () => {
      const file = join(dir, `mmob-${failing}.jsonl`);
      await generateMmob(file, 20_000, failing);
      const { c, signet } = bothMmob(file, MMOB_SECRET);
      expect(c.status).toBe(0);
      expect(c.stdout.equals(signet.jsonl)).toBe(true);
      expect(JSON.parse(c.stderr.toString())).toEqual({
        records: signet.counts.records,
        valid: signet.counts.valid,
        invalid: signet.counts.invalid,
        malformed: signet.counts.malformed,
      });
    });
  }
});

describe.skipIf(why !== null || eberCompiled.status !== 0)('the Eber C reference verify-batch', () => {
  it("writes Signet's batch output byte for byte (20 000 URLs over a DST change)", async () => {
    const file = join(dir, 'eber.txt');
    await generateEber(file, 20_000);
    const { c, signet } = bothEber(file, EBER_SECRET);
    expect(c.status).toBe(0);
    expect(c.stdout.equals(signet.jsonl)).toBe(true);
  });
});

// ---- data where the signer made each known mistake, alone and in pairs (and threes, which no one names) ----

const sha = (alg: string, key: Buffer, message: Buffer): Buffer => createHmac(alg, key).update(message).digest();
const b64url = (b: Buffer): string => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

interface Form {
  hints: string[];
  value: Buffer;
}
/** Every choice of one form per dimension with at most `max` mistakes in all, each with its hints. */
function combos<T extends { hints: string[] }>(dims: T[][], max: number): T[][] {
  let out: T[][] = [[]];
  for (const dim of dims)
    out = out.flatMap((c) =>
      dim.filter((f) => c.reduce((n, x) => n + x.hints.length, 0) + f.hints.length <= max).map((f) => [...c, f]),
    );
  return out;
}

/** mmob records signed with a mistaken key, message, algorithm or MAC form (each, pairs, some threes). */
function mmobMistakes(secret: string): string[] {
  const random = rng(11);
  const key = Buffer.from(secret, 'base64');
  const trimmed = secret.trim();
  const keys: Form[] = [
    { hints: [], value: key },
    { hints: ['SECRET_USED_AS_TEXT'], value: Buffer.from(secret) },
    { hints: ['SECRET_USED_AS_TEXT'], value: Buffer.from(trimmed) },
    ...(/^([0-9a-fA-F]{2})+$/.test(trimmed)
      ? [{ hints: ['SECRET_HEX_DECODED'], value: Buffer.from(trimmed, 'hex') }]
      : []),
    ...[`${trimmed}\n`, `${trimmed}\r\n`, `${trimmed} `, ` ${trimmed}`, `${trimmed}\t`].map((k) => ({
      hints: ['SECRET_TEXT_WITH_WHITESPACE'],
      value: Buffer.from(k),
    })),
  ];
  const profiles = [
    { ts: MMOB_NOW - 5, cp: 'cp_7Hq2', cpd: 'cpd_01HZX3K9', email: 'user@example.com' },
    { ts: MMOB_NOW, cp: 'cp_1', cpd: 'cp_1', email: ' Mixed.Case@Example.COM ' },
    { ts: MMOB_NOW - 3600 + 40, cp: 'cp_7Hq2', cpd: 'cpd_01HZX3K9', email: '' }, // an hour off (a zone)
    { ts: MMOB_NOW * 1000, cp: 'cp_7Hq2', cpd: 'cpd_9', email: 'UPPER@EXAMPLE.COM' }, // milliseconds
    { ts: MMOB_NOW + 19_800 - 30, cp: 'a', cpd: 'b', email: '123@456' }, // UTC+5:30 taken for UTC; no letters
    { ts: MMOB_NOW - 4834, cp: 'a', cpd: 'b', email: 'x@y.z\t' }, // stale, no zone
  ];
  const lines: string[] = [];
  for (const p of profiles) {
    const nonce = Array.from({ length: 32 }, () => 'abcdef0123456789'[Math.floor(random() * 16)]).join('');
    const ms = p.ts >= 100_000_000_000 ? Math.floor(p.ts / 1000) : p.ts * 1000;
    // The message's parts, each with its mistaken values.
    const emails: Form[] = [
      { hints: [], value: Buffer.from(p.email) },
      ...[...new Set(['', p.email.trim(), p.email.toLowerCase(), p.email.toUpperCase(), p.email.trim().toLowerCase()])]
        .filter((e) => e !== p.email)
        .map((e) => ({ hints: ['EMAIL_MISMATCH'], value: Buffer.from(e) })),
      ...(p.email === ''
        ? ['None', 'null', 'undefined'].map((e) => ({ hints: ['EMAIL_NULL_LITERAL'], value: Buffer.from(e) }))
        : []),
    ];
    const drops: Form[] = [
      { hints: [], value: Buffer.alloc(0) },
      { hints: ['EMAIL_SEGMENT_DROPPED'], value: Buffer.from('drop') },
    ];
    const fields: Form[] = [
      { hints: [], value: Buffer.from(`${p.cp}:${p.cpd}`) },
      { hints: ['FIELDS_SWAPPED'], value: Buffer.from(`${p.cpd}:${p.cp}`) },
    ];
    const stamps: Form[] = [
      { hints: [], value: Buffer.from(String(p.ts)) },
      { hints: ['TIMESTAMP_IN_MILLISECONDS'], value: Buffer.from(String(ms)) },
    ];
    const suffixes: Form[] = [
      { hints: [], value: Buffer.alloc(0) },
      { hints: ['MESSAGE_TRAILING_NEWLINE'], value: Buffer.from('\n') },
      { hints: ['MESSAGE_TRAILING_NEWLINE'], value: Buffer.from('\r\n') },
    ];
    const digests: { hints: string[]; alg: string; encode: (d: Buffer) => string }[] = [
      { hints: [], alg: 'sha256', encode: (d) => d.toString('base64') },
      { hints: ['DIGEST_HEX'], alg: 'sha256', encode: (d) => d.toString('hex') },
      { hints: ['DIGEST_HEX'], alg: 'sha256', encode: (d) => d.toString('hex').toUpperCase() },
      { hints: ['DIGEST_BASE64URL'], alg: 'sha256', encode: b64url },
      { hints: ['DIGEST_BASE64URL'], alg: 'sha256', encode: (d) => d.toString('base64').replace(/=+$/, '') },
      {
        hints: ['DIGEST_BASE64_OF_HEX'],
        alg: 'sha256',
        encode: (d) => Buffer.from(d.toString('hex')).toString('base64'),
      },
      { hints: ['ALGORITHM_SHA1'], alg: 'sha1', encode: (d) => d.toString('base64') },
      { hints: ['ALGORITHM_SHA512'], alg: 'sha512', encode: (d) => d.toString('base64') },
      { hints: ['ALGORITHM_MD5'], alg: 'md5', encode: (d) => d.toString('base64') },
      { hints: ['ALGORITHM_SHA1', 'DIGEST_HEX'], alg: 'sha1', encode: (d) => d.toString('hex') },
      { hints: ['ALGORITHM_MD5', 'DIGEST_BASE64URL'], alg: 'md5', encode: b64url },
    ];
    const swaps = [{ hints: [] }, { hints: ['HMAC_ARGUMENTS_SWAPPED'] }];
    const dims = [keys, emails, drops, fields, stamps, suffixes, digests, swaps] as { hints: string[] }[][];
    for (const c of combos(dims, 3)) {
      const [k, e, d, f, t, s, g, w] = c as [
        Form,
        Form,
        Form,
        Form,
        Form,
        Form,
        (typeof digests)[0],
        { hints: string[] },
      ];
      if (d.hints.length && e.hints.length) continue; // the segment dropped is the email's own mistake
      const n = c.reduce((x, y) => x + y.hints.length, 0);
      if (n === 3 && random() > 0.1) continue; // some threes: no one names them; the whole search runs
      if (w.hints.length && k.hints.length) continue;
      const email = d.hints.length ? '' : `:${e.value.toString()}`;
      const message = Buffer.from(`${t.value}:${f.value}${email}:${nonce}${s.value}`);
      const digest = w.hints.length ? sha(g.alg, message, k.value) : sha(g.alg, k.value, message);
      const record: Record<string, string> = {
        signature: `${p.ts}:${g.encode(digest)}:${nonce}`,
        cpId: p.cp,
        cpDeploymentId: p.cpd,
      };
      if (p.email !== '' || random() < 0.5) record.email = p.email;
      lines.push(JSON.stringify(record));
    }
    // MACs that read as no digest, or as one only in some form.
    for (const mac of [
      'AAAA',
      'A'.repeat(43) + '=',
      'A'.repeat(42) + 'B=',
      'A'.repeat(43),
      'A'.repeat(64),
      'ab'.repeat(16),
      'a=b',
      '-_'.repeat(22),
      '_'.repeat(43) + '=',
      Buffer.from('ab'.repeat(16)).toString('base64'),
    ])
      lines.push(
        JSON.stringify({ signature: `${p.ts}:${mac}:${nonce}`, cpId: p.cp, cpDeploymentId: p.cpd, email: p.email }),
      );
  }
  return lines;
}

const MMOB_MISTAKE_HINTS = [
  'SECRET_USED_AS_TEXT',
  'SECRET_TEXT_WITH_WHITESPACE',
  'EMAIL_MISMATCH',
  'EMAIL_SEGMENT_DROPPED',
  'EMAIL_NULL_LITERAL',
  'FIELDS_SWAPPED',
  'TIMESTAMP_IN_MILLISECONDS',
  'TIMESTAMP_OFF_BY_HOURS',
  'MESSAGE_TRAILING_NEWLINE',
  'DIGEST_HEX',
  'DIGEST_BASE64URL',
  'DIGEST_BASE64_OF_HEX',
  'ALGORITHM_SHA1',
  'ALGORITHM_SHA512',
  'ALGORITHM_MD5',
  'HMAC_ARGUMENTS_SWAPPED',
];

describe.skipIf(why !== null)('the C reference on every mmob mistake the finder knows', () => {
  const secrets: [string, string[]][] = [
    [MMOB_SECRET, MMOB_MISTAKE_HINTS],
    ['00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', ['SECRET_HEX_DECODED']],
    [` ${MMOB_SECRET}\n`, ['SECRET_USED_AS_TEXT']],
    ['q7mQ-b1_k8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0', ['SECRET_USED_AS_TEXT']], // url-safe, unpadded: Node's lenient decoding
  ];
  for (const [secret, named] of secrets) {
    it(`writes Signet's output byte for byte (secret ${JSON.stringify(secret.slice(0, 6))}…)`, () => {
      const file = join(dir, 'mmob-mistakes.jsonl');
      const lines = mmobMistakes(secret);
      writeFileSync(file, lines.join('\n') + '\n');
      const { c, signet } = bothMmob(file, secret);
      expect(c.status).toBe(0);
      // The data does exercise the finder: every mistake is named somewhere, and some records are not explained.
      for (const h of named) expect(signet.counts.hints[h] ?? 0, h).toBeGreaterThan(0);
      expect(signet.counts.malformed).toBe(0);
      expect(firstDifference(lines, c.stdout, signet.jsonl)).toBeNull();
      expect(c.stdout.equals(signet.jsonl)).toBe(true);
    });
  }
});

/** Eber URLs hashed with a mistaken key, identifier, expiry, join, argument order or hash form. */
function eberMistakes(secret: string): string[] {
  const random = rng(13);
  const trimmed = secret.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  const keys: Form[] = [
    { hints: [], value: Buffer.from(secret) },
    ...[
      trimmed,
      `${secret}\n`,
      `${secret}\r\n`,
      `${trimmed}\n`,
      `${trimmed} `,
      ` ${trimmed}`,
      `${trimmed}\t`,
      `\t${trimmed}`,
    ]
      .filter((k) => k !== secret)
      .map((k) => ({ hints: ['SECRET_WHITESPACE'], value: Buffer.from(k) })),
    ...(/^[A-Za-z0-9+/_-]{4,}={0,2}$/.test(trimmed)
      ? [{ hints: ['SECRET_BASE64_DECODED'], value: Buffer.from(trimmed, 'base64') }]
      : []),
    ...(/^([0-9a-fA-F]{2})+$/.test(trimmed)
      ? [{ hints: ['SECRET_HEX_DECODED'], value: Buffer.from(trimmed, 'hex') }]
      : []),
  ];
  const php = (s: string, raw: boolean) =>
    [...Buffer.from(s)]
      .map((b) => {
        const c = String.fromCharCode(b);
        if (/[A-Za-z0-9_.-]/.test(c) || (raw && c === '~')) return c;
        if (!raw && c === ' ') return '+';
        return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      })
      .join('');
  // [the identifier as hashed, its value as written in the URL, the mistake]
  const identifiers: [string, string, string[]][] = [
    ['member@example.com', encodeURIComponent('member@example.com'), []],
    ['Member@Example.com', encodeURIComponent('Member@Example.com'), []],
    ['a+b@example.com', 'a+b@example.com', ['PLUS_DECODED_AS_SPACE']], // "+" sent raw: read as a space
    ['a%41b@example.com', 'a%41b@example.com', ['IDENTIFIER_CUT_SHORT']], // a literal "%41" sent raw
    ['A+B@EXAMPLE.COM', 'a+b@example.com', ['PLUS_DECODED_AS_SPACE', 'IDENTIFIER_CASE']],
    ['cust 42', 'cust+42', ['PLUS_DECODED_AS_SPACE', 'IDENTIFIER_URLENCODED']],
  ];
  const expiries = ['2030-04-01 12:00:00', '2030-03-30 10:00:00', '', null];
  const lines: string[] = [];
  for (const [hashedId, raw, rawHints] of identifiers)
    for (const expiry of expiries) {
      const ids: Form[] = [
        { hints: rawHints, value: Buffer.from(hashedId) },
        ...(rawHints.length === 0
          ? [
              { hints: ['IDENTIFIER_CASE'], value: Buffer.from(hashedId.toLowerCase()) },
              { hints: ['IDENTIFIER_CASE'], value: Buffer.from(hashedId.toUpperCase()) },
              { hints: ['IDENTIFIER_URLENCODED'], value: Buffer.from(php(hashedId, false)) },
              { hints: ['IDENTIFIER_URLENCODED'], value: Buffer.from(php(hashedId, true)) },
            ]
          : []),
      ];
      const e = expiry ?? '';
      const exps: Form[] = [
        { hints: [], value: Buffer.from(e) },
        ...(e
          ? [
              { hints: ['EXPIRY_NOT_HASHED'], value: Buffer.alloc(0) },
              { hints: ['EXPIRY_URLENCODED'], value: Buffer.from(php(e, false)) },
              { hints: ['EXPIRY_URLENCODED'], value: Buffer.from(php(e, true)) },
            ]
          : []),
      ];
      const joins: { hints: string[]; join: (i: Buffer, x: Buffer) => Buffer }[] = [
        { hints: [], join: (i, x) => Buffer.concat([i, x]) },
        { hints: ['MESSAGE_TRAILING_NEWLINE'], join: (i, x) => Buffer.concat([i, x, Buffer.from('\n')]) },
        ...(e
          ? [
              { hints: ['EXPIRY_FIRST'], join: (i: Buffer, x: Buffer) => Buffer.concat([x, i]) },
              ...[' ', '|', ':'].map((s) => ({
                hints: ['EXPIRY_SEPARATOR'],
                join: (i: Buffer, x: Buffer) => Buffer.concat([i, Buffer.from(s), x]),
              })),
            ]
          : []),
      ];
      const forms: { hints: string[]; alg: string; encode: (d: Buffer) => string }[] = [
        { hints: [], alg: 'sha256', encode: (d) => d.toString('hex') },
        { hints: ['HASH_UPPERCASE'], alg: 'sha256', encode: (d) => d.toString('hex').toUpperCase() },
        { hints: ['HASH_BASE64'], alg: 'sha256', encode: (d) => d.toString('base64') },
        { hints: ['HASH_BASE64'], alg: 'sha256', encode: b64url },
        { hints: ['HASH_SHA1'], alg: 'sha1', encode: (d) => d.toString('hex') },
        { hints: ['HASH_SHA512'], alg: 'sha512', encode: (d) => d.toString('hex') },
        { hints: ['HASH_MD5', 'HASH_BASE64'], alg: 'md5', encode: (d) => d.toString('base64') },
      ];
      const swaps = [{ hints: [] }, { hints: ['HMAC_ARGUMENTS_SWAPPED'] }];
      for (const c of combos([keys, ids, exps, joins, forms, swaps] as { hints: string[] }[][], 3)) {
        const [k, i, x, j, f, s] = c as [Form, Form, Form, (typeof joins)[0], (typeof forms)[0], { hints: string[] }];
        if (c.reduce((n, y) => n + y.hints.length, 0) === 3 && random() > 0.05) continue;
        if (f.hints.length && random() > 0.3) continue;
        const message = j.join(i.value, x.value);
        const digest = s.hints.length ? sha(f.alg, message, k.value) : sha(f.alg, k.value, message);
        // The hash as a form would send it: a "+" in base64 sometimes raw (it arrives as a space).
        const hash = f.encode(digest);
        const sent = random() < 0.5 ? encodeURIComponent(hash) : hash;
        const query = [`hmac_email=${raw}`, `hmac_hash=${sent}`];
        if (expiry !== null)
          query.push(`hmac_expiry_date=${encodeURIComponent(expiry).replace(/%20/g, random() < 0.5 ? '+' : '%20')}`);
        lines.push(`https://demo.eber.co/login/hmac?${query.join('&')}`);
      }
    }
  return lines;
}

describe.skipIf(why !== null || eberCompiled.status !== 0)(
  'the Eber C reference on every mistake the finder knows',
  () => {
    const secrets: [string, string[]][] = [
      [
        EBER_SECRET,
        [
          'SECRET_WHITESPACE',
          'SECRET_BASE64_DECODED',
          'PLUS_DECODED_AS_SPACE',
          'IDENTIFIER_CASE',
          'IDENTIFIER_CUT_SHORT',
          'IDENTIFIER_URLENCODED',
          'EXPIRY_NOT_HASHED',
          'EXPIRY_URLENCODED',
          'MESSAGE_TRAILING_NEWLINE',
          'EXPIRY_FIRST',
          'EXPIRY_SEPARATOR',
          'HMAC_ARGUMENTS_SWAPPED',
          'HASH_UPPERCASE',
          'HASH_BASE64',
          'HASH_SHA1',
          'HASH_SHA512',
          'HASH_MD5',
        ],
      ],
      ['0a1b2c3d4e5f6071', ['SECRET_HEX_DECODED']],
      [' Eber secret\t', ['SECRET_WHITESPACE']],
    ];
    for (const [secret, named] of secrets) {
      it(`writes Signet's output byte for byte (secret ${JSON.stringify(secret.slice(0, 6))}…)`, () => {
        const file = join(dir, 'eber-mistakes.txt');
        const lines = eberMistakes(secret);
        writeFileSync(file, lines.join('\n') + '\n');
        const { c, signet } = bothEber(file, secret);
        expect(c.status).toBe(0);
        for (const h of named) expect(signet.counts.hints[h] ?? 0, h).toBeGreaterThan(0);
        expect(firstDifference(lines, c.stdout, signet.jsonl)).toBeNull();
        expect(c.stdout.equals(signet.jsonl)).toBe(true);
      });
    }
  },
);
