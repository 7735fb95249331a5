/**
 * Everything main does, assembled from plain dependencies — no Electron import anywhere in this graph —
 * so Node tests and the browser E2E harness run the real handlers with a test cipher and a temp directory.
 */
import { APP_NAME, APP_VERSION } from '../core/common/product';
import { CaptureSession } from '../capture/session';
import type { Cipher } from './cipher';
import { BatchJobs } from './batch-jobs';
import {
  createHandlers,
  type Clipboard,
  type CopiedSecret,
  type Dialogs,
  type HandlerDeps,
  type Shell,
  type Timers,
} from './ipc/handlers';
import { createIpcRouter, type IpcRouter, type Log } from './ipc/router';
import { IntentRecorder } from './ipc/handlers/history';
import { Vault } from './vault/vault';

export interface MainServicesOptions {
  dir: string;
  cipher: Cipher;
  /**
   * @deprecated Ignored: the vault now writes its own file (atomic, mode 0600, asynchronous, specific
   * disk-full / read-only / permission errors). Remove it from callers (src/main/index.ts, e2e/harness.ts).
   */
  shell: Shell;
  clipboard: Clipboard;
  /** Native open/save dialogs; without them the batch screen cannot pick files. */
  dialogs?: Dialogs;
  timers?: Timers;
  now?: () => Date;
  log?: Log;
  allowedOrigins: readonly string[];
  appInfo?: Partial<HandlerDeps['appInfo']>;
  /** History writes are coalesced over this many ms (default HISTORY_FLUSH_MS). */
  historyFlushMs?: number;
  /** PBKDF2 iterations for new fingerprints (default FINGERPRINT_ITERATIONS; tests may lower it). */
  fingerprintIterations?: number;
}

export interface MainServices {
  vault: Vault;
  batch: BatchJobs;
  router: IpcRouter;
  /**
   * Call on quit (and await): cancels the batch job, stops the capture receiver, writes pending history, and
   * clears the clipboard if it still holds a secret Signet copied. Never throws.
   */
  dispose(): Promise<void>;
  /** The loopback capture receiver (at most one running); dispose() stops it. */
  capture: CaptureSession;
}

export async function createMainServices(o: MainServicesOptions): Promise<MainServices> {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? { info: () => {}, warn: () => {} };
  const vault = await Vault.open({
    dir: o.dir,
    cipher: o.cipher,
    now,
    log,
    historyFlushMs: o.historyFlushMs,
    fingerprintIterations: o.fingerprintIterations,
  });
  if (vault.notice) log.warn('vault: the store file was unreadable and has been moved aside');
  if (vault.cleanedTempFiles.length > 0) {
    log.info(`vault: removed ${vault.cleanedTempFiles.length} temporary file(s) left by an interrupted write`);
  }
  const batch = new BatchJobs();
  const copied = copiedSecretTracker();
  const capture = new CaptureSession(log);
  const timers = o.timers ?? { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref() };
  const intents = new IntentRecorder(timers);
  const handlers = createHandlers(
    {
      vault,
      batch,
      copied,
      dialogs: o.dialogs ?? { openFile: async () => null, saveFile: async () => null },
      shell: o.shell,
      clipboard: o.clipboard,
      timers,
      now,
      appInfo: { name: APP_NAME, version: APP_VERSION, platform: process.platform, dataDirectory: o.dir, ...o.appInfo },
    },
    { capture, intents },
  );
  let disposed: Promise<void> | null = null;
  const dispose = (): Promise<void> =>
    (disposed ??= (async () => {
      batch.dispose();
      await capture.stop().catch(() => undefined);
      intents.flush();
      await vault.dispose().catch(() => undefined);
      const secret = copied.current();
      if (secret !== null) {
        try {
          if ((await o.clipboard.readText()) === secret) await o.clipboard.clear();
        } catch {
          log.warn('clipboard: could not be checked on quit');
        }
        copied.forget();
      }
    })());
  return {
    vault,
    batch,
    capture,
    router: createIpcRouter({ handlers, allowedOrigins: o.allowedOrigins, log }),
    dispose,
  };
}

/** The last secret copied to the clipboard, so quitting can clear it if it is still there. */
function copiedSecretTracker(): CopiedSecret {
  let secret: string | null = null;
  return {
    remember: (s) => void (secret = s),
    current: () => secret,
    forget: () => void (secret = null),
  };
}
