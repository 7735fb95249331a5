/**
 * Runs the BUILT main bundle (out/main/index.js) in plain Node against the recording Electron stand-in,
 * drives it (ready, navigation, permissions, IPC, app://, quit) and prints one JSON report on stdout.
 *   node --import ./src/testing/electron/register.mjs ./src/testing/electron/probe-built-main.mjs [switches…]
 * Environment: see stand-in.mjs; SIGNET_PROBE_MAIN overrides the bundle's path.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, fakeEvent, record } from './stand-in.mjs';

const mainPath = resolve(process.env.SIGNET_PROBE_MAIN ?? 'out/main/index.js');
const rendererRoot = resolve(mainPath, '../../renderer');
if (!process.env.SIGNET_STANDIN_USER_DATA) process.env.SIGNET_STANDIN_USER_DATA = mkdtempSync(join(tmpdir(), 'signet-standin-'));

const tick = () => new Promise((r) => setTimeout(r, 10));
async function until(predicate, ms = 5000) {
  for (let t = 0; t < ms && !predicate(); t += 10) await tick();
  return predicate();
}
const calls = (api) => record.calls.filter(([a]) => a === api).map(([, ...args]) => args);

await import(pathToFileURL(mainPath).href);
const report = { beforeReady: {}, calls: {} };
report.beforeReady.privilegedSchemes = record.privilegedSchemes;
report.beforeReady.exited = calls('app.exit');
report.beforeReady.quit = calls('app.quit').length;
report.beforeReady.errorBoxes = calls('dialog.showErrorBox');
report.singleInstanceLockRequested = calls('app.requestSingleInstanceLock').length;

app.becomeReady();
const stopped = report.beforeReady.exited.length > 0 || report.beforeReady.quit > 0;
if (!stopped) await until(() => record.windows.length > 0 && record.windows[0].loaded.length > 0, 3000);
report.windowCount = record.windows.length;
report.afterReady = { errorBoxes: calls('dialog.showErrorBox'), exited: calls('app.exit') };

if (record.windows.length > 0) {
  const win = record.windows[0];
  const contents = win.webContents;
  report.webPreferences = win.options.webPreferences;
  report.icon = win.options.icon ?? null;
  report.loaded = win.loaded;
  report.appOrigin = 'app://signet';

  // Every web contents (the window's, and one created later) must be locked down.
  const { BrowserWindow } = await import('./stand-in.mjs');
  const later = new BrowserWindow({}).webContents;
  report.navigation = {};
  const targets = [
    'https://evil.example/',
    'http://localhost:5173/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://signet/index.html',
    'app://evil/index.html',
    'javascript:alert(1)',
  ];
  for (const [name, wc] of [['window', contents], ['later', later]]) {
    const result = {};
    for (const url of targets) {
      const nav = fakeEvent();
      wc.emit('will-navigate', nav, url);
      const redirect = fakeEvent();
      wc.emit('will-redirect', redirect, url);
      const frame = fakeEvent({ url, isMainFrame: false });
      wc.emit('will-frame-navigate', frame);
      result[url] = {
        navigatePrevented: nav.defaultPrevented,
        redirectPrevented: redirect.defaultPrevented,
        frameNavigatePrevented: frame.defaultPrevented,
      };
    }
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview, {}, {});
    result.webviewPrevented = webview.defaultPrevented;
    result.windowOpen = wc.windowOpenHandler ? wc.windowOpenHandler({ url: 'https://evil.example/', disposition: 'new-window' }) : null;
    result.listeners = {
      willNavigate: wc.listenerCount('will-navigate'),
      willRedirect: wc.listenerCount('will-redirect'),
      willAttachWebview: wc.listenerCount('will-attach-webview'),
    };
    report.navigation[name] = result;
  }

  // Session: permissions, downloads, the CSP header.
  const s = record.session;
  report.permissions = {};
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
    let answer = 'no handler';
    if (s.permissionRequestHandler) s.permissionRequestHandler(contents, permission, (granted) => (answer = granted), {});
    const check = s.permissionCheckHandler ? s.permissionCheckHandler(contents, permission, 'app://signet', {}) : 'no handler';
    report.permissions[permission] = { request: answer, check };
  }
  const download = fakeEvent();
  s.events.emit('will-download', download, {}, contents);
  report.downloadPrevented = download.defaultPrevented;
  report.headerCsp = null;
  if (s.headersReceived) {
    s.headersReceived({ url: 'http://127.0.0.1:5173/', responseHeaders: { 'content-type': ['text/html'] } }, (r) => (report.headerCsp = r.responseHeaders['Content-Security-Policy']));
  }

  // app://: the handler serves the renderer folder only.
  report.protocolSchemes = [...record.protocolHandlers.keys()];
  const handler = record.protocolHandlers.get('app');
  report.protocol = {};
  if (handler) {
    // A symlink inside the renderer folder that points out of it.
    const outside = mkdtempSync(join(tmpdir(), 'signet-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'outside');
    const link = join(rendererRoot, 'probe-link-out');
    try {
      symlinkSync(outside, link);
    } catch {
      // already there from an earlier run
    }
    mkdirSync(rendererRoot, { recursive: true });
    const requests = {
      index: 'app://signet/index.html',
      root: 'app://signet/',
      dotdot: 'app://signet/../../../etc/passwd',
      dotdotInside: 'app://signet/assets/../index.html',
      encodedDotdot: 'app://signet/%2e%2e/%2e%2e/etc/passwd',
      encodedSlash: 'app://signet/..%2f..%2fetc%2fpasswd',
      backslash: 'app://signet/..\\..\\etc\\passwd',
      absolute: 'app://signet//etc/passwd',
      otherHost: 'app://evil/index.html',
      symlinkOut: 'app://signet/probe-link-out/secret.txt',
      missing: 'app://signet/nope.js',
      nul: 'app://signet/index.html%00.js',
    };
    for (const [name, url] of Object.entries(requests)) {
      // Raw request objects: Chromium hands the handler a parsed URL, but the handler must not rely on it.
      const response = await handler({ url, method: 'GET', headers: new Headers() });
      const body = response.status === 200 ? await response.text() : '';
      report.protocol[name] = {
        status: response.status,
        contentType: response.headers.get('content-type'),
        csp: response.headers.get('content-security-policy'),
        bodyStart: body.slice(0, 15),
        bodyHasOutside: body.includes('outside'),
      };
    }
    const assets = await import('node:fs').then((fs) => fs.readdirSync(join(rendererRoot, 'assets')).filter((f) => f.endsWith('.js')));
    if (assets[0]) {
      const r = await handler({ url: `app://signet/assets/${assets[0]}`, method: 'GET', headers: new Headers() });
      report.protocol.script = { status: r.status, contentType: r.headers.get('content-type'), csp: r.headers.get('content-security-policy') };
    }
    await import('node:fs').then((fs) => fs.rmSync(link, { force: true }));
  }

  // IPC: what is registered, and that every channel goes through the gate.
  report.ipc = { handle: [...record.ipcHandle.keys()], on: record.ipcOn.map(([kind, channel]) => `${kind} ${channel}`) };
  const invoke = (channel, payload, url = 'app://signet/index.html', top = true) => {
    const fn = record.ipcHandle.get(channel);
    const frame = { url, parent: null };
    const event = { senderFrame: top ? frame : { url, parent: frame }, sender: contents };
    return fn(event, payload);
  };
  report.gate = {};
  for (const channel of record.ipcHandle.keys()) {
    const fromFile = await invoke(channel, {}, `file://${rendererRoot}/index.html`);
    const fromOther = await invoke(channel, {}, 'app://evil/index.html');
    const fromSub = await invoke(channel, {}, 'app://signet/index.html', false);
    const fromDev = await invoke(channel, {}, 'http://localhost:5173/');
    report.gate[channel] = [fromFile, fromOther, fromSub, fromDev].map((r) => r?.error?.code ?? (r?.ok ? 'OK' : 'UNKNOWN'));
  }
  report.appInfo = await invoke('app:info', {});

  // shell: a vendor host opens; a profile's host asks first, showing the host; the normalised href is opened.
  const created = await invoke('profiles:create', {
    kind: 'eber',
    name: 'Shop',
    settings: { baseUrl: 'https://Rewards.Example-Shop.com', timezone: 'UTC', defaultLocale: null, defaultIdentifierType: 'email' },
  });
  report.profileCreated = created.ok;
  const before = record.calls.length;
  report.openVendor = await invoke('shell:openExternal', { url: 'https://demo.eber.co/login?x=1 2' });
  record.messageBoxAnswers.push({ response: 0 });
  report.openProfileDeclined = await invoke('shell:openExternal', { url: 'https://REWARDS.example-shop.com/path?q=1' });
  record.messageBoxAnswers.push({ response: 1 });
  report.openProfileAccepted = await invoke('shell:openExternal', { url: 'https://REWARDS.example-shop.com/path?q=1' });
  report.openOther = await invoke('shell:openExternal', { url: 'https://evil.example/' });
  const shellCalls = record.calls.slice(before);
  report.shell = {
    opened: shellCalls.filter(([a]) => a === 'shell.openExternal').map(([, url]) => url),
    messageBoxes: shellCalls.filter(([a]) => a === 'dialog.showMessageBox').map(([, o]) => ({ message: o.message, detail: o.detail, buttons: o.buttons })),
  };

  // The window's bounds: what it was created with, shown maximized or not, and what it saves when closed.
  const pick = ({ x, y, width, height, minWidth, minHeight }) => ({ x, y, width, height, minWidth, minHeight });
  win.emit('ready-to-show');
  report.window = {
    options: pick(win.options),
    maximizeCalls: calls('BrowserWindow.maximize').length,
    shown: calls('BrowserWindow.show').length,
  };
  const stateFile = join(process.env.SIGNET_STANDIN_USER_DATA, 'window-state.json');
  win.normalBounds = { x: 40, y: 60, width: 1111, height: 777 };
  win.emit('move');
  win.emit('resize');
  win.emit('close');
  report.window.savedOnClose = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;

  // Menu.
  report.menu = record.menus.map((m) => m?.template);

  // Quit: main disposes its services first, then quits.
  const quit = fakeEvent();
  const quitsBefore = calls('app.quit').length;
  app.emit('will-quit', quit);
  await until(() => calls('app.quit').length > quitsBefore, 2000);
  report.quit = { firstPrevented: quit.defaultPrevented, quitAgain: calls('app.quit').length > quitsBefore };
  const second = fakeEvent();
  app.emit('will-quit', second);
  report.quit.secondPrevented = second.defaultPrevented;
}

report.calls = {
  exit: calls('app.exit'),
  errorBoxes: calls('dialog.showErrorBox'),
  quit: calls('app.quit').length,
  loadFile: calls('BrowserWindow.loadFile'),
  loadURL: calls('BrowserWindow.loadURL'),
  openDevTools: calls('webContents.openDevTools').length,
  appendSwitch: calls('app.commandLine.appendSwitch'),
  registerFileProtocol: calls('protocol.registerFileProtocol').length,
};
process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`);
process.exit(0);
