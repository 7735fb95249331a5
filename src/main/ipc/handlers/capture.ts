/**
 * The Capture screen's channels: a loopback receiver verifying the integrator's own app live. The renderer names
 * profiles; their secrets are read here, in main, and handed to the receiver only — no answer carries one.
 */
import { writeFile } from 'node:fs/promises';
import { SignetInputError } from '../../../core/common/errors';
import { requireTimezone } from '../../../core/common/options';
import type { CaptureSession } from '../../../capture/session';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { Secrets } from './secrets';

export function captureHandlers(deps: HandlerDeps, secrets: Secrets, session: CaptureSession): AreaHandlers<'capture'> {
  return {
    'capture:start': async (r) => {
      if (r.eberProfileId === undefined && r.mmobProfileId === undefined) {
        throw new SignetInputError(
          'CAPTURE_SCHEME',
          'Choose an Eber profile, an mmob profile or both to capture with.',
          'eberProfileId',
        );
      }
      const forward = r.forward ?? 'never';
      const eberRef = r.eberProfileId === undefined ? null : { profileId: r.eberProfileId };
      const mmobRef = r.mmobProfileId === undefined ? null : { profileId: r.mmobProfileId };
      const eberProfile = eberRef && (await secrets.profileOfKind(eberRef, 'eber'));
      const mmobProfile = mmobRef && (await secrets.profileOfKind(mmobRef, 'mmob'));
      if (forward !== 'never' && !eberProfile?.settings.baseUrl) {
        throw new SignetInputError(
          'BASE_URL_REQUIRED',
          'Forwarding sends the browser on to the real business: choose an Eber profile with its base URL (e.g. https://demo.eber.co).',
          'forward',
        );
      }
      const eber =
        eberRef && eberProfile
          ? {
              secret: await secrets.resolve(eberRef),
              timezone: requireTimezone(eberProfile.settings.timezone),
              forwardTo: forward === 'never' ? null : eberProfile.settings.baseUrl,
            }
          : null;
      const mmob = mmobRef ? { secret: await secrets.resolve(mmobRef), toleranceSeconds: r.toleranceSeconds } : null;
      const info = await session.start(
        { port: r.port, eber, mmob, forward, now: deps.now },
        {
          eber: eberProfile ? { source: `profile ${eberProfile.name}`, timezone: eberProfile.settings.timezone } : null,
          mmob: mmobProfile ? { source: `profile ${mmobProfile.name}` } : null,
        },
      );
      return { port: info.port, baseUrl: info.baseUrl, marketplaceUrl: info.baseUrl, addresses: info.addresses };
    },
    'capture:stop': async () => ({ stopped: await session.stop() }),
    'capture:status': async () => session.status(),
    'capture:list': async (r) => session.list(r.sinceId ?? 0, r.limit ?? 500),
    'capture:export': async (r) => {
      const exported = session.exportJsonl();
      if (!r.save) return exported;
      const path = await deps.dialogs.saveFile('signet-captures.jsonl');
      if (path) await writeFile(path, exported.jsonl, 'utf8');
      return { ...exported, path };
    },
  };
}
