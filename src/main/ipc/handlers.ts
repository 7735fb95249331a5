import { statSync } from 'node:fs';
import { basename, extname, isAbsolute } from 'node:path';
import {
  buildEberUrl,
  expiryInMinutes,
  expiryViews,
  hashEber,
  parseInstant,
  signMmob,
  SignetInputError,
  verifyEberUrl,
  verifyMmob,
} from '../../core/node/index';
import { buildBootSnippet } from '../../core/node/mmob/snippet';
import { MMOB_SIGNED_LEVELS } from '../../core/common/mmob/codes';
import type { ChannelName, HistoryEntry, RequestOf, ResponseOf } from '../../shared/contract';
import { isAllowedExternalUrl } from '../security';
import type { BatchJobs } from '../batch-jobs';
import type { Vault } from '../vault/vault';

/** Async because Electron's clipboard may be (its readText returns a Promise in newer versions). */
export interface Clipboard {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}
export interface Shell {
  openExternal(url: string): Promise<void>;
}
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
}
/** Native file dialogs (Electron's dialog module in the app; stand-ins in tests). */
export interface Dialogs {
  openFile(): Promise<string | null>;
  saveFile(defaultName: string): Promise<string | null>;
}

export interface HandlerDeps {
  vault: Vault;
  dialogs: Dialogs;
  batch: BatchJobs;
  shell: Shell;
  clipboard: Clipboard;
  timers: Timers;
  now: () => Date;
  appInfo: { name: string; version: string; platform: string; dataDirectory: string };
}

export const CLIPBOARD_CLEAR_SECONDS = 30;

/** What a dropped file's name may end in: the batch's input formats and the usual names of captured logs. */
export const DROPPABLE_EXTENSIONS = ['.jsonl', '.ndjson', '.json', '.csv', '.txt', '.log'];

export type Handlers = { [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

type SecretRef = { profileId?: string | undefined; secret?: string | undefined };

/** The request as history keeps it: everything but the secret. */
function withoutSecret(request: SecretRef & Record<string, unknown>): Record<string, unknown> {
  const { secret: _secret, ...rest } = request;
  return rest;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault } = deps;
  const pickedFiles = new Set<string>();
  const seconds = () => Math.floor(deps.now().getTime() / 1000);

  const resolveSecret = async (ref: SecretRef): Promise<string> => {
    if (ref.profileId !== undefined) return vault.secretFor(ref.profileId);
    if (ref.secret !== undefined) return ref.secret;
    throw new SignetInputError('SECRET_REQUIRED', 'Choose a profile or enter a one-off secret.', 'secret');
  };
  const secretSource = async (ref: SecretRef): Promise<string> => {
    if (ref.profileId === undefined) return ref.secret === undefined ? 'no secret' : 'one-off secret';
    try {
      return `profile ${(await vault.get(ref.profileId)).name}`;
    } catch {
      return 'deleted profile';
    }
  };
  const profileOfKind = async (ref: SecretRef, kind: 'mmob' | 'eber') => {
    if (ref.profileId === undefined) return null;
    const p = await vault.get(ref.profileId);
    if (p.kind !== kind)
      throw new SignetInputError(
        'PROFILE_KIND',
        `Profile "${p.name}" is a ${p.kind} profile; choose a ${kind} one.`,
        'profileId',
      );
    return p;
  };

  /** Runs an operation and records it in history whether it succeeds or not (never with its secret). */
  async function recorded<T>(
    kind: HistoryEntry['kind'],
    request: SecretRef & Record<string, unknown>,
    op: () => Promise<T>,
    describe: (result: T) => { summary: string; ok: boolean },
  ): Promise<T> {
    const source = await secretSource(request);
    try {
      const result = await op();
      vault.addHistory({ kind, input: withoutSecret(request), secretSource: source, ...describe(result) });
      return result;
    } catch (e) {
      if (e instanceof SignetInputError) {
        vault.addHistory({ kind, input: withoutSecret(request), secretSource: source, summary: e.message, ok: false });
      }
      throw e;
    }
  }

  const timezoneFor = async (ref: SecretRef, timezone: string | undefined): Promise<string> => {
    if (timezone) return timezone;
    const p = await profileOfKind(ref, 'eber');
    if (p && p.kind === 'eber') return p.settings.timezone;
    throw new SignetInputError(
      'TIMEZONE_REQUIRED',
      "Give the business's time zone (e.g. Asia/Singapore) or use an Eber profile.",
      'timezone',
    );
  };
  const expiryFor = async (r: RequestOf<'eber:url'> | RequestOf<'eber:hash'>): Promise<string | undefined> => {
    if (r.expiry && r.expiresInMinutes !== undefined)
      throw new SignetInputError('EXPIRY', 'Give an expiry or "expires in N minutes", not both.', 'expiry');
    if (r.expiresInMinutes !== undefined)
      return expiryInMinutes(r.expiresInMinutes, await timezoneFor(r, r.timezone), deps.now());
    return r.expiry || undefined;
  };

  return {
    'profiles:list': async () => ({ profiles: await vault.list(), notice: vault.notice }),
    'profiles:create': async (r) => ({ profile: await vault.create(r) }),
    'profiles:update': async (r) => ({ profile: await vault.update(r.id, { name: r.name, settings: r.settings }) }),
    'profiles:rename': async (r) => ({ profile: await vault.update(r.id, { name: r.name }) }),
    'profiles:duplicate': async (r) => ({ profile: await vault.duplicate(r.id) }),
    'profiles:delete': async (r) => {
      vault.delete(r.id);
      return { deleted: true as const };
    },
    'profiles:setSecret': async (r) => ({ profile: await vault.setSecret(r.id, r.secret) }),
    'profiles:copySecret': async (r) => {
      const secret = await vault.secretFor(r.id);
      await deps.clipboard.writeText(secret);
      // Clear only if the clipboard still holds the secret: never wipe something the user copied since.
      deps.timers.setTimeout(() => {
        void (async () => {
          if ((await deps.clipboard.readText()) === secret) await deps.clipboard.clear();
        })().catch(() => undefined);
      }, CLIPBOARD_CLEAR_SECONDS * 1000);
      return { clearsInSeconds: CLIPBOARD_CLEAR_SECONDS };
    },
    'profiles:export': async () => ({ json: vault.exportJson() }),
    'profiles:import': async (r) => ({ imported: await vault.importJson(r.json) }),

    'mmob:sign': (r) =>
      recorded(
        'mmob:sign',
        r,
        async () => {
          await profileOfKind(r, 'mmob');
          return signMmob({ ...r, secret: await resolveSecret(r), timestamp: r.timestamp ?? seconds() });
        },
        (res) => ({ summary: `Signed ${res.signature.slice(0, 24)}…`, ok: true }),
      ),
    'mmob:verify': (r) =>
      recorded(
        'mmob:verify',
        r,
        async () => {
          await profileOfKind(r, 'mmob');
          return verifyMmob({ ...r, secret: await resolveSecret(r), now: r.now ?? seconds() });
        },
        (res) => ({ summary: res.details.summary, ok: res.valid }),
      ),
    'mmob:snippet': (r) =>
      recorded(
        'mmob:snippet',
        r,
        async () => {
          await profileOfKind(r, 'mmob');
          const signed = MMOB_SIGNED_LEVELS.includes(r.securityLevel);
          const secret = signed ? await resolveSecret(r) : undefined;
          return buildBootSnippet({ ...r, secret, timestamp: r.timestamp ?? seconds() });
        },
        (res) => ({
          summary: res.signature ? 'Boot snippet with a fresh signature' : 'Boot snippet (unsigned level)',
          ok: true,
        }),
      ),
    'eber:hash': (r) =>
      recorded(
        'eber:hash',
        r,
        async () => {
          await profileOfKind(r, 'eber');
          const expiry = await expiryFor(r);
          return { hash: hashEber({ ...r, expiry, secret: await resolveSecret(r) }), expiry: expiry ?? null };
        },
        (res) => ({ summary: `hmac_hash ${res.hash.slice(0, 16)}…`, ok: true }),
      ),
    'eber:url': (r) =>
      recorded(
        'eber:url',
        r,
        async () => {
          const profile = await profileOfKind(r, 'eber');
          const baseUrl = r.baseUrl || (profile?.kind === 'eber' ? profile.settings.baseUrl : '');
          if (!baseUrl)
            throw new SignetInputError(
              'BASE_URL_REQUIRED',
              'Give the business base URL, e.g. https://demo.eber.co.',
              'baseUrl',
            );
          const expiry = await expiryFor(r);
          const built = buildEberUrl({ ...r, baseUrl, expiry, secret: await resolveSecret(r) });
          const views = expiry ? expiryViews(expiry, await timezoneFor(r, r.timezone)) : null;
          return { ...built, expiry: expiry ?? null, expiryViews: views };
        },
        (res) => ({ summary: res.url.slice(0, 120), ok: true }),
      ),
    'eber:verify': (r) =>
      recorded(
        'eber:verify',
        r,
        async () => {
          let now = deps.now();
          if (r.now !== undefined) {
            const parsed = parseInstant(r.now);
            if (!parsed)
              throw new SignetInputError(
                'NOW_INVALID',
                'The verifier time must be an ISO 8601 instant such as 2030-01-15T01:00:00Z.',
                'now',
              );
            now = parsed;
          }
          return verifyEberUrl({
            url: r.url,
            secret: await resolveSecret(r),
            timezone: await timezoneFor(r, r.timezone),
            now,
          });
        },
        (res) => ({ summary: res.details.summary, ok: res.valid }),
      ),

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
    'history:clear': async () => ({ cleared: vault.clearHistory() }),
    'app:info': async () => deps.appInfo,
    'app:keyringStatus': async () => vault.keyringStatus(),

    'batch:pickFile': async () => {
      const path = await deps.dialogs.openFile();
      if (!path) return { path: null, name: null, size: null };
      // Only files the user picked in main's dialog may be read: the renderer cannot name arbitrary paths.
      pickedFiles.add(path);
      let size: number | null = null;
      try {
        size = statSync(path).size;
      } catch {
        size = null;
      }
      return { path, name: basename(path), size };
    },
    'batch:useDroppedFile': async (r) => {
      // The preload read this path from a File the user dropped; still, only files that look like logs
      // are taken this way (a compromised page could otherwise aim the verifier, whose messages quote bits
      // of what they read, at other files). Anything else can still be chosen with the dialog.
      if (r.path === '' || !isAbsolute(r.path)) {
        throw new SignetInputError('BATCH_FILE', 'Drop a file from your disk (this item has no file path).', 'path');
      }
      const name = basename(r.path);
      if (!DROPPABLE_EXTENSIONS.includes(extname(name).toLowerCase())) {
        throw new SignetInputError(
          'BATCH_FILE',
          `"${name.slice(0, 80)}" is not a log file Signet takes by drag and drop (${DROPPABLE_EXTENSIONS.join(' ')}); use "Choose file…" for it.`,
          'path',
        );
      }
      let size: number;
      try {
        const stat = statSync(r.path);
        if (!stat.isFile()) throw new Error('not a regular file');
        size = stat.size;
      } catch {
        throw new SignetInputError('BATCH_FILE', `"${name.slice(0, 80)}" is not a readable file.`, 'path');
      }
      pickedFiles.add(r.path);
      return { path: r.path, name, size };
    },
    'batch:start': async (r) => {
      if (!pickedFiles.has(r.path)) {
        throw new SignetInputError(
          'BATCH_FILE',
          'Choose the input file with "Choose file…" (or drop it here) first.',
          'path',
        );
      }
      const secret = await resolveSecret(r);
      const now = r.now !== undefined ? parseInstant(r.now) : deps.now();
      if (!now) throw new SignetInputError('NOW_INVALID', 'The verifier time must be an ISO 8601 instant.', 'now');
      const timezone = r.scheme === 'eber' ? await timezoneFor(r, r.timezone) : undefined;
      return deps.batch.start({
        path: r.path,
        config: {
          scheme: r.scheme,
          format: r.format,
          secret,
          nowSeconds: Math.floor(now.getTime() / 1000),
          nowMs: now.getTime(),
          toleranceSeconds: r.toleranceSeconds,
          timezone,
        },
      });
    },
    'batch:status': async (r) => deps.batch.status(r.jobId),
    'batch:failures': async (r) => deps.batch.failures(r.jobId, r),
    'batch:cancel': async (r) => deps.batch.cancel(r.jobId),
    'batch:exportFailures': async (r) => {
      const path = await deps.dialogs.saveFile('signet-failures.csv');
      if (!path) return { path: null, rows: 0 };
      return { path, rows: deps.batch.exportFailures(r.jobId, path, r.code) };
    },
  };
}
