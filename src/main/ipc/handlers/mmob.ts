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
      return (await secrets.mmob(r)).verify({ ...r, now: r.now ?? seconds() });
    },
    'mmob:snippet': async (r) => {
      await secrets.profileOfKind(r, 'mmob');
      // Unsigned levels (and the debug level without a signature) need no secret at all.
      const secret = mmobSignatureWanted(r.securityLevel, r.includeSignature) ? await secrets.resolve(r) : undefined;
      return buildBootSnippet({ ...r, secret, timestamp: r.timestamp ?? seconds() });
    },
  };
}
