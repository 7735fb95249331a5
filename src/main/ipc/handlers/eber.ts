import { createEberVerifier } from '../../../core/node/eber/verify';
import { SignetInputError } from '../../../core/common/errors';
import { expiryViews } from '../../../core/common/eber/expiry';
import { parseVerifierTime, requireTimezone, resolveExpiry } from '../../../core/common/options';
import { buildEberUrl } from '../../../core/node/eber/url';
import type { RequestOf } from '../../../shared/contract';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { SecretRef, Secrets } from './secrets';

export function eberHandlers(deps: HandlerDeps, secrets: Secrets): AreaHandlers<'eber'> {
  /** The request's time zone, else its Eber profile's. */
  const timezoneOf = async (r: SecretRef & { timezone?: string | undefined }): Promise<string | undefined> =>
    r.timezone || (await secrets.profileOfKind(r, 'eber'))?.settings.timezone;
  const expiryOf = async (r: RequestOf<'eber:url'> | RequestOf<'eber:hash'>): Promise<string | undefined> =>
    resolveExpiry({ ...r, timezone: r.expiresInMinutes !== undefined ? await timezoneOf(r) : undefined }, deps.now());

  return {
    'eber:hash': async (r) => {
      await secrets.profileOfKind(r, 'eber');
      const expiry = await expiryOf(r);
      return { hash: (await secrets.eber(r)).hash({ ...r, expiry }), expiry: expiry ?? null };
    },
    'eber:url': async (r) => {
      const profile = await secrets.profileOfKind(r, 'eber');
      const baseUrl = r.baseUrl || profile?.settings.baseUrl;
      if (!baseUrl) {
        throw new SignetInputError(
          'BASE_URL_REQUIRED',
          'Give the business base URL, e.g. https://demo.eber.co.',
          'baseUrl',
        );
      }
      const expiry = await expiryOf(r);
      const built = buildEberUrl({ ...r, baseUrl, expiry, secret: await secrets.resolve(r) });
      const views = expiry ? expiryViews(expiry, requireTimezone(await timezoneOf(r))) : null;
      return { ...built, expiry: expiry ?? null, expiryViews: views };
    },
    'eber:verify': async (r) => {
      const timezone = requireTimezone(await timezoneOf(r));
      const now = parseVerifierTime(r.now, 'iso-8601') ?? deps.now();
      const verifier = await secrets.eber(r);
      const result = verifier.verifyUrl({ url: r.url, timezone, now });
      if (result.valid) return result;
      // Only an invalid URL pays for reading the other Eber profiles' secrets ("signed with profile X's key?").
      const alternates = await secrets.alternates(r, 'eber');
      if (alternates.length === 0) return result;
      // Alternates are bound when an Eber verifier is made: a one-off verifier for this invalid URL only.
      return createEberVerifier(await secrets.resolve(r), alternates).verifyUrl({ url: r.url, timezone, now });
    },
  };
}
