import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestCipher } from '../../testing/cipher';
import { makeServices } from '../../testing/main-services';
import { fingerprint, MASKED } from './vault';
import { STORE_NAME } from './store-file';

const MMOB = {
  cpId: 'cp_1',
  cpDeploymentId: 'cpd_1',
  defaultEmail: '',
  marketplaceUrl: 'https://marketplace.example.com',
  securityLevel: 'SECURE_IDENTITY' as const,
};
const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};
const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const storeFile = (dir: string) => join(dir, `${STORE_NAME}.json`);

describe('profiles vault', () => {
  it('creates, edits, renames, duplicates and deletes profiles, persisting them', async () => {
    const s = await makeServices();
    const created = await s.vault.create({ kind: 'mmob', name: 'Staging', settings: MMOB, secret: SECRET });
    const fp = (v: typeof created) => fingerprint(SECRET, v.secret.fingerprintSalt!, v.secret.fingerprintIterations!);
    expect(created.secret).toMatchObject({ state: 'stored', fingerprint: await fp(created), backend: 'test-cipher' });
    expect(created.secret.masked).not.toContain(SECRET.slice(0, 4));
    // The mask says nothing about the secret, not even its length.
    expect(created.secret.masked).toBe(MASKED);
    expect(created.secret.masked).not.toContain(String(SECRET.length));

    await s.vault.update(created.id, { settings: { ...MMOB, cpId: 'cp_2' } });
    await s.vault.update(created.id, { name: 'Prod' });
    const copy = await s.vault.duplicate(created.id);
    expect(copy.name).toBe('Prod (copy)');
    expect(copy.secret.fingerprint).toBe(await fp(copy));
    expect(copy.secret.fingerprint).toBe(created.secret.fingerprint);

    const again = await makeServices({ dir: s.dir });
    // A fresh process with a different key cannot decrypt; names and settings survive.
    const names = (await again.vault.list()).map((p) => [p.name, (p.settings as typeof MMOB).cpId]);
    expect(names).toEqual([
      ['Prod', 'cp_2'],
      ['Prod (copy)', 'cp_2'],
    ]);
    await s.vault.delete(copy.id);
    expect((await s.vault.list()).map((p) => p.name)).toEqual(['Prod']);
  });

  it('rejects settings of the wrong kind with a clear message', async () => {
    const s = await makeServices();
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER });
    await expect(s.vault.update(p.id, { settings: MMOB })).rejects.toThrow(/not valid for a eber profile/);
  });

  it('never deletes a secret it cannot decrypt, and lets the user enter it again', async () => {
    const first = await makeServices();
    const p = await first.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    const storedBefore = JSON.parse(readFileSync(storeFile(first.dir), 'utf8')).profiles[0].secret;

    // Same file, another keychain key: decryption fails.
    const second = await makeServices({ dir: first.dir, cipher: createTestCipher({ backend: 'kwallet5' }) });
    const view = await second.vault.get(p.id);
    expect(view.secret).toMatchObject({ state: 'cannot-decrypt', backend: 'test-cipher' });
    expect(view.secret.message).toContain('stored with backend test-cipher');
    const r = await second.call('eber:hash', { profileId: p.id, identifierType: 'email', identifier: 'a@b.co' });
    expect(r).toMatchObject({ ok: false, error: { code: 'SECRET_CANNOT_DECRYPT' } });
    expect(JSON.parse(readFileSync(storeFile(first.dir), 'utf8')).profiles[0].secret).toEqual(storedBefore);

    const fixed = await second.vault.setSecret(p.id, 'Eb3r-secret');
    expect(fixed.secret).toMatchObject({
      state: 'stored',
      backend: 'kwallet5',
      fingerprint: await fingerprint('Eb3r-secret', fixed.secret.fingerprintSalt!, fixed.secret.fingerprintIterations!),
    });
  });

  it('exports and imports profiles without secrets', async () => {
    const s = await makeServices();
    await s.vault.create({ kind: 'mmob', name: 'M', settings: MMOB, secret: SECRET });
    const json = s.vault.exportJson();
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('ciphertext');
    const other = await makeServices();
    expect(await other.vault.importJson(json)).toBe(1);
    const [imported] = await other.vault.list();
    expect(imported).toMatchObject({ name: 'M', kind: 'mmob', settings: MMOB, secret: { state: 'missing' } });
    await expect(other.vault.importJson('{"format":"other"}')).rejects.toThrow(/not a Signet profile export/);
    await expect(other.vault.importJson('nope')).rejects.toThrow(/not JSON/);
  });

  it('migrates a pre-release store (no schemaVersion, no history) forward', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-migrate-'));
    writeFileSync(
      storeFile(dir),
      JSON.stringify({ profiles: [{ id: 'old-1', name: 'Old', kind: 'eber', settings: EBER }] }),
    );
    const s = await makeServices({ dir });
    expect(s.vault.notice).toBeNull();
    expect((await s.vault.list())[0]).toMatchObject({ id: 'old-1', name: 'Old', secret: { state: 'missing' } });
    expect(JSON.parse(readFileSync(storeFile(dir), 'utf8'))).toMatchObject({ schemaVersion: 1, history: [] });
  });
});

describe('corrupt store files', () => {
  const valid = JSON.stringify({
    schemaVersion: 1,
    profiles: [{ id: 'a', name: 'A', kind: 'eber', settings: EBER, createdAt: 'x', updatedAt: 'x', secret: null }],
    history: [],
  });
  const modes: [string, Buffer, RegExp][] = [
    ['empty', Buffer.alloc(0), /empty/],
    ['truncated', Buffer.from(valid.slice(0, valid.length / 2)), /not valid JSON/],
    ['garbage', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80, 0x81]), /not valid JSON/],
    ['wrong schema', Buffer.from(JSON.stringify({ hello: 'world', schemaVersion: 1 })), /store schema/],
    ['wrong types', Buffer.from(valid.replace('"name":"A"', '"name":42')), /store schema/],
    ['a newer version', Buffer.from(JSON.stringify({ schemaVersion: 99 })), /newer Signet/],
  ];

  it.each(modes)(
    '%s: moved aside byte for byte, the app starts empty and says where the file went',
    async (_mode, bytes, reason) => {
      const dir = mkdtempSync(join(tmpdir(), 'signet-corrupt-'));
      writeFileSync(storeFile(dir), bytes);
      const s = await makeServices({ dir });
      const aside = readdirSync(dir).filter((f) => f.includes('unreadable'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dir, aside[0]!)).equals(bytes)).toBe(true);
      expect(s.vault.notice).toMatch(reason);
      expect(s.vault.notice).toContain(join(dir, aside[0]!));
      // Working app: it lists, creates and persists.
      expect(await s.vault.list()).toEqual([]);
      await s.vault.create({ kind: 'eber', name: 'New', settings: EBER });
      expect(JSON.parse(readFileSync(storeFile(dir), 'utf8')).profiles).toHaveLength(1);
      const listed = await s.call('profiles:list', {});
      expect(listed).toMatchObject({ ok: true, data: { notice: s.vault.notice } });
    },
  );
});

describe('without a usable keyring', () => {
  it.each([
    ['encryption unavailable', createTestCipher({ available: false })],
    ['Linux basic_text backend', createTestCipher({ backend: 'basic_text' })],
    ['Linux unknown backend', createTestCipher({ backend: 'unknown' })],
  ])('%s: secrets live in memory for the session, nothing secret is written', async (_label, cipher) => {
    const CANARY = 'CANARY-no-keyring-7f3a9c';
    const s = await makeServices({ cipher });
    expect((await s.call('app:keyringStatus', {})) as unknown).toMatchObject({
      ok: true,
      data: { persistent: false, available: false },
    });
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: CANARY });
    expect(p.secret.state).toBe('session-only');
    const r = await s.call('eber:hash', { profileId: p.id, identifierType: 'email', identifier: 'a@b.co' });
    expect(r.ok).toBe(true);
    const bytes = readFileSync(storeFile(s.dir));
    expect(bytes.includes(CANARY)).toBe(false);
    expect(JSON.parse(bytes.toString('utf8')).profiles[0].secret).toBeNull();
    // Next session: the profile is there, its secret is not.
    const next = await makeServices({ dir: s.dir, cipher });
    expect((await next.vault.get(p.id)).secret.state).toBe('missing');
    expect(existsSync(storeFile(s.dir))).toBe(true);
  });
});
