import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAllowedNavigation, isTrustedSender } from './security';

const PROFILE_HOSTS = ['rewards.example-shop.com'];

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://demo.eber.co/login/hmac?hmac_email=a', true],
    ['https://eber.co/', true],
    ['https://marketplace.mmob.com/x', true],
    ['https://rewards.example-shop.com/login/hmac', true],
    ['http://demo.eber.co/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://demo.eber.co/share', false],
    ['data:text/html,hi', false],
    ['https://eber.co.evil.com/', false],
    ['https://evil-eber.co/', false],
    ['https://evileber.co/', false],
    ['https://eber.co@evil.com/', false],
    ['https://user:pw@demo.eber.co/', false],
    ['https://demo.eber.co:8443/', false],
    ['https://sub.rewards.example-shop.com/', false],
    ['https://demo.eber.co./', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url, PROFILE_HOSTS)).toBe(allowed);
  });

  it('never allows a non-https scheme, whatever follows it', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'file', 'javascript', 'smb', 'ftp', 'data', 'blob', 'chrome', 'about'), fc.string(), (scheme, rest) => {
        expect(isAllowedExternalUrl(`${scheme}:${rest}`, PROFILE_HOSTS)).toBe(false);
        expect(isAllowedExternalUrl(`${scheme}://demo.eber.co/${rest}`, PROFILE_HOSTS)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never allows a look-alike host: allowed name as a prefix, inside a label, or before an "@"', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('eber.co', 'mmob.com', 'rewards.example-shop.com'),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        fc.constantFrom('com', 'net', 'io'),
        (allowed, label, tld) => {
          expect(isAllowedExternalUrl(`https://${allowed}.${label}.${tld}/`, PROFILE_HOSTS)).toBe(false);
          expect(isAllowedExternalUrl(`https://${label}${allowed}/`, PROFILE_HOSTS)).toBe(false);
          expect(isAllowedExternalUrl(`https://${allowed}@${label}.${tld}/`, PROFILE_HOSTS)).toBe(false);
          expect(isAllowedExternalUrl(`https://${allowed}%2F@${label}.${tld}/`, PROFILE_HOSTS)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('allows any https path and query on an allowed host', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        expect(isAllowedExternalUrl(`https://demo.eber.co${path.startsWith('/') ? path : `/${path}`}?${query}`, PROFILE_HOSTS)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isAllowedNavigation', () => {
  it('denies every navigation in the packaged app', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAllowedNavigation(url, 'file://')).toBe(false);
      }),
      { numRuns: 1000 },
    );
    expect(isAllowedNavigation('file:///etc/passwd', 'file://')).toBe(false);
  });

  it('allows only the dev server itself during development', () => {
    expect(isAllowedNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('https://demo.eber.co/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', 'http://localhost:5173')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('accepts only the top frame of the app origin', () => {
    const app = ['file:///app/out/renderer/index.html'];
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html#/x', isTopFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: false }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://demo.eber.co/', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:9/x', isTopFrame: true }, ['http://127.0.0.1:9'])).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:10/x', isTopFrame: true }, ['http://127.0.0.1:9'])).toBe(false);
    expect(isTrustedSender({ url: '', isTopFrame: true }, ['file://'])).toBe(false);
  });
});
