import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SignetInputError } from '../../core/common/errors';
import { EMPTY_STORE, parseStoreText, type StoreFile } from './schema';

export const STORE_NAME = 'signet-vault';
/** Owner read/write only: the file holds ciphertexts, names and history. */
export const STORE_FILE_MODE = 0o600;
/** Owner only, for a data directory the vault creates itself. */
export const STORE_DIR_MODE = 0o700;
/** A write goes to `<file>.tmp-<pid>-<random>` and is renamed over the file; conf's temp files look the same. */
const TEMP_MARK = `${STORE_NAME}.json.tmp-`;

export interface OpenedStore {
  data: StoreFile;
  path: string;
  /** Set when the file on disk could not be used: what happened and where it went. */
  notice: string | null;
  /** True when the file must be written once now (absent, migrated, or moved aside). */
  needsWrite: boolean;
  /** Temporary files of writes killed half-way, removed on opening. */
  cleaned: string[];
}

/**
 * Opens the vault file. A file that cannot be read (empty, truncated, garbage, wrong schema, wrong types,
 * from a newer version) is never overwritten or deleted: it is renamed aside unchanged — byte for byte —
 * and the app starts with an empty store and a notice saying where the old file is. Temporary files left by
 * a write that was killed half-way are removed (the file itself is always whole: writes rename over it).
 */
export function openStore(dir: string, now: () => Date): OpenedStore {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: STORE_DIR_MODE });
  const cleaned: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_MARK)) continue;
    try {
      unlinkSync(join(dir, name));
      cleaned.push(name);
    } catch {
      // Another process's file, or already gone: leave it.
    }
  }
  const path = join(dir, `${STORE_NAME}.json`);
  let notice: string | null = null;
  let data: StoreFile = EMPTY_STORE;
  let needsWrite = true;
  if (existsSync(path)) {
    const parsed = parseStoreText(readFileSync(path, 'utf8'));
    if (parsed.ok) {
      data = parsed.data;
      needsWrite = parsed.migratedFrom !== null;
      tightenMode(path);
    } else {
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const aside = join(dir, `${STORE_NAME}.unreadable-${stamp}.json`);
      renameSync(path, aside);
      tightenMode(aside);
      notice = `Signet could not read its profile store because ${parsed.reason}. The file was moved, unchanged, to ${aside}, and Signet started with an empty store.`;
    }
  }
  return { data, path, notice, needsWrite, cleaned };
}

/** Files written by earlier versions were 0644 (world-readable): make them owner-only. */
function tightenMode(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, STORE_FILE_MODE);
  } catch {
    // Not ours to change (e.g. another owner): the next write replaces it with a 0600 file anyway.
  }
}

/** What the user is told when the store cannot be written, by the system's error code. */
export function storeWriteError(e: unknown): SignetInputError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new SignetInputError(
        'STORE_DISK_FULL',
        "The disk holding Signet's profile store is full, so this change was not saved and nothing was changed. Free some space and try again.",
      );
    case 'EROFS':
      return new SignetInputError(
        'STORE_READ_ONLY',
        "Signet's profile store is on a read-only file system, so this change was not saved and nothing was changed.",
      );
    case 'EACCES':
    case 'EPERM':
      return new SignetInputError(
        'STORE_NO_ACCESS',
        "Signet may not write its profile store (permission denied), so this change was not saved and nothing was changed. Check the data folder's permissions.",
      );
    default:
      return new SignetInputError(
        'STORE_WRITE_FAILED',
        `Signet could not write its profile store${code ? ` (${code})` : ''}, so this change was not saved and nothing was changed.`,
      );
  }
}

/** The system error code of a failed write, for logs (never the content). */
export function errnoOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.name : 'unknown';
}

/**
 * Writes whole documents atomically: a new 0600 temp file, written and fsynced, renamed over the store.
 * Writes run one at a time, in call order. A failed write leaves the previous file in place and no temp file,
 * and rejects with the system error (see storeWriteError for what the user is told).
 */
export class StoreWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  write(data: StoreFile): Promise<void> {
    const next = this.queue.then(
      () => this.writeNow(data),
      () => this.writeNow(data),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every write asked for so far has finished (whether it worked or not). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async writeNow(data: StoreFile): Promise<void> {
    const text = JSON.stringify(data, null, '\t');
    const temp = `${this.path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
    let created = false;
    try {
      const handle = await open(temp, 'wx', STORE_FILE_MODE);
      created = true;
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
      created = false;
    } finally {
      if (created) await unlink(temp).catch(() => undefined);
    }
  }
}
