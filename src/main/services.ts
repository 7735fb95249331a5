/**
 * Everything main does, assembled from plain dependencies — no Electron import anywhere in this graph —
 * so Node tests and the browser E2E harness run the real handlers with a test cipher and a temp directory.
 */
import { APP_NAME, APP_VERSION } from '../core/common/product';
import { CaptureSession } from '../capture/session';
import type { Cipher } from './cipher';
import { BatchJobs } from './batch-jobs';
import { createHandlers, type Clipboard, type Dialogs, type HandlerDeps, type Shell, type Timers } from './ipc/handlers';
import { createIpcRouter, type IpcRouter, type Log } from './ipc/router';
import type { StoreEngineFactory } from './vault/store-file';
import { Vault } from './vault/vault';

export interface MainServicesOptions {
  dir: string;
  cipher: Cipher;
  storeFactory: StoreEngineFactory;
  shell: Shell;
  clipboard: Clipboard;
  /** Native open/save dialogs; without them the batch screen cannot pick files. */
  dialogs?: Dialogs;
  timers?: Timers;
  now?: () => Date;
  log?: Log;
  allowedOrigins: readonly string[];
  appInfo?: Partial<HandlerDeps['appInfo']>;
}

export interface MainServices {
  vault: Vault;
  batch: BatchJobs;
  router: IpcRouter;
  /** The loopback capture receiver (at most one running): stop it before quitting (`await capture.stop()`). */
  capture: CaptureSession;
}

export async function createMainServices(o: MainServicesOptions): Promise<MainServices> {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? { info: () => {}, warn: () => {} };
  const vault = await Vault.open({ dir: o.dir, cipher: o.cipher, storeFactory: o.storeFactory, now });
  if (vault.notice) log.warn('vault: the store file was unreadable and has been moved aside');
  const batch = new BatchJobs();
  const capture = new CaptureSession(log);
  const handlers = createHandlers({
    vault,
    batch,
    dialogs: o.dialogs ?? { openFile: async () => null, saveFile: async () => null },
    shell: o.shell,
    clipboard: o.clipboard,
    timers: o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref() },
    now,
    appInfo: { name: APP_NAME, version: APP_VERSION, platform: process.platform, dataDirectory: o.dir, ...o.appInfo },
  }, { capture });
  return { vault, batch, capture, router: createIpcRouter({ handlers, allowedOrigins: o.allowedOrigins, log }) };
}
