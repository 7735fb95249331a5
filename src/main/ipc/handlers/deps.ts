/** What the handlers are functions of: main's services and the OS, injected (tests pass stand-ins). */
import type { ChannelName, RequestOf, ResponseOf } from '../../../shared/contract';
import type { BatchJobs } from '../../batch-jobs';
import type { Vault } from '../../vault/vault';

/** Async because Electron's clipboard may be (its readText returns a Promise in newer versions). */
export interface Clipboard {
  /**
   * `concealed`: the text is a secret or a credential. Electron's clipboard API offers no way to mark a write
   * so clipboard managers skip it (macOS org.nspasteboard.ConcealedType, Windows
   * ExcludeClipboardContentFromMonitorProcessing), so its adapter writes plain text and the flag is recorded
   * for tests; what protects such a text is that quitting clears it if the clipboard still holds it.
   */
  writeText(text: string, options?: { concealed?: boolean }): void | Promise<void>;
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}
export interface Shell {
  openExternal(url: string): Promise<void>;
}
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
}
/** Native file dialogs (Electron's dialog module in the app; stand-ins in tests). */
export interface Dialogs {
  openFile(): Promise<string | null>;
  saveFile(defaultName: string): Promise<string | null>;
}

/** The secret Signet last copied, so quitting can clear the clipboard if it still holds it. */
export interface CopiedSecret {
  remember(secret: string): void;
  current(): string | null;
  forget(): void;
}

export interface HandlerDeps {
  vault: Vault;
  copied: CopiedSecret;
  dialogs: Dialogs;
  batch: BatchJobs;
  shell: Shell;
  clipboard: Clipboard;
  timers: Timers;
  now: () => Date;
  appInfo: { name: string; version: string; platform: string; dataDirectory: string };
}

export type Handler<C extends ChannelName> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };
/** The handlers of the channels whose names start with one of these areas ("mmob" → mmob:sign, …). */
export type AreaHandlers<Area extends string> = { [C in Extract<ChannelName, `${Area}:${string}`>]: Handler<C> };
