/**
 * The capture channels through the real IPC gate and handlers: profiles name the secrets, the receiver runs on
 * loopback, real requests arrive, the renderer polls; no answer ever carries a secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashEber } from '../../../core/node/eber/hash';
import { signMmob } from '../../../core/node/mmob/sign';
import { makeServices } from '../../../testing/main-services';
import type { ChannelName, IpcResult, RequestOf, ResponseOf } from '../../../shared/contract';

const EBER_SECRET = 'Eb3r-IPC-Capture-Secret-77';
const MMOB_SECRET = Buffer.from('mmob-ipc-capture-secret-77').toString('base64');
const NOW = new Date('2030-01-15T00:00:00Z');
const EXPIRY = '2030-01-15 09:30:00';

const running: { stop: () => Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function setup() {
  const s = await makeServices({ now: () => NOW });
  running.push(s.capture);
  const call = <C extends ChannelName>(channel: C, payload: RequestOf<C> | Record<string, unknown>) =>
    s.call(channel, payload) as Promise<IpcResult<ResponseOf<C>>>;
  const eber = await s.vault.create({
    kind: 'eber',
    name: 'Demo Eber',
    settings: { baseUrl: 'https://demo.eber.co', timezone: 'Asia/Singapore', defaultLocale: null, defaultIdentifierType: 'email' },
    secret: EBER_SECRET,
  });
  const mmob = await s.vault.create({
    kind: 'mmob',
    name: 'Demo mmob',
    settings: { cpId: 'cp_1', cpDeploymentId: 'cpd_1', defaultEmail: '', marketplaceUrl: 'https://m.example.com', securityLevel: 'SECURE_IDENTITY' },
    secret: MMOB_SECRET,
  });
  return { s: { ...s, call }, eber, mmob };
}

describe('capture:* channels', () => {
  it('start → real traffic → status, list (polling by id), export → stop; no secret crosses', async () => {
    const { s, eber, mmob } = await setup();
    const started = await s.call('capture:start', { eberProfileId: eber.id, mmobProfileId: mmob.id, forward: 'never' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { baseUrl, marketplaceUrl, port } = started.data;
    expect(baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(marketplaceUrl).toBe(baseUrl);

    const hash = hashEber({ secret: EBER_SECRET, identifierType: 'email', identifier: 'a@example.com', expiry: EXPIRY });
    await (await fetch(`${baseUrl}/login/hmac?hmac_email=a%40example.com&hmac_hash=${hash}&hmac_expiry_date=2030-01-15%2009%3A30%3A00`)).text();
    const sig = signMmob({ secret: MMOB_SECRET, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'b@example.com', timestamp: NOW.getTime() / 1000 });
    const form = new URLSearchParams({ cp_id: 'cp_1', cp_deployment_id: 'cpd_1', signature: sig.signature, page: 'p', email: 'b@example.com' });
    await (await fetch(`${marketplaceUrl}/boot`, { method: 'POST', body: form })).text();

    const first = await s.call('capture:list', {});
    expect(first).toMatchObject({ ok: true, data: { lastId: 2, more: false, running: true } });
    if (!first.ok) return;
    expect(first.data.entries.map((e) => [e.scheme, e.identifier, e.verdict])).toEqual([
      ['eber', 'a@example.com', 'valid'],
      ['mmob', 'b@example.com', 'valid'],
    ]);
    expect(await s.call('capture:list', { sinceId: 2 })).toMatchObject({ ok: true, data: { entries: [] } });
    const status = await s.call('capture:status', {});
    expect(status).toMatchObject({
      ok: true,
      data: { running: true, port, eber: { source: 'profile Demo Eber', timezone: 'Asia/Singapore' }, mmob: { source: 'profile Demo mmob' }, stats: { captured: 2, valid: 2 } },
    });
    const exported = await s.call('capture:export', {});
    expect(exported).toMatchObject({ ok: true, data: { count: 2 } });
    expect(await s.call('capture:stop', {})).toEqual({ ok: true, data: { stopped: true } });
    expect(await s.call('capture:stop', {})).toEqual({ ok: true, data: { stopped: false } });
    await expect(fetch(`${baseUrl}/login/hmac`)).rejects.toThrow();
    // Captures stay readable after the stop, until the next start.
    expect(await s.call('capture:list', {})).toMatchObject({ ok: true, data: { running: false, lastId: 2 } });
    const everything = JSON.stringify([started, first, status, exported, s.logs, s.vault.history()]);
    expect(everything).not.toContain(EBER_SECRET);
    expect(everything).not.toContain(MMOB_SECRET);
  });

  it('refuses what cannot run, with a code and a field', async () => {
    const { s, eber, mmob } = await setup();
    expect(await s.call('capture:start', {})).toMatchObject({ ok: false, error: { code: 'CAPTURE_SCHEME' } });
    expect(await s.call('capture:start', { eberProfileId: mmob.id })).toMatchObject({ ok: false, error: { code: 'PROFILE_KIND' } });
    expect(await s.call('capture:start', { mmobProfileId: mmob.id, forward: 'valid' })).toMatchObject({
      ok: false,
      error: { code: 'BASE_URL_REQUIRED', field: 'forward' },
    });
    expect(await s.call('capture:start', { eberProfileId: eber.id, port: 70000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await s.call('capture:start', { eberProfileId: eber.id, secret: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const a = await s.call('capture:start', { eberProfileId: eber.id, forward: 'valid' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    // A second main (or another program) on the same port: a clear error, the running capture untouched.
    const other = await setup();
    running.push(other.s.capture);
    expect(await other.s.call('capture:start', { eberProfileId: other.eber.id, port: a.data.port })).toMatchObject({
      ok: false,
      error: { code: 'CAPTURE_PORT', field: 'port' },
    });
    expect(await s.call('capture:status', {})).toMatchObject({ ok: true, data: { running: true, forward: 'valid', forwardTo: 'https://demo.eber.co' } });
    // Starting again replaces the running receiver.
    const b = await s.call('capture:start', { mmobProfileId: mmob.id });
    expect(b.ok).toBe(true);
    expect(await s.call('capture:status', {})).toMatchObject({ ok: true, data: { running: true, eber: null, forward: 'never' } });
  });
});
