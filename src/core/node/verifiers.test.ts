import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadVectors } from '../../testing/vectors';
import { SignetInputError } from '../common/errors';
import { eberDigest, hashEber } from './eber/hash';
import { buildEberUrl } from './eber/url';
import { createEberVerifier, verifyEberUrl } from './eber/verify';
import { keyVariants } from './eber/mistakes';
import { prepareHmacSha256 } from './hmac';
import { signMmob } from './mmob/sign';
import { createMmobVerifier, verifyMmob, type MmobVerifyRequest } from './mmob/verify';

// Counts HMAC preparations (the real function still does the work), to show that a verifier prepares
// once per secret and never again, however its calls are interleaved with another verifier's.
vi.mock('./hmac', async (importOriginal) => {
  const real = await importOriginal<typeof import('./hmac')>();
  return { ...real, prepareHmacSha256: vi.fn(real.prepareHmacSha256) };
});
const prepared = vi.mocked(prepareHmacSha256);
// Braces: a function returned from beforeEach is run as its teardown, and mockClear returns the mock.
beforeEach(() => {
  prepared.mockClear();
});

// Two base64 secrets that are not hex, so each has exactly one mistaken key (the secret used as text).
const A = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const B = 'Zm9vYmFyYmF6cXV4LXNlY29uZC1zZWNyZXQtZm9yLXRlc3Rz';
const FIELDS = { cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9', email: 'stephen.hayes@example.com' };
const TS = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';
// Eber secrets without surrounding whitespace: one whitespace variant each (the secret plus "\n").
const EA = 'Eb3r-Pub1ic-Test-Key';
const EB = 'another-eber-secret';
const EBER_NOW = new Date('2030-01-15T01:00:00Z');
const TZ = 'Asia/Singapore';

/** An mmob signature made independently of the code under test, with a key of the caller's choosing. */
function foreignSignature(key: Buffer, fields = FIELDS, ts = TS): string {
  const canonical = `${ts}:${fields.cpId}:${fields.cpDeploymentId}:${fields.email}:${NONCE}`;
  return `${ts}:${createHmac('sha256', key).update(canonical).digest('base64')}:${NONCE}`;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SignetInputError) return e.code;
    throw e;
  }
  throw new Error('expected a SignetInputError');
}

describe('a prepared verifier says exactly what the one-shot functions say', () => {
  it('mmob: on every conformance vector', () => {
    for (const v of loadVectors('mmob-sign')) expect(createMmobVerifier(v.secret).sign(v)).toEqual(signMmob(v));
    for (const v of loadVectors('mmob-verify')) expect(createMmobVerifier(v.secret).verify(v)).toEqual(verifyMmob(v));
  });

  it('Eber: on every conformance vector', () => {
    for (const v of loadVectors('eber-hash')) {
      const verifier = createEberVerifier(v.secret);
      expect(verifier.hash(v)).toBe(hashEber(v));
      expect(verifier.digest(v.identifier, v.expiry ?? '')).toBe(eberDigest(v.secret, v.identifier, v.expiry ?? ''));
    }
    for (const v of loadVectors('eber-verify')) {
      const input = { ...v, now: new Date(v.now) };
      expect(createEberVerifier(v.secret).verifyUrl(input)).toEqual(verifyEberUrl(input));
    }
  });

  it('refuses at creation the secrets the one-shot functions refuse', () => {
    expect(codeOf(() => createMmobVerifier(''))).toBe('SECRET_EMPTY');
    expect(codeOf(() => createMmobVerifier('!!!!'))).toBe('SECRET_NOT_BASE64');
    expect(codeOf(() => createEberVerifier(''))).toBe('SECRET_EMPTY');
    // The one-shot Eber verifier still reports a bad time zone before an empty secret.
    expect(codeOf(() => verifyEberUrl({ url: 'https://x', secret: '', timezone: 'Mars/Base' }))).toBe(
      'TIMEZONE_INVALID',
    );
  });

  it('checks the request as hashEber and signMmob do, the secret aside', () => {
    const eber = createEberVerifier(EA);
    expect(codeOf(() => eber.hash({ identifierType: 'email', identifier: '' }))).toBe('IDENTIFIER_MISSING');
    expect(codeOf(() => eber.hash({ identifierType: 'email', identifier: 'a', expiry: 'tomorrow' }))).toBe(
      codeOf(() => hashEber({ secret: EA, identifierType: 'email', identifier: 'a', expiry: 'tomorrow' })),
    );
    const mmob = createMmobVerifier(A);
    expect(codeOf(() => mmob.sign({ ...FIELDS, cpId: '' }))).toBe('FIELD_REQUIRED');
    expect(codeOf(() => mmob.sign({ ...FIELDS, nonce: 'a:b' }))).toBe('NONCE_INVALID');
  });
});

describe('two secrets, alternating: no re-preparing, no mixing', () => {
  /** Who signed a record, and which mistake (if any) the signer made. */
  const record = fc.tuple(fc.constantFrom('A', 'B'), fc.constantFrom('none', 'as-text', 'email', 'swap'));

  it('mmob: A, B, A, B … each verdict is that of its own secret, and each secret is prepared once', () => {
    const verifiers = { A: createMmobVerifier(A), B: createMmobVerifier(B) };
    const secrets = { A, B };
    fc.assert(
      fc.property(fc.array(record, { minLength: 2, maxLength: 40 }), (records) => {
        records.forEach(([signer, mistake], i) => {
          // Alternate the verifier whatever the signer: half the records meet the other secret.
          const by = i % 2 === 0 ? 'A' : 'B';
          const secret = secrets[signer];
          const key = mistake === 'as-text' ? Buffer.from(secret, 'utf8') : Buffer.from(secret, 'base64');
          const signedFields =
            mistake === 'email'
              ? { ...FIELDS, email: FIELDS.email.toUpperCase() }
              : mistake === 'swap'
                ? { ...FIELDS, cpId: FIELDS.cpDeploymentId, cpDeploymentId: FIELDS.cpId }
                : FIELDS;
          const request: MmobVerifyRequest = { signature: foreignSignature(key, signedFields), ...FIELDS, now: TS };
          const r = verifiers[by].verify(request);
          const own = signer === by;
          expect(r.valid).toBe(own && mistake === 'none');
          if (!r.valid) expect(r.codes).toEqual(['SIGNATURE_MISMATCH']);
          const expectedHint = {
            none: [],
            'as-text': ['SECRET_USED_AS_TEXT'],
            email: ['EMAIL_MISMATCH'],
            swap: ['FIELDS_SWAPPED'],
          }[mistake];
          if (own) expect(r.hints).toEqual(expectedHint);
          else expect(r.hints).toEqual([]);
          expect(r.details.expectedSignature).toBe(foreignSignature(Buffer.from(secrets[by], 'base64')));
        });
      }),
      { numRuns: 100 },
    );
    // Two keys, and each secret's six mistaken keys (its text, and its text with five kinds of whitespace
    // around it) once a mismatch asked for them: never again.
    expect(prepared).toHaveBeenCalledTimes(14);
  });

  it('Eber: A, B, A, B … each verdict is that of its own secret, and each secret is prepared once', () => {
    const verifiers = { A: createEberVerifier(EA), B: createEberVerifier(EB) };
    const secrets = { A: EA, B: EB };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('A', 'B'), fc.constantFrom('none', 'newline', 'upper')), {
          minLength: 2,
          maxLength: 40,
        }),
        (records) => {
          records.forEach(([signer, mistake], i) => {
            const by = i % 2 === 0 ? 'A' : 'B';
            const secret = mistake === 'newline' ? `${secrets[signer]}\n` : secrets[signer];
            const identifier = `member${i}@example.com`;
            const expiry = '2030-01-15 09:30:00';
            let hash = createHmac('sha256', secret)
              .update(identifier + expiry)
              .digest('hex');
            if (mistake === 'upper') hash = hash.toUpperCase();
            const url = `https://demo.eber.co/login/hmac?${new URLSearchParams({ hmac_email: identifier, hmac_hash: hash, hmac_expiry_date: expiry })}`;
            const r = verifiers[by].verifyUrl({ url, timezone: TZ, now: EBER_NOW });
            const own = signer === by;
            expect(r.valid).toBe(own && mistake === 'none');
            if (!r.valid) expect(r.codes).toEqual(['HASH_MISMATCH']);
            if (own)
              expect(r.hints).toEqual({ none: [], newline: ['SECRET_WHITESPACE'], upper: ['HASH_UPPERCASE'] }[mistake]);
            else expect(r.hints).toEqual([]);
            expect(r.details.expectedHash).toBe(
              createHmac('sha256', secrets[by])
                .update(identifier + expiry)
                .digest('hex'),
            );
          });
        },
      ),
      { numRuns: 100 },
    );
    // Each key once: the two secrets, then each mistaken key (whitespace, decoded…) the first time the finder
    // tries it — records signed with the other secret make it try them all — and never again.
    expect(prepared).toHaveBeenCalledTimes(keyVariants(EA).length + keyVariants(EB).length);
  });

  it('the one-shot functions, alternating, are right too (each call prepares its own secret)', () => {
    const a = foreignSignature(Buffer.from(A, 'base64'));
    const b = foreignSignature(Buffer.from(B, 'base64'));
    const verdicts = [A, B, A, B].flatMap((secret) =>
      [a, b].map((signature) => verifyMmob({ signature, secret, ...FIELDS, now: TS }).valid),
    );
    expect(verdicts).toEqual([true, false, false, true, true, false, false, true]);
    const urlA = buildEberUrl({
      secret: EA,
      baseUrl: 'https://demo.eber.co',
      identifierType: 'customId',
      identifier: 'c1',
    }).url;
    expect([EA, EB, EA].map((secret) => verifyEberUrl({ url: urlA, secret, timezone: TZ }).valid)).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('verifiers for different secrets are independent', () => {
  /** Everything a verifier can say about a fixed set of inputs: valid, mismatched, mistaken, long. */
  function mmobOutputs(verifier: ReturnType<typeof createMmobVerifier>) {
    const long = 'x'.repeat(5000); // beyond the prepared HMAC's fast-path buffer
    return {
      signed: verifier.sign({ ...FIELDS, timestamp: TS, nonce: NONCE }),
      signedLong: verifier.sign({ ...FIELDS, email: long, timestamp: TS, nonce: NONCE }),
      ownValid: verifier.verify({ signature: foreignSignature(Buffer.from(A, 'base64')), ...FIELDS, now: TS }),
      asText: verifier.verify({ signature: foreignSignature(Buffer.from(A, 'utf8')), ...FIELDS, now: TS }),
      other: verifier.verify({ signature: foreignSignature(Buffer.from(B, 'base64')), ...FIELDS, now: TS }),
    };
  }

  it('mmob: making and using a verifier for B changes nothing A says', () => {
    const a = createMmobVerifier(A);
    const before = mmobOutputs(a);
    const b = createMmobVerifier(B);
    const fromB = mmobOutputs(b);
    expect(mmobOutputs(a)).toEqual(before);
    expect(mmobOutputs(b)).toEqual(fromB);
    expect(before.ownValid.valid).toBe(true);
    expect(fromB.ownValid.valid).toBe(false);
    expect(fromB.other.valid).toBe(true);
    expect(fromB.signed.signature).not.toBe(before.signed.signature);
    expect(before.signed).toEqual(signMmob({ secret: A, ...FIELDS, timestamp: TS, nonce: NONCE }));
    expect(fromB.signed).toEqual(signMmob({ secret: B, ...FIELDS, timestamp: TS, nonce: NONCE }));
  });

  it('a verifier uses its own secret, even when a request carries another', () => {
    const request = { signature: foreignSignature(Buffer.from(A, 'base64')), ...FIELDS, now: TS, secret: B };
    expect(createMmobVerifier(A).verify(request).valid).toBe(true);
    const url = buildEberUrl({
      secret: EA,
      baseUrl: 'https://demo.eber.co',
      identifierType: 'customId',
      identifier: 'c1',
    }).url;
    const eberRequest = { url, timezone: TZ, secret: EB };
    expect(createEberVerifier(EA).verifyUrl(eberRequest).valid).toBe(true);
  });

  it('Eber: making and using a verifier for B changes nothing A says', () => {
    const outputs = (v: ReturnType<typeof createEberVerifier>) => {
      const url = buildEberUrl({
        secret: EA,
        baseUrl: 'https://demo.eber.co',
        identifierType: 'email',
        identifier: 'm@x.co',
      }).url;
      return {
        digest: v.digest('m@x.co', ''),
        long: v.digest('y'.repeat(5000), ''),
        hash: v.hash({ identifierType: 'customId', identifier: 'c1', expiry: '2030-01-15 09:30:00' }),
        verdict: v.verifyUrl({ url, timezone: TZ, now: EBER_NOW }),
        mistaken: v.verifyUrl({
          url: url.replace(/hmac_hash=([0-9a-f]+)/, (_, h: string) => `hmac_hash=${h.toUpperCase()}`),
          timezone: TZ,
        }),
      };
    };
    const a = createEberVerifier(EA);
    const before = outputs(a);
    const b = createEberVerifier(EB);
    const fromB = outputs(b);
    expect(outputs(a)).toEqual(before);
    expect(before.verdict.valid).toBe(true);
    expect(before.mistaken.hints).toEqual(['HASH_UPPERCASE']);
    expect(fromB.verdict.valid).toBe(false);
    expect(fromB.digest).toBe(createHmac('sha256', EB).update('m@x.co').digest('hex'));
    expect(before.long).toBe(createHmac('sha256', EA).update('y'.repeat(5000)).digest('hex'));
  });
});

describe("verdict() is verify()'s valid, codes, hints and summary, without the details", () => {
  const HINT_FILES = join(fileURLToPath(new URL('../../..', import.meta.url)), 'vectors');
  it('mmob: every conformance and hint vector (each mistake the finder names), plus malformed signatures', () => {
    const cases: (MmobVerifyRequest & { secret: string })[] = [
      ...loadVectors('mmob-verify'),
      ...(JSON.parse(readFileSync(join(HINT_FILES, 'mmob-hints.json'), 'utf8')) as (MmobVerifyRequest & {
        secret: string;
      })[]),
    ];
    for (const signature of ['', 'a:b', `${TS}::${NONCE}`, `${TS}:a*b:${NONCE}`, 'x'.repeat(5000)])
      cases.push({ ...FIELDS, signature, secret: A, now: TS });
    expect(cases.length).toBeGreaterThan(40);
    for (const c of cases) {
      const v = createMmobVerifier(c.secret);
      const full = v.verify(c);
      expect(v.verdict(c)).toEqual({
        valid: full.valid,
        codes: full.codes,
        hints: full.hints,
        summary: full.details.summary,
      });
    }
  });
  it('Eber: every hint vector (each mistake and warning), plus URLs that are not login URLs', () => {
    const cases = JSON.parse(readFileSync(join(HINT_FILES, 'eber-hints.json'), 'utf8')) as {
      url: string;
      secret: string;
      timezone: string;
      now: string;
    }[];
    for (const url of [
      'not a url',
      'http://demo.eber.co/login/hmac?hmac_email=a',
      'https://demo.eber.co/x',
      'https://x'.repeat(3000),
    ])
      cases.push({ url, secret: EA, timezone: TZ, now: '2030-01-15T01:00:00Z' });
    expect(cases.length).toBeGreaterThan(40);
    for (const c of cases) {
      const v = createEberVerifier(c.secret);
      const input = { url: c.url, timezone: c.timezone, now: new Date(c.now) };
      const full = v.verifyUrl(input);
      expect(v.verdict(input)).toEqual({
        valid: full.valid,
        codes: full.codes,
        hints: full.hints,
        summary: full.details.summary,
      });
    }
  });
});
