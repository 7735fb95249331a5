/** Builds real main-process services over a temp directory for tests (Node, no Electron). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cipher } from '../main/cipher';
import { createTestCipher } from './cipher';
import { createMainServices } from '../main/services';
import { memoryClipboard } from './main-doubles';

export const TEST_ORIGIN = 'http://127.0.0.1:5173';
export const TRUSTED = { url: `${TEST_ORIGIN}/index.html`, isTopFrame: true };

/** PBKDF2 iterations for fingerprints in tests: few, for speed (the real count is tested where it matters). */
export const TEST_FINGERPRINT_ITERATIONS = 1_000;

export async function makeServices(
  options: {
    dir?: string;
    cipher?: Cipher;
    now?: () => Date;
    /** @deprecated Ignored by the vault (it writes its own file). */
    clipboard?: ReturnType<typeof memoryClipboard>;
    historyFlushMs?: number;
    /** What the open dialog returns (null: cancelled). */
    openFile?: () => string | null;
    fingerprintIterations?: number;
  } = {},
) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'signet-main-'));
  const logs: string[] = [];
  const opened: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const clipboard = options.clipboard ?? memoryClipboard();
  const services = await createMainServices({
    dir,
    cipher: options.cipher ?? createTestCipher(),
    historyFlushMs: options.historyFlushMs,
    fingerprintIterations: options.fingerprintIterations ?? TEST_FINGERPRINT_ITERATIONS,
    shell: { openExternal: async (url) => void opened.push(url) },
    clipboard,
    ...(options.openFile ? { dialogs: { openFile: async () => options.openFile!(), saveFile: async () => null } } : {}),
    timers: { setTimeout: (fn, ms) => timers.push({ fn, ms }) },
    now: options.now,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    allowedOrigins: [TEST_ORIGIN],
  });
  const call = (channel: string, payload: unknown, sender = TRUSTED) =>
    services.router.handle(channel, payload, sender);
  return { ...services, dir, logs, opened, timers, clipboard, call };
}
