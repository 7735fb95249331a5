import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../shared/channels';
import { CHANNELS } from '../shared/contract';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ ok: true, data: { channel, payload } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke },
}));

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
    for (const channel of CHANNEL_NAMES) {
      const [area, verb] = channel.split(':') as [string, string];
      const result = await api[area]![verb]!({ probe: channel }, 'extra', 'arguments');
      expect(result).toEqual({ ok: true, data: { channel, payload: { probe: channel } } });
      expect(invoke).toHaveBeenLastCalledWith(channel, { probe: channel });
    }
    expect(invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    // Frozen: page script cannot swap a function for one that talks to another channel.
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.mmob)).toBe(true);
  });
});
