/** Node stand-ins for Electron's parts, used by main's tests and the browser E2E harness. */
import Conf from 'conf';
import type { Clipboard } from '../main/ipc/handlers';
import type { StoreEngineFactory } from '../main/vault/store-file';

/** electron-store's own engine, pointed at a directory: the same file format without Electron. */
export const confStoreFactory: StoreEngineFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, clearInvalidConfig: false, projectName: 'signet' });

export function memoryClipboard(): Clipboard & { text: string } {
  const c = {
    text: '',
    writeText: (t: string) => void (c.text = t),
    readText: () => c.text,
    clear: () => void (c.text = ''),
  };
  return c;
}

/**
 * A store engine that keeps the document in memory: for fuzzing the IPC gate, where thousands of valid
 * payloads would otherwise each rewrite the file (the file format itself is covered with conf).
 */
export const memoryStoreFactory: StoreEngineFactory = () => {
  let doc: Record<string, unknown> = {};
  return {
    get store() {
      return doc;
    },
    set store(value: Record<string, unknown>) {
      doc = structuredClone(value);
    },
  };
};
