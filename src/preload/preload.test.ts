import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../shared/channels';
import { CHANNELS } from '../shared/contract';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, data: { channel, payload } }));
/** Stands in for Electron's webUtils: only File objects it was told about have a path. */
const filePaths = new WeakMap<object, string>();
const getPathForFile = vi.fn((file: unknown) => {
  const path = typeof file === 'object' && file !== null ? filePaths.get(file) : undefined;
  if (path === undefined) throw new TypeError('not a File');
  return path;
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke },
  webUtils: { getPathForFile },
}));

/** Channels whose page-side argument the preload turns into the request. */
const ADAPTED = new Set(['batch:useDroppedFile']);

describe('the preload', () => {
  beforeEach(() => invoke.mockClear());

  it('lists exactly the contract channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(CHANNELS).sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('exposes window.signet.<area>.<verb> for every channel, forwarding only the request', async () => {
    await import('./index');
    const api = exposed.signet as Record<string, Record<string, (r: unknown, ...rest: unknown[]) => Promise<unknown>>>;
    expect(Object.keys(exposed)).toEqual(['signet']);
    for (const channel of CHANNEL_NAMES.filter((c) => !ADAPTED.has(c))) {
      const [area, verb] = channel.split(':') as [string, string];
      const result = await api[area]![verb]!({ probe: channel }, 'extra', 'arguments');
      expect(result).toEqual({ ok: true, data: { channel, payload: { probe: channel } } });
      expect(invoke).toHaveBeenLastCalledWith(channel, { probe: channel });
    }
    expect(invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length - ADAPTED.size);
    // Frozen: page script cannot swap a function for one that talks to another channel.
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.mmob)).toBe(true);
  });

  it('turns a dropped File into its path, and anything else (a path string, a plain object) into ""', async () => {
    await import('./index');
    const api = exposed.signet as Record<string, Record<string, (r: unknown) => Promise<unknown>>>;
    const dropped = { name: 'captured.jsonl' };
    filePaths.set(dropped, '/home/qa/captured.jsonl');
    await api.batch!.useDroppedFile!(dropped);
    expect(invoke).toHaveBeenLastCalledWith('batch:useDroppedFile', { path: '/home/qa/captured.jsonl' });
    for (const forged of ['/etc/passwd', { path: '/etc/passwd' }, null]) {
      await api.batch!.useDroppedFile!(forged);
      expect(invoke).toHaveBeenLastCalledWith('batch:useDroppedFile', { path: '' });
    }
  });
});
