/** How an operation names its secret: a saved profile (the secret stays in main) or a one-off secret. */
import { SignetInputError } from '../../../core/common/errors';
import type { ProfileView } from '../../../shared/contract';
import type { Vault } from '../../vault/vault';

export type SecretRef = { profileId?: string | undefined; secret?: string | undefined };

export function secretsOf(vault: Vault) {
  return {
    async resolve(ref: SecretRef): Promise<string> {
      if (ref.profileId !== undefined) return vault.secretFor(ref.profileId);
      if (ref.secret !== undefined) return ref.secret;
      throw new SignetInputError('SECRET_REQUIRED', 'Choose a profile or enter a one-off secret.', 'secret');
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
