/**
 * The BUILT main bundle (out/main/index.js, from `npm run build`), run in plain Node against the recording
 * Electron stand-in (src/testing/electron): what the shipped main process actually does, not what its
 * sources suggest. Each scenario is one child process; the probe drives it and reports JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_DEFAULT_SIZE, WINDOW_MIN_SIZE } from '../core/common/product';
import { CHANNEL_NAMES } from '../shared/contract';
import { CONTENT_SECURITY_POLICY } from './security';

const MAIN = resolve('out/main/index.js');
const REGISTER = resolve('src/testing/electron/register.mjs');
const PROBE = resolve('src/testing/electron/probe-built-main.mjs');

/* eslint-disable @typescript-eslint/no-explicit-any -- the probe's JSON report */
type Report = Record<string, any>;

function probe(options: { packaged?: boolean; env?: Record<string, string>; args?: string[] } = {}): Report {
  const env: Record<string, string | undefined> = {
    ...process.env,
    SIGNET_STANDIN_PACKAGED: options.packaged ? '1' : '0',
    ...options.env,
  };
  delete env['NODE_OPTIONS'];
  if (!options.env?.['ELECTRON_RENDERER_URL']) delete env['ELECTRON_RENDERER_URL'];
  const r = spawnSync(process.execPath, ['--import', REGISTER, PROBE, ...(options.args ?? [])], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT@@'));
  if (!line) throw new Error(`the probe printed no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('@@REPORT@@'.length)) as Report;
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
});

describe('the production main bundle (static)', () => {
  const files = () => [
    MAIN,
    ...readdirSync(resolve('out/main/chunks')).map((f) => join(resolve('out/main/chunks'), f)),
  ];
  const text = () =>
    files()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');

  it('holds no development hook: no dev-server URL, no DevTools menu entry, no loadFile', () => {
    const bundle = text();
    expect(bundle).not.toContain('ELECTRON_RENDERER_URL');
    expect(bundle).not.toContain('toggleDevTools');
    expect(bundle).not.toMatch(/\.loadFile\(/);
    expect(bundle).not.toMatch(/openDevTools/);
  });

  it('does not load electron-store (its IPC listener would sit outside the gate)', () => {
    expect(text()).not.toMatch(/from\s*["']electron-store["']|require\(["']electron-store["']\)/);
  });
});

describe('the built main in Node against the Electron stand-in: development machine, ELECTRON_RENDERER_URL set', () => {
  let r: Report;
  beforeAll(() => {
    r = probe({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
  }, 60_000);

  it('requests the single-instance lock', () => expect(r.singleInstanceLockRequested).toBe(1));

  it('loads app://signet/index.html, never the dev server or a file', () => {
    expect(r.windowCount).toBe(1);
    expect(r.calls.loadURL).toEqual([['app://signet/index.html']]);
    expect(r.calls.loadFile).toEqual([]);
  });

  it("gives the window the app icon on Linux (the checkout's resources/icon.png; packaged, the extra resource)", () => {
    if (process.platform !== 'linux') return expect(r.icon).toBeNull();
    expect(r.icon).toBe(resolve('resources/icon.png'));
    expect(existsSync(r.icon!)).toBe(true);
    // Packaged, main reads <resources>/icon.png: electron-builder must put it there.
    expect(readFileSync('electron-builder.yml', 'utf8')).toMatch(
      /extraResources:\s*\n\s*- from: resources\/icon\.png\s*\n\s*to: icon\.png/,
    );
  });

  it('creates the window with hardened webPreferences', () => {
    expect(r.webPreferences).toMatchObject({
      preload: resolve('out/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('denies every permission request and check, and downloads', () => {
    expect(Object.keys(r.permissions).length).toBeGreaterThan(3);
    for (const [, answer] of Object.entries(r.permissions)) expect(answer).toEqual({ request: false, check: false });
    expect(r.downloadPrevented).toBe(true);
  });

  it('prevents navigation and redirects anywhere, new windows and webviews — in the window and in any later web contents', () => {
    for (const which of ['window', 'later']) {
      const n = r.navigation[which];
      expect(n.windowOpen).toEqual({ action: 'deny' });
      expect(n.webviewPrevented).toBe(true);
      for (const url of [
        'https://evil.example/',
        'http://localhost:5173/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'app://signet/index.html',
        'javascript:alert(1)',
      ]) {
        expect(n[url], `${which} ${url}`).toEqual({
          navigatePrevented: true,
          redirectPrevented: true,
          frameNavigatePrevented: true,
        });
      }
    }
  });

  it('registers app:// as standard + secure before ready, and serves it', () => {
    expect(r.beforeReady.privilegedSchemes).toEqual([
      {
        schemes: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
        beforeReady: true,
      },
    ]);
    expect(r.beforeReady.privilegedSchemes[0].schemes[0].privileges.bypassCSP).toBeFalsy();
    expect(r.protocolSchemes).toEqual(['app']);
    expect(r.calls.registerFileProtocol).toBe(0);
  });

  it('app:// serves the renderer with its Content-Type and the exact CSP header', () => {
    expect(r.protocol.index).toMatchObject({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      csp: CONTENT_SECURITY_POLICY,
      bodyStart: '<!doctype html>',
    });
    expect(r.protocol.root).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(r.protocol.script).toEqual({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      csp: CONTENT_SECURITY_POLICY,
    });
    expect(r.headerCsp).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('app:// refuses traversal (plain, encoded, backslash), other hosts, symlinks out of the folder', () => {
    for (const name of [
      'dotdot',
      'dotdotInside',
      'encodedDotdot',
      'encodedSlash',
      'backslash',
      'otherHost',
      'symlinkOut',
      'nul',
    ]) {
      expect(r.protocol[name].status, name).toBeGreaterThanOrEqual(400);
      expect(r.protocol[name].bodyHasOutside, name).toBe(false);
    }
    expect(r.protocol.absolute.status).toBeGreaterThanOrEqual(400);
    expect(r.protocol.missing.status).toBe(404);
  });

  it('registers exactly the contract channels through the gate, and no other IPC listener', () => {
    expect([...r.ipc.handle].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(r.ipc.on).toEqual([]);
    expect(r.appInfo).toMatchObject({ ok: true, data: { name: 'Signet' } });
    for (const channel of CHANNEL_NAMES) {
      // From a file:// page, another app:// host, a subframe, the dev server: refused by the gate.
      expect(r.gate[channel], channel).toEqual([
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
      ]);
    }
  });

  it('opens vendor links directly, asks (showing the host) before any other https host, passes only the normalised href', () => {
    expect(r.profileCreated).toBe(true);
    expect(r.openVendor).toMatchObject({ ok: true });
    expect(r.openOther).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } });
    expect(r.shell.messageBoxes).toHaveLength(2);
    for (const box of r.shell.messageBoxes) {
      expect(box.message).toContain('rewards.example-shop.com');
      expect(box.detail).toContain('https://rewards.example-shop.com/path?q=1');
    }
    // Declined once, accepted once: one open, with the normalised URL (lower-case host, encoded space).
    expect(r.shell.opened).toEqual(['https://demo.eber.co/login?x=1%202', 'https://rewards.example-shop.com/path?q=1']);
  });

  it('builds a menu without any DevTools entry or View role', () => {
    const roles = JSON.stringify(r.menu);
    expect(roles).not.toMatch(/toggleDevTools|viewMenu|"reload"|forceReload/i);
    expect(r.calls.openDevTools).toBe(0);
  });

  it('disposes main services on quit before quitting', () => {
    expect(r.quit).toEqual({ firstPrevented: true, quitAgain: true, secondPrevented: false });
  });
});

describe('the built main, packaged', () => {
  it('ignores ELECTRON_RENDERER_URL (any origin) and disables DevTools', () => {
    for (const url of ['http://localhost:5173/', 'http://evil.example/']) {
      const r = probe({ packaged: true, env: { ELECTRON_RENDERER_URL: url } });
      expect(r.calls.loadURL).toEqual([['app://signet/index.html']]);
      expect(r.webPreferences.devTools).toBe(false);
      expect(r.gate['app:info']).toEqual([
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
        'FORBIDDEN_SENDER',
      ]);
    }
  }, 60_000);

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['--inspect=9229'],
    ['--inspect-brk'],
    ['--js-flags=--expose-gc'],
  ])(
    'refuses to start with %s: an error dialog, exit(1), no window, no IPC',
    (flag) => {
      const r = probe({ packaged: true, args: [flag] });
      expect(r.beforeReady.exited).toEqual([[1]]);
      expect(r.beforeReady.errorBoxes).toHaveLength(1);
      expect(r.beforeReady.errorBoxes[0][1]).toContain(flag.replace(/=.*/, ''));
      expect(r.windowCount).toBe(0);
      expect(r.ipc).toBeUndefined();
    },
    30_000,
  );
});

describe('packaging (electron-builder.yml)', () => {
  it('flips the Electron fuses to their hardened values, file:// extra privileges off', async () => {
    const { load } = await import('js-yaml');
    const config = load(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('a DEVELOPMENT build of main (import.meta.env.DEV), as electron-vite dev makes it', () => {
  const DEV_MAIN = resolve('out/dev-main-probe/main/index.js');
  beforeAll(() => {
    const r = spawnSync(process.execPath, [resolve('src/testing/electron/build-dev-main.mjs'), 'out/dev-main-probe'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`dev build failed:\n${r.stdout}\n${r.stderr}`);
  }, 60_000);
  const devProbe = (packaged: boolean, url: string) =>
    probe({ packaged, env: { ELECTRON_RENDERER_URL: url, SIGNET_PROBE_MAIN: DEV_MAIN } });

  it('uses a loopback dev server on a development machine (the control: the hook exists in this build)', () => {
    const r = devProbe(false, 'http://localhost:5173/');
    expect(r.calls.loadURL).toEqual([['http://localhost:5173/']]);
    expect(r.gate['app:info'][3]).toBe('OK'); // the dev server's origin is the trusted one
    expect(JSON.stringify(r.menu)).toContain('toggleDevTools');
  }, 30_000);

  it('never when packaged, whatever ELECTRON_RENDERER_URL says', () => {
    const r = devProbe(true, 'http://localhost:5173/');
    expect(r.calls.loadURL).toEqual([['app://signet/index.html']]);
    expect(r.gate['app:info']).toEqual([
      'FORBIDDEN_SENDER',
      'FORBIDDEN_SENDER',
      'FORBIDDEN_SENDER',
      'FORBIDDEN_SENDER',
    ]);
    expect(JSON.stringify(r.menu)).not.toContain('toggleDevTools');
    expect(r.webPreferences.devTools).toBe(false);
  }, 30_000);

  it.each(['http://evil.example/', 'https://localhost:5173/', 'http://localhost.evil.example/', 'file:///tmp/x.html'])(
    'never for a non-loopback-http URL (%s)',
    (url) => {
      const r = devProbe(false, url);
      expect(r.calls.loadURL).toEqual([['app://signet/index.html']]);
      expect(r.gate['app:info'][3]).toBe('FORBIDDEN_SENDER');
    },
    30_000,
  );
});

describe('the window remembers its size and position', () => {
  const MIN = { minWidth: WINDOW_MIN_SIZE.width, minHeight: WINDOW_MIN_SIZE.height };
  const userData = (state?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-window-'));
    if (state !== undefined) writeFileSync(join(dir, 'window-state.json'), state);
    return dir;
  };
  const displays = (...workAreas: { x: number; y: number; width: number; height: number }[]) =>
    JSON.stringify(workAreas.map((workArea, i) => ({ id: i + 1, workArea })));
  const run = (dir: string, screens?: string) =>
    probe({ env: { SIGNET_STANDIN_USER_DATA: dir, ...(screens ? { SIGNET_STANDIN_DISPLAYS: screens } : {}) } });

  it('a first start: the default size, centred by the OS (no x/y), the minimum size set; closing saves the bounds', () => {
    const dir = userData();
    const r = run(dir);
    expect(r.window.options).toEqual({ ...WINDOW_DEFAULT_SIZE, ...MIN });
    expect(r.window.maximizeCalls).toBe(0);
    expect(r.window.shown).toBe(1);
    expect(r.window.savedOnClose).toEqual({ x: 40, y: 60, width: 1111, height: 777, maximized: false });
  }, 60_000);

  it('restores the saved bounds and maximized state, on the display they are on', () => {
    const saved = { x: 2100, y: 150, width: 1500, height: 950, maximized: true };
    const r = run(
      userData(JSON.stringify(saved)),
      displays({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 1920, y: 0, width: 2560, height: 1440 }),
    );
    expect(r.window.options).toEqual({ x: 2100, y: 150, width: 1500, height: 950, ...MIN });
    expect(r.window.maximizeCalls).toBe(1);
  }, 60_000);

  it('a window saved on a display that is gone opens centred on the primary one, no larger than it', () => {
    const saved = { x: 2100, y: 150, width: 1500, height: 950, maximized: false };
    const r = run(userData(JSON.stringify(saved)), displays({ x: 0, y: 0, width: 1366, height: 728 }));
    expect(r.window.options).toEqual({ x: 0, y: 0, width: 1366, height: 728, ...MIN });
  }, 60_000);

  it.each([
    ['garbage', '{not json'],
    ['the wrong types', '{"x":"1","y":2,"width":3,"height":4,"maximized":false}'],
    ['nothing', ''],
  ])(
    'a file of %s: the defaults, no crash',
    (_name, text) => {
      const r = run(userData(text));
      expect(r.windowCount).toBe(1);
      expect(r.window.options).toEqual({ ...WINDOW_DEFAULT_SIZE, ...MIN });
    },
    60_000,
  );
});

describe('a data folder that cannot be opened', () => {
  it('says so in a window (a native error box naming the folder and the error code) and exits, instead of showing nothing', () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'signet-blocked-')), 'userData');
    writeFileSync(notADirectory, 'a file where the data folder should be');
    const r = probe({ env: { SIGNET_STANDIN_USER_DATA: notADirectory } });
    expect(r.windowCount).toBe(0);
    expect(r.afterReady.errorBoxes).toHaveLength(1);
    const [title, content] = r.afterReady.errorBoxes[0] as [string, string];
    expect(title).toBe('Signet cannot open its data folder');
    expect(content).toContain(notADirectory);
    expect(content).toMatch(/\((ENOTDIR|EEXIST|ENOENT|EACCES)\)/);
    expect(r.afterReady.exited).toEqual([[1]]);
  }, 60_000);
});
