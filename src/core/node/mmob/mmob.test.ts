import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../../testing/vectors';
import { SignetInputError } from '../../common/errors';
import { isStrictBase64 } from '../encoding';
import { signMmob } from './sign';
import { verifyMmob, type MmobVerifyInput } from './verify';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const FIELDS = { cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9', email: 'stephen.hayes@example.com' };
const TS = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';

/** A signature made the way a (possibly mistaken) integrator would, independent of signMmob. */
function foreignSignature(key: Buffer, canonical: string, encode: (mac: Buffer) => string, ts = TS, nonce = NONCE): string {
  return `${ts}:${encode(createHmac('sha256', key).update(canonical).digest())}:${nonce}`;
}
const b64 = (mac: Buffer) => mac.toString('base64');
const canonicalOf = (f: { cpId: string; cpDeploymentId: string; email: string }, ts = TS, nonce = NONCE) =>
  `${ts}:${f.cpId}:${f.cpDeploymentId}:${f.email}:${nonce}`;

function verifyAt(signature: string, overrides: Partial<MmobVerifyInput> = {}) {
  return verifyMmob({ signature, secret: SECRET, ...FIELDS, now: TS, toleranceSeconds: 60, ...overrides });
}

describe('mmob conformance vectors', () => {
  for (const v of loadVectors('mmob-sign')) {
    it(`signs "${v.name}" (${v.origin})`, () => {
      const r = signMmob(v);
      expect(r.canonical).toBe(v.canonical);
      expect(r.signature).toBe(v.signature);
      expect(r.warnings.includes('SECRET_NOT_CANONICAL_BASE64')).toBe(!isStrictBase64(v.secret));
    });
  }
  for (const v of loadVectors('mmob-verify')) {
    it(`verifies "${v.name}" (${v.origin})`, () => {
      const r = verifyMmob(v);
      expect(r.valid).toBe(v.valid);
      expect(r.codes).toEqual(v.codes);
      if (v.hints) expect(r.hints).toEqual(v.hints);
      expect(r.details.canonical).toContain(`${v.cpId}:${v.cpDeploymentId}:${v.email}:`);
    });
  }
});

describe('signMmob', () => {
  it('derives the key exactly as Buffer.from(secret, "base64") does, lenient forms included', () => {
    // A key whose standard base64 has both "+" and "/", so the url-safe form really differs.
    const strict = Buffer.from(`fbefbeffff${'5a'.repeat(27)}`, 'hex').toString('base64');
    expect(strict).toMatch(/\+.*\/|\/.*\+/);
    const lenientForms = [
      strict.replace(/=+$/, ''), // missing padding
      strict.replaceAll('+', '-').replaceAll('/', '_'), // url-safe alphabet
      `${strict.slice(0, 10)}\n ${strict.slice(10)}`, // whitespace
    ];
    const reference = signMmob({ secret: strict, ...FIELDS, timestamp: TS, nonce: NONCE }).signature;
    for (const secret of lenientForms) {
      const r = signMmob({ secret, ...FIELDS, timestamp: TS, nonce: NONCE });
      expect(r.signature).toBe(foreignSignature(Buffer.from(secret, 'base64'), canonicalOf(FIELDS), b64));
      expect(r.signature).toBe(reference);
      expect(r.warnings).toContain('SECRET_NOT_CANONICAL_BASE64');
    }
  });

  it('warns about non-zero leftover bits, which other decoders reject or read differently', () => {
    // "QR==" decodes to the same byte as "QQ==" in Node, but its unused bits are not zero.
    expect(signMmob({ secret: 'QR==', ...FIELDS, timestamp: TS, nonce: NONCE }).warnings).toContain('SECRET_NOT_CANONICAL_BASE64');
    expect(signMmob({ secret: 'QQ==', ...FIELDS, timestamp: TS, nonce: NONCE }).warnings).not.toContain('SECRET_NOT_CANONICAL_BASE64');
  });

  it('defaults the nonce to 16 random bytes as hex and the timestamp to now', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = signMmob({ secret: SECRET, ...FIELDS });
    const b = signMmob({ secret: SECRET, ...FIELDS });
    expect(a.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.timestamp).toBeGreaterThanOrEqual(before);
    expect(a.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(a.warnings).toEqual([]);
  });

  it('keeps an empty email visible as "::" in the canonical string', () => {
    expect(signMmob({ secret: SECRET, ...FIELDS, email: '', timestamp: TS, nonce: NONCE }).canonical).toBe(
      `${TS}:cp_7Hq2:cpd_01HZX3K9::${NONCE}`,
    );
  });

  it.each([
    ['an empty secret', { secret: '' }, 'SECRET_EMPTY'],
    ['a secret with no base64 content', { secret: '!!!' }, 'SECRET_NOT_BASE64'],
    ['an empty cpId', { cpId: '' }, 'FIELD_REQUIRED'],
    ['a fractional timestamp', { timestamp: 1.5 }, 'TIMESTAMP_INVALID'],
    ['a negative timestamp', { timestamp: -1 }, 'TIMESTAMP_INVALID'],
    ['a nonce with a colon', { nonce: `${NONCE.slice(1)}:` }, 'NONCE_INVALID'],
  ])('rejects %s with a specific code', (_label, override, code) => {
    const run = () => signMmob({ secret: SECRET, ...FIELDS, timestamp: TS, nonce: NONCE, ...override });
    expect(run).toThrow(SignetInputError);
    try {
      run();
    } catch (e) {
      expect((e as SignetInputError).code).toBe(code);
    }
  });

  it('warns when the nonce length or the timestamp unit will make verifiers reject it', () => {
    expect(signMmob({ secret: SECRET, ...FIELDS, timestamp: TS, nonce: 'x'.repeat(29) }).warnings).toContain('NONCE_LENGTH');
    expect(signMmob({ secret: SECRET, ...FIELDS, timestamp: TS * 1000, nonce: NONCE }).warnings).toContain(
      'TIMESTAMP_LOOKS_LIKE_MILLISECONDS',
    );
  });
});

describe('verifyMmob boundaries', () => {
  const sig = signMmob({ secret: SECRET, ...FIELDS, timestamp: TS, nonce: NONCE }).signature;

  it.each([
    [TS + 60, true, []],
    [TS + 61, false, ['TIMESTAMP_TOO_OLD']],
    [TS - 60, true, []],
    [TS - 61, false, ['TIMESTAMP_IN_FUTURE']],
  ])('at now=%i the verdict is %s', (now, valid, codes) => {
    const r = verifyAt(sig, { now });
    expect(r.valid).toBe(valid);
    expect(r.codes).toEqual(codes);
    expect(r.details.ageSeconds).toBe(now - TS);
  });

  it('explains the age against the tolerance in words', () => {
    const r = verifyAt(sig, { now: TS + 192 });
    expect(r.details.messages.join('\n')).toContain('signed 3 min 12 s ago; tolerance 60 s');
  });

  it.each([
    [29, false],
    [30, true],
    [50, true],
    [51, false],
  ])('a nonce of %i characters is valid: %s', (length, valid) => {
    const nonce = 'n'.repeat(length);
    const s = signMmob({ secret: SECRET, ...FIELDS, timestamp: TS, nonce }).signature;
    const r = verifyAt(s);
    expect(r.valid).toBe(valid);
    expect(r.codes).toEqual(valid ? [] : ['NONCE_LENGTH']);
    expect(r.details.nonceLength).toBe(length);
  });

  it('rejects a nonce it has seen before', () => {
    expect(verifyAt(sig, { seenNonces: new Set([NONCE]) }).codes).toEqual(['NONCE_REUSED']);
    expect(verifyAt(sig, { seenNonces: new Set(['other']) }).valid).toBe(true);
  });

  it.each([
    ['', 'it is empty'],
    ['abc:def', '2 ":"-separated'],
    ['1:2:3:4', '4 ":"-separated'],
    [`${TS}::${NONCE}`, 'a part is empty'],
    [`${TS}:not base64!:${NONCE}`, 'not base64'],
    ['9'.repeat(5000), '5000 characters'],
  ])('calls %j malformed and says why', (signature, why) => {
    const r = verifyAt(signature);
    expect(r.codes).toEqual(['SIGNATURE_MALFORMED']);
    expect(r.details.summary).toContain(why);
    expect(r.details.canonical).toBe(`<timestamp>:cp_7Hq2:cpd_01HZX3K9:stephen.hayes@example.com:<nonce>`);
  });

  it('flags a non-numeric timestamp and still checks the MAC over it', () => {
    const r = verifyAt(`12ab:${b64(Buffer.alloc(32))}:${NONCE}`);
    expect(r.codes).toEqual(['TIMESTAMP_INVALID', 'SIGNATURE_MISMATCH']);
  });

  it('always states the canonical string it expected and the signature the secret would produce', () => {
    const r = verifyAt(sig, { email: 'mallory@example.com' });
    expect(r.codes).toEqual(['SIGNATURE_MISMATCH']);
    expect(r.details.canonical).toBe(canonicalOf({ ...FIELDS, email: 'mallory@example.com' }));
    expect(r.details.expectedSignature).toBe(signMmob({ secret: SECRET, ...FIELDS, email: 'mallory@example.com', timestamp: TS, nonce: NONCE }).signature);
  });
});

describe('mismatch finder', () => {
  const key = Buffer.from(SECRET, 'base64');

  it.each([
    ['SECRET_USED_AS_TEXT', foreignSignature(Buffer.from(SECRET, 'utf8'), canonicalOf(FIELDS), b64), {}],
    ['EMAIL_MISMATCH (signed empty)', foreignSignature(key, canonicalOf({ ...FIELDS, email: '' }), b64), {}],
    ['EMAIL_MISMATCH (signed trimmed)', foreignSignature(key, canonicalOf(FIELDS), b64), { email: ` ${FIELDS.email} ` }],
    ['EMAIL_MISMATCH (signed lower-case)', foreignSignature(key, canonicalOf(FIELDS), b64), { email: 'Stephen.Hayes@Example.com' }],
    ['FIELDS_SWAPPED', foreignSignature(key, canonicalOf({ ...FIELDS, cpId: FIELDS.cpDeploymentId, cpDeploymentId: FIELDS.cpId }), b64), {}],
    ['DIGEST_HEX', foreignSignature(key, canonicalOf(FIELDS), (m) => m.toString('hex')), {}],
    ['DIGEST_BASE64URL', foreignSignature(key, canonicalOf(FIELDS), (m) => m.toString('base64url')), {}],
  ])('names %s', (label, signature, overrides) => {
    const r = verifyAt(signature, overrides);
    expect(r.valid).toBe(false);
    expect(r.codes).toContain('SIGNATURE_MISMATCH');
    expect(r.hints).toEqual([label.split(' ')[0]]);
    expect(r.details.summary).toContain(label.split(' ')[0]);
  });

  it('names SECRET_HEX_DECODED for a hex secret read as hex', () => {
    const hexSecret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const signature = foreignSignature(Buffer.from(hexSecret, 'hex'), canonicalOf(FIELDS), b64);
    expect(verifyAt(signature, { secret: hexSecret }).hints).toEqual(['SECRET_HEX_DECODED']);
  });

  it('names TIMESTAMP_IN_MILLISECONDS both for a signed ms timestamp and for a fresh-looking one', () => {
    const ms = TS * 1000;
    const signature = foreignSignature(key, canonicalOf(FIELDS, ms), b64, ms);
    const r = verifyAt(signature);
    expect(r.codes).toEqual(['TIMESTAMP_IN_FUTURE']);
    expect(r.hints).toEqual(['TIMESTAMP_IN_MILLISECONDS']);
    // The signer put seconds in the signature but signed milliseconds.
    const mixed = foreignSignature(key, canonicalOf(FIELDS, ms), b64, TS);
    expect(verifyAt(mixed).hints).toEqual(['TIMESTAMP_IN_MILLISECONDS']);
  });

  it('combines two mistakes when only both together reproduce the value', () => {
    const signature = foreignSignature(Buffer.from(SECRET, 'utf8'), canonicalOf(FIELDS), (m) => m.toString('hex'));
    expect(verifyAt(signature).hints).toEqual(['SECRET_USED_AS_TEXT', 'DIGEST_HEX']);
  });

  it('names no cause when nothing reproduces the value', () => {
    const r = verifyAt(foreignSignature(Buffer.from('another key'), canonicalOf(FIELDS), b64));
    expect(r.codes).toEqual(['SIGNATURE_MISMATCH']);
    expect(r.hints).toEqual([]);
  });
});
