import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../../testing/vectors';
import { SignetInputError } from '../../common/errors';
import { expiryInMinutes, expiryViews } from '../../common/eber/expiry';
import { parseExpiry } from '../../common/eber/expiry-luxon';
import { hashEber } from './hash';
import { buildEberUrl, type EberUrlInput } from './url';
import { verifyEberUrl } from './verify';

const SECRET = 'Eb3r-Pub1ic-Test-Key';
/** PHP hash_hmac('sha256', $data, $key), written independently of the code under test. */
const phpHashHmac = (data: string, key: string) => createHmac('sha256', key).update(data).digest('hex');

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SignetInputError) return e.code;
    throw e;
  }
  throw new Error('expected a SignetInputError');
}

describe('Eber conformance vectors', () => {
  for (const v of loadVectors('eber-hash')) {
    it(`hashes "${v.name}" (${v.origin})`, () => {
      expect(hashEber(v)).toBe(v.hash);
    });
  }
  for (const v of loadVectors('eber-url')) {
    it(`builds the URL "${v.name}" (${v.origin})`, () => {
      expect(buildEberUrl(v).url).toBe(v.url);
    });
  }
  for (const v of loadVectors('eber-verify')) {
    it(`verifies "${v.name}" (${v.origin})`, () => {
      const r = verifyEberUrl({ ...v, now: new Date(v.now) });
      expect(r.valid).toBe(v.valid);
      expect(r.codes).toEqual(v.codes);
      if (v.hints) expect(r.hints).toEqual(v.hints);
    });
  }
});

describe('hashEber', () => {
  it('is PHP hash_hmac over identifier + expiry with the secret as UTF-8', () => {
    const secret = 'clé-secrète ✓';
    expect(
      hashEber({ secret, identifierType: 'email', identifier: 'ü@example.com', expiry: '2030-01-01 00:00:00' }),
    ).toBe(phpHashHmac('ü@example.com2030-01-01 00:00:00', secret));
  });

  it.each([
    ['an empty secret', { secret: '' }, 'SECRET_EMPTY'],
    ['an empty identifier', { identifier: '' }, 'IDENTIFIER_MISSING'],
    ['an expiry with a T', { expiry: '2030-01-01T00:00:00' }, 'EXPIRY_FORMAT'],
    ['an impossible date', { expiry: '2030-02-30 00:00:00' }, 'EXPIRY_FORMAT'],
    ['an impossible hour', { expiry: '2030-01-01 24:00:00' }, 'EXPIRY_FORMAT'],
  ])('rejects %s', (_l, override, code) => {
    expect(codeOf(() => hashEber({ secret: SECRET, identifierType: 'email', identifier: 'a@b.co', ...override }))).toBe(
      code,
    );
  });
});

describe('buildEberUrl', () => {
  const base: EberUrlInput = {
    secret: SECRET,
    baseUrl: 'https://demo.eber.co',
    identifierType: 'email',
    identifier: 'a+b@example.com',
  };

  it('form-encodes a "+" as %2B and a space as "+"', () => {
    const { url } = buildEberUrl({ ...base, identifierType: 'customId', identifier: 'a+b c' });
    expect(url).toContain('hmac_custom_id=a%2Bb+c&');
    expect(new URL(url).searchParams.get('hmac_custom_id')).toBe('a+b c');
  });

  it('accepts any https origin, with or without a trailing slash', () => {
    expect(buildEberUrl({ ...base, baseUrl: 'https://rewards.shop.example/' }).url).toMatch(
      /^https:\/\/rewards\.shop\.example\/login\/hmac\?/,
    );
  });

  it.each([
    ['http', { baseUrl: 'http://demo.eber.co' }, 'BASE_URL_NOT_HTTPS'],
    ['junk', { baseUrl: 'not a url' }, 'BASE_URL_INVALID'],
    ['a path', { baseUrl: 'https://demo.eber.co/login' }, 'BASE_URL_INVALID'],
    ['userinfo', { baseUrl: 'https://user:pw@demo.eber.co' }, 'BASE_URL_INVALID'],
    ['an unsupported locale', { locale: 'de' }, 'LOCALE_UNSUPPORTED'],
    [
      'a phone without a phone code',
      { identifierType: 'phone' as const, identifier: '60123456789' },
      'PHONE_CODE_MISSING',
    ],
    [
      'a phone code that is not ISO',
      { identifierType: 'phone' as const, identifier: '60123456789', phoneCode: '+60' },
      'PHONE_CODE_MISSING',
    ],
  ])('rejects %s with a clear message', (_l, override, code) => {
    expect(codeOf(() => buildEberUrl({ ...base, ...override }))).toBe(code);
  });

  it('round-trips through verifyEberUrl for every supported locale', () => {
    for (const locale of [
      'en',
      'zh-HK',
      'zh-TW',
      'zh-CN',
      'es',
      'pt-PT',
      'vi',
      'fr',
      'ms-MY',
      'ko',
      'id',
      'th',
      'ar',
      'ja',
      'pt-BR',
      'it',
    ]) {
      const { url } = buildEberUrl({ ...base, locale });
      expect(verifyEberUrl({ url, secret: SECRET, timezone: 'Asia/Singapore' }).valid).toBe(true);
    }
  });
});

describe('expiry in the business time zone', () => {
  it('counts real minutes across a DST spring-forward (New York, 2030-03-10)', () => {
    // 01:30 EST = 06:30Z; 60 real minutes later the wall clock reads 03:30 EDT, not 02:30.
    expect(expiryInMinutes(60, 'America/New_York', new Date('2030-03-10T06:30:00Z'))).toBe('2030-03-10 03:30:00');
  });

  it('counts real minutes across a DST fall-back, and never writes a time in the repeated hour (London, 2030-10-27)', () => {
    // 00:30 BST = 23:30Z the day before; 120 real minutes later it is 01:30 GMT, but "01:30:00" also names
    // 00:30Z (BST), only 60 minutes on, so the expiry moves to 02:00:00 GMT, the first time that reads one way.
    expect(expiryInMinutes(120, 'Europe/London', new Date('2030-10-26T23:30:00Z'))).toBe('2030-10-27 02:00:00');
    // Before the repeated hour nothing moves: 00:59:59 BST.
    expect(expiryInMinutes(60, 'Europe/London', new Date('2030-10-26T22:59:59Z'))).toBe('2030-10-27 00:59:59');
  });

  it('rolls over midnight and month ends in the business zone, not in UTC', () => {
    // 15:50Z is 23:50 in Singapore; 20 minutes later it is 00:10 on the 1st of the next month there.
    expect(expiryInMinutes(20, 'Asia/Singapore', new Date('2030-01-31T15:50:00Z'))).toBe('2030-02-01 00:10:00');
  });

  it('reads a wall-clock time skipped by DST as the instant after the gap and says so', () => {
    const parsed = parseExpiry('2030-03-10 02:30:00', 'America/New_York');
    expect(parsed.ok && parsed.inDstGap).toBe(true);
    expect(parsed.ok && parsed.instant.toUTC().toISO()).toBe('2030-03-10T07:30:00.000Z');
  });

  it('shows the same instant in business time, UTC and local time', () => {
    const views = expiryViews('2030-01-15 09:30:00', 'Asia/Singapore', 'Europe/Paris');
    expect(views).toEqual({
      business: '2030-01-15 09:30:00 GMT+8 (Asia/Singapore)',
      utc: '2030-01-15 01:30:00 UTC',
      local: '2030-01-15 02:30:00 GMT+1',
      iso: '2030-01-15T01:30:00.000Z',
    });
  });

  it('expires exactly after the expiry second, read in the business zone across midnight', () => {
    const { url } = buildEberUrl({
      secret: SECRET,
      baseUrl: 'https://demo.eber.co',
      identifierType: 'email',
      identifier: 'a@b.co',
      expiry: '2030-01-01 00:00:00',
    });
    // Midnight in Tokyo is 15:00Z on the previous day.
    const at = (iso: string) => verifyEberUrl({ url, secret: SECRET, timezone: 'Asia/Tokyo', now: new Date(iso) });
    expect(at('2029-12-31T15:00:00Z').valid).toBe(true);
    expect(at('2029-12-31T15:00:01Z').codes).toEqual(['EXPIRED']);
    // The same string read as UTC would still be valid: the zone matters.
    expect(verifyEberUrl({ url, secret: SECRET, timezone: 'UTC', now: new Date('2029-12-31T15:00:01Z') }).valid).toBe(
      true,
    );
  });

  it('rejects an unknown time zone', () => {
    expect(codeOf(() => expiryInMinutes(5, 'Mars/Olympus'))).toBe('TIMEZONE_INVALID');
    expect(codeOf(() => verifyEberUrl({ url: 'x', secret: SECRET, timezone: 'Mars/Olympus' }))).toBe(
      'TIMEZONE_INVALID',
    );
  });
});

describe('verifyEberUrl codes and hints', () => {
  const TZ = 'Asia/Singapore';
  const NOW = new Date('2030-01-15T01:00:00Z');
  const hash = (identifier: string, expiry = '', secret = SECRET) => phpHashHmac(identifier + expiry, secret);
  const verify = (url: string, secret = SECRET) => verifyEberUrl({ url, secret, timezone: TZ, now: NOW });
  const U = 'https://demo.eber.co/login/hmac?';

  it.each([
    ['junk', 'URL_INVALID'],
    ['http://demo.eber.co/login/hmac?hmac_email=a', 'URL_INVALID'],
    ['https://demo.eber.co/other?hmac_email=a', 'URL_INVALID'],
    [`${U}hmac_hash=${hash('a')}`, 'IDENTIFIER_MISSING'],
    [`${U}hmac_email=a&hmac_custom_id=a&hmac_hash=${hash('a')}`, 'IDENTIFIER_AMBIGUOUS'],
    [`${U}hmac_phone=6012&hmac_hash=${hash('6012')}`, 'PHONE_CODE_MISSING'],
    [`${U}hmac_email=a&hmac_hash=${hash('a', '2030-1-15 09:30')}&hmac_expiry_date=2030-1-15+09:30`, 'EXPIRY_FORMAT'],
    [`${U}hmac_email=a&hmac_hash=${hash('a')}&hmac_locale=EN`, 'LOCALE_UNSUPPORTED'],
    [`${U}hmac_email=a`, 'HASH_MISSING'],
    [`${U}hmac_email=a&hmac_hash=xyz`, 'HASH_MALFORMED'],
    [`${U}hmac_email=a&hmac_hash=${hash('b')}`, 'HASH_MISMATCH'],
  ])('%s → %s', (url, code) => {
    const r = verify(url);
    expect(r.valid).toBe(false);
    expect(r.codes).toEqual([code]);
    expect(r.details.messages[0]).toMatch(new RegExp(`^${code}: `));
  });

  it('verifies a repeated parameter with its last value, as PHP does, and warns', () => {
    const r = verify(`${U}hmac_email=a&hmac_email=b&hmac_hash=${hash('b')}`);
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual(['PARAMETER_REPEATED']);
  });

  it('shows every parameter raw and as the server decodes it', () => {
    const r = verify(`${U}hmac_email=a+b%40c.co&hmac_hash=${hash('a b@c.co')}`);
    expect(r.valid).toBe(true);
    expect(r.details.parameters[0]).toEqual({ name: 'hmac_email', raw: 'a+b%40c.co', decoded: 'a b@c.co' });
    expect(r.details.message).toBe('a b@c.co');
  });

  it.each([
    ['PLUS_DECODED_AS_SPACE', `${U}hmac_email=a+b@c.co&hmac_hash=${hash('a+b@c.co')}`, SECRET],
    [
      'EXPIRY_NOT_HASHED',
      `${U}hmac_email=a@c.co&hmac_hash=${hash('a@c.co')}&hmac_expiry_date=2030-01-15+09%3A30%3A00`,
      SECRET,
    ],
    ['SECRET_WHITESPACE', `${U}hmac_email=a@c.co&hmac_hash=${hash('a@c.co')}`, `${SECRET}\n`],
    ['HASH_UPPERCASE', `${U}hmac_email=a@c.co&hmac_hash=${hash('a@c.co').toUpperCase()}`, SECRET],
    ['IDENTIFIER_CASE', `${U}hmac_email=Ann@C.co&hmac_hash=${hash('ann@c.co')}`, SECRET],
  ])('names %s', (hint, url, secret) => {
    const r = verify(url, secret);
    expect(r.codes).toEqual(['HASH_MISMATCH']);
    expect(r.hints).toEqual([hint]);
    expect(r.details.summary).toContain(hint);
  });

  it('names a pair of mistakes when only the pair reproduces the hash', () => {
    const url = `${U}hmac_email=a+b@c.co&hmac_hash=${hash('a+b@c.co').toUpperCase()}`;
    expect(verify(url).hints).toEqual(['PLUS_DECODED_AS_SPACE', 'HASH_UPPERCASE']);
  });
});
