/**
 * The fuse read-back runs on the real packaged binaries in the release workflow; here it runs on synthetic
 * binaries that carry a fuse wire exactly as Electron lays it out (sentinel, version, length, one byte per
 * fuse), read by @electron/fuses itself — so the comparison is tested end to end without Electron.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { describe, expect, it } from 'vitest';
import { expectedFuses, fuseDifferences } from './check-fuses.mjs';

function fakeBinary(states: number[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'signet-fuses-')), 'electron');
  const wire = Buffer.from([1, states.length, ...states]);
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF…padding…'), Buffer.from(SENTINEL), wire, Buffer.from('…rest')]));
  return path;
}

const expected = expectedFuses() as Record<number, boolean>;
const asWire = (e: Record<number, boolean>) => Object.keys(e).sort().map((k) => (e[Number(k)] ? FuseState.ENABLE : FuseState.DISABLE));

describe('fuse read-back', () => {
  it('electron-builder.yml declares every fuse, grantFileProtocolExtraPrivileges and runAsNode off', () => {
    expect(Object.keys(expected)).toHaveLength(8);
    expect(expected[7]).toBe(false); // GrantFileProtocolExtraPrivileges
    expect(expected[0]).toBe(false); // RunAsNode
  });

  it('passes a binary flipped exactly as declared', async () => {
    expect(fuseDifferences(await getCurrentFuseWire(fakeBinary(asWire(expected))), expected)).toEqual([]);
  });

  it('names every fuse that differs, and a fuse the yml does not declare', async () => {
    const states = asWire(expected);
    states[7] = FuseState.ENABLE; // grantFileProtocolExtraPrivileges left on
    states[0] = FuseState.ENABLE; // runAsNode left on
    const wire = await getCurrentFuseWire(fakeBinary([...states, FuseState.ENABLE]));
    expect(fuseDifferences(wire, expected)).toEqual([
      'RunAsNode: expected disabled, the binary has it enabled',
      'GrantFileProtocolExtraPrivileges: expected disabled, the binary has it enabled',
      'fuse #8: not declared in electron-builder.yml (the binary has it enabled)',
    ]);
  });
});
