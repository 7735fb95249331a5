/**
 * The capture receiver under real traffic: Node's fetch (and raw sockets, for what fetch will not send) against
 * the running server on loopback. Only 127.0.0.1 and ::1 are ever contacted.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { hashEber } from '../core/node/eber/hash';
import { signMmob } from '../core/node/mmob/sign';
import { startReceiver, type CaptureEntry, type Receiver, type ReceiverOptions } from './receiver';

const EBER_SECRET = 'Eb3r-Capture-Test-Key-0001';
const MMOB_SECRET = Buffer.from('mmob-capture-test-secret-0001').toString('base64');
const TZ = 'Asia/Singapore';
const NOW = new Date('2030-01-15T00:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const EXPIRY = '2030-01-15 09:30:00'; // 01:30Z: 90 minutes after NOW
const CP = { cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9' };

const started: Receiver[] = [];
const others: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((r) => r.stop()));
  await Promise.all(others.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function receiver(extra: Partial<ReceiverOptions> = {}) {
  const entries: CaptureEntry[] = [];
  const { receiver: r, info } = await startReceiver({
    eber: { secret: EBER_SECRET, timezone: TZ },
    mmob: { secret: MMOB_SECRET, toleranceSeconds: 60 },
    now: () => NOW,
    onEntry: (e) => entries.push(e),
    ...extra,
  });
  started.push(r);
  return { r, info, entries, base: info.baseUrl };
}

const enc = (s: string) => encodeURIComponent(s);
function eberQuery(email: string, o: { secret?: string; expiry?: string; hashOf?: string } = {}) {
  const expiry = o.expiry ?? EXPIRY;
  const hash = hashEber({ secret: o.secret ?? EBER_SECRET, identifierType: 'email', identifier: o.hashOf ?? email, expiry });
  return `hmac_email=${enc(email)}&hmac_hash=${hash}&hmac_expiry_date=${enc(expiry)}`;
}
function bootForm(email: string, o: { secret?: string; nonce?: string; timestamp?: number } = {}) {
  const s = signMmob({ ...CP, email, secret: o.secret ?? MMOB_SECRET, timestamp: o.timestamp ?? NOW_S, nonce: o.nonce });
  return new URLSearchParams({ cp_id: CP.cpId, cp_deployment_id: CP.cpDeploymentId, signature: s.signature, page: 'home', locale: 'en', email, first_name: 'Ann' });
}

/** Sends bytes on a raw socket to 127.0.0.1 and returns the whole answer (the server closes or we time out). */
function raw(port: number, bytes: string, o: { waitMs?: number; host?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, o.host ?? '127.0.0.1');
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', (e) => (out ? resolve(out) : reject(e)));
    socket.on('close', () => resolve(out));
    socket.write(bytes, 'latin1');
    if (o.waitMs) setTimeout(() => socket.destroy(), o.waitMs);
  });
}
const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

describe('capture receiver: Eber login redirects', () => {
  it('binds loopback only, on a free port, and verifies a valid login URL', async () => {
    const { r, info, entries, base } = await receiver();
    expect(info.port).toBeGreaterThan(0);
    for (const a of info.addresses) expect(['127.0.0.1', '::1']).toContain(a);
    const query = eberQuery('member@example.com');
    const res = await fetch(`${base}/login/hmac?${query}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-signet-verdict')).toBe('valid');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const [name] of res.headers) expect(name).not.toMatch(/^access-control-/);
    expect(html).toContain('Valid login URL');
    expect(html).not.toMatch(/<script|src=|href="http/);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 1, scheme: 'eber', identifier: 'member@example.com', verdict: 'valid', codes: [] });
    expect(entries[0]!.request.line).toBe(`GET /login/hmac?${query} HTTP/1.1`);
    expect(r.list(0).entries).toEqual(entries);
    if (info.addresses.includes('::1')) {
      const v6 = await fetch(`http://[::1]:${info.port}/login/hmac?${query}`);
      expect(v6.headers.get('x-signet-verdict')).toBe('valid');
    }
  });

  it('names the common mistakes: wrong secret, "+" decoded as space, expired', async () => {
    const { entries, base } = await receiver();
    await fetch(`${base}/login/hmac?${eberQuery('a@example.com', { secret: 'not-the-secret' })}`);
    // The integrator hashed "ann+1@…" but put the + in the query unencoded: PHP reads a space.
    const hash = hashEber({ secret: EBER_SECRET, identifierType: 'email', identifier: 'ann+1@example.com', expiry: EXPIRY });
    const plus = await fetch(`${base}/login/hmac?hmac_email=ann+1@example.com&hmac_hash=${hash}&hmac_expiry_date=${enc(EXPIRY)}`);
    expect(await plus.text()).toContain('PLUS_DECODED_AS_SPACE');
    await fetch(`${base}/login/hmac?${eberQuery('b@example.com', { expiry: '2030-01-14 09:30:00' })}`);
    expect(entries.map((e) => [e.verdict, e.codes, e.hints])).toEqual([
      ['invalid', ['HASH_MISMATCH'], []],
      ['invalid', ['HASH_MISMATCH'], ['PLUS_DECODED_AS_SPACE']],
      ['invalid', ['EXPIRED'], []],
    ]);
    expect(entries[1]!.identifier).toBe('ann 1@example.com');
    expect(entries[1]!.parameters[0]).toEqual({ name: 'hmac_email', raw: 'ann+1@example.com', decoded: 'ann 1@example.com' });
  });

  it('survives malformed queries, each recorded with its verdict and the raw target', async () => {
    const { entries, base, info } = await receiver();
    const targets = [
      '/login/hmac',
      '/login/hmac?hmac_email=%zz&hmac_hash=%',
      '/login/hmac?hmac_email=&hmac_hash=',
      '/login/hmac?hmac_email=a@b.co&hmac_email=c@d.co&hmac_hash=00',
      '/login/hmac?&&&=&==&hmac_hash=' + 'f'.repeat(64),
      '/login/hmac?hmac_email=a@b.co&hmac_hash=' + 'x'.repeat(64) + '&hmac_expiry_date=2030-02-30+00:00:00',
      '/login/hmac?hmac_phone=60123&hmac_hash=' + 'a'.repeat(64) + '&hmac_locale=xx',
      `/login/hmac?hmac_email=${'a'.repeat(20_000)}`,
    ];
    for (const t of targets) {
      const res = await fetch(`${base}${t}`);
      expect(res.status, t).toBe(200);
      await res.text();
    }
    expect(entries).toHaveLength(targets.length);
    expect(entries.map((e) => e.request.target)).toEqual(targets);
    expect(entries.every((e) => e.verdict !== 'valid')).toBe(true);
    expect(entries[0]!.codes).toContain('IDENTIFIER_MISSING');
    // A repeated hmac_email is read as PHP reads it (the last one, with a PARAMETER_REPEATED warning): here the
    // hash "00" is what makes it invalid.
    expect(entries[3]!.codes).toEqual(['HASH_MALFORMED']);
    expect(entries[5]!.codes).toContain('EXPIRY_FORMAT');
    expect(entries[6]!.codes).toEqual(expect.arrayContaining(['PHONE_CODE_MISSING', 'LOCALE_UNSUPPORTED']));
    expect(entries[7]!.codes).toEqual(['URL_INVALID']);
    // An empty query ("?" and nothing) is kept as sent.
    expect(statusOf(await raw(info.port, `GET /login/hmac? HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nConnection: close\r\n\r\n`))).toBe(200);
    expect(entries.at(-1)!.request.line).toBe('GET /login/hmac? HTTP/1.1');
    // Bytes Node's parser refuses (non-ASCII in the target, a bare space): 400, nothing recorded, still running.
    expect(statusOf(await raw(info.port, `GET /login/hmac?e=\xe9 HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\n\r\n`))).toBe(400);
    expect(statusOf(await raw(info.port, `GET /login/hmac?a b HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\n\r\n`))).toBe(400);
    expect(statusOf(await raw(info.port, `\x00\x01garbage\r\n\r\n`))).toBe(400);
    expect(entries).toHaveLength(targets.length + 1);
    expect((await fetch(`${base}/login/hmac?${eberQuery('ok@example.com')}`)).headers.get('x-signet-verdict')).toBe('valid');
  });

  it('escapes every value it shows', async () => {
    const { base } = await receiver();
    const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>@example.com`;
    const html = await (await fetch(`${base}/login/hmac?${eberQuery(evil)}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

describe('capture receiver: mmob boot posts', () => {
  it('verifies a form post and a JSON post, and flags a replayed nonce', async () => {
    const { entries, base } = await receiver();
    const form = bootForm('ann@example.com');
    const res = await fetch(`${base}/boot`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-signet-verdict')).toBe('valid');
    const replay = await fetch(`${base}/boot`, { method: 'POST', body: form });
    expect(await replay.text()).toContain('NONCE_REUSED');
    const json = Object.fromEntries(bootForm('bob@example.com'));
    const j = await fetch(`${base}/boot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    expect(j.headers.get('x-signet-verdict')).toBe('valid');
    const wrong = await fetch(`${base}/boot`, { method: 'POST', body: bootForm('c@example.com', { secret: Buffer.from('other').toString('base64') }) });
    expect(wrong.headers.get('x-signet-verdict')).toBe('invalid');
    const asText = await fetch(`${base}/boot`, {
      method: 'POST',
      body: bootForm('d@example.com', { secret: Buffer.from(MMOB_SECRET).toString('base64') }),
    });
    expect(await asText.text()).toContain('SECRET_USED_AS_TEXT');
    const old = await fetch(`${base}/boot`, { method: 'POST', body: bootForm('e@example.com', { timestamp: NOW_S - 3600 }) });
    expect(await old.text()).toContain('TIMESTAMP_TOO_OLD');
    expect(entries.map((e) => [e.identifier, e.verdict, e.codes])).toEqual([
      ['ann@example.com', 'valid', []],
      ['ann@example.com', 'invalid', ['NONCE_REUSED']],
      ['bob@example.com', 'valid', []],
      ['c@example.com', 'invalid', ['SIGNATURE_MISMATCH']],
      ['d@example.com', 'invalid', ['SIGNATURE_MISMATCH']],
      ['e@example.com', 'invalid', ['TIMESTAMP_TOO_OLD']],
    ]);
    expect(entries[0]!.request.body).toBe(form.toString());
    expect(entries[0]!.parameters.map((p) => p.name)).toEqual(['cp_id', 'cp_deployment_id', 'signature', 'page', 'locale', 'email', 'first_name']);
  });

  it('records malformed posts and refuses other media types with 415', async () => {
    const { entries, base } = await receiver();
    const missing = await fetch(`${base}/boot`, { method: 'POST', body: new URLSearchParams({ cp_id: 'x', email: 'a@b.co' }) });
    expect(missing.status).toBe(400);
    const badJson = await fetch(`${base}/boot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"cp_id":' });
    expect(badJson.status).toBe(400);
    const xml = await fetch(`${base}/boot`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<boot/>' });
    expect(xml.status).toBe(415);
    const badSig = await fetch(`${base}/boot`, { method: 'POST', body: new URLSearchParams({ ...CP, cp_id: 'a', cp_deployment_id: 'b', signature: 'nope' }) });
    expect(badSig.headers.get('x-signet-verdict')).toBe('malformed');
    expect(entries.map((e) => [e.verdict, e.codes])).toEqual([
      ['malformed', ['FIELD_MISSING']],
      ['malformed', ['JSON_INVALID']],
      ['malformed', ['FORMAT']],
      ['malformed', ['SIGNATURE_MALFORMED']],
    ]);
  });
});

describe('capture receiver: hostile requests', () => {
  it('refuses a foreign Host (DNS rebinding) with 421, and a missing one with 400', async () => {
    const { entries, info, r } = await receiver();
    for (const host of ['evil.example', `evil.example:${info.port}`, `127.0.0.1:${info.port + 1}`, '127.0.0.1', `0.0.0.0:${info.port}`]) {
      const answer = await raw(info.port, `GET /login/hmac?${eberQuery('a@b.co')} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(421);
      expect(answer).not.toMatch(/access-control/i);
    }
    expect(statusOf(await raw(info.port, `GET /login/hmac HTTP/1.1\r\nConnection: close\r\n\r\n`))).toBe(400);
    for (const host of [`127.0.0.1:${info.port}`, `localhost:${info.port}`, `LOCALHOST:${info.port}`]) {
      const answer = await raw(info.port, `GET /login/hmac?${eberQuery('a@b.co')} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(200);
    }
    // Two Host headers (the second a rebinding name), HTTP/1.0 without Host, an absolute-form target naming another host.
    const q = `/login/hmac?${eberQuery('a@b.co')}`;
    expect(statusOf(await raw(info.port, `GET ${q} HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`))).toBeGreaterThanOrEqual(400);
    expect(statusOf(await raw(info.port, `GET ${q} HTTP/1.0\r\n\r\n`))).toBe(421);
    expect(statusOf(await raw(info.port, `GET http://evil.example${q} HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nConnection: close\r\n\r\n`))).toBe(404);
    // Request smuggling shapes: Node's strict parser refuses them before any handler.
    expect(
      statusOf(await raw(info.port, `POST /boot HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`)),
    ).toBe(400);
    expect(statusOf(await raw(info.port, `POST /boot HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde`))).toBe(400);
    // Look-alike paths are not the capture paths.
    for (const path of ['/login/hmac/', '//login/hmac', '/LOGIN/HMAC', '/login/%68mac', '/boot/', '/login/hmac;x'])
      expect((await fetch(`http://127.0.0.1:${info.port}${path}?${eberQuery('a@b.co')}`)).status, path).toBe(404);
    expect(entries).toHaveLength(3);
    expect(r.stats.refused.host).toBeGreaterThanOrEqual(6);
  });

  it('answers 404 naming its paths, 405 for the wrong method, and never a CORS header (preflight included)', async () => {
    const { base } = await receiver();
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain('/login/hmac');
    expect(text).toContain('POST /boot');
    expect((await fetch(`${base}/boot`)).status).toBe(405);
    expect((await fetch(`${base}/login/hmac`, { method: 'POST', body: 'x' })).status).toBe(405);
    const preflight = await fetch(`${base}/boot`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    for (const [name] of preflight.headers) expect(name).not.toMatch(/^access-control-/);
  });

  it('refuses an oversized body (declared or streamed) with 413 and oversized headers with 431', async () => {
    const { entries, info, base, r } = await receiver({ limits: { maxBodyBytes: 4096, maxHeaderBytes: 8192 } });
    const big = await fetch(`${base}/boot`, { method: 'POST', body: 'a='.padEnd(10_000, 'x') });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('4096 bytes');
    // Chunked, no Content-Length: caught while streaming.
    const chunked = await raw(
      info.port,
      `POST /boot HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `1000\r\n${'x'.repeat(4096)}\r\n1000\r\n${'x'.repeat(4096)}\r\n0\r\n\r\n`,
    );
    expect(statusOf(chunked)).toBe(413);
    const headers = await raw(info.port, `GET /login/hmac HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nX-Big: ${'h'.repeat(10_000)}\r\n\r\n`);
    expect(statusOf(headers)).toBe(431);
    expect(headers).toContain('exceed 8192 bytes');
    const longUrl = await fetch(`${base}/login/hmac?hmac_email=${'a'.repeat(9000)}`);
    expect(longUrl.status).toBe(431);
    expect(entries).toHaveLength(0);
    expect(r.stats.refused).toMatchObject({ bodyTooLarge: 2, headersTooLarge: 2 });
    expect((await fetch(`${base}/boot`, { method: 'POST', body: bootForm('ok@example.com') })).status).toBe(200);
  });

  it('times out a slow client (408) and keeps serving others', async () => {
    const { info, base, r } = await receiver({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const t0 = performance.now();
    const slow = raw(info.port, `GET /login/hmac?hmac_email=a HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nX-Slow: `, { waitMs: 5_000 });
    const slowBody = raw(
      info.port,
      `POST /boot HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nContent-Length: 100\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ncp_id=`,
      { waitMs: 5_000 },
    );
    expect((await fetch(`${base}/login/hmac?${eberQuery('fast@example.com')}`)).status).toBe(200);
    const [a, b] = await Promise.all([slow, slowBody]);
    expect(statusOf(a)).toBe(408);
    expect(statusOf(b)).toBe(408);
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(r.stats.refused.timeout).toBe(2);
  });

  it('caps the request rate (429 with Retry-After) and requests in flight', async () => {
    const { base, info, r } = await receiver({ limits: { perSecond: 5, maxInFlight: 2 } });
    // Two boot posts whose bodies never finish hold both slots.
    const held = [0, 1].map(() =>
      raw(info.port, `POST /boot HTTP/1.1\r\nHost: 127.0.0.1:${info.port}\r\nContent-Length: 50\r\n\r\ncp_id=`, { waitMs: 800 }),
    );
    await new Promise((res) => setTimeout(res, 150));
    const busy = await fetch(`${base}/login/hmac?${eberQuery('x@example.com')}`);
    expect(busy.status).toBe(429);
    expect(await busy.text()).toContain('at most 2 requests at once');
    await Promise.all(held);
    await new Promise((res) => setTimeout(res, 1_100));
    const burst = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/favicon.ico`)));
    const statuses = burst.map((b) => b.status).sort();
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const limited = burst.find((b) => b.status === 429)!;
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.text()).toContain('at most 5 requests per second');
    expect(r.stats.refused.rate).toBe(3);
  });

  it('never shows, keeps or exports a secret, even one the client sent', async () => {
    const { entries, base, r } = await receiver();
    const bodies: string[] = [];
    const q = `hmac_email=${enc(EBER_SECRET)}&hmac_hash=${'0'.repeat(64)}`;
    const a = await fetch(`${base}/login/hmac?${q}`);
    bodies.push(await a.text(), JSON.stringify([...a.headers]));
    const b = await fetch(`${base}/boot`, { method: 'POST', body: new URLSearchParams({ ...bootForm('z@example.com'), first_name: MMOB_SECRET }) });
    bodies.push(await b.text());
    const all = [...bodies, JSON.stringify(entries), r.exportJsonl()].join('\n');
    expect(entries).toHaveLength(2);
    expect(all).not.toContain(EBER_SECRET);
    expect(all).not.toContain(MMOB_SECRET);
    expect(all).toContain('[secret redacted]');
  });
});

describe('capture receiver: forward mode', () => {
  async function standIn() {
    const received: string[] = [];
    const server = createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('stand-in Eber');
    });
    others.push(server);
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    return { received, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
  }

  it('"valid" sends a valid login on with the same raw query, byte for byte; an invalid one sees the verdict', async () => {
    const eber = await standIn();
    const { base, entries } = await receiver({
      forward: 'valid',
      eber: { secret: EBER_SECRET, timezone: TZ, forwardTo: eber.origin },
    });
    // Encodings that a decode/re-encode would change: %2B vs +, %20, lower-case hex, %7E, unreserved ! * ' ( ).
    const email = "o'neil+tag~x@example.com";
    const hash = hashEber({ secret: EBER_SECRET, identifierType: 'email', identifier: email, expiry: EXPIRY });
    const query = `hmac_email=o%27neil%2btag%7Ex%40example.com&hmac_hash=${hash}&hmac_expiry_date=2030-01-15%2009:30:00&hmac_locale=en&x=!*()`;
    const manual = await fetch(`${base}/login/hmac?${query}`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe(`${eber.origin}/login/hmac?${query}`);
    // Followed by a client that sends the Location as is: the stand-in receives exactly those bytes.
    await new Promise<void>((resolve, reject) => {
      httpRequest(manual.headers.get('location')!, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    // And by fetch, as a browser would follow it.
    const followed = await fetch(`${base}/login/hmac?${query}`);
    expect(await followed.text()).toBe('stand-in Eber');
    expect(eber.received).toEqual([`/login/hmac?${query}`, `/login/hmac?${query}`]);
    expect(entries.map((e) => [e.verdict, e.forwardedTo])).toEqual([
      ['valid', `${eber.origin}/login/hmac?${query}`],
      ['valid', `${eber.origin}/login/hmac?${query}`],
    ]);
    const invalid = await fetch(`${base}/login/hmac?${eberQuery('a@example.com', { secret: 'wrong' })}`, { redirect: 'manual' });
    expect(invalid.status).toBe(200);
    expect(eber.received).toHaveLength(2);
  });

  it('"always" forwards an invalid login too, recording its verdict', async () => {
    const eber = await standIn();
    const { base, entries } = await receiver({ forward: 'always', eber: { secret: EBER_SECRET, timezone: TZ, forwardTo: eber.origin } });
    const query = eberQuery('a+b@example.com', { secret: 'wrong' }).replace('%2B', '+');
    const res = await fetch(`${base}/login/hmac?${query}`);
    expect(await res.text()).toBe('stand-in Eber');
    expect(eber.received).toEqual([`/login/hmac?${query}`]);
    expect(entries[0]).toMatchObject({ verdict: 'invalid', forwardedTo: `${eber.origin}/login/hmac?${query}` });
  });

  it('refuses to forward without an https origin', async () => {
    await expect(receiver({ forward: 'valid' })).rejects.toMatchObject({ code: 'BASE_URL_REQUIRED' });
    for (const forwardTo of ['http://demo.eber.co', 'https://demo.eber.co/login', 'not a url'])
      await expect(receiver({ forward: 'always', eber: { secret: EBER_SECRET, timezone: TZ, forwardTo } })).rejects.toMatchObject({
        code: expect.stringMatching(/^BASE_URL_/),
      });
  });
});

describe('capture receiver: start-up', () => {
  it('takes a chosen port, and says clearly when it is taken', async () => {
    const first = await receiver();
    await expect(receiver({ port: first.info.port })).rejects.toMatchObject({ code: 'CAPTURE_PORT', message: expect.stringContaining('already in use') });
    await expect(receiver({ port: 70_000 })).rejects.toMatchObject({ code: 'CAPTURE_PORT' });
    await expect(startReceiver({})).rejects.toMatchObject({ code: 'CAPTURE_SCHEME' });
    await expect(startReceiver({ eber: { secret: 's', timezone: 'Not/AZone' } })).rejects.toMatchObject({ code: 'TIMEZONE_INVALID' });
    await first.r.stop();
    const again = await receiver({ port: first.info.port });
    expect(again.info.port).toBe(first.info.port);
  });

  it('keeps a bounded number of entries and pages through them by id', async () => {
    const { r, base } = await receiver({ limits: { maxEntries: 5 } });
    for (let i = 0; i < 8; i++) await (await fetch(`${base}/login/hmac?${eberQuery(`u${i}@example.com`)}`)).text();
    expect(r.stats).toMatchObject({ captured: 8, dropped: 3, valid: 8 });
    expect(r.list(0).entries.map((e) => e.id)).toEqual([4, 5, 6, 7, 8]);
    expect(r.list(6).entries.map((e) => e.id)).toEqual([7, 8]);
    expect(r.list(0, 2)).toMatchObject({ lastId: 8, more: true });
    expect(r.exportJsonl().trim().split('\n').map((l) => (JSON.parse(l) as CaptureEntry).identifier)).toEqual(
      [4, 5, 6, 7, 8].map((i) => `u${i - 1}@example.com`),
    );
  });
});

describe('capture receiver: 1,000 concurrent requests', () => {
  it('loses none and mixes none up; prints throughput and p95 latency', async () => {
    const { r, base, entries } = await receiver();
    const N = 1_000;
    const latencies: number[] = [];
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const email = `user${i}.${i % 7}@example.com`;
        const start = performance.now();
        const res =
          i % 2 === 0
            ? await fetch(`${base}/login/hmac?${eberQuery(email)}`)
            : await fetch(`${base}/boot`, { method: 'POST', body: bootForm(email) });
        await res.text();
        latencies.push(performance.now() - start);
        return { email, scheme: i % 2 === 0 ? 'eber' : 'mmob', status: res.status, id: Number(res.headers.get('x-signet-capture')), verdict: res.headers.get('x-signet-verdict') };
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(N * 0.95) - 1]!;
    const p50 = latencies[Math.floor(N * 0.5) - 1]!;
    console.info(
      `capture receiver, ${N} concurrent requests (half Eber GET, half mmob POST): ${(N / seconds).toFixed(0)} req/s, ` +
        `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms, wall ${(seconds * 1000).toFixed(0)} ms`,
    );
    expect(answers.every((a) => a.status === 200 && a.verdict === 'valid')).toBe(true);
    expect(entries).toHaveLength(N);
    expect(new Set(answers.map((a) => a.id)).size).toBe(N);
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const a of answers) {
      const e = byId.get(a.id)!;
      expect([e.identifier, e.scheme]).toEqual([a.email, a.scheme]);
      expect(e.request.line.includes(enc(a.email)) || (e.request.body ?? '').includes(enc(a.email))).toBe(true);
    }
    expect(r.stats).toMatchObject({ requests: N, captured: N, valid: N });
    expect(Object.values(r.stats.refused).every((n) => n === 0)).toBe(true);
  }, 180_000); // client and server share this one thread, on a shared machine
});
