/**
 * The real app in real Electron. Runs wherever the Electron binary exists (users' machines, CI runners that
 * can download it); where it does not, it is reported as SKIPPED with the reason, loudly, never faked.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from './electron-binary';

const binary = electronBinary();
const skipReason = 'missing' in binary ? `Electron binary not available: ${binary.missing}` : '';
if (skipReason) {
  console.warn(`\n*** SKIPPING the real-Electron E2E spec — ${skipReason} ***\n`);
}

test.describe('the packaged app in real Electron', () => {
  test.skip(!!skipReason, skipReason);

  test('starts hardened: isolated, sandboxed, no Node in the page, window.signet present', async () => {
    const app = await electron.launch({ args: ['.'], executablePath: 'path' in binary ? binary.path : undefined });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/Signet/);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof window.signet)).toBe('object');
      // contextIsolation: the page's globals are not the preload's; the bridge object is all it gets.
      expect(await page.evaluate(() => Object.keys(window.signet).sort())).toEqual(
        expect.arrayContaining(['mmob', 'eber', 'profiles']),
      );
      // A drop crosses as a File, whose path only the preload can read (webUtils): a path string or a File
      // made in the page has none, so main refuses it.
      for (const argument of ['"/etc/passwd"', 'new File(["x"], "made-up.jsonl")']) {
        const r = await page.evaluate(`window.signet.batch.useDroppedFile(${argument})`);
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'BATCH_FILE', message: expect.stringContaining('no file path') },
        });
      }
    } finally {
      await app.close();
    }
  });
});
