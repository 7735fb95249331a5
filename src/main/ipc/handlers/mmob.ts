import { mmobSignatureWanted } from '../../../core/common/mmob/codes';
import { buildBootSnippet } from '../../../core/node/mmob/snippet';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { Secrets } from './secrets';

export function mmobHandlers(deps: HandlerDeps, secrets: Secrets): AreaHandlers<'mmob'> {
  const seconds = () => Math.floor(deps.now().getTime() / 1000);
  return {
    'mmob:sign': async (r) => {
      await secrets.profileOfKind(r, 'mmob');
      return (await secrets.mmob(r)).sign({ ...r, timestamp: r.timestamp ?? seconds() });
    },
    'mmob:verify': async (r) => {
      await secrets.profileOfKind(r, 'mmob');
      const verifier = await secrets.mmob(r);
      const request = { ...r, now: r.now ?? seconds() };
      const result = verifier.verify(request);
      if (result.valid) return result;
      // Only an invalid signature pays for reading the other profiles' secrets: "signed with profile X's key?".
      const alternates = await secrets.alternates(r, 'mmob');
      return alternates.length === 0 ? result : verifier.verify({ ...request, alternates });
    },
    'mmob:snippet': async (r) => {
      await secrets.profileOfKind(r, 'mmob');
      // Unsigned levels (and the debug level without a signature) need no secret at all.
      const secret = mmobSignatureWanted(r.securityLevel, r.includeSignature) ? await secrets.resolve(r) : undefined;
      return buildBootSnippet({ ...r, secret, timestamp: r.timestamp ?? seconds() });
    },
  };
}
