/** How an operation names its secret: a saved profile (the secret stays in main) or a one-off secret. */
import { SignetInputError } from '../../../core/common/errors';
import type { ProfileView } from '../../../shared/contract';
import { createEberVerifier, type EberVerifier } from '../../../core/node/eber/verify';
import { createMmobVerifier, type MmobVerifier } from '../../../core/node/mmob/verify';
import type { Vault } from '../../vault/vault';

export type SecretRef = { profileId?: string | undefined; secret?: string | undefined };

/** Profiles whose prepared verifiers are kept: more than a person switches between; the oldest goes first. */
const HELD_VERIFIERS = 32;

export function secretsOf(vault: Vault) {
  const resolve = async (ref: SecretRef): Promise<string> => {
    if (ref.profileId !== undefined) return vault.secretFor(ref.profileId);
    if (ref.secret !== undefined) return ref.secret;
    throw new SignetInputError('SECRET_REQUIRED', 'Choose a profile or enter a one-off secret.', 'secret');
  };
  // A profile's prepared verifier is kept (live screens verify on every keystroke, and preparing a key and
  // its mistake variants costs more than the verify), checked against the vault's current secret on every
  // use so a changed secret is never verified with the old key. A one-off secret gets one per call.
  const held = new Map<string, { secret: string; verifier: MmobVerifier | EberVerifier }>();
  const hold = async <V extends MmobVerifier | EberVerifier>(
    ref: SecretRef,
    make: (secret: string) => V,
  ): Promise<V> => {
    const secret = await resolve(ref);
    if (ref.profileId === undefined) return make(secret);
    const entry = held.get(ref.profileId);
    if (entry && entry.secret === secret) return entry.verifier as V;
    const verifier = make(secret);
    held.delete(ref.profileId);
    held.set(ref.profileId, { secret, verifier });
    if (held.size > HELD_VERIFIERS) held.delete(held.keys().next().value!);
    return verifier;
  };
  return {
    resolve,
    /** The prepared mmob verifier (and signer) for the request's secret. */
    mmob: (ref: SecretRef) => hold(ref, createMmobVerifier),
    /** The prepared Eber verifier (and hasher) for the request's secret. */
    eber: (ref: SecretRef) => hold(ref, createEberVerifier),
    /**
     * The other saved profiles of this scheme as verify `alternates` (label = profile name), for "signed with
     * the key of profile X". The request's own profile is left out, and so are profiles without a usable
     * secret. The secrets stay in main: only a matching profile's name reaches a result.
     */
    async alternates(ref: SecretRef, kind: ProfileView['kind']): Promise<{ label: string; secret: string }[]> {
      const out: { label: string; secret: string }[] = [];
      for (const p of await vault.list()) {
        if (p.kind !== kind || p.id === ref.profileId) continue;
        try {
          out.push({ label: p.name, secret: await vault.secretFor(p.id) });
        } catch {
          // No secret yet, or it cannot be decrypted here: nothing to try.
        }
      }
      return out;
    },
    /** What history says instead of the secret: "profile <name>" or "one-off secret". */
    async source(ref: SecretRef): Promise<string> {
      if (ref.profileId === undefined) return ref.secret === undefined ? 'no secret' : 'one-off secret';
      try {
        return `profile ${(await vault.get(ref.profileId)).name}`;
      } catch {
        return 'deleted profile';
      }
    },
    /** The request's profile when it names one; refused when it is of the other scheme. */
    async profileOfKind<K extends ProfileView['kind']>(
      ref: SecretRef,
      kind: K,
    ): Promise<Extract<ProfileView, { kind: K }> | null> {
      if (ref.profileId === undefined) return null;
      const p = await vault.get(ref.profileId);
      if (p.kind !== kind) {
        throw new SignetInputError(
          'PROFILE_KIND',
          `Profile "${p.name}" is a ${p.kind} profile; choose a ${kind} one.`,
          'profileId',
        );
      }
      return p as Extract<ProfileView, { kind: K }>;
    },
  };
}
export type Secrets = ReturnType<typeof secretsOf>;
