import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEberUrl } from './eber/url';
import { verifyEberUrl } from './eber/verify';
import { EBER_LOCALE_CODES } from '../common/eber/constants';
import { signMmob } from './mmob/sign';
import { verifyMmob } from './mmob/verify';

const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
const fieldArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const nonceArb = fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 50 }).filter((n) => !n.includes(':') && n.trim() === n);
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
      fc.property(secretArb, fieldArb, fieldArb, fc.string({ maxLength: 60 }), tsArb, nonceArb, (secret, cpId, cpDeploymentId, email, timestamp, nonce) => {
        const { signature } = signMmob({ secret, cpId, cpDeploymentId, email, timestamp, nonce });
        const r = verifyMmob({ signature, secret, cpId, cpDeploymentId, email, now: timestamp });
        expect(r.codes).toEqual([]);
        expect(r.valid).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('changing any one character of a signature makes it invalid', () => {
    fc.assert(
      fc.property(secretArb, tsArb, nonceArb, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), (secret, timestamp, nonce, at, ch) => {
        const fields = { cpId: 'cp', cpDeploymentId: 'cpd', email: 'e@x.co' };
        const { signature } = signMmob({ secret, ...fields, timestamp, nonce });
        const i = at % signature.length;
        fc.pre(signature[i] !== ch);
        const tampered = signature.slice(0, i) + ch + signature.slice(i + 1);
        expect(verifyMmob({ signature: tampered, secret, ...fields, now: timestamp }).valid).toBe(false);
      }),
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
          const { url } = buildEberUrl({ secret, baseUrl: 'https://demo.eber.co', identifierType, identifier, expiry, locale, phoneCode: 'MY' });
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
      fc.property(identifierArb, fc.nat(63), fc.constantFrom(...'0123456789abcdefABCDEFxyz%+ '), (identifier, i, ch) => {
        const { url, hash } = buildEberUrl({ secret: 's', baseUrl: 'https://demo.eber.co', identifierType: 'customId', identifier });
        fc.pre(hash[i] !== ch);
        const tampered = url.replace(hash, hash.slice(0, i) + ch + hash.slice(i + 1));
        expect(verifyEberUrl({ url: tampered, secret: 's', timezone: 'UTC' }).valid).toBe(false);
      }),
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
