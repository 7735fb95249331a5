import { pbkdf2, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SignetInputError } from '../../core/common/errors';
import {
  FINGERPRINT_HEX_LENGTH,
  FINGERPRINT_ITERATIONS,
  HISTORY_FLUSH_MS,
  HISTORY_LIMIT,
  PROFILE_LIMIT,
} from '../../core/common/product';
import {
  EberSettingsSchema,
  MmobSettingsSchema,
  type HistoryEntry,
  type KeyringStatus,
  type ProfileInput,
  type ProfileView,
  type SecretView,
} from '../../shared/contract';
import { WEAK_BACKENDS, type Cipher } from '../cipher';
import {
  STORE_VERSION,
  StoredProfileSchema,
  type StoredFingerprint,
  type StoreFile,
  type StoredProfile,
} from './schema';
import { errnoOf, openStore, storeWriteError, StoreWriter } from './store-file';

/**
 * The fingerprint of a secret: PBKDF2-HMAC-SHA256(secret, salt, iterations), the first
 * FINGERPRINT_HEX_LENGTH hex characters. The README's "Fingerprints" paragraph gives the same computation as
 * openssl / PHP / Node one-liners.
 */
export function fingerprint(
  secret: string,
  saltHex: string,
  iterations: number = FINGERPRINT_ITERATIONS,
): Promise<string> {
  return new Promise((resolve, reject) =>
    pbkdf2(secret, Buffer.from(saltHex, 'hex'), iterations, FINGERPRINT_HEX_LENGTH / 2, 'sha256', (e, key) =>
      e ? reject(e) : resolve(key.toString('hex')),
    ),
  );
}

async function newFingerprint(secret: string, iterations: number): Promise<StoredFingerprint> {
  const salt = randomBytes(16).toString('hex');
  return { salt, iterations, value: await fingerprint(secret, salt, iterations) };
}

/** Dots only: neither the secret nor its length. */
export const MASKED = '•'.repeat(8);

const ExportFileSchema = z.object({
  format: z.literal('signet-profiles'),
  version: z.literal(1),
  profiles: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('mmob'), name: z.string().min(1).max(100), settings: MmobSettingsSchema }),
        z.object({ kind: z.literal('eber'), name: z.string().min(1).max(100), settings: EberSettingsSchema }),
      ]),
    )
    .max(PROFILE_LIMIT, `an export holds at most ${PROFILE_LIMIT} profiles`),
});

export interface VaultDeps {
  dir: string;
  cipher: Cipher;
  now: () => Date;
  /** Where history-write failures are reported (their error code only, never content). */
  log?: { warn(message: string): void };
  /** History writes are coalesced over this many ms (default HISTORY_FLUSH_MS). */
  historyFlushMs?: number;
  /** PBKDF2 iterations for new fingerprints (default FINGERPRINT_ITERATIONS). */
  fingerprintIterations?: number;
}

/**
 * Named profiles with their secrets encrypted at rest by the OS keychain (safeStorage). Secrets leave this
 * class only through `secretFor` (main-process operations) — every view handed out is masked.
 */
export class Vault {
  /** The profiles as last saved: changed only after the file holding the change has been written. */
  private profiles: StoredProfile[];
  /** Oldest first; written coalesced (see scheduleHistoryFlush). */
  private entries: HistoryEntry[];
  private historyVersion = 0;
  private historyWritten = 0;
  private historyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly writer: StoreWriter;
  /** Profile changes run one at a time, so each is computed from the state the previous one saved. */
  private changes: Promise<unknown> = Promise.resolve();
  private disposed = false;
  readonly notice: string | null;
  readonly path: string;
  /** Temporary files of a killed write that were removed on opening. */
  readonly cleanedTempFiles: string[];
  /** Decrypted secrets, and secrets kept for this session only when there is no usable keyring. */
  private readonly plain = new Map<string, string>();
  private readonly undecryptable = new Map<string, string>();
  /** Fingerprints of secrets set this session without a usable keyring: never written. */
  private readonly sessionFingerprints = new Map<string, StoredFingerprint>();
  /** Fingerprints computed for stores written before salted fingerprints: written with the next save. */
  private readonly legacyFingerprints = new Map<string, StoredFingerprint>();
  private persistent = false;

  private constructor(
    private readonly deps: VaultDeps,
    opened: ReturnType<typeof openStore>,
  ) {
    this.profiles = opened.data.profiles;
    this.entries = opened.data.history;
    this.notice = opened.notice;
    this.path = opened.path;
    this.cleanedTempFiles = opened.cleaned;
    this.writer = new StoreWriter(opened.path);
  }

  static async open(deps: VaultDeps): Promise<Vault> {
    const opened = openStore(deps.dir, deps.now);
    const vault = new Vault(deps, opened);
    vault.persistent = (await deps.cipher.isAvailable()) && !WEAK_BACKENDS.has(deps.cipher.backend());
    if (opened.needsWrite) {
      try {
        await vault.writer.write(vault.document(vault.profiles, vault.entries));
      } catch (e) {
        // The app still starts; the next change says precisely why it cannot be saved.
        vault.warn(`vault: the store could not be written on start (${errnoOf(e)})`);
      }
    }
    return vault;
  }

  keyringStatus(): KeyringStatus {
    const backend = this.deps.cipher.backend();
    if (this.persistent) {
      return {
        available: true,
        backend,
        persistent: true,
        message: `Secrets are encrypted at rest with the OS keychain (${backend}).`,
      };
    }
    return {
      available: false,
      backend,
      persistent: false,
      message:
        'No usable OS keychain was found, so secrets are kept in memory for this session only and are never written to disk. Profiles without secrets are still saved.',
    };
  }

  // ---- profiles ---------------------------------------------------------------------------------------------
  async list(): Promise<ProfileView[]> {
    return Promise.all(this.profiles.map((p) => this.view(p)));
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.find(id));
  }

  async create(input: ProfileInput): Promise<ProfileView> {
    const id = await this.change(async (profiles) => {
      this.checkRoom(profiles, 1);
      const { profile, sessionFingerprint } = await this.newProfile(input, profiles);
      return {
        profiles: [...profiles, profile],
        result: profile.id,
        after: () => this.keepSecret(profile.id, input.secret, sessionFingerprint),
      };
    });
    return this.get(id);
  }

  async update(id: string, patch: { name?: string | undefined; settings?: unknown }): Promise<ProfileView> {
    await this.change(async (profiles) => {
      const current = this.find(id, profiles);
      const settingsSchema = current.kind === 'mmob' ? MmobSettingsSchema : EberSettingsSchema;
      let settings = current.settings;
      if (patch.settings !== undefined) {
        const parsed = settingsSchema.safeParse(patch.settings);
        if (!parsed.success)
          throw new SignetInputError(
            'INVALID_INPUT',
            `These settings are not valid for a ${current.kind} profile.`,
            'settings',
          );
        settings = parsed.data;
      }
      const name =
        patch.name !== undefined && patch.name !== current.name ? uniqueName(patch.name, profiles) : current.name;
      const next = { ...current, name, settings, updatedAt: this.deps.now().toISOString() } as StoredProfile;
      return { profiles: profiles.map((p) => (p.id === id ? next : p)), result: undefined };
    });
    return this.get(id);
  }

  async duplicate(id: string): Promise<ProfileView> {
    const copyId = await this.change(async (profiles) => {
      this.checkRoom(profiles, 1);
      const source = this.find(id, profiles);
      const at = this.deps.now().toISOString();
      const copy = {
        ...source,
        id: randomUUID(),
        name: uniqueName(`${source.name} (copy)`, profiles),
        createdAt: at,
        updatedAt: at,
      };
      return {
        profiles: [...profiles, copy],
        result: copy.id,
        after: () => {
          const sessionSecret = this.plain.get(id);
          if (sessionSecret !== undefined) this.plain.set(copy.id, sessionSecret);
          const sessionFingerprint = this.sessionFingerprints.get(id);
          if (sessionFingerprint) this.sessionFingerprints.set(copy.id, sessionFingerprint);
        },
      };
    });
    return this.get(copyId);
  }

  async delete(id: string): Promise<void> {
    await this.change(async (profiles) => {
      this.find(id, profiles);
      return {
        profiles: profiles.filter((p) => p.id !== id),
        result: undefined,
        after: () => {
          this.plain.delete(id);
          this.undecryptable.delete(id);
          this.sessionFingerprints.delete(id);
          this.legacyFingerprints.delete(id);
        },
      };
    });
  }

  async setSecret(id: string, secret: string): Promise<ProfileView> {
    await this.change(async (profiles) => {
      const profile = this.find(id, profiles);
      const { profile: withSecret, sessionFingerprint } = await this.withSecret(profile, secret);
      const next = { ...withSecret, updatedAt: this.deps.now().toISOString() };
      return {
        profiles: profiles.map((p) => (p.id === id ? next : p)),
        result: undefined,
        after: () => this.keepSecret(id, secret, sessionFingerprint),
      };
    });
    return this.get(id);
  }

  /** The plaintext secret, for main-process operations only. */
  async secretFor(id: string): Promise<string> {
    const profile = this.find(id);
    const secret = await this.decrypted(profile);
    if (secret !== null) return secret;
    const reason = this.undecryptable.get(id);
    throw new SignetInputError(
      reason ? 'SECRET_CANNOT_DECRYPT' : 'SECRET_MISSING',
      reason
        ? `The secret of profile "${profile.name}" cannot be decrypted (${reason}). Enter it again under Profiles.`
        : `Profile "${profile.name}" has no secret yet. Enter it under Profiles, or use a one-off secret.`,
      'profileId',
    );
  }

  profileHosts(): string[] {
    const hosts: string[] = [];
    for (const p of this.profiles) {
      const url = p.kind === 'eber' ? p.settings.baseUrl : p.settings.marketplaceUrl;
      try {
        if (url) hosts.push(new URL(url).hostname);
      } catch {
        // An unparsable URL in a profile allows no host.
      }
    }
    return hosts;
  }

  exportJson(): string {
    const profiles = this.profiles.map((p) => ({ kind: p.kind, name: p.name, settings: p.settings }));
    return JSON.stringify(
      { format: 'signet-profiles', version: 1, exportedAt: this.deps.now().toISOString(), profiles },
      null,
      2,
    );
  }

  /** Imports every profile of an export in one write, or none of them. */
  async importJson(json: string): Promise<number> {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new SignetInputError('IMPORT_INVALID', 'The file is not JSON. Choose a file exported by Signet.', 'json');
    }
    const parsed = ExportFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SignetInputError(
        'IMPORT_INVALID',
        `This is not a Signet profile export (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}).`,
        'json',
      );
    }
    return this.change(async (profiles) => {
      this.checkRoom(profiles, parsed.data.profiles.length);
      const next = [...profiles];
      for (const p of parsed.data.profiles) next.push((await this.newProfile({ ...p } as ProfileInput, next)).profile);
      return { profiles: next, result: parsed.data.profiles.length };
    });
  }

  // ---- history ----------------------------------------------------------------------------------------------
  history(): HistoryEntry[] {
    return [...this.entries].reverse();
  }

  /**
   * Records an entry. It is kept in memory at once and written coalesced (at most every HISTORY_FLUSH_MS, and
   * on dispose); a failing write is logged with its error code and never fails the operation.
   */
  addHistory(entry: Omit<HistoryEntry, 'id' | 'at'>): void {
    const full: HistoryEntry = { ...entry, id: randomUUID(), at: this.deps.now().toISOString() };
    this.entries = keepWithinLimit([...this.entries, full]);
    this.historyVersion++;
    this.scheduleHistoryFlush();
  }

  /** Pins or unpins an entry (a pinned entry outlives the history limit). False when there is no such entry. */
  pinHistory(id: string, pinned: boolean): boolean {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at < 0) return false;
    const { pinned: _was, ...rest } = this.entries[at]!;
    this.entries = this.entries.map((e, i) => (i === at ? (pinned ? { ...rest, pinned: true } : rest) : e));
    this.historyVersion++;
    this.scheduleHistoryFlush();
    return true;
  }

  /** Clears history on disk first, then in memory: a clear that cannot be saved says so. */
  async clearHistory(): Promise<number> {
    const n = this.entries.length;
    await this.change(async (profiles) => ({
      profiles,
      history: [],
      result: undefined,
    }));
    return n;
  }

  /** Writes pending history now. Never throws: a failure is logged (code only) and retried on the next write. */
  async flush(): Promise<void> {
    if (this.historyTimer !== null) {
      clearTimeout(this.historyTimer);
      this.historyTimer = null;
    }
    await this.changes.catch(() => undefined);
    if (this.historyWritten === this.historyVersion) return;
    const version = this.historyVersion;
    try {
      await this.writer.write(this.document(this.profiles, this.entries));
      this.historyWritten = Math.max(this.historyWritten, version);
    } catch (e) {
      this.warn(
        `vault: history could not be saved (${errnoOf(e)}); it is kept in memory and saved with the next change`,
      );
    }
  }

  /** Flushes pending history and waits for every write: call on quit. Later history is kept in memory only. */
  async dispose(): Promise<void> {
    await this.flush();
    this.disposed = true;
    await this.writer.idle();
  }

  // ---- internals --------------------------------------------------------------------------------------------
  private scheduleHistoryFlush(): void {
    if (this.historyTimer !== null || this.disposed) return;
    this.historyTimer = setTimeout(() => {
      this.historyTimer = null;
      void this.flush();
    }, this.deps.historyFlushMs ?? HISTORY_FLUSH_MS);
    this.historyTimer.unref?.();
  }

  /**
   * One profile change: computed from the saved state, written, and only then made the state in memory (so a
   * write that fails — a full disk, a read-only volume — leaves nothing changed, on disk and in memory alike).
   */
  private change<T>(
    compute: (
      profiles: StoredProfile[],
    ) => Promise<{ profiles: StoredProfile[]; history?: HistoryEntry[]; result: T; after?: () => void }>,
  ): Promise<T> {
    const run = async (): Promise<T> => {
      const next = await compute(this.profiles);
      const history = next.history ?? this.entries;
      const version = this.historyVersion;
      try {
        await this.writer.write(this.document(next.profiles, history));
      } catch (e) {
        this.warn(`vault: a change could not be saved (${errnoOf(e)})`);
        throw storeWriteError(e);
      }
      this.profiles = next.profiles;
      if (next.history !== undefined) this.entries = next.history;
      this.historyWritten = Math.max(this.historyWritten, version);
      next.after?.();
      return next.result;
    };
    const result = this.changes.then(run, run);
    this.changes = result.catch(() => undefined);
    return result;
  }

  /** The file's content (fingerprints computed for a store from before salted fingerprints included). */
  private document(profiles: StoredProfile[], history: HistoryEntry[]): StoreFile {
    return {
      schemaVersion: STORE_VERSION,
      profiles: profiles.map((p) => {
        const legacy = p.fingerprint ? undefined : this.legacyFingerprints.get(p.id);
        return legacy && p.secret !== null ? { ...p, fingerprint: legacy } : p;
      }),
      history,
    };
  }

  private checkRoom(profiles: StoredProfile[], adding: number): void {
    if (profiles.length + adding > PROFILE_LIMIT) {
      throw new SignetInputError(
        'PROFILE_LIMIT',
        adding === 1
          ? `Signet keeps at most ${PROFILE_LIMIT} profiles, and this store has ${profiles.length}. Delete some first.`
          : `Signet keeps at most ${PROFILE_LIMIT} profiles: this store has ${profiles.length}, and the import adds ${adding}. Nothing was imported.`,
      );
    }
  }

  private async newProfile(
    input: ProfileInput,
    profiles: StoredProfile[],
  ): Promise<{ profile: StoredProfile; sessionFingerprint?: StoredFingerprint | undefined }> {
    const at = this.deps.now().toISOString();
    const profile = StoredProfileSchema.parse({
      id: randomUUID(),
      name: uniqueName(input.name, profiles),
      kind: input.kind,
      settings: input.settings,
      createdAt: at,
      updatedAt: at,
      secret: null,
      fingerprint: null,
    });
    return input.secret !== undefined ? this.withSecret(profile, input.secret) : { profile };
  }

  /**
   * The profile carrying a new secret: its ciphertext and a fresh fingerprint when the keyring persists it;
   * without a usable keyring the file keeps whatever it had (never plaintext) and the fingerprint stays in memory.
   */
  private async withSecret(
    profile: StoredProfile,
    secret: string,
  ): Promise<{ profile: StoredProfile; sessionFingerprint?: StoredFingerprint | undefined }> {
    const fp = await newFingerprint(secret, this.deps.fingerprintIterations ?? FINGERPRINT_ITERATIONS);
    if (!this.persistent) return { profile, sessionFingerprint: fp };
    const ciphertext = (await this.deps.cipher.encrypt(secret)).toString('base64');
    return { profile: { ...profile, secret: { ciphertext, backend: this.deps.cipher.backend() }, fingerprint: fp } };
  }

  private keepSecret(id: string, secret: string | undefined, sessionFingerprint?: StoredFingerprint): void {
    if (secret === undefined) return;
    this.plain.set(id, secret);
    this.undecryptable.delete(id);
    this.legacyFingerprints.delete(id);
    if (sessionFingerprint) this.sessionFingerprints.set(id, sessionFingerprint);
    else this.sessionFingerprints.delete(id);
  }

  private find(id: string, profiles: StoredProfile[] = this.profiles): StoredProfile {
    const p = profiles.find((x) => x.id === id);
    if (!p)
      throw new SignetInputError('PROFILE_NOT_FOUND', 'That profile no longer exists. Reload the list.', 'profileId');
    return p;
  }

  private warn(message: string): void {
    this.deps.log?.warn(message);
  }

  private async decrypted(profile: StoredProfile): Promise<string | null> {
    const cached = this.plain.get(profile.id);
    if (cached !== undefined) return cached;
    if (!profile.secret || this.undecryptable.has(profile.id)) return null;
    try {
      const secret = await this.deps.cipher.decrypt(Buffer.from(profile.secret.ciphertext, 'base64'));
      this.plain.set(profile.id, secret);
      return secret;
    } catch {
      // Never delete it: another keyring (or this one, unlocked later) may still read it.
      this.undecryptable.set(profile.id, `stored with backend ${profile.secret.backend}`);
      return null;
    }
  }

  /** The secret's fingerprint: this session's, else the stored one, else one computed now (older stores). */
  private async fingerprintOf(p: StoredProfile, secret: string): Promise<StoredFingerprint> {
    const known = this.sessionFingerprints.get(p.id) ?? p.fingerprint ?? this.legacyFingerprints.get(p.id);
    if (known) return known;
    const fp = await newFingerprint(secret, this.deps.fingerprintIterations ?? FINGERPRINT_ITERATIONS);
    (p.secret === null ? this.sessionFingerprints : this.legacyFingerprints).set(p.id, fp);
    return fp;
  }

  private async view(p: StoredProfile): Promise<ProfileView> {
    const secret = await this.decrypted(p);
    let secretView: SecretView;
    const none = { fingerprint: null, fingerprintSalt: null, fingerprintIterations: null };
    if (secret !== null) {
      const state = this.persistent && p.secret !== null ? 'stored' : 'session-only';
      const fp = await this.fingerprintOf(p, secret);
      secretView = {
        state,
        masked: MASKED,
        fingerprint: fp.value,
        fingerprintSalt: fp.salt,
        fingerprintIterations: fp.iterations,
        backend: p.secret?.backend ?? null,
        message: null,
      };
    } else if (p.secret) {
      secretView = {
        state: 'cannot-decrypt',
        masked: '',
        ...none,
        backend: p.secret.backend,
        message: `Cannot decrypt (stored with backend ${p.secret.backend}). The stored value is kept; enter the secret again to replace it.`,
      };
    } else {
      secretView = { state: 'missing', masked: '', ...none, backend: null, message: 'No secret yet.' };
    }
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      settings: p.settings,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      secret: secretView,
    } as ProfileView;
  }
}

function uniqueName(name: string, profiles: readonly StoredProfile[]): string {
  const taken = new Set(profiles.map((p) => p.name));
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} ${i}`)) return `${name} ${i}`;
}

/** The newest HISTORY_LIMIT unpinned entries plus every pinned one, oldest first. */
export function keepWithinLimit(entries: HistoryEntry[]): HistoryEntry[] {
  let unpinned = entries.filter((e) => !e.pinned).length;
  return entries.filter((e) => {
    if (e.pinned || unpinned <= HISTORY_LIMIT) return true;
    unpinned--;
    return false;
  });
}
