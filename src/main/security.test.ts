import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  externalOpenDecision,
  forbiddenSwitches,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  loopbackHttpOrigin,
  resolveAppAsset,
} from './security';

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

describe('externalOpenDecision', () => {
  it('opens vendor hosts, asks for any other https host, refuses the rest; always the normalised href', () => {
    expect(externalOpenDecision('https://Demo.EBER.co/a b')).toEqual({ action: 'open', href: 'https://demo.eber.co/a%20b', host: 'demo.eber.co' });
    expect(externalOpenDecision('https://marketplace.mmob.com/x')).toMatchObject({ action: 'open' });
    expect(externalOpenDecision('https://rewards.example-shop.com/login')).toEqual({
      action: 'ask',
      href: 'https://rewards.example-shop.com/login',
      host: 'rewards.example-shop.com',
    });
    expect(externalOpenDecision('https://eber.co.evil.com/')).toMatchObject({ action: 'ask', host: 'eber.co.evil.com' });
    for (const url of ['http://demo.eber.co/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://eber.co@evil.com/', 'https://demo.eber.co:8443/', 'nope']) {
      expect(externalOpenDecision(url), url).toEqual({ action: 'refuse' });
    }
  });

  it('never opens a non-vendor host without asking', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'] }), (url) => {
        const d = externalOpenDecision(url);
        if (d.action === 'open') expect(d.host === 'eber.co' || d.host.endsWith('.eber.co') || d.host === 'mmob.com' || d.host.endsWith('.mmob.com')).toBe(true);
        if (d.action !== 'refuse') expect(d.href).toBe(new URL(url).href);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isAllowedNavigation', () => {
  it('denies every navigation of the app (app://signet), even to itself', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    for (const url of ['file:///etc/passwd', 'app://signet/index.html', 'app://evil/', 'http://localhost:5173/']) expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
  });

  it('allows only the loopback dev server itself during development (full origin, port included)', () => {
    expect(isAllowedNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('https://demo.eber.co/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('http://evil.example/', 'http://evil.example')).toBe(false); // not loopback
    expect(isAllowedNavigation('file:///x', 'file://')).toBe(false);
  });
});

describe('loopbackHttpOrigin', () => {
  it('accepts only http on a loopback host', () => {
    expect(loopbackHttpOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(loopbackHttpOrigin('http://127.0.0.1:9/x')).toBe('http://127.0.0.1:9');
    expect(loopbackHttpOrigin('http://[::1]:9/')).toBe('http://[::1]:9');
    for (const url of ['https://localhost:5173/', 'http://evil.example/', 'http://localhost.evil.example/', 'http://u@localhost/', 'file:///x', undefined, '']) {
      expect(loopbackHttpOrigin(url), String(url)).toBeNull();
    }
  });
});

describe('isTrustedSender', () => {
  it('accepts only the top frame of exactly the app origin', () => {
    const app = [APP_ORIGIN];
    expect(isTrustedSender({ url: 'app://signet/index.html', isTopFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'app://signet/index.html#/x', isTopFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'app://signet/index.html', isTopFrame: false }, app)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'app://signet:1/index.html', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'app://u@signet/index.html', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: true }, ['file://'])).toBe(false);
    expect(isTrustedSender({ url: 'https://demo.eber.co/', isTopFrame: true }, app)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:9/x', isTopFrame: true }, ['http://127.0.0.1:9'])).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:10/x', isTopFrame: true }, ['http://127.0.0.1:9'])).toBe(false);
    expect(isTrustedSender({ url: '', isTopFrame: true }, ['file://'])).toBe(false);
  });
});

describe('forbiddenSwitches', () => {
  it('finds debugging switches in argv or on the Chromium command line', () => {
    const none = () => false;
    expect(forbiddenSwitches(['/opt/Signet/signet', '--no-sandbox-x', 'file.txt'], none)).toEqual([]);
    expect(forbiddenSwitches(['signet', '--remote-debugging-port=9222'], none)).toEqual(['remote-debugging-port']);
    expect(forbiddenSwitches(['signet', '--INSPECT'], none)).toEqual(['inspect']);
    expect(forbiddenSwitches(['signet', '--inspect-brk=0'], none)).toEqual(['inspect-brk']);
    expect(forbiddenSwitches(['signet'], (s) => s === 'remote-debugging-pipe')).toEqual(['remote-debugging-pipe']);
  });
});

describe('the Content Security Policy', () => {
  it('is exactly this text (a changed CSP must change this test)', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
  });

  const metaCsp = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];

  it("is index.html's meta tag, character for character (source and, when built, out/renderer)", () => {
    expect(metaCsp(readFileSync('src/renderer/index.html', 'utf8'))).toBe(CONTENT_SECURITY_POLICY);
    let built: string | null = null;
    try {
      built = readFileSync('out/renderer/index.html', 'utf8');
    } catch {
      // not built: the built-main test reports that
    }
    if (built !== null) expect(metaCsp(built)).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('the app:// handler', () => {
  const root = mkdtempSync(join(tmpdir(), 'signet-app-root-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'a.css'), 'body{}');
  const outside = mkdtempSync(join(tmpdir(), 'signet-app-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'outside');
  symlinkSync(outside, join(root, 'linked'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'assets', 'linked.js'));

  it('serves files under the root with their Content-Type and the CSP', async () => {
    const handler = createAppProtocolHandler(root);
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/a.js', 'text/javascript; charset=utf-8'],
      ['/assets/a.css', 'text/css; charset=utf-8'],
    ] as const) {
      const r = await handler(new Request(`app://signet${path}`));
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe(type);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await handler(new Request('app://signet/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it.each([
    'app://signet/../../etc/passwd',
    'app://signet/assets/../index.html',
    'app://signet/%2e%2e/%2e%2e/etc/passwd',
    'app://signet/%2E%2E/x',
    'app://signet/..%2f..%2fetc%2fpasswd',
    'app://signet/..%5c..%5cetc',
    'app://signet/..\\..\\etc\\passwd',
    'app://signet/C:%5cWindows',
    'app://signet/C:/Windows/win.ini',
    'app://signet//etc/passwd',
    'app://signet/linked/secret.txt',
    'app://signet/assets/linked.js',
    'app://signet/index.html%00.js',
    'app://evil/index.html',
    'app://u:p@signet/index.html',
    'file:///etc/passwd',
    'app://signet/assets',
    'app://signet/nope.js',
  ])('refuses %s', async (url) => {
    const r = await resolveAppAsset(root, url);
    expect('status' in r ? r.status : 200).toBeGreaterThanOrEqual(400);
  });

  it('never resolves outside the root, whatever the path', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('..', '.', '%2e%2e', '%2e', 'assets', 'index.html', 'linked', '', '%2f', '%5c', 'etc', '\\'), { maxLength: 6 }), async (segments) => {
        const r = await resolveAppAsset(root, `app://signet/${segments.join('/')}`);
        if ('path' in r) expect(r.path.startsWith(`${root}/`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
