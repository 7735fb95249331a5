/**
 * The mistake finder as properties: a valid URL never gets a hint; every single mistake injected by an
 * independent signer (createHmac here, not Signet's code) is named, and so is every pair of them.
 */
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EberHint } from '../../common/eber/constants';
import { buildEberUrl } from './url';
import { verifyEberUrl } from './verify';

const TZ = 'Asia/Singapore';
const NOW = new Date('2030-01-15T01:00:00Z');
const EXPIRY = '2030-01-15 09:30:00';
const OTHER = { label: 'Other profile', secret: 'the-other-profile-secret' };

const urlencode = (s: Buffer | string) =>
  [...Buffer.from(s)]
    .map((b) =>
      /[A-Za-z0-9_.-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : b === 0x20
          ? '+'
          : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const rawurlencode = (s: Buffer | string) =>
  [...Buffer.from(s)]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** How an independent signer builds a URL, and where each mistake changes it. */
interface Signer {
  key: Buffer;
  /** The identifier's bytes that get hashed. */
  hashedId: Buffer;
  /** The identifier as written in the URL. */
  sentRaw: string;
  expiry: Buffer;
  join: (i: Buffer, e: Buffer) => Buffer;
  algorithm: 'sha256' | 'sha1' | 'sha512' | 'md5';
  swapped: boolean;
  encode: (digest: Buffer) => string;
}

type Dimension = 'key' | 'identifier' | 'expiry' | 'join' | 'swap' | 'algorithm' | 'encoding';
const MISTAKES: { hint: EberHint; dimension: Dimension; apply: (s: Signer, id: string) => void }[] = [
  {
    hint: 'SECRET_WHITESPACE',
    dimension: 'key',
    apply: (s) => void (s.key = Buffer.concat([s.key, Buffer.from('\r\n')])),
  },
  { hint: 'SIGNED_WITH_OTHER_KEY', dimension: 'key', apply: (s) => void (s.key = Buffer.from(OTHER.secret)) },
  {
    hint: 'PLUS_DECODED_AS_SPACE',
    dimension: 'identifier',
    apply: (s) => void (s.sentRaw = s.sentRaw.replaceAll('%2B', '+')),
  },
  {
    hint: 'IDENTIFIER_CASE',
    dimension: 'identifier',
    apply: (s, id) => void (s.hashedId = Buffer.from(id.toLowerCase())),
  },
  {
    hint: 'IDENTIFIER_URLENCODED',
    dimension: 'identifier',
    apply: (s, id) => void (s.hashedId = Buffer.from(urlencode(id))),
  },
  {
    hint: 'IDENTIFIER_UNICODE_FORM',
    dimension: 'identifier',
    apply: (s, id) => void (s.hashedId = Buffer.from(id.normalize('NFD'))),
  },
  {
    hint: 'IDENTIFIER_LATIN1',
    dimension: 'identifier',
    apply: (s, id) => void (s.hashedId = Buffer.from(id, 'latin1')),
  },
  { hint: 'EXPIRY_NOT_HASHED', dimension: 'expiry', apply: (s) => void (s.expiry = Buffer.alloc(0)) },
  { hint: 'EXPIRY_URLENCODED', dimension: 'expiry', apply: (s) => void (s.expiry = Buffer.from(rawurlencode(EXPIRY))) },
  { hint: 'EXPIRY_FIRST', dimension: 'join', apply: (s) => void (s.join = (i, e) => Buffer.concat([e, i])) },
  {
    hint: 'EXPIRY_SEPARATOR',
    dimension: 'join',
    apply: (s) => void (s.join = (i, e) => Buffer.concat([i, Buffer.from('|'), e])),
  },
  {
    hint: 'MESSAGE_TRAILING_NEWLINE',
    dimension: 'join',
    apply: (s) => void (s.join = (i, e) => Buffer.concat([i, e, Buffer.from('\n')])),
  },
  { hint: 'HMAC_ARGUMENTS_SWAPPED', dimension: 'swap', apply: (s) => void (s.swapped = true) },
  { hint: 'HASH_SHA1', dimension: 'algorithm', apply: (s) => void (s.algorithm = 'sha1') },
  { hint: 'HASH_SHA512', dimension: 'algorithm', apply: (s) => void (s.algorithm = 'sha512') },
  { hint: 'HASH_MD5', dimension: 'algorithm', apply: (s) => void (s.algorithm = 'md5') },
  {
    hint: 'HASH_UPPERCASE',
    dimension: 'encoding',
    apply: (s) => void (s.encode = (d) => d.toString('hex').toUpperCase()),
  },
  {
    hint: 'HASH_BASE64',
    dimension: 'encoding',
    apply: (s) => void (s.encode = (d) => encodeURIComponent(d.toString('base64'))),
  },
];

function signedUrl(secret: string, id: string, mistakes: readonly (typeof MISTAKES)[number][]): string {
  const s: Signer = {
    key: Buffer.from(secret),
    hashedId: Buffer.from(id),
    sentRaw: encodeURIComponent(id),
    expiry: Buffer.from(EXPIRY),
    join: (i, e) => Buffer.concat([i, e]),
    algorithm: 'sha256',
    swapped: false,
    encode: (d) => d.toString('hex'),
  };
  for (const m of mistakes) m.apply(s, id);
  const message = s.join(s.hashedId, s.expiry);
  const digest = s.swapped
    ? createHmac(s.algorithm, message).update(s.key).digest()
    : createHmac(s.algorithm, s.key).update(message).digest();
  return `https://demo.eber.co/login/hmac?hmac_email=${s.sentRaw}&hmac_hash=${s.encode(digest)}&hmac_expiry_date=2030-01-15+09%3A30%3A00`;
}

// Identifiers on which every mistake changes something: a "+", upper case, a Latin-1 letter with an accent.
const idArb = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('é', 'ü', 'ñ', 'ç'), fc.stringMatching(/^[a-z]{2,8}$/))
  .map(([a, accented, domain]) => `${a}+X${accented}@${domain}.co`);
const secretArb = fc.stringMatching(/^[A-Za-z0-9!*-]{8,40}$/).filter((s) => s !== OTHER.secret);

const verify = (url: string, secret: string) =>
  verifyEberUrl({ url, secret, alternates: [OTHER], timezone: TZ, now: NOW, withExpiryViews: false });

/** Pairs that produce the same message as one of them alone: an expiry left out cannot also come first. */
const indistinguishable = (a: EberHint, b: EberHint) =>
  [a, b].includes('EXPIRY_NOT_HASHED') && [a, b].includes('EXPIRY_FIRST');

describe('the Eber mistake finder', () => {
  it('never gives a hint or a warning for a valid URL', () => {
    fc.assert(
      fc.property(
        secretArb,
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (secret, identifier, withExpiry) => {
          const { url } = buildEberUrl({
            secret,
            baseUrl: 'https://demo.eber.co',
            identifierType: 'customId',
            identifier,
            expiry: withExpiry ? EXPIRY : null,
          });
          const r = verify(url, secret);
          expect(r.valid).toBe(true);
          expect(r.hints).toEqual([]);
          expect(r.warnings).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names every single injected mistake', () => {
    fc.assert(
      fc.property(secretArb, idArb, fc.constantFrom(...MISTAKES), (secret, id, mistake) => {
        const r = verify(signedUrl(secret, id, [mistake]), secret);
        expect(r.valid).toBe(false);
        expect(r.hints).toEqual([mistake.hint]);
      }),
      { numRuns: 300 },
    );
  });

  it('names every pair of mistakes from two different places', () => {
    const pairs = MISTAKES.flatMap((a, i) =>
      MISTAKES.slice(i + 1)
        .filter((b) => b.dimension !== a.dimension && !indistinguishable(a.hint, b.hint))
        .map((b) => [a, b] as const),
    );
    fc.assert(
      fc.property(secretArb, idArb, fc.constantFrom(...pairs), (secret, id, pair) => {
        const r = verify(signedUrl(secret, id, pair), secret);
        expect(r.valid).toBe(false);
        expect([...r.hints].sort()).toEqual(pair.map((m) => m.hint).sort());
      }),
      { numRuns: 400 },
    );
  });

  it('names pairs of identifier mistakes', () => {
    const identifierPairs: [EberHint, EberHint][] = [
      ['PLUS_DECODED_AS_SPACE', 'IDENTIFIER_CASE'],
      ['PLUS_DECODED_AS_SPACE', 'IDENTIFIER_UNICODE_FORM'],
      ['PLUS_DECODED_AS_SPACE', 'IDENTIFIER_LATIN1'],
      ['IDENTIFIER_CASE', 'IDENTIFIER_UNICODE_FORM'],
    ];
    fc.assert(
      fc.property(secretArb, idArb, fc.constantFrom(...identifierPairs), (secret, id, [a, b]) => {
        const plus = a === 'PLUS_DECODED_AS_SPACE';
        const second = MISTAKES.find((m) => m.hint === b)!;
        const first = MISTAKES.find((m) => m.hint === a)!;
        // The signer's mistakes act on its own identifier (the one with "+"); the URL carries it raw or encoded.
        const url = signedUrl(secret, id, plus ? [second, first] : [first]);
        if (!plus) {
          // Case then Unicode form: hash NFD of the lower-cased identifier.
          const lowerNfd = Buffer.from(id.toLowerCase().normalize('NFD'));
          const digest = createHmac('sha256', secret)
            .update(Buffer.concat([lowerNfd, Buffer.from(EXPIRY)]))
            .digest('hex');
          const r = verify(url.replace(/hmac_hash=[0-9a-f]+/, `hmac_hash=${digest}`), secret);
          expect([...r.hints].sort()).toEqual([a, b].sort());
          return;
        }
        const r = verify(url, secret);
        expect([...r.hints].sort()).toEqual([a, b].sort());
      }),
      { numRuns: 100 },
    );
  });
});
