import { z } from 'zod';
import { EberSettingsSchema, HistoryEntrySchema, MmobSettingsSchema } from '../../shared/contract';

/** A secret at rest: safeStorage ciphertext and the backend that wrote it. Never plaintext. */
export const StoredSecretSchema = z.strictObject({ ciphertext: z.string().min(1), backend: z.string() });

/**
 * The secret's fingerprint and how it was computed: PBKDF2-HMAC-SHA256(secret, salt, iterations), first
 * bytes in hex. Derived with a slow KDF under a random per-profile salt, so it cannot be used to confirm a
 * guessed low-entropy secret quickly; stored so listing profiles never recomputes it.
 */
export const StoredFingerprintSchema = z.strictObject({
  salt: z.string().regex(/^[0-9a-f]{16,64}$/),
  iterations: z.number().int().min(1),
  value: z.string().regex(/^[0-9a-f]{8,64}$/),
});
export type StoredFingerprint = z.infer<typeof StoredFingerprintSchema>;

const common = {
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  createdAt: z.string(),
  updatedAt: z.string(),
  secret: StoredSecretSchema.nullable(),
  /** Absent in stores written before fingerprints were salted; computed again when the secret is next read. */
  fingerprint: StoredFingerprintSchema.nullable().optional(),
};
export const StoredProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('mmob'), settings: MmobSettingsSchema }),
  z.strictObject({ ...common, kind: z.literal('eber'), settings: EberSettingsSchema }),
]);
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

export const STORE_VERSION = 1;
export const StoreFileSchema = z.strictObject({
  schemaVersion: z.literal(STORE_VERSION),
  profiles: z.array(StoredProfileSchema),
  history: z.array(HistoryEntrySchema),
});
export type StoreFile = z.infer<typeof StoreFileSchema>;

export const EMPTY_STORE: StoreFile = { schemaVersion: STORE_VERSION, profiles: [], history: [] };

/**
 * Migrations, keyed by the version they upgrade FROM. Version 0 is the pre-release layout (no
 * schemaVersion, no history, profiles without timestamps).
 */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  0: (data) => {
    const profiles = Array.isArray(data.profiles) ? data.profiles : [];
    const epoch = new Date(0).toISOString();
    return {
      schemaVersion: 1,
      profiles: profiles.map((p: Record<string, unknown>) => ({
        createdAt: epoch,
        updatedAt: epoch,
        secret: null,
        ...p,
      })),
      history: [],
    };
  },
};

export type ParsedStore = { ok: true; data: StoreFile; migratedFrom: number | null } | { ok: false; reason: string };

/** Reads a store file's text: JSON, then migrations up to the current version, then the schema. */
export function parseStoreText(text: string): ParsedStore {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: text.trim() === '' ? 'the file is empty' : 'the file is not valid JSON (truncated or damaged)',
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'the file does not hold a JSON object' };
  let data = raw as Record<string, unknown>;
  const start = data.schemaVersion === undefined ? 0 : data.schemaVersion;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0)
    return { ok: false, reason: 'its schemaVersion is not a version number' };
  if (start > STORE_VERSION) return { ok: false, reason: `it was written by a newer Signet (store version ${start})` };
  for (let v = start; v < STORE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: `no migration from store version ${v}` };
    data = step(data);
  }
  const parsed = StoreFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `it does not match the store schema (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`,
    };
  }
  return { ok: true, data: parsed.data, migratedFrom: start === STORE_VERSION ? null : start };
}
