import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { electronClipboard, electronDialogs, electronShell, electronStoreFactory, safeStorageCipher } from './electron-adapters';
import { registerIpc } from './ipc/register';
import { createMainServices } from './services';
import { createMainWindow, hardenContents, hardenSession } from './window';

// One Signet at a time: two instances would race on the vault file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const appOrigin = devUrl ? new URL(devUrl).origin : 'file://';
  let win: BrowserWindow | null = null;

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
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
        { role: 'fileMenu' },
        { role: 'editMenu' }, // undo, redo, cut, copy, paste, select all: the standard shortcuts
        { role: 'viewMenu' },
        { role: 'windowMenu' },
      ]),
    );
    const services = await createMainServices({
      dir: app.getPath('userData'),
      cipher: safeStorageCipher(),
      storeFactory: electronStoreFactory,
      shell: electronShell,
      clipboard: electronClipboard,
      dialogs: electronDialogs(() => win),
      // IPC is trusted from the dev server in development, else from exactly the app's own index.html.
      allowedOrigins: [devUrl ? appOrigin : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href],
      appInfo: { version: app.getVersion() },
      log: { info: (m) => console.info(m), warn: (m) => console.warn(m) },
    });
    registerIpc(ipcMain, services.router);
    win = createMainWindow(appOrigin);
    win.on('closed', () => (win = null));
  });

  app.on('window-all-closed', () => app.quit());
}
