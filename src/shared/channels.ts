/**
 * Every IPC channel name, and the builder of window.signet from them. Deliberately free of zod and of any
 * other import: the sandboxed preload bundles this file alone, so it stays a few hundred bytes and cannot
 * drift from the contract (contract.ts checks at compile time that CHANNELS has exactly these keys).
 */
export const CHANNEL_NAMES = [
  'profiles:list',
  'profiles:create',
  'profiles:update',
  'profiles:rename',
  'profiles:duplicate',
  'profiles:delete',
  'profiles:setSecret',
  'profiles:copySecret',
  'profiles:export',
  'profiles:import',
  'mmob:sign',
  'mmob:verify',
  'mmob:snippet',
  'eber:hash',
  'eber:url',
  'eber:verify',
  'shell:openExternal',
  'clipboard:copy',
  'history:list',
  'history:clear',
  'history:pin',
  'app:info',
  'app:keyringStatus',
  'batch:pickFile',
  'batch:useDroppedFile',
  'batch:start',
  'batch:status',
  'batch:failures',
  'batch:cancel',
  'batch:exportFailures',
  'capture:start',
  'capture:stop',
  'capture:status',
  'capture:list',
  'capture:export',
  'pack:generate',
  'pack:save',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** A transport-level API object: `api.<area>.<verb>(request)` for every channel, frozen. */
export type UntypedSignetApi = Readonly<
  Record<string, Readonly<Record<string, (request: unknown) => Promise<unknown>>>>
>;

/**
 * For the few channels whose page-side argument is not the request itself: turns what the page passed
 * into the request, in the preload (e.g. a dropped File into its path, which only the preload can read).
 */
export type RequestAdapters = Partial<Record<ChannelName, (argument: unknown) => unknown>>;

/** Builds the window.signet object from the channel list and a transport (ipcRenderer.invoke in the preload). */
export function buildApiObject(
  invoke: (channel: ChannelName, request: unknown) => Promise<unknown>,
  adapters: RequestAdapters = {},
): UntypedSignetApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [area, verb] = channel.split(':') as [string, string];
    const group = (api[area] ??= {});
    const adapt = adapters[channel];
    // Only the request crosses: no extra arguments, so nothing else from the page reaches main.
    group[verb] = adapt
      ? (argument: unknown) => invoke(channel, adapt(argument))
      : (request: unknown) => invoke(channel, request);
  }
  for (const area of Object.values(api)) Object.freeze(area);
  return Object.freeze(api);
}
