import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_STORE, parseStoreText, type StoreFile } from './schema';

/** The persistence engine: electron-store in the app, its engine `conf` in Node tests. Both expose `.store`. */
export interface StoreEngine {
  store: Record<string, unknown>;
}
export type StoreEngineFactory = (options: { cwd: string; name: string }) => StoreEngine;

export const STORE_NAME = 'signet-vault';

export interface OpenedStore {
  engine: StoreEngine;
  data: StoreFile;
  path: string;
  /** Set when the file on disk could not be used: what happened and where it went. */
  notice: string | null;
}

/**
 * Opens the vault file. A file that cannot be read (empty, truncated, garbage, wrong schema, wrong types,
 * from a newer version) is never overwritten or deleted: it is renamed aside unchanged — byte for byte —
 * and the app starts with an empty store and a notice saying where the old file is.
 */
export function openStore(dir: string, factory: StoreEngineFactory, now: () => Date): OpenedStore {
  const path = join(dir, `${STORE_NAME}.json`);
  let notice: string | null = null;
  let data: StoreFile = EMPTY_STORE;
  let migrated = false;
  if (existsSync(path)) {
    const parsed = parseStoreText(readFileSync(path, 'utf8'));
    if (parsed.ok) {
      data = parsed.data;
      migrated = parsed.migratedFrom !== null;
    } else {
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const aside = join(dir, `${STORE_NAME}.unreadable-${stamp}.json`);
      renameSync(path, aside);
      notice = `Signet could not read its profile store because ${parsed.reason}. The file was moved, unchanged, to ${aside}, and Signet started with an empty store.`;
    }
  }
  const engine = factory({ cwd: dir, name: STORE_NAME });
  if (notice !== null || migrated || !existsSync(path)) engine.store = { ...data };
  return { engine, data, path, notice };
}
