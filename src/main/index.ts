/// <reference types="electron-vite/node" />
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { electronClipboard, electronDialogs, electronShell, safeStorageCipher } from './electron-adapters';
import { registerIpc } from './ipc/register';
import { APP_ENTRY_URL, APP_ORIGIN, forbiddenSwitches, loopbackHttpOrigin } from './security';
import { createMainServices, type MainServices } from './services';
import {
  createMainWindow,
  hardenContents,
  hardenSession,
  registerAppScheme,
  serveAppScheme,
  setAppMenu,
} from './window';

/**
 * The dev server (electron-vite dev) exists only in a development build: `import.meta.env.DEV` is a
 * build-time constant, so a production bundle holds no trace of this path; and never in a packaged app,
 * and only on a loopback http origin.
 */
function devServer(): { url: string; origin: string } | null {
  if (import.meta.env.DEV) {
    const url = process.env['ELECTRON_RENDERER_URL'];
    const origin = loopbackHttpOrigin(url);
    if (!app.isPackaged && url && origin) return { url, origin };
  }
  return null;
}

// A shipped app never runs with a debugger port open, whoever started it.
const debugSwitches = app.isPackaged ? forbiddenSwitches(process.argv, (name) => app.commandLine.hasSwitch(name)) : [];

if (debugSwitches.length > 0) {
  dialog.showErrorBox(
    'Signet will not start',
    `Signet does not run with debugging switches (${debugSwitches.map((s) => `--${s}`).join(', ')}): they would let another program read your secrets. Start Signet without them.`,
  );
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // One Signet at a time: two instances would race on the vault file.
  app.quit();
} else {
  const dev = devServer();
  const appOrigin = dev ? dev.origin : APP_ORIGIN;
  let win: BrowserWindow | null = null;
  let services: MainServices | null = null;
  registerAppScheme(); // before ready

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Any web contents created later (there should be none) gets the same lock-down.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, appOrigin));

  void app.whenReady().then(async () => {
    hardenSession();
    serveAppScheme(join(import.meta.dirname, '../renderer'));
    setAppMenu(dev !== null);
    const dataDirectory = app.getPath('userData');
    try {
      services = await createMainServices({
        dir: dataDirectory,
        cipher: safeStorageCipher(),
        shell: electronShell(() => win),
        clipboard: electronClipboard,
        dialogs: electronDialogs(() => win),
        // IPC is trusted from exactly one origin: app://signet (or the loopback dev server in development).
        allowedOrigins: [appOrigin],
        appInfo: { version: app.getVersion() },
        log: { info: (m) => console.info(m), warn: (m) => console.warn(m) },
      });
    } catch (e) {
      // The profile store (or its folder) cannot be opened at all: say so in a window rather than leave the
      // user with none. Only the error's code is shown: a message could quote file contents.
      const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.name : 'unknown error');
      dialog.showErrorBox(
        'Signet cannot open its data folder',
        `Signet keeps its profiles and history in ${dataDirectory}, which cannot be opened (${code}). Check that the folder exists, is yours and is writable, and that the disk is not full; then start Signet again.`,
      );
      app.exit(1);
      return;
    }
    registerIpc(ipcMain, services.router);
    win = createMainWindow({
      entryUrl: dev ? dev.url : APP_ENTRY_URL,
      appOrigin,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      devTools: !app.isPackaged,
      stateDir: dataDirectory,
      // Linux takes a window's icon from the window, not the executable: without it the taskbar shows a
      // generic one. Packaged, the icon is an extra resource beside app.asar; from a checkout, the repo's.
      icon:
        process.platform === 'linux'
          ? app.isPackaged
            ? join(process.resourcesPath ?? '', 'icon.png')
            : join(import.meta.dirname, '../../resources/icon.png')
          : undefined,
    });
    win.on('closed', () => (win = null));
  });

  // Let main clean up (e.g. clear a copied secret from the clipboard) before the app goes.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || services === null) return;
    disposed = true;
    event.preventDefault();
    void services
      .dispose()
      .catch(() => console.warn('quit: clean-up failed'))
      .finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}
