import { describe, expect, it } from 'vitest';
import { SignetError } from './errors';
import { isEberLoginUrl, isMmobBootUrl, MAX_HAR_CHARS, parseBootBody, scanHar } from './har';

const LOGIN = 'https://demo.eber.co/login/hmac?hmac_email=a%2Bb%40x.co&hmac_hash=abc&hmac_expiry_date=2030-01-15%2009:30:00';
const entry = (request: Record<string, unknown>, response: Record<string, unknown> = {}, started = '2030-01-15T00:00:00.000Z') => ({
  startedDateTime: started,
  request: { method: 'GET', headers: [], ...request },
  response: { status: 200, headers: [], ...response },
});
const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'devtools' }, entries } });

describe('scanHar', () => {
  it('finds Eber login URLs (raw query untouched) and mmob boot posts, in entry order', () => {
    const body = 'cp_id=cp_1&cp_deployment_id=cpd_1&signature=1%3Aab%2B%3D%3An&page=home&email=ann%2B1%40x.co&first_name=Ann+Lee';
    const scan = scanHar(
      har([
        entry({ url: 'https://app.example.com/' }),
        entry({ url: LOGIN }),
        entry({
          method: 'POST',
          url: 'https://marketplace.example.com/boot',
          postData: { mimeType: 'application/x-www-form-urlencoded', text: body },
        }),
        entry({ url: 'https://demo.eber.co/login/hmac' }), // no query: not a login attempt
      ]),
    );
    expect(scan).toMatchObject({ entries: 4, skipped: 0, truncated: 0, bodiesMissing: 0 });
    expect(scan.findings).toHaveLength(2);
    expect(scan.findings[0]).toEqual({ scheme: 'eber', entry: 1, startedAt: '2030-01-15T00:00:00.000Z', url: LOGIN, source: 'request' });
    const boot = scan.findings[1]!;
    expect(boot.scheme).toBe('mmob');
    if (boot.scheme !== 'mmob' || !boot.parsed.ok) throw new Error('expected a parsed boot post');
    expect(boot.parsed.fields).toMatchObject({
      cpId: 'cp_1',
      cpDeploymentId: 'cpd_1',
      signature: '1:ab+=:n',
      email: 'ann+1@x.co',
      customerInfo: { email: 'ann+1@x.co', first_name: 'Ann Lee' },
    });
  });

  it('reports a login URL reached by redirect once, as the request the browser then made', () => {
    const scan = scanHar(
      har([
        entry({ url: 'https://app.example.com/sso' }, { status: 302, redirectURL: LOGIN }),
        entry({ url: LOGIN }),
        entry({ url: 'https://app.example.com/sso2' }, { status: 302, headers: [{ name: 'Location', value: LOGIN + '&x=1' }] }),
      ]),
    );
    expect(scan.findings.map((f) => [f.entry, f.scheme === 'eber' && f.source])).toEqual([
      [1, 'request'],
      [2, 'redirect'],
    ]);
  });

  it('reads boot posts given as params only, or as JSON, and counts bodies devtools left out', () => {
    const scan = scanHar(
      har([
        entry({ method: 'POST', url: 'http://127.0.0.1:4000/boot', postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'cp_id', value: 'a b' }, { name: 'signature', value: 's' }] } }),
        entry({ method: 'POST', url: 'https://m.example.com/api/boot', postData: { mimeType: 'application/json', text: '{"cp_id":"x","customerInfo":{"email":"e@x.co"}}' } }),
        entry({ method: 'POST', url: 'https://m.example.com/boot' }),
      ]),
    );
    expect(scan.bodiesMissing).toBe(1);
    const fields = scan.findings.map((f) => (f.scheme === 'mmob' && f.parsed.ok ? f.parsed.fields : null));
    expect(fields[0]).toMatchObject({ cpId: 'a b', signature: 's' });
    expect(fields[1]).toMatchObject({ cpId: 'x', email: 'e@x.co' });
    expect(fields[2]).toMatchObject({ cpId: null, signature: null });
  });

  it('skips unreadable entries and refuses what is not a HAR with a clear message', () => {
    expect(scanHar(har([null, 5, 'x', { request: {} }, { request: { url: 7 } }, entry({ url: LOGIN })]))).toMatchObject({ entries: 6, skipped: 5 });
    const refusals: [string, RegExp][] = [
      ['', /empty/],
      ['   \n', /empty/],
      ['{"log": {"entries": [', /not valid JSON.*truncated/],
      ['{\n  "log": {\n    "entries": [}\n', /line 3, column|Unexpected token/],
      ['[]', /no log\.entries/],
      ['{"log": {}}', /no log\.entries/],
      ['{"log": {"entries": {}}}', /no log\.entries/],
      ['\u0000\u0001PK', /not valid JSON/],
      ['null', /no log\.entries/],
    ];
    for (const [text, message] of refusals) {
      let error: unknown;
      try {
        scanHar(text);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(text)).toBeInstanceOf(SignetError);
      expect((error as SignetError).code).toBe('HAR_INVALID');
      expect((error as SignetError).message).toMatch(message);
    }
    expect(scanHar('\ufeff' + har([])).entries).toBe(0);
  });

  it('refuses a huge HAR unread, and survives a large one', () => {
    const huge = { length: MAX_HAR_CHARS + 1 } as unknown as string; // only its length is read
    expect(() => scanHar(huge)).toThrow(expect.objectContaining({ code: 'HAR_TOO_LARGE' }));
    const many = Array.from({ length: 50_000 }, (_, i) => entry({ url: i % 10 === 0 ? `${LOGIN}&n=${i}` : `https://cdn.example.com/${i}.js` }));
    const scan = scanHar(har(many));
    expect(scan.findings).toHaveLength(5_000);
    const deep = '{"log":{"entries":[' + '['.repeat(100_000) + ']'.repeat(100_000) + ']}}';
    try {
      expect(scanHar(deep).findings).toHaveLength(0); // a nesting bomb is either read or refused cleanly
    } catch (e) {
      expect(e).toBeInstanceOf(SignetError);
    }
  });
});

describe('parseBootBody', () => {
  it('decodes a form as the marketplace does (+ is a space, the last repeated field wins)', () => {
    const r = parseBootBody('application/x-www-form-urlencoded; charset=UTF-8', 'email=a+b%40x.co&cp_id=1&cp_id=2&extra=1');
    expect(r).toMatchObject({ ok: true, format: 'form', fields: { email: 'a b@x.co', cpId: '2', unknownFields: ['extra'] } });
  });
  it('refuses bodies it cannot read, saying why', () => {
    expect(parseBootBody('application/json', '[1]')).toMatchObject({ ok: false, code: 'JSON_NOT_OBJECT' });
    expect(parseBootBody('application/json', '{')).toMatchObject({ ok: false, code: 'JSON_INVALID' });
    expect(parseBootBody('multipart/form-data; boundary=x', '--x')).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(parseBootBody('', 'x'.repeat(70_000))).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(parseBootBody('application/json', '{"__proto__":{"cp_id":"p"},"signature":{"x":1}}')).toMatchObject({
      ok: true,
      fields: { cpId: null, signature: null },
    });
  });
  it('recognises the URLs', () => {
    expect(isEberLoginUrl(LOGIN)).toBe(true);
    expect(isEberLoginUrl('https://demo.eber.co/login/hmacx?a=1')).toBe(false);
    expect(isEberLoginUrl('/login/hmac?a=1')).toBe(false);
    expect(isMmobBootUrl('https://m.example.com/boot?x=1')).toBe(true);
    expect(isMmobBootUrl('https://m.example.com/reboot')).toBe(false);
  });
});
