/** The app's own channels: opening links, the clipboard, history, and facts about the app. */
import { SignetInputError } from '../../../core/common/errors';
import { isAllowedExternalUrl } from '../../security';
import type { AreaHandlers, HandlerDeps } from './deps';

export function appHandlers(deps: HandlerDeps): AreaHandlers<'shell' | 'clipboard' | 'history' | 'app'> {
  const { vault } = deps;
  return {
    'shell:openExternal': async (r) => {
      if (!isAllowedExternalUrl(r.url, vault.profileHosts())) {
        throw new SignetInputError(
          'URL_NOT_ALLOWED',
          'Signet opens only https links to Eber or mmob hosts, or to the host of one of your profiles.',
          'url',
        );
      }
      await deps.shell.openExternal(r.url);
      return { opened: true as const };
    },
    'clipboard:copy': async (r) => {
      await deps.clipboard.writeText(r.text);
      return { copied: true as const };
    },
    'history:list': async () => ({ entries: vault.history() }),
    'history:clear': async () => ({ cleared: await vault.clearHistory() }),
    'app:info': async () => ({
      ...deps.appInfo,
      versions: {
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
        node: process.versions.node,
      },
      keyringBackend: vault.keyringStatus().backend,
    }),
    'app:keyringStatus': async () => vault.keyringStatus(),
  };
}
