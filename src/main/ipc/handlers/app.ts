/** The app's own channels: opening links, the clipboard, history, and facts about the app. */
import { SignetInputError } from '../../../core/common/errors';
import { isAllowedExternalUrl } from '../../security';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { IntentRecorder } from './history';

export function appHandlers(
  deps: HandlerDeps,
  intents: Pick<IntentRecorder, 'acted' | 'flush'>,
): AreaHandlers<'shell' | 'clipboard' | 'history' | 'app'> {
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
      intents.acted('open', r.url);
      return { opened: true as const };
    },
    'clipboard:copy': async (r) => {
      const credential = r.credential === true;
      await deps.clipboard.writeText(r.text, { concealed: credential });
      if (credential) deps.copied.remember(r.text);
      intents.acted('copy', r.text);
      return { copied: true as const };
    },
    'history:list': async () => {
      intents.flush();
      return { entries: vault.history() };
    },
    // An entry no longer there (cleared meanwhile) is reported as not pinned.
    'history:pin': async (r) => ({ pinned: vault.pinHistory(r.id, r.pinned) && r.pinned }),
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
