/** History never holds a credential (audit item 5). */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeServices } from '../../../testing/main-services';
import { STORE_NAME } from '../../vault/store-file';
import { redactCredentials, redactSignature } from './history';
import { HISTORY_LIMIT, HISTORY_SETTLE_MS } from '../../../core/common/product';

const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};
const MMOB = {
  cpId: 'cp_1',
  cpDeploymentId: 'cpd_1',
  defaultEmail: '',
  marketplaceUrl: 'https://marketplace.example.com',
  securityLevel: 'SECURE_IDENTITY' as const,
};
const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const storeText = (dir: string) => readFileSync(join(dir, `${STORE_NAME}.json`), 'utf8');

describe('redaction', () => {
  it('cuts hmac_hash values and mmob MACs to 6 characters + "…", keeping the rest recognisable', () => {
    expect(
      redactCredentials('https://demo.eber.co/login?email=a%40b.co&hmac_hash=0123456789abcdef0123&locale=en'),
    ).toBe('https://demo.eber.co/login?email=a%40b.co&hmac_hash=012345…&locale=en');
    expect(redactCredentials('next=https%3A%2F%2Fx%3Fhmac_hash%3Dabcdef0123456789')).toBe(
      'next=https%3A%2F%2Fx%3Fhmac_hash%3Dabcdef…',
    );
    expect(redactSignature('1735689600:Xgr1PAaGGWr5lJjayYUV6ULNXCPqWH6kOSoyDvhBQ/A=:nnnn')).toBe(
      '1735689600:Xgr1PA…:nnnn',
    );
    expect(redactCredentials('Signed 1735689600:Xgr1PAaGGWr5lJjayYUV6ULNXCPqWH6kOSoyDvhBQ/A=:nnnn')).toBe(
      'Signed 1735689600:Xgr1PA…:nnnn',
    );
    expect(redactCredentials('the MAC part "Xgr1PAaGGWr5lJjayYUV6UL!" is bad')).toBe('the MAC part "Xgr1PA…" is bad');
    expect(redactCredentials('"expires in N minutes" needs a zone')).toBe('"expires in N minutes" needs a zone');
    // Idempotent.
    const once = redactCredentials('hmac_hash=0123456789abcdef');
    expect(redactCredentials(once)).toBe(once);
  });
});

describe('history entries and the history file', () => {
  it('hold no hmac_hash, no signature MAC, no full login URL — in inputs and summaries, in memory and on disk (0600)', async () => {
    const s = await makeServices();
    const eber = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    const mmob = await s.vault.create({ kind: 'mmob', name: 'M', settings: MMOB, secret: MMOB_SECRET });
    const url = (await s.call('eber:url', {
      intent: 'submit',
      profileId: eber.id,
      identifierType: 'email',
      identifier: 'a@b.co',
    })) as {
      ok: true;
      data: { url: string; hash: string };
    };
    const hash = url.data.hash;
    const sig = (await s.call('mmob:sign', {
      intent: 'submit',
      profileId: mmob.id,
      cpId: 'c',
      cpDeploymentId: 'd',
      email: 'a@b.co',
    })) as {
      ok: true;
      data: { signature: string };
    };
    const mac = sig.data.signature.split(':')[1]!;
    await s.call('eber:hash', { intent: 'submit', profileId: eber.id, identifierType: 'email', identifier: 'a@b.co' });
    await s.call('eber:verify', { intent: 'submit', profileId: eber.id, url: url.data.url });
    await s.call('mmob:verify', {
      intent: 'submit',
      profileId: mmob.id,
      signature: sig.data.signature,
      cpId: 'c',
      cpDeploymentId: 'd',
      email: 'a@b.co',
    });
    await s.call('mmob:verify', {
      intent: 'submit',
      profileId: mmob.id,
      signature: `1:${mac.slice(0, -2)}!!:n`,
      cpId: 'c',
      cpDeploymentId: 'd',
    });
    await s.call('eber:verify', { intent: 'submit', secret: 'wrong', timezone: 'UTC', url: url.data.url });
    await s.dispose();

    const entries = s.vault.history();
    const memory = JSON.stringify(entries);
    const disk = storeText(s.dir);
    for (const text of [memory, disk]) {
      expect(text).not.toContain(hash);
      expect(text).not.toContain(hash.slice(0, 16));
      expect(text).not.toContain(mac);
      expect(text).not.toContain(mac.slice(0, 12));
      expect(text).not.toContain(url.data.url);
    }
    expect(statSync(join(s.dir, `${STORE_NAME}.json`)).mode & 0o777).toBe(0o600);
    // Recognisable: the first 6 characters + "…".
    const byKind = Object.fromEntries(entries.map((e) => [e.kind, e]));
    expect(byKind['eber:url']!.summary).toContain(`hmac_hash=${hash.slice(0, 6)}…`);
    expect(byKind['eber:hash']!.summary).toBe(`hmac_hash ${hash.slice(0, 6)}…, no expiry`);
    expect(byKind['mmob:sign']!.summary).toContain(`:${mac.slice(0, 6)}…:`);
    const verifies = entries.filter((e) => e.kind === 'eber:verify' || e.kind === 'mmob:verify');
    for (const e of verifies) expect(e.redacted).toEqual([e.kind === 'eber:verify' ? 'url' : 'signature']);
  });

  it('the stored input is enough to sign again from the profile (no stored value is replayed)', async () => {
    const s = await makeServices();
    const eber = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    const first = (await s.call('eber:url', {
      intent: 'submit',
      profileId: eber.id,
      identifierType: 'email',
      identifier: 'a@b.co',
      locale: 'en',
    })) as {
      ok: true;
      data: { url: string };
    };
    const [entry] = s.vault.history();
    expect(entry!.input).toEqual({ profileId: eber.id, identifierType: 'email', identifier: 'a@b.co', locale: 'en' });
    const again = await s.call('eber:url', entry!.input);
    expect(again).toMatchObject({ ok: true, data: { url: first.data.url } });
  });

  it('an oversized input is cut with a note', async () => {
    const s = await makeServices();
    await s.call('eber:verify', {
      intent: 'submit',
      secret: 'x',
      timezone: 'UTC',
      url: `https://demo.eber.co/?email=${'a'.repeat(10_000)}`,
    });
    const [entry] = s.vault.history();
    expect((entry!.input.url as string).length).toBeLessThanOrEqual(1025);
    expect(entry!.note).toMatch(/were cut/);
  });
});

describe('history records intent, not keystrokes', () => {
  const typing = ['a', 'a@', 'a@b', 'a@b.', 'a@b.c', 'a@b.co'];

  it('typing makes no entry until the inputs settle, then exactly one (the last)', async () => {
    const s = await makeServices();
    const eber = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    for (const identifier of typing) {
      await s.call('eber:url', { profileId: eber.id, identifierType: 'email', identifier });
    }
    expect(s.vault.history()).toHaveLength(0);
    for (const t of s.timers.filter((t) => t.ms === HISTORY_SETTLE_MS)) t.fn();
    const entries = s.vault.history();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'eber:url', intent: 'settled', input: { identifier: 'a@b.co' } });
  });

  it('copying or opening the result records it at once with that act; a submitted request is recorded as such', async () => {
    const s = await makeServices();
    const eber = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    let url = '';
    for (const identifier of typing) {
      const r = (await s.call('eber:url', { profileId: eber.id, identifierType: 'email', identifier })) as {
        data: { url: string };
      };
      url = r.data.url;
    }
    await s.call('clipboard:copy', { text: url });
    expect(s.vault.history().map((e) => e.intent)).toEqual(['copy']);
    await s.call('eber:verify', { intent: 'submit', profileId: eber.id, url });
    expect(s.vault.history().map((e) => e.intent)).toEqual(['submit', 'copy']);
    // Timers of calls already recorded write nothing more.
    for (const t of s.timers.filter((t) => t.ms === HISTORY_SETTLE_MS)) t.fn();
    expect(s.vault.history()).toHaveLength(2);
  });

  it('reading history writes what is held; a pinned entry outlives the history limit', async () => {
    const s = await makeServices();
    await s.call('eber:hash', { secret: 's', identifierType: 'email', identifier: 'pin@b.co' });
    const listed = (await s.call('history:list', {})) as { data: { entries: { id: string }[] } };
    expect(listed.data.entries).toHaveLength(1);
    expect(await s.call('history:pin', { id: listed.data.entries[0]!.id, pinned: true })).toMatchObject({
      data: { pinned: true },
    });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      await s.call('eber:hash', { intent: 'submit', secret: 's', identifierType: 'email', identifier: `u${i}@b.co` });
    }
    const entries = s.vault.history();
    expect(entries).toHaveLength(HISTORY_LIMIT + 1);
    expect(entries.find((e) => e.pinned)?.input.identifier).toBe('pin@b.co');
  });
});
