/**
 * Fingerprints (audit item 8): salted and slow, shown with their salt, and computable by a server engineer
 * with the README's one-liners — each run here when its tool is installed, and compared with Signet's value.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_HEX_LENGTH, FINGERPRINT_ITERATIONS } from '../../core/common/product';
import { createTestCipher } from '../../testing/cipher';
import { makeServices } from '../../testing/main-services';
import { PROJECT_ROOT } from '../../testing/vectors';
import { fingerprint } from './vault';

const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};

/** The README's one-liners, from the code block of its "Fingerprints" section. */
function readmeOneLiners(): Map<string, string> {
  const readme = readFileSync(`${PROJECT_ROOT}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('### Fingerprints'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return new Map(
    block
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.split(' ')[0]!, line]),
  );
}

const has = (tool: string) => {
  try {
    execFileSync('which', [tool], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

describe('fingerprints', () => {
  it('are PBKDF2-SHA256 with many iterations under a random per-profile salt, shown beside the fingerprint', async () => {
    expect(FINGERPRINT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const cipher = createTestCipher();
    const s = await makeServices({ cipher, fingerprintIterations: FINGERPRINT_ITERATIONS });
    const a = await s.vault.create({ kind: 'eber', name: 'A', settings: EBER, secret: 'hunter2' });
    const b = await s.vault.create({ kind: 'eber', name: 'B', settings: EBER, secret: 'hunter2' });
    expect(a.secret.fingerprintIterations).toBe(FINGERPRINT_ITERATIONS);
    expect(a.secret.fingerprintSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.secret.fingerprint).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_HEX_LENGTH}}$`));
    // Same secret, other salt, other fingerprint: no table of fingerprints of common secrets helps.
    expect(b.secret.fingerprintSalt).not.toBe(a.secret.fingerprintSalt);
    expect(b.secret.fingerprint).not.toBe(a.secret.fingerprint);
    // Stable across a restart (stored with the profile, not recomputed).
    await s.dispose();
    const again = await makeServices({ dir: s.dir, cipher });
    const listed = await again.vault.list();
    expect(listed.map((p) => p.secret.fingerprintSalt)).toEqual([a.secret.fingerprintSalt, b.secret.fingerprintSalt]);
    // One guess costs a full derivation.
    const t = performance.now();
    await fingerprint('hunter3', a.secret.fingerprintSalt!, FINGERPRINT_ITERATIONS);
    const ms = performance.now() - t;
    console.info(`one fingerprint guess: ${ms.toFixed(0)} ms`);
    expect(ms).toBeGreaterThan(20);
  });

  const oneLiners = readmeOneLiners();
  it('the README has an openssl, a php and a node one-liner', () => {
    expect([...oneLiners.keys()].sort()).toEqual(['node', 'openssl', 'php']);
  });

  for (const tool of ['openssl', 'php', 'node']) {
    it(`the README's ${tool} one-liner gives Signet's fingerprint`, async (ctx) => {
      if (!has(tool)) {
        console.warn(`SKIPPED: ${tool} is not installed here, so the README's ${tool} one-liner was not checked.`);
        ctx.skip();
        return;
      }
      const salt = '00112233445566778899aabbccddeeff';
      for (const secret of ['q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=', 'Eb3r-sécret with spaces']) {
        const expected = await fingerprint(secret, salt, 10_000);
        const out = execFileSync('sh', ['-c', oneLiners.get(tool)!], {
          env: { ...process.env, SECRET: secret, SALT: salt, ITER: '10000' },
          encoding: 'utf8',
        }).trim();
        expect(out, `${tool} for ${JSON.stringify(secret)}`).toBe(expected);
      }
    });
  }
});
