/**
 * The real renderer (built, served on 127.0.0.1) in real Chromium, wired to the REAL main-process
 * services: the built preload bundle runs in the page with a stand-in for the three Electron functions it
 * uses (contextBridge.exposeInMainWorld, ipcRenderer.invoke, webUtils.getPathForFile), and invoke goes through page.exposeBinding
 * to createMainServices' router. Only Electron's IPC transport and the OS keychain are stood in for.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Cipher } from '../src/main/cipher';
import { createTestCipher } from '../src/testing/cipher';
import { createMainServices, type MainServices } from '../src/main/services';
import { recordingClipboard } from '../src/testing/clipboard';
import { serveRenderer } from './static-server';

const RENDERER = resolve('out/renderer');
const PRELOAD = resolve('out/preload/index.cjs');

export interface AppHarness {
  page: Page;
  services: MainServices;
  dir: string;
  /** URLs main handed to shell.openExternal (stubbed: nothing is opened). */
  opened: string[];
  clipboard: ReturnType<typeof recordingClipboard>;
  /** What the stand-in open/save dialogs answer next (Electron's native dialogs are not in a browser). */
  dialogs: { openPath: string | null; savePath: string | null };
  /** Console errors and page errors seen so far. */
  consoleErrors: string[];
  open: (options?: { colorScheme?: 'light' | 'dark' }) => Promise<void>;
}

export const test = base.extend<{ cipher: Cipher; app: AppHarness }, { server: { origin: string } }>({
  server: [
    async ({}, use) => {
      const server = await serveRenderer(RENDERER);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  cipher: async ({}, use) => use(createTestCipher()),
  app: async ({ page, server, cipher }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-e2e-'));
    const opened: string[] = [];
    const clipboard = recordingClipboard();
    const dialogs = { openPath: null as string | null, savePath: null as string | null };
    const services = await createMainServices({
      dir,
      cipher,
      shell: { openExternal: async (url) => void opened.push(url) },
      clipboard,
      dialogs: { openFile: async () => dialogs.openPath, saveFile: async () => dialogs.savePath },
      allowedOrigins: [server.origin],
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    await page.exposeBinding('__signetInvoke', (source, channel: string, payload: unknown) =>
      services.router.handle(channel, payload, {
        url: source.frame.url(),
        isTopFrame: source.frame === source.page.mainFrame(),
      }),
    );
    const preload = readFileSync(PRELOAD, 'utf8');
    await page.addInitScript({
      content: `(() => {
        const TEST_DIR = ${JSON.stringify(dir)};
        if (window.top !== window) return;
        const electron = {
          contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true }) },
          ipcRenderer: { invoke: (channel, payload) => window.__signetInvoke(channel, payload) },
          // Stand-in for Electron's webUtils: in Electron a dropped File knows its path on disk; here a test
          // drops a File built in the page, and the file of that name in the test's directory plays it.
          webUtils: {
            getPathForFile: (file) => {
              if (!(file instanceof File)) throw new TypeError('getPathForFile expects a File');
              return file.name.startsWith('not-on-disk') ? '' : TEST_DIR + '/' + file.name;
            },
          },
        };
        const require = (name) => { if (name !== 'electron') throw new Error('the preload may only require electron, not ' + name); return electron; };
        const module = { exports: {} };
        (function (require, module, exports) {\n${preload}\n})(require, module, module.exports);
      })();`,
    });

    const harness: AppHarness = {
      page,
      services,
      dir,
      opened,
      clipboard,
      dialogs,
      consoleErrors,
      open: async (options = {}) => {
        await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
        await page.goto(`${server.origin}/index.html`);
        await expect(page.getByRole('heading', { name: 'Signet', level: 1 })).toBeVisible();
      },
    };
    await use(harness);
  },
});

export { expect };

/** Screenshots kept as test artifacts (test-results/screens) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let transitions settle
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
