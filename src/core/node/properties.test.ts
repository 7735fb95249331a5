import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEberUrl } from './eber/url';
import { verifyEberUrl } from './eber/verify';
import { EBER_LOCALE_CODES } from '../common/eber/constants';
import { signMmob } from './mmob/sign';
import { verifyMmob } from './mmob/verify';
import type { Explanation } from '../common/explain';

const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
const fieldArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const nonceArb = fc
  .string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 50 })
  .filter((n) => !n.includes(':') && n.trim() === n);
const tsArb = fc.integer({ min: 0, max: 4_102_444_800 });

/** Arbitrary text up to 1 MiB: short random strings, and random strings repeated up to a random large size. */
const anyTextArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 1 << 20 }))
      .map(([piece, size]) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size)),
  },
);

describe('mmob properties', () => {
  it('a signature always verifies with the same inputs', () => {
    fc.assert(
      fc.property(
        secretArb,
        fieldArb,
        fieldArb,
        fc.string({ maxLength: 60 }),
        tsArb,
        nonceArb,
        (secret, cpId, cpDeploymentId, email, timestamp, nonce) => {
          const { signature } = signMmob({ secret, cpId, cpDeploymentId, email, timestamp, nonce });
          const r = verifyMmob({ signature, secret, cpId, cpDeploymentId, email, now: timestamp });
          expect(r.codes).toEqual([]);
          expect(r.valid).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('changing any one character of a signature makes it invalid', () => {
    fc.assert(
      fc.property(
        secretArb,
        tsArb,
        nonceArb,
        fc.nat(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (secret, timestamp, nonce, at, ch) => {
          const fields = { cpId: 'cp', cpDeploymentId: 'cpd', email: 'e@x.co' };
          const { signature } = signMmob({ secret, ...fields, timestamp, nonce });
          const i = at % signature.length;
          fc.pre(signature[i] !== ch);
          const tampered = signature.slice(0, i) + ch + signature.slice(i + 1);
          expect(verifyMmob({ signature: tampered, secret, ...fields, now: timestamp }).valid).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('verify never throws on arbitrary text up to 1 MiB in any field', () => {
    fc.assert(
      fc.property(anyTextArb, anyTextArb, fc.string({ maxLength: 100 }), (signature, email, cpId) => {
        const r = verifyMmob({ signature, secret: 'c2VjcmV0', cpId, cpDeploymentId: 'd', email, now: 0 });
        expect(r.valid).toBe(false);
        expect(r.details.canonical).toBeTypeOf('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('Eber properties', () => {
  const identifierArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
  const expiryArb = fc
    .date({ min: new Date('2031-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 19).replace('T', ' '));

  it('a built URL always verifies, whatever the identifier contains', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.constantFrom('email' as const, 'phone' as const, 'customId' as const),
        identifierArb,
        fc.option(expiryArb, { nil: undefined }),
        fc.option(fc.constantFrom(...EBER_LOCALE_CODES), { nil: undefined }),
        (secret, identifierType, identifier, expiry, locale) => {
          const { url } = buildEberUrl({
            secret,
            baseUrl: 'https://demo.eber.co',
            identifierType,
            identifier,
            expiry,
            locale,
            phoneCode: 'MY',
          });
          const r = verifyEberUrl({ url, secret, timezone: 'Asia/Singapore', now: new Date('2030-06-01T00:00:00Z') });
          expect(r.codes).toEqual([]);
          expect(r.details.identifier).toBe(identifier);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('changing any one character of the hash makes the URL invalid', () => {
    fc.assert(
      fc.property(
        identifierArb,
        fc.nat(63),
        fc.constantFrom(...'0123456789abcdefABCDEFxyz%+ '),
        (identifier, i, ch) => {
          const { url, hash } = buildEberUrl({
            secret: 's',
            baseUrl: 'https://demo.eber.co',
            identifierType: 'customId',
            identifier,
          });
          fc.pre(hash[i] !== ch);
          const tampered = url.replace(hash, hash.slice(0, i) + ch + hash.slice(i + 1));
          expect(verifyEberUrl({ url: tampered, secret: 's', timezone: 'UTC' }).valid).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('URL verification never throws on arbitrary text up to 1 MiB, bare or after a valid prefix', () => {
    fc.assert(
      fc.property(anyTextArb, fc.boolean(), (text, prefixed) => {
        const url = prefixed ? `https://demo.eber.co/login/hmac?${text}` : text;
        const r = verifyEberUrl({ url, secret: 's', timezone: 'Asia/Singapore' });
        expect(r.valid).toBe(false);
        expect(r.codes.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('explanations as data', () => {
  /** messages is explanations as text, one per code then one per hint, in order, on every verdict path. */
  function expectConsistent(r: {
    valid: boolean;
    codes: string[];
    hints: string[];
    details: { messages: string[]; explanations: Explanation[] };
  }) {
    const { messages, explanations } = r.details;
    expect(messages).toEqual(explanations.map((x) => `${x.code}: ${x.text}`));
    expect(explanations.map((x) => x.code)).toEqual([...r.codes, ...r.hints]);
    expect(explanations.map((x) => x.kind)).toEqual([...r.codes.map(() => 'code'), ...r.hints.map(() => 'hint')]);
    for (const x of explanations) expect(x.text.length).toBeGreaterThan(0);
    expect(r.valid).toBe(r.codes.length === 0);
  }

  const mmobMutation = fc.constantFrom(
    'none',
    'tamper',
    'stale',
    'future',
    'ms',
    'email',
    'swap',
    'hex',
    'url',
    'short',
    'parts',
    'text',
    'reused',
    'astext',
    'badts',
    'hexkey',
  );

  it('mmob: for random valid and invalid signatures', () => {
    fc.assert(
      fc.property(
        secretArb,
        fieldArb,
        fc.string({ maxLength: 30 }),
        fc.integer({ min: 1_000_000, max: 4_102_444_800 }),
        nonceArb,
        mmobMutation,
        fc.string({ unit: 'binary', maxLength: 80 }),
        (secret, cpId, email, timestamp, nonce, mutation, junk) => {
          const fields = { cpId, cpDeploymentId: 'cpd_01', email };
          const signedTs = mutation === 'ms' ? timestamp * 1000 : timestamp;
          const { signature, canonical } = signMmob({ secret, ...fields, timestamp: signedTs, nonce });
          const [ts = '', mac = ''] = signature.split(':');
          const hex = Buffer.from(mac, 'base64').toString('hex');
          // A hex secret (also valid base64), for the integrator who hex-decodes it.
          const hexSecret = Buffer.from(secret, 'base64').toString('hex');
          const sent = {
            none: signature,
            tamper: signature.replace(/:(.)/, (_, c: string) => `:${c === 'A' ? 'B' : 'A'}`),
            stale: signature,
            future: signature,
            ms: signature,
            email: signature,
            swap: signature,
            hex: `${ts}:${hex}:${nonce}`,
            url: `${ts}:${mac.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_')}:${nonce}`,
            short: `${ts}:${mac}:abc`,
            parts: `${ts}:${mac}`,
            text: junk,
            reused: signature,
            astext: `${ts}:${createHmac('sha256', Buffer.from(secret, 'utf8')).update(canonical).digest('base64')}:${nonce}`,
            badts: signature.replace(/^\d+/, '12ab'),
            hexkey: `${ts}:${createHmac('sha256', Buffer.from(hexSecret, 'hex')).update(canonical).digest('base64')}:${nonce}`,
          }[mutation];
          const r = verifyMmob({
            signature: sent,
            secret: mutation === 'hexkey' ? hexSecret : secret,
            ...fields,
            ...(mutation === 'email' ? { email: `${email}x` } : {}),
            ...(mutation === 'swap' ? { cpId: 'cpd_01', cpDeploymentId: cpId } : {}),
            // A timestamp signed in milliseconds is judged at the same instant in seconds: far in the future.
            now: mutation === 'stale' ? timestamp + 3600 : mutation === 'future' ? timestamp - 3600 : timestamp,
            seenNonces: mutation === 'reused' ? new Set([nonce]) : undefined,
          });
          if (mutation === 'none') expect(r.valid).toBe(true);
          if (mutation !== 'none' && mutation !== 'text')
            expect(r.valid).toBe(mutation === 'swap' && cpId === 'cpd_01');
          expectConsistent(r);
        },
      ),
      { numRuns: 500 },
    );
  });

  const eberMutation = fc.constantFrom(
    ...([
      'none',
      'tamper',
      'upper',
      'expired',
      'plus',
      'cut',
      'nohash',
      'badhash',
      'locale',
      'phone',
      'twoids',
    ] as const),
    ...(['noid', 'http', 'path', 'text', 'expiry', 'whitespace', 'unhashed', 'case'] as const),
  );

  it('Eber: for random valid and invalid URLs', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        eberMutation,
        fc.string({ unit: 'binary', maxLength: 80 }),
        (secret, anyIdentifier, mutation, junk) => {
          const expiry = mutation === 'expired' ? '2030-01-14 09:30:00' : '2030-01-15 09:30:00';
          const identifier =
            mutation === 'plus' ? `a+${anyIdentifier}` : mutation === 'case' ? `Ab${anyIdentifier}` : anyIdentifier;
          const build = (over: { secret?: string; identifier?: string; expiry?: string }) =>
            buildEberUrl({
              secret,
              baseUrl: 'https://demo.eber.co',
              identifierType: mutation === 'phone' ? 'phone' : 'email',
              identifier,
              expiry,
              phoneCode: 'MY',
              ...over,
            });
          const { url, hash } = build({});
          // The hash as a mistaken integrator computes it, in place of the right one.
          const mistaken = (over: { secret?: string; identifier?: string; expiry?: string }) =>
            url.replace(hash, build(over).hash);
          const sent = {
            none: url,
            tamper: url.replace(hash, `${hash.slice(0, 10)}${hash[10] === '0' ? '1' : '0'}${hash.slice(11)}`),
            upper: url.replace(hash, hash.toUpperCase()),
            expired: url,
            plus: url.replace('%2B', '+'),
            cut: url.slice(0, 45),
            nohash: url.replace(`hmac_hash=${hash}`, 'hmac_hash='),
            badhash: url.replace(`hmac_hash=${hash}`, 'hmac_hash=xyz'),
            locale: `${url}&hmac_locale=xx`,
            phone: url.replace(/&phone_code=MY/, ''),
            twoids: `${url}&hmac_custom_id=c1`,
            http: url.replace('https:', 'http:'),
            path: url.replace('/login/hmac', '/login'),
            text: junk,
            expiry: url.replace(/hmac_expiry_date=[^&]*/, 'hmac_expiry_date=tomorrow'),
            noid: url.replace(/hmac_email=[^&]*&/, ''),
            whitespace: mistaken({ secret: `${secret}\n` }),
            unhashed: mistaken({ expiry: '' }),
            case: mistaken({ identifier: identifier.toLowerCase() }),
          }[mutation];
          const r = verifyEberUrl({
            url: sent,
            secret,
            timezone: 'Asia/Singapore',
            now: new Date('2030-01-15T01:00:00Z'),
          });
          if (mutation === 'none') expect(r.valid).toBe(true);
          // The others may or may not be valid (a "+" or a case change can be no change at all).
          if (!['none', 'plus', 'cut', 'text', 'case'].includes(mutation)) {
            expect(r.valid).toBe(false);
          }
          expectConsistent(r);
        },
      ),
      { numRuns: 500 },
    );
  });
});
