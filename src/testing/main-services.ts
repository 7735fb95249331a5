/** Builds real main-process services over a temp directory for tests (Node, no Electron). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cipher } from '../main/cipher';
import { createTestCipher } from './cipher';
import { createMainServices } from '../main/services';
import type { StoreEngineFactory } from '../main/vault/store-file';
import { confStoreFactory, memoryClipboard } from './main-doubles';

export const TEST_ORIGIN = 'http://127.0.0.1:5173';
export const TRUSTED = { url: `${TEST_ORIGIN}/index.html`, isTopFrame: true };

export async function makeServices(options: { dir?: string; cipher?: Cipher; now?: () => Date; storeFactory?: StoreEngineFactory } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'signet-main-'));
  const logs: string[] = [];
  const opened: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const clipboard = memoryClipboard();
  const services = await createMainServices({
    dir,
    cipher: options.cipher ?? createTestCipher(),
    storeFactory: options.storeFactory ?? confStoreFactory,
    shell: { openExternal: async (url) => void opened.push(url) },
    clipboard,
    timers: { setTimeout: (fn, ms) => timers.push({ fn, ms }) },
    now: options.now,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    allowedOrigins: [TEST_ORIGIN],
  });
  const call = (channel: string, payload: unknown, sender = TRUSTED) => services.router.handle(channel, payload, sender);
  return { ...services, dir, logs, opened, timers, clipboard, call };
}
