/** A stand-in for Electron's safeStorage, for main's tests and the browser E2E harness. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from '../main/cipher';

/**
 * AES-256-GCM under a random per-instance key, standing in for safeStorage where there is no keychain.
 * `available: false` simulates a machine without a usable keyring.
 */
export function createTestCipher(options: { available?: boolean; backend?: string } = {}): Cipher {
  const key = randomBytes(32);
  const backend = options.backend ?? 'test-cipher';
  return {
    isAvailable: async () => options.available ?? true,
    backend: () => backend,
    encrypt: async (plainText) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: async (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
