/**
 * The real app in real Electron: main, preload, app:// origin, safeStorage and IPC as shipped. Runs wherever the
 * Electron binary exists (users' machines, CI runners that can download it); where it does not, it is reported
 * as SKIPPED with the reason, loudly, never faked — unless SIGNET_REQUIRE_ELECTRON=1 (set on GitHub's runners),
 * where a missing binary FAILS the suite instead.
 *
 * Every launch gets its own temporary --user-data-dir (Electron sets app.getPath('userData') from it, and main
 * keeps its vault there), so tests never touch a real profile store and never share a single-instance lock.
 * Nothing here sends traffic beyond loopback: the refused navigations name 127.0.0.1 and are stopped before any
 * request is made.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { WebPreferences } from 'electron';
import { electronBinary } from './electron-binary';

const binary = electronBinary();
const skipReason = 'missing' in binary ? `Electron binary not available: ${binary.missing}` : '';
const required = process.env['SIGNET_REQUIRE_ELECTRON'] === '1';
if (skipReason) {
  console.warn(
    required
      ? `\n*** FAILING the real-Electron E2E spec — SIGNET_REQUIRE_ELECTRON=1 and ${skipReason} ***\n`
      : `\n*** SKIPPING the real-Electron E2E spec — ${skipReason} ***\n`,
  );
}

const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const executablePath = 'path' in binary ? binary.path : undefined;

/** A fresh user-data folder per test, removed afterwards. */
function userDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'signet-electron-'));
}

async function launch(dir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath,
    args: ['.', `--user-data-dir=${dir}`],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Signet', level: 1 })).toBeVisible();
  return { app, page };
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** Mantine's segmented control hides its radio inputs; people click the visible label. */
const segment = (page: Page, label: string) => page.locator('label', { hasText: label }).click();

/** Every file under dir (Chromium's own folders included), for "is the secret anywhere on disk?". */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => {
      try {
        const s = statSync(f);
        return s.isFile() && s.size < 20_000_000;
      } catch {
        return false;
      }
    });
}

test.describe('the packaged app in real Electron', () => {
  if (skipReason && required) {
    test('the Electron binary is present (SIGNET_REQUIRE_ELECTRON=1)', () => {
      throw new Error(`SIGNET_REQUIRE_ELECTRON=1 but ${skipReason}`);
    });
    return;
  }
  test.skip(!!skipReason, skipReason);

  let dir = '';
  test.beforeEach(() => {
    dir = userDataDir();
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('starts hardened: webPreferences, isolated page, no Node, window.signet present, forged drops refused', async () => {
    const { app, page } = await launch(dir);
    try {
      await expect(page).toHaveTitle(/Signet/);
      expect(new URL(page.url()).protocol).toBe('app:');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // Electron's own (undocumented, untyped) record of the preferences the page was really created with.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences(): WebPreferences | null;
        };
        const p = contents.getLastWebPreferences();
        return p === null
          ? null
          : {
              contextIsolation: p.contextIsolation,
              sandbox: p.sandbox,
              nodeIntegration: p.nodeIntegration,
              nodeIntegrationInWorker: p.nodeIntegrationInWorker,
              nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
              webviewTag: p.webviewTag,
              webSecurity: p.webSecurity,
              allowRunningInsecureContent: p.allowRunningInsecureContent,
              experimentalFeatures: p.experimentalFeatures,
              navigateOnDragDrop: p.navigateOnDragDrop,
              safeDialogs: p.safeDialogs,
              preload: p.preload ?? null,
            };
      });
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
      });
      expect(prefs!.preload).toMatch(/preload[\\/]index\.cjs$/);
      // main reads its data folder from the --user-data-dir it was given.
      expect(await app.evaluate(({ app: a }) => a.getPath('userData'))).toBe(dir);

      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof window.signet)).toBe('object');
      // contextIsolation: the page's globals are not the preload's; the bridge object is all it gets.
      expect(await page.evaluate(() => Object.keys(window.signet).sort())).toEqual(
        expect.arrayContaining(['mmob', 'eber', 'profiles', 'capture']),
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

  test('sign → verify through real IPC', async () => {
    const { app, page } = await launch(dir);
    try {
      await nav(page, 'mmob · Sign');
      await segment(page, 'One-off secret');
      await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
      await page.getByLabel('cpId').fill('cp_7Hq2');
      await page.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
      await page.getByLabel('Email').fill('stephen.hayes@example.com');
      await expect(page.getByTestId('signature')).toHaveText(/^\d+:.+=:[0-9a-f]+$/);
      const signature = (await page.getByTestId('signature').textContent())!;

      await nav(page, 'mmob · Verify');
      await segment(page, 'One-off secret');
      await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
      await page.getByLabel('Signature, boot snippet or JSON').fill(signature);
      await page.getByLabel('cpId').fill('cp_7Hq2');
      await page.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
      await page.getByLabel('Email').fill('stephen.hayes@example.com');
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
      // The same signature against another email is refused, with the reason.
      await page.getByLabel('Email').fill('someone.else@example.com');
      await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    } finally {
      await app.close();
    }
  });

  test('a profile survives a restart, its secret encrypted by safeStorage (or the memory-only banner)', async () => {
    let { app, page } = await launch(dir);
    const keyring = (await page.evaluate(() => window.signet.app.keyringStatus({}))) as {
      ok: true;
      data: { available: boolean; persistent: boolean; backend: string };
    };
    expect(keyring.ok).toBe(true);
    try {
      if (!keyring.data.persistent) {
        await expect(page.getByTestId('keyring-banner')).toBeVisible();
        await expect(page.getByTestId('keyring-banner')).toContainText('Secrets are kept for this session only');
      } else {
        await expect(page.getByTestId('keyring-banner')).toHaveCount(0);
      }
      await nav(page, 'Profiles');
      await page.getByRole('button', { name: 'New mmob profile' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Profile name').fill('Survivor');
      await dialog.getByLabel('Secret', { exact: true }).fill(MMOB_SECRET);
      await dialog.getByLabel('cpId').fill('cp_7Hq2');
      await dialog.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
      await dialog.getByRole('button', { name: 'Create profile' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('profile-card')).toContainText(
        keyring.data.persistent ? 'secret stored' : 'secret for this session',
      );
    } finally {
      await app.close();
    }

    // Nowhere under the data folder is the secret in plain text (nor its base64-decoded bytes).
    const decoded = Buffer.from(MMOB_SECRET, 'base64');
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(MMOB_SECRET)), file).toBe(false);
      expect(bytes.includes(decoded), file).toBe(false);
    }

    ({ app, page } = await launch(dir));
    try {
      const card = page.getByTestId('profile-card');
      await expect(card).toContainText('Survivor');
      if (keyring.data.persistent) {
        await expect(card).toContainText('secret stored');
        // The secret decrypts after the restart: signing with the profile (its settings fill cpId) works.
        await nav(page, 'mmob · Sign');
        await page
          .locator('input')
          .and(page.getByLabel('Profile', { exact: true }))
          .click();
        await page.getByRole('option', { name: 'Survivor', exact: true }).click();
        await expect(page.getByLabel('cpDeploymentId')).toHaveValue('cpd_01HZX3K9');
        // …and it was written with the backend safeStorage reports.
        const listed = (await page.evaluate(() => window.signet.profiles.list({}))) as {
          ok: true;
          data: { profiles: { secret: { state: string; backend: string | null } }[] };
        };
        expect(listed.data.profiles[0]!.secret).toMatchObject({ state: 'stored', backend: keyring.data.backend });
        await expect(page.getByTestId('signature')).toHaveText(/^\d+:.+=:[0-9a-f]+$/);
      } else {
        // Memory only: the profile's settings were saved, its secret was not, and the banner still says so.
        await expect(page.getByTestId('keyring-banner')).toBeVisible();
        await expect(card).not.toContainText('secret stored');
      }
    } finally {
      await app.close();
    }
  });

  test('a second instance focuses the first and exits', async () => {
    const { app, page } = await launch(dir);
    try {
      const focused = app.evaluate(
        ({ app: a }) => new Promise<boolean>((resolve) => a.once('second-instance', () => resolve(true))),
      );
      const second = spawn(executablePath!, ['.', `--user-data-dir=${dir}`], { stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('the second instance did not exit within 20 s')), 20_000);
        second.once('exit', (c) => {
          clearTimeout(t);
          resolve(c);
        });
      });
      expect(code).toBe(0);
      expect(await focused).toBe(true);
      // The first one is still there, with its one window, and still answers.
      expect(app.windows()).toHaveLength(1);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      await expect(page.getByRole('heading', { name: 'Signet', level: 1 })).toBeVisible();
    } finally {
      await app.close();
    }
  });

  test('navigation away and window.open are refused', async () => {
    const { app, page } = await launch(dir);
    try {
      const start = page.url();
      // Loopback targets only: will-navigate stops them before any request is made.
      await page.evaluate(() => {
        location.href = 'http://127.0.0.1:9/elsewhere';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(start);
      await expect(page.getByRole('heading', { name: 'Signet', level: 1 })).toBeVisible();

      const opened = await page.evaluate(() => window.open('http://127.0.0.1:9/popup') === null);
      expect(opened).toBe(true);
      await page.waitForTimeout(500);
      expect(app.windows()).toHaveLength(1);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('the app:// origin serves only the renderer', async () => {
    const { app, page } = await launch(dir);
    try {
      const results = await page.evaluate(async () => {
        const probe = async (url: string) => {
          try {
            const r = await fetch(url);
            const body = await r.text();
            return { url, status: r.status, leaked: /root:.*:0:0:/.test(body) };
          } catch (e) {
            return { url, status: 0, leaked: false, error: String(e) };
          }
        };
        return Promise.all([
          probe('app://signet/../../etc/passwd'),
          probe('app://signet/%2e%2e/%2e%2e/etc/passwd'),
          probe('app://signet/..%2f..%2f..%2fetc%2fpasswd'),
          probe('app://signet//etc/passwd'),
          probe('app://other/etc/passwd'),
        ]);
      });
      for (const r of results) {
        expect(r.leaked, r.url).toBe(false);
        expect(r.status === 0 || r.status >= 400, `${r.url} → ${r.status}`).toBe(true);
      }
      // The renderer itself is served.
      expect(await page.evaluate(async () => (await fetch('app://signet/index.html')).status)).toBe(200);
    } finally {
      await app.close();
    }
  });
});
