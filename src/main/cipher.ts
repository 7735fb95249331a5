/**
 * What the vault needs from the OS keychain. In the app this is Electron's safeStorage; in tests and the
 * browser E2E harness src/testing/cipher.ts stands in (the only part of main that is replaced there).
 */
export interface Cipher {
  /** Whether encryption can persist secrets safely on this machine now. */
  isAvailable(): Promise<boolean>;
  /** The keychain backend, e.g. "gnome_libsecret", "keychain", "dpapi", "basic_text". */
  backend(): string;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(cipherText: Buffer): Promise<string>;
}

/** Linux backends that do not really protect a secret: treat them as "no keyring". */
export const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);
