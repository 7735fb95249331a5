import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SignetInputError } from '../../core/common/errors';
import { HISTORY_LIMIT } from '../../core/common/product';
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
import { StoredProfileSchema, type StoreFile, type StoredProfile } from './schema';
import { openStore, type StoreEngineFactory } from './store-file';


export function fingerprint(secret: string): string {
  return createHmac('sha256', secret).update('signet-fingerprint').digest('hex').slice(0, 8);
}

function masked(secret: string): string {
  return `${'•'.repeat(8)} (${secret.length} characters)`;
}

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
    .max(1000),
});

export interface VaultDeps {
  dir: string;
  cipher: Cipher;
  storeFactory: StoreEngineFactory;
  now: () => Date;
}

/**
 * Named profiles with their secrets encrypted at rest by the OS keychain (safeStorage). Secrets leave this
 * class only through `secretFor` (main-process operations) — every view handed out is masked.
 */
export class Vault {
  private data: StoreFile;
  private readonly engine;
  readonly notice: string | null;
  readonly path: string;
  /** Decrypted secrets, and secrets kept for this session only when there is no usable keyring. */
  private readonly plain = new Map<string, string>();
  private readonly undecryptable = new Map<string, string>();
  private persistent = false;

  private constructor(
    private readonly deps: VaultDeps,
    opened: ReturnType<typeof openStore>,
  ) {
    this.engine = opened.engine;
    this.data = opened.data;
    this.notice = opened.notice;
    this.path = opened.path;
  }

  static async open(deps: VaultDeps): Promise<Vault> {
    const vault = new Vault(deps, openStore(deps.dir, deps.storeFactory, deps.now));
    vault.persistent = (await deps.cipher.isAvailable()) && !WEAK_BACKENDS.has(deps.cipher.backend());
    return vault;
  }

  keyringStatus(): KeyringStatus {
    const backend = this.deps.cipher.backend();
    if (this.persistent) {
      return { available: true, backend, persistent: true, message: `Secrets are encrypted at rest with the OS keychain (${backend}).` };
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
    return Promise.all(this.data.profiles.map((p) => this.view(p)));
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.find(id));
  }

  async create(input: ProfileInput): Promise<ProfileView> {
    const at = this.deps.now().toISOString();
    const profile = StoredProfileSchema.parse({
      id: randomUUID(),
      name: this.uniqueName(input.name),
      kind: input.kind,
      settings: input.settings,
      createdAt: at,
      updatedAt: at,
      secret: null,
    });
    this.data = { ...this.data, profiles: [...this.data.profiles, profile] };
    if (input.secret !== undefined) await this.storeSecret(profile.id, input.secret);
    else this.save();
    return this.get(profile.id);
  }

  async update(id: string, patch: { name?: string | undefined; settings?: unknown }): Promise<ProfileView> {
    const current = this.find(id);
    const settingsSchema = current.kind === 'mmob' ? MmobSettingsSchema : EberSettingsSchema;
    let settings = current.settings;
    if (patch.settings !== undefined) {
      const parsed = settingsSchema.safeParse(patch.settings);
      if (!parsed.success) throw new SignetInputError('INVALID_INPUT', `These settings are not valid for a ${current.kind} profile.`, 'settings');
      settings = parsed.data;
    }
    const name = patch.name !== undefined && patch.name !== current.name ? this.uniqueName(patch.name) : current.name;
    this.replace({ ...current, name, settings, updatedAt: this.deps.now().toISOString() } as StoredProfile);
    return this.get(id);
  }

  async duplicate(id: string): Promise<ProfileView> {
    const source = this.find(id);
    const at = this.deps.now().toISOString();
    const copy = { ...source, id: randomUUID(), name: this.uniqueName(`${source.name} (copy)`), createdAt: at, updatedAt: at };
    this.data = { ...this.data, profiles: [...this.data.profiles, copy] };
    const sessionSecret = this.plain.get(id);
    if (sessionSecret !== undefined) this.plain.set(copy.id, sessionSecret);
    this.save();
    return this.get(copy.id);
  }

  delete(id: string): void {
    this.find(id);
    this.data = { ...this.data, profiles: this.data.profiles.filter((p) => p.id !== id) };
    this.plain.delete(id);
    this.undecryptable.delete(id);
    this.save();
  }

  async setSecret(id: string, secret: string): Promise<ProfileView> {
    this.find(id);
    await this.storeSecret(id, secret);
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
    for (const p of this.data.profiles) {
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
    const profiles = this.data.profiles.map((p) => ({ kind: p.kind, name: p.name, settings: p.settings }));
    return JSON.stringify({ format: 'signet-profiles', version: 1, exportedAt: this.deps.now().toISOString(), profiles }, null, 2);
  }

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
    for (const p of parsed.data.profiles) await this.create({ ...p } as ProfileInput);
    return parsed.data.profiles.length;
  }

  // ---- history ----------------------------------------------------------------------------------------------
  history(): HistoryEntry[] {
    return [...this.data.history].reverse();
  }

  addHistory(entry: Omit<HistoryEntry, 'id' | 'at'>): void {
    const full: HistoryEntry = { ...entry, id: randomUUID(), at: this.deps.now().toISOString() };
    this.data = { ...this.data, history: [...this.data.history, full].slice(-HISTORY_LIMIT) };
    this.save();
  }

  clearHistory(): number {
    const n = this.data.history.length;
    this.data = { ...this.data, history: [] };
    this.save();
    return n;
  }

  // ---- internals --------------------------------------------------------------------------------------------
  private find(id: string): StoredProfile {
    const p = this.data.profiles.find((x) => x.id === id);
    if (!p) throw new SignetInputError('PROFILE_NOT_FOUND', 'That profile no longer exists. Reload the list.', 'profileId');
    return p;
  }

  private replace(profile: StoredProfile): void {
    this.data = { ...this.data, profiles: this.data.profiles.map((p) => (p.id === profile.id ? profile : p)) };
    this.save();
  }

  private uniqueName(name: string): string {
    const taken = new Set(this.data.profiles.map((p) => p.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) if (!taken.has(`${name} ${i}`)) return `${name} ${i}`;
  }

  private async storeSecret(id: string, secret: string): Promise<void> {
    const profile = this.find(id);
    this.plain.set(id, secret);
    this.undecryptable.delete(id);
    if (this.persistent) {
      const ciphertext = (await this.deps.cipher.encrypt(secret)).toString('base64');
      this.replace({ ...profile, secret: { ciphertext, backend: this.deps.cipher.backend() }, updatedAt: this.deps.now().toISOString() });
    } else {
      // No usable keyring: keep it in memory only; the file keeps whatever ciphertext it had (never plaintext).
      this.replace({ ...profile, updatedAt: this.deps.now().toISOString() });
    }
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

  private async view(p: StoredProfile): Promise<ProfileView> {
    const secret = await this.decrypted(p);
    let secretView: SecretView;
    if (secret !== null) {
      const state = profileSecretPersisted(p, this.persistent) ? 'stored' : 'session-only';
      secretView = { state, masked: masked(secret), fingerprint: fingerprint(secret), backend: p.secret?.backend ?? null, message: null };
    } else if (p.secret) {
      secretView = {
        state: 'cannot-decrypt',
        masked: '',
        fingerprint: null,
        backend: p.secret.backend,
        message: `Cannot decrypt (stored with backend ${p.secret.backend}). The stored value is kept; enter the secret again to replace it.`,
      };
    } else {
      secretView = { state: 'missing', masked: '', fingerprint: null, backend: null, message: 'No secret yet.' };
    }
    return { id: p.id, name: p.name, kind: p.kind, settings: p.settings, createdAt: p.createdAt, updatedAt: p.updatedAt, secret: secretView } as ProfileView;
  }

  private save(): void {
    this.engine.store = { ...this.data };
  }
}

function profileSecretPersisted(p: StoredProfile, persistent: boolean): boolean {
  return persistent && p.secret !== null;
}
