/**
 * A recording stand-in for the `electron` module, for running the BUILT main bundle in plain Node (the
 * Electron binary is not available everywhere). Every call main makes is recorded in `record`; tests fire
 * events (will-navigate, …) on the recorded objects. Configured by environment variables:
 *   SIGNET_STANDIN_PACKAGED=1       app.isPackaged
 *   SIGNET_STANDIN_USER_DATA=<dir>  app.getPath('userData')
 *   SIGNET_STANDIN_LOCK=0           requestSingleInstanceLock() answers false
 *   SIGNET_STANDIN_DISPLAYS=<json>  screen.getAllDisplays(): [{ id, workArea: {x,y,width,height} }, …], the
 *                                   primary one first (default: one 1920×1080 display, a 25 px top bar)
 */
import { EventEmitter } from 'node:events';

export const record = {
  /** Every call, in order: [api, ...arguments]. */
  calls: [],
  windows: [],
  webContents: [],
  ipcHandle: new Map(),
  ipcOn: [],
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  session: { permissionRequestHandler: null, permissionCheckHandler: null, headersReceived: null, events: new EventEmitter() },
  menus: [],
  /** What dialog.showMessageBox answers next ({ response }). */
  messageBoxAnswers: [],
  ready: false,
};
const log = (api, ...args) => record.calls.push([api, ...args]);
const called = (api) => record.calls.some(([a]) => a === api);
export { called };

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.windowOpenHandler = null;
    this.id = record.webContents.length + 1;
    record.webContents.push(this);
  }
  setWindowOpenHandler(handler) {
    log('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  openDevTools() {
    log('webContents.openDevTools');
  }
  send(...args) {
    log('webContents.send', ...args);
  }
  isDestroyed() {
    return false;
  }
}

/** An Electron-style event whose preventDefault is recorded. */
export function fakeEvent(extra = {}) {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true), ...extra };
  return event;
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    log('new BrowserWindow', options);
    this.options = options;
    this.loaded = [];
    this.webContents = new WebContents();
    record.windows.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url) {
    log('BrowserWindow.loadURL', url);
    this.loaded.push({ url });
    return Promise.resolve();
  }
  loadFile(file) {
    log('BrowserWindow.loadFile', file);
    this.loaded.push({ file });
    return Promise.resolve();
  }
  show() {
    log('BrowserWindow.show');
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  /** Test control: what getNormalBounds answers (the window "moved"); starts as the options' bounds. */
  get normalBounds() {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options;
    return this._normalBounds ?? { x, y, width, height };
  }
  set normalBounds(b) {
    this._normalBounds = b;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
  getBounds() {
    return { ...this.normalBounds };
  }
  maximize() {
    log('BrowserWindow.maximize');
    this.maximized = true;
  }
  unmaximize() {
    log('BrowserWindow.unmaximize');
    this.maximized = false;
  }
  isMaximized() {
    return this.maximized === true;
  }
  static getAllWindows() {
    return record.windows;
  }
}

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = process.env.SIGNET_STANDIN_PACKAGED === '1';
    this.commandLine = {
      hasSwitch: (name) => {
        log('app.commandLine.hasSwitch', name);
        return process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
      },
      getSwitchValue: () => '',
      appendSwitch: (...args) => log('app.commandLine.appendSwitch', ...args),
      appendArgument: (...args) => log('app.commandLine.appendArgument', ...args),
    };
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  requestSingleInstanceLock() {
    log('app.requestSingleInstanceLock');
    return process.env.SIGNET_STANDIN_LOCK !== '0';
  }
  whenReady() {
    log('app.whenReady');
    return this.readyPromise;
  }
  isReady() {
    return record.ready;
  }
  /** Test control: makes the app ready (main's whenReady continues). */
  becomeReady() {
    record.ready = true;
    this.resolveReady();
    this.emit('ready');
  }
  getPath(name) {
    log('app.getPath', name);
    if (name === 'userData') return process.env.SIGNET_STANDIN_USER_DATA ?? '/nonexistent-user-data';
    return `/nonexistent-${name}`;
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  getName() {
    return 'Signet';
  }
  quit() {
    log('app.quit');
  }
  exit(code) {
    log('app.exit', code);
  }
  setAsDefaultProtocolClient(...args) {
    log('app.setAsDefaultProtocolClient', ...args);
    return true;
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel, fn) {
    log('ipcMain.handle', channel);
    record.ipcHandle.set(channel, fn);
  },
  handleOnce(channel, fn) {
    log('ipcMain.handleOnce', channel);
    record.ipcOn.push(['handleOnce', channel, fn]);
  },
  on(channel, fn) {
    log('ipcMain.on', channel);
    record.ipcOn.push(['on', channel, fn]);
  },
  once(channel, fn) {
    log('ipcMain.once', channel);
    record.ipcOn.push(['once', channel, fn]);
  },
  addListener(channel, fn) {
    log('ipcMain.addListener', channel);
    record.ipcOn.push(['addListener', channel, fn]);
  },
  removeHandler(channel) {
    log('ipcMain.removeHandler', channel);
    record.ipcHandle.delete(channel);
  },
  removeAllListeners() {},
};

const defaultSession = {
  setPermissionRequestHandler(fn) {
    log('session.setPermissionRequestHandler');
    record.session.permissionRequestHandler = fn;
  },
  setPermissionCheckHandler(fn) {
    log('session.setPermissionCheckHandler');
    record.session.permissionCheckHandler = fn;
  },
  setDevicePermissionHandler(fn) {
    log('session.setDevicePermissionHandler');
    record.session.devicePermissionHandler = fn;
  },
  on(name, fn) {
    log('session.on', name);
    record.session.events.on(name, fn);
  },
  webRequest: {
    onHeadersReceived(...args) {
      log('session.webRequest.onHeadersReceived');
      record.session.headersReceived = args.at(-1);
    },
    onBeforeRequest(...args) {
      log('session.webRequest.onBeforeRequest');
      record.session.beforeRequest = args.at(-1);
    },
  },
  protocol: undefined,
};
export const session = { defaultSession };

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    log('protocol.registerSchemesAsPrivileged', schemes, { beforeReady: !record.ready });
    record.privilegedSchemes.push({ schemes, beforeReady: !record.ready });
  },
  handle(scheme, handler) {
    log('protocol.handle', scheme);
    record.protocolHandlers.set(scheme, handler);
  },
  registerFileProtocol(scheme) {
    log('protocol.registerFileProtocol', scheme);
  },
  interceptFileProtocol(scheme) {
    log('protocol.interceptFileProtocol', scheme);
  },
};
defaultSession.protocol = protocol;

export const Menu = {
  buildFromTemplate(template) {
    log('Menu.buildFromTemplate', template);
    return { template };
  },
  setApplicationMenu(menu) {
    log('Menu.setApplicationMenu', menu);
    record.menus.push(menu);
  },
};

export const dialog = {
  showErrorBox(title, content) {
    log('dialog.showErrorBox', title, content);
  },
  async showMessageBox(...args) {
    const options = args.at(-1);
    log('dialog.showMessageBox', options);
    return record.messageBoxAnswers.shift() ?? { response: options?.cancelId ?? 0, checkboxChecked: false };
  },
  async showOpenDialog(...args) {
    log('dialog.showOpenDialog', args.at(-1));
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args) {
    log('dialog.showSaveDialog', args.at(-1));
    return { canceled: true };
  },
};

export const shell = {
  async openExternal(url) {
    log('shell.openExternal', url);
  },
  async openPath(path) {
    log('shell.openPath', path);
    return '';
  },
};

let clip = '';
export const clipboard = {
  writeText: (t) => void (clip = t),
  readText: () => clip,
  clear: () => void (clip = ''),
};

// Reversible, clearly not encryption: enough for the vault to round-trip.
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptStringAsync: async (s) => Buffer.from(`standin:${s}`, 'utf8'),
  decryptStringAsync: async (b) => ({ result: Buffer.from(b).toString('utf8').replace(/^standin:/, ''), shouldReEncrypt: false }),
};

export const webUtils = { getPathForFile: () => '' };
export const contextBridge = { exposeInMainWorld: () => {} };
export const ipcRenderer = { invoke: async () => undefined };
export const nativeTheme = new EventEmitter();
const displays = () =>
  JSON.parse(process.env.SIGNET_STANDIN_DISPLAYS ?? 'null') ?? [{ id: 1, workArea: { x: 0, y: 25, width: 1920, height: 1055 } }];
export const screen = {
  getAllDisplays() {
    log('screen.getAllDisplays');
    return displays().map((d) => ({ bounds: d.workArea, scaleFactor: 1, ...d }));
  },
  getPrimaryDisplay() {
    log('screen.getPrimaryDisplay');
    return screen.getAllDisplays()[0];
  },
};
export const powerMonitor = new EventEmitter();

export default {
  app,
  BrowserWindow,
  clipboard,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  webUtils,
};
