import { CLIPBOARD_CLEAR_SECONDS } from '../../../core/common/product';
import type { AreaHandlers, HandlerDeps } from './deps';

export function profileHandlers({ vault, clipboard, timers, copied }: HandlerDeps): AreaHandlers<'profiles'> {
  return {
    'profiles:list': async () => ({ profiles: await vault.list(), notice: vault.notice }),
    'profiles:create': async (r) => ({ profile: await vault.create(r) }),
    'profiles:update': async (r) => ({ profile: await vault.update(r.id, { name: r.name, settings: r.settings }) }),
    'profiles:rename': async (r) => ({ profile: await vault.update(r.id, { name: r.name }) }),
    'profiles:duplicate': async (r) => ({ profile: await vault.duplicate(r.id) }),
    'profiles:delete': async (r) => {
      await vault.delete(r.id);
      return { deleted: true as const };
    },
    'profiles:setSecret': async (r) => ({ profile: await vault.setSecret(r.id, r.secret) }),
    'profiles:copySecret': async (r) => {
      const secret = await vault.secretFor(r.id);
      await clipboard.writeText(secret, { concealed: true });
      copied.remember(secret);
      // Clear only if the clipboard still holds the secret: never wipe something the user copied since.
      timers.setTimeout(() => {
        void (async () => {
          if ((await clipboard.readText()) === secret) await clipboard.clear();
          if (copied.current() === secret) copied.forget();
        })().catch(() => undefined);
      }, CLIPBOARD_CLEAR_SECONDS * 1000);
      return { clearsInSeconds: CLIPBOARD_CLEAR_SECONDS };
    },
    'profiles:export': async () => ({ json: vault.exportJson() }),
    'profiles:import': async (r) => ({ imported: await vault.importJson(r.json) }),
  };
}
