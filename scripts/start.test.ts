import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/testing/vectors';
import { electronRuntime } from './start.mjs';

describe('npm start without the Electron runtime', () => {
  it('explains what happened and the two ways forward, exits 1, and prints no stack trace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'signet-no-electron-'));
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/start.mjs')], {
      env: { PATH: process.env.PATH ?? '', SIGNET_ELECTRON_DIR: empty },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the Electron runtime was never downloaded');
    expect(r.stderr).toContain('node node_modules/electron/install.js');
    expect(r.stderr).toContain('npx signet --help');
    expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r.stdout).toBe('');
  });

  it('tells an incomplete download from a missing one, and accepts an installed runtime', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-electron-'));
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronRuntime(dir)).toMatchObject({ ok: false, why: expect.stringContaining('incomplete') });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronRuntime(dir)).toEqual({ ok: true, binary: join(dir, 'dist', 'electron') });
  });
});
