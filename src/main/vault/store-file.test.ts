/**
 * Vault writes that cannot lie (audit item 6) and a store nobody else can read (item 5): save first, then
 * commit in memory; specific messages for a full disk, a read-only volume, a refused write; history writes
 * never fail an operation; temp files of a killed write are removed on start; file 0600, new dir 0700.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeServices } from '../../testing/main-services';
import { STORE_NAME, StoreWriter } from './store-file';

const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};
const storeFile = (dir: string) => join(dir, `${STORE_NAME}.json`);
const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

describe('the store file', () => {
  it.runIf(posix)(
    'is written 0600, in a data folder created 0700; an old 0644 file is made 0600 on start',
    async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'signet-mode-')), 'nested', 'userData');
      const s = await makeServices({ dir });
      await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r' });
      expect(mode(storeFile(dir))).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
      await s.dispose();

      chmodSync(storeFile(dir), 0o644);
      const again = await makeServices({ dir });
      expect(mode(storeFile(dir))).toBe(0o600);
      await again.call('eber:hash', { intent: 'submit', secret: 's', identifierType: 'email', identifier: 'a@b.co' });
      await again.dispose();
      expect(mode(storeFile(dir))).toBe(0o600);
    },
  );

  it('temp files left by a killed write are removed on start; the store itself is intact', async () => {
    const s = await makeServices();
    await s.vault.create({ kind: 'eber', name: 'E', settings: EBER });
    await s.dispose();
    writeFileSync(join(s.dir, `${STORE_NAME}.json.tmp-1234-abcdef`), '{"half":');
    writeFileSync(join(s.dir, `${STORE_NAME}.json.tmp-17000000000000.5`), '');
    writeFileSync(join(s.dir, 'unrelated.tmp-1'), 'x');
    const again = await makeServices({ dir: s.dir });
    expect(
      readdirSync(s.dir)
        .filter((f) => f.includes('.tmp-'))
        .sort(),
    ).toEqual(['unrelated.tmp-1']);
    expect(again.logs.join('\n')).toMatch(/removed 2 temporary file/);
    expect((await again.vault.list()).map((p) => p.name)).toEqual(['E']);
  });

  it('a change that cannot be written is refused with a specific message and changes nothing, in memory or on disk', async () => {
    const s = await makeServices();
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER });
    const bytes = readFileSync(storeFile(s.dir));
    // The store's path becomes a folder: every write fails (EISDIR on rename), whoever runs the test.
    unlinkSync(storeFile(s.dir));
    mkdirSync(storeFile(s.dir));
    const r = await s.call('profiles:setSecret', { id: p.id, secret: 'new-secret' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'STORE_WRITE_FAILED', message: expect.stringMatching(/nothing was changed/) },
    });
    expect((await s.vault.get(p.id)).secret.state).toBe('missing');
    expect(await s.call('profiles:create', { kind: 'eber', name: 'F', settings: EBER })).toMatchObject({ ok: false });
    expect((await s.vault.list()).map((x) => x.name)).toEqual(['E']);
    // A signing operation still works: its history write fails quietly, logged by code only.
    const signed = await s.call('eber:hash', {
      intent: 'submit',
      secret: 'CANARY-hist',
      identifierType: 'email',
      identifier: 'a@b.co',
    });
    expect(signed.ok).toBe(true);
    await s.vault.flush();
    expect(s.logs.join('\n')).toMatch(/history could not be saved \(EISDIR\)/);
    expect(s.logs.join('\n')).not.toContain('a@b.co');
    expect(readdirSync(s.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    rmSync(storeFile(s.dir), { recursive: true });
    writeFileSync(storeFile(s.dir), bytes);
    const again = await makeServices({ dir: s.dir });
    expect((await again.vault.get(p.id)).secret.state).toBe('missing');
  });
});

describe('history writes are coalesced (audit item 7)', () => {
  it('many signs make one write; dispose flushes; the entries are on disk afterwards', async () => {
    const s = await makeServices({ historyFlushMs: 60_000 });
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    const write = vi.spyOn(StoreWriter.prototype, 'write');
    for (let i = 0; i < 300; i++) {
      const r = await s.call('eber:hash', {
        intent: 'submit',
        profileId: p.id,
        identifierType: 'email',
        identifier: `u${i}@b.co`,
      });
      expect(r.ok).toBe(true);
    }
    expect(write).toHaveBeenCalledTimes(0);
    await s.dispose();
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
    expect(JSON.parse(readFileSync(storeFile(s.dir), 'utf8')).history).toHaveLength(200);
  });

  it('history is written by the timer without dispose', async () => {
    const s = await makeServices({ historyFlushMs: 20 });
    await s.call('eber:hash', { intent: 'submit', secret: 's', identifierType: 'email', identifier: 'a@b.co' });
    await vi.waitFor(() => expect(JSON.parse(readFileSync(storeFile(s.dir), 'utf8')).history).toHaveLength(1));
  });

  it('importing 1,000 profiles is one write; the profile cap refuses more with a clear message', async () => {
    const s = await makeServices();
    const json = JSON.stringify({
      format: 'signet-profiles',
      version: 1,
      profiles: Array.from({ length: 1000 }, (_, i) => ({ kind: 'eber', name: `P${i}`, settings: EBER })),
    });
    const write = vi.spyOn(StoreWriter.prototype, 'write');
    expect(await s.call('profiles:import', { json })).toEqual({ ok: true, data: { imported: 1000 } });
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
    const more = await s.call('profiles:create', { kind: 'eber', name: 'one more', settings: EBER });
    expect(more).toMatchObject({
      ok: false,
      error: { code: 'PROFILE_LIMIT', message: expect.stringMatching(/at most 1000 profiles/) },
    });
    const other = await makeServices();
    await other.vault.create({ kind: 'eber', name: 'X', settings: EBER });
    expect(await other.call('profiles:import', { json })).toMatchObject({
      ok: false,
      error: { code: 'PROFILE_LIMIT', message: expect.stringMatching(/Nothing was imported/) },
    });
    expect(await other.vault.list()).toHaveLength(1);
  });
});

// ---- a real full disk and a real read-only volume (tmpfs; root only) -----------------------------------------
const mounted: string[] = [];
function mountTmpfs(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    mounted.push(dir);
    return null;
  } catch (e) {
    return (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
  }
}
afterAll(() => {
  for (const dir of mounted) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      // Left mounted: reported by the test output.
    }
  }
});

describe('on a real full disk (tmpfs of 64 KiB)', () => {
  it('ENOSPC: the change is refused as "disk full", nothing changes in memory or after a restart; EROFS likewise', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-full-'));
    const why = mountTmpfs(dir);
    if (why !== null) {
      console.warn(
        `SKIPPED the real full-disk test: cannot mount a tmpfs at ${dir} (${why}); run as root to cover ENOSPC for real.`,
      );
      ctx.skip();
      return;
    }
    const s = await makeServices({ dir });
    const p = await s.vault.create({ kind: 'eber', name: 'Prod', settings: EBER });
    const before = readFileSync(storeFile(dir));
    // Fill the disk.
    let n = 0;
    try {
      for (;;) writeFileSync(join(dir, `filler-${n++}`), Buffer.alloc(4096, 1));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const r = await s.call('profiles:setSecret', { id: p.id, secret: 'CANARY-new-secret-on-full-disk'.repeat(40) });
    console.info(`full disk: profiles:setSecret → ${JSON.stringify(r)}`);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'STORE_DISK_FULL', message: expect.stringMatching(/disk .* is full.*nothing was changed/i) },
    });
    expect((await s.vault.get(p.id)).secret.state).toBe('missing');
    expect(
      await s.call('eber:hash', { intent: 'submit', profileId: p.id, identifierType: 'email', identifier: 'a@b.co' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SECRET_MISSING' },
    });
    // Signing with a one-off secret works; its history write fails and is logged by code only.
    expect(
      (await s.call('eber:hash', { intent: 'submit', secret: 'x', identifierType: 'email', identifier: 'a@b.co' })).ok,
    ).toBe(true);
    await s.vault.flush();
    expect(s.logs.join('\n')).toMatch(/history could not be saved \(ENOSPC\)/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readFileSync(storeFile(dir)).equals(before)).toBe(true);
    // After a restart: the same profile, still without a secret.
    const again = await makeServices({ dir });
    expect((await again.vault.get(p.id)).secret.state).toBe('missing');

    // Read-only volume.
    for (let i = 0; i < n; i++) rmSync(join(dir, `filler-${i}`), { force: true });
    execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
    const ro = await again.call('profiles:rename', { id: p.id, name: 'Renamed' });
    expect(ro).toMatchObject({
      ok: false,
      error: { code: 'STORE_READ_ONLY', message: expect.stringMatching(/read-only/) },
    });
    expect((await again.vault.get(p.id)).name).toBe('Prod');
    execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'pipe' });
    expect(existsSync(storeFile(dir))).toBe(true);
  });
});
