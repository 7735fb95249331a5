/// <reference types="electron-vite/node" />
import {
  BrowserWindow,
  Menu,
  protocol,
  screen,
  session,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { APP_NAME, WINDOW_MIN_SIZE, WINDOW_STATE_SAVE_MS } from '../core/common/product';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, createAppProtocolHandler, isAllowedNavigation } from './security';
import { readWindowState, restoreBounds, trackWindowState, writeWindowState } from './window-state';

/**
 * app:// must be registered as privileged before the app is ready: standard (real origin, relative URLs,
 * 'self' means app://signet and nothing on disk) and secure (a secure context, like https).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves exactly the files under the built renderer folder on app://signet/…, each with the CSP header. */
export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}

/** Locks a web contents down: no navigation away, no new windows, no webviews, no permissions. */
export function hardenContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  // app:// responses carry the CSP themselves; this covers the dev server.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * The application menu. No View-menu role: it carries "Toggle Developer Tools" (and its shortcut). The
 * developer entries exist only in a development build.
 */
export function setAppMenu(development: boolean): void {
  const view: MenuItemConstructorOptions[] = [
    // `import.meta.env.DEV` is a build-time constant: a production bundle does not contain these entries.
    ...(import.meta.env.DEV && development
      ? [
          { role: 'reload' as const },
          { role: 'forceReload' as const },
          { role: 'toggleDevTools' as const },
          { type: 'separator' as const },
        ]
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' }, // undo, redo, cut, copy, paste, select all: the standard shortcuts
      { label: 'View', submenu: view },
      { role: 'windowMenu' },
    ]),
  );
}

/**
 * The work areas of the displays connected now, the primary one first (what restoreBounds checks a saved
 * position against). None when the screen module cannot answer: the window then opens at its defaults.
 */
function workAreas(): Electron.Rectangle[] {
  try {
    const primary = screen.getPrimaryDisplay();
    const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
    return [primary, ...others].map((d) => d.workArea);
  } catch {
    return [];
  }
}

export function createMainWindow(options: {
  entryUrl: string;
  appOrigin: string;
  preload: string;
  devTools: boolean;
  /** Where the window's size and position are kept between starts (userData). */
  stateDir: string;
  /** The window's icon file: Linux window managers show it (Windows and macOS take the executable's). */
  icon?: string | undefined;
}): BrowserWindow {
  const { maximized, ...bounds } = restoreBounds(readWindowState(options.stateDir), workAreas());
  const win = new BrowserWindow({
    ...bounds,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    show: false,
    title: APP_NAME,
    ...(options.icon !== undefined ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
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
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
      // Middle-click would otherwise open links in new windows, bypassing setWindowOpenHandler's intent.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenContents(win.webContents, options.appOrigin);
  trackWindowState(
    win,
    (state) => {
      if (!writeWindowState(options.stateDir, state)) console.warn('window: its size and position could not be saved');
    },
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) },
    WINDOW_STATE_SAVE_MS,
  );
  win.once('ready-to-show', () => {
    // maximize() shows the window too: only once it has something to show.
    if (maximized) win.maximize();
    win.show();
  });
  void win.loadURL(options.entryUrl);
  return win;
}
