// A recording stand-in for the `electron` module, for loading the built main bundle in plain Node (the conformance
// suite, tests/conformance/mainBundle.test.ts). It does what Electron's API does as far as the main process can
// tell — events, windows with webContents and frames, handlers kept to be called — and records every call in
// `record`, which the driver prints. It is never used by the app: only by tests/conformance/electronStandIn/driver.mjs.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, as electron-log and electron-updater require it */
const { EventEmitter } = require('node:events');
const { join } = require('node:path');

const options = JSON.parse(process.env.STAND_IN_OPTIONS || '{}');
const record = { calls: [], windows: [], ipcHandlers: {}, protocolHandlers: {}, dialogs: [], external: [], exits: [], trays: [], loginItem: { openAtLogin: false } };
const liveTrays = [];
const note = (what, detail) => record.calls.push(detail === undefined ? [what] : [what, detail]);

let nextContentsId = 1;
const allContents = [];

class WebContents extends EventEmitter {
  constructor(owner) {
    super();
    this.id = nextContentsId++;
    this.owner = owner;
    this.destroyed = false;
    this.mainFrame = { url: '', routingId: 1 };
    this.sent = [];
    this.windowOpenHandler = null;
    this.session = session.defaultSession;
    allContents.push(this);
  }
  isDestroyed() { return this.destroyed; }
  send(channel, payload) { this.sent.push({ channel, payload }); }
  setWindowOpenHandler(handler) { this.windowOpenHandler = handler; }
  getURL() { return this.mainFrame.url; }
  closeDevTools() { note('webContents.closeDevTools', this.id); }
  openDevTools() { note('webContents.openDevTools', this.id); }
  isDevToolsOpened() { return false; }
  setZoomFactor() {}
  setVisualZoomLevelLimits() { return Promise.resolve(); }
  getPrintersAsync() { return Promise.resolve([]); }
  print(_options, callback) { if (callback) callback(true, ''); }
  printToPDF() { return Promise.resolve(Buffer.from('%PDF-1.4 stand-in')); }
  reload() { note('webContents.reload', this.id); this.emit('did-finish-load'); }
  executeJavaScript() { return Promise.resolve(undefined); }
  invalidate() {}
  focus() {}
}

class BrowserWindow extends EventEmitter {
  constructor(windowOptions = {}) {
    super();
    this.options = windowOptions;
    this.webContents = new WebContents(this);
    this.id = this.webContents.id;
    this.destroyed = false;
    this.visible = false;
    this.loaded = null;
    this.bounds = { x: 0, y: 0, width: windowOptions.width || 800, height: windowOptions.height || 600 };
    const entry = { id: this.id, options: JSON.parse(JSON.stringify(windowOptions)), loadURL: null, menu: undefined, title: windowOptions.title || '' };
    this.entry = entry;
    record.windows.push(entry);
    BrowserWindow.windows.push(this);
    app.emit('browser-window-created', {}, this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() { return BrowserWindow.windows.filter((window) => !window.destroyed); }
  static getFocusedWindow() { return BrowserWindow.getAllWindows()[0] || null; }
  static fromWebContents(contents) { return BrowserWindow.windows.find((window) => window.webContents === contents) || null; }
  loadURL(url) {
    this.entry.loadURL = url;
    this.webContents.mainFrame.url = url;
    setImmediate(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
    return Promise.resolve();
  }
  loadFile(file) { return this.loadURL(`file://${file}`); }
  show() { this.visible = true; }
  showInactive() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  blur() {}
  restore() {}
  minimize() {}
  maximize() {}
  isMaximized() { return false; }
  isMinimized() { return false; }
  isVisible() { return this.visible; }
  isFocused() { return true; }
  isDestroyed() { return this.destroyed; }
  isFullScreen() { return Boolean(this.options.fullscreen); }
  setFullScreen() {}
  setKiosk() {}
  isKiosk() { return Boolean(this.options.kiosk); }
  setAlwaysOnTop() {}
  setMenu(menu) { this.entry.menu = menu; }
  removeMenu() { this.entry.menu = null; }
  setMenuBarVisibility() {}
  setAutoHideMenuBar() {}
  setTitle(title) { this.entry.title = title; }
  getTitle() { return this.entry.title; }
  setProgressBar() {}
  flashFrame() {}
  setClosable() {}
  setSkipTaskbar() {}
  setContentProtection() {}
  getBounds() { return { ...this.bounds }; }
  getNormalBounds() { return { ...this.bounds }; }
  setBounds(bounds) { Object.assign(this.bounds, bounds); }
  center() {}
  close() {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    this.webContents.emit('destroyed');
  }
}
BrowserWindow.windows = [];

class Session extends EventEmitter {
  constructor() {
    super();
    this.handlers = {};
    this.webRequest = { onHeadersReceived: (...args) => (this.handlers.onHeadersReceived = args.at(-1)), onBeforeRequest: (...args) => (this.handlers.onBeforeRequest = args.at(-1)) };
    this.protocol = null;
  }
  setPermissionRequestHandler(handler) { this.handlers.permissionRequest = handler; }
  setPermissionCheckHandler(handler) { this.handlers.permissionCheck = handler; }
  setDevicePermissionHandler(handler) { this.handlers.devicePermission = handler; }
  setDisplayMediaRequestHandler(handler) { this.handlers.displayMedia = handler; }
  setSpellCheckerEnabled() {}
  setProxy() { return Promise.resolve(); }
  clearStorageData() { note('session.clearStorageData'); return Promise.resolve(); }
  clearCache() { note('session.clearCache'); return Promise.resolve(); }
  clearAuthCache() { return Promise.resolve(); }
  flushStorageData() {}
  setPreloads() {}
  getPreloads() { return []; }
  registerPreloadScript() { return 'preload'; }
}
const session = { defaultSession: new Session(), fromPartition: () => session.defaultSession };

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = Boolean(options.packaged);
    this.ready = false;
    this.paths = {};
    this.name = 'subscriber-cabinet';
    this.commandLine = { appendSwitch: (name, value) => note('app.commandLine.appendSwitch', [name, value ?? null]), hasSwitch: () => false, getSwitchValue: () => '' };
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  whenReady() { return this.readyPromise; }
  isReady() { return this.ready; }
  becomeReady() { this.ready = true; this.emit('ready', {}, {}); this.resolveReady(); }
  getPath(name) {
    if (this.paths[name]) return this.paths[name];
    const base = options.userData;
    if (name === 'userData' || name === 'appData' || name === 'sessionData') return base;
    if (name === 'logs') return join(base, 'logs');
    return join(base, `path-${name}`);
  }
  setPath(name, value) { this.paths[name] = value; note('app.setPath', [name, value]); }
  getAppPath() { return options.appPath; }
  getVersion() { return '0.1.0'; }
  getName() { return this.name; }
  setName(name) { this.name = name; }
  getLocale() { return 'ru-RU'; }
  getSystemLocale() { return 'ru-RU'; }
  getPreferredSystemLanguages() { return ['ru-RU']; }
  requestSingleInstanceLock() { note('app.requestSingleInstanceLock'); return options.secondInstance ? false : true; }
  releaseSingleInstanceLock() {}
  hasSingleInstanceLock() { return !options.secondInstance; }
  setAppUserModelId(id) { note('app.setAppUserModelId', id); }
  setAppLogsPath(path) { this.paths.logs = path || join(options.userData, 'logs'); note('app.setAppLogsPath', path); }
  enableSandbox() { note('app.enableSandbox'); }
  quit() { note('app.quit'); }
  exit(code = 0) { note('app.exit', code); record.exits.push(code); }
  relaunch(relaunchOptions) { note('app.relaunch', relaunchOptions ?? null); }
  focus() {}
  setAsDefaultProtocolClient() { return true; }
  setAboutPanelOptions() {}
  showAboutPanel() {}
  setLoginItemSettings(settings) { record.loginItem = { openAtLogin: Boolean(settings && settings.openAtLogin) }; note('app.setLoginItemSettings', record.loginItem); }
  getLoginItemSettings() { return { ...record.loginItem }; }
  getGPUFeatureStatus() { return {}; }
  disableHardwareAcceleration() { note('app.disableHardwareAcceleration'); }
  setAccessibilitySupportEnabled() {}
  isInApplicationsFolder() { return true; }
}
const app = new App();
app.dock = { hide() {}, show() {}, setMenu() {}, setBadge() {} };

const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, handler) {
    if (record.ipcHandlers[channel]) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers[channel] = handler;
  },
  handleOnce(channel, handler) { record.ipcHandlers[channel] = handler; },
  removeHandler(channel) { delete record.ipcHandlers[channel]; },
});

const protocol = {
  privileged: [],
  registerSchemesAsPrivileged(schemes) {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
    note('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle(scheme, handler) {
    if (!app.ready) throw new Error('protocol.handle should be called after app is ready');
    if (options.failProtocol) throw new Error('stand-in: protocol.handle fails');
    record.protocolHandlers[scheme] = handler;
  },
  unhandle(scheme) { delete record.protocolHandlers[scheme]; },
  isProtocolHandled(scheme) { return Boolean(record.protocolHandlers[scheme]); },
};

const net = { fetch: (...args) => { note('net.fetch', String(args[0])); return fetch(...args); }, isOnline: () => true, online: true };

// Not an OS keystore: a reversible wrapping, enough for the store's key provider to round-trip its key.
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => options.keyring || 'gnome_libsecret',
  encryptString: (text) => Buffer.concat([Buffer.from('stand-in:'), Buffer.from(text, 'utf8')]),
  decryptString: (buffer) => {
    const prefix = Buffer.from('stand-in:');
    if (!buffer.subarray(0, prefix.length).equals(prefix)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return buffer.subarray(prefix.length).toString('utf8');
  },
  setUsePlainTextEncryption() {},
};

const shell = {
  openExternal: (url) => { record.external.push(url); return Promise.resolve(); },
  openPath: (path) => { note('shell.openPath', path); return Promise.resolve(''); },
  showItemInFolder: (path) => note('shell.showItemInFolder', path),
  beep() {},
  trashItem: () => Promise.resolve(),
};

class MenuItem { constructor(item) { Object.assign(this, item); } }
class Menu {
  constructor(template = []) { this.items = template.map((item) => new MenuItem(item)); }
  static buildFromTemplate(template) { return new Menu(template); }
  static setApplicationMenu(menu) { record.applicationMenu = menu ? menu.items.map((item) => item.label || item.role || item.id || '') : null; }
  static getApplicationMenu() { return null; }
  getMenuItemById(id) { return this.items.find((item) => item.id === id) || null; }
  popup() {}
  append(item) { this.items.push(item); }
}

class Notification extends EventEmitter {
  constructor(notificationOptions) { super(); this.options = notificationOptions; }
  static isSupported() { return true; }
  show() { note('Notification.show', { title: this.options.title }); }
  close() {}
}

const dialog = {
  showErrorBox: (title, content) => record.dialogs.push({ kind: 'error', title, content }),
  showMessageBox: (...args) => { record.dialogs.push({ kind: 'message', options: args.at(-1) }); return Promise.resolve({ response: options.dialogResponse ?? 1, checkboxChecked: false }); },
  showMessageBoxSync: (...args) => { record.dialogs.push({ kind: 'message', options: args.at(-1) }); return options.dialogResponse ?? 1; },
  showSaveDialog: () => Promise.resolve({ canceled: true }),
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
};

const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
const screen = Object.assign(new EventEmitter(), { getAllDisplays: () => [display], getPrimaryDisplay: () => display, getDisplayMatching: () => display, getCursorScreenPoint: () => ({ x: 0, y: 0 }) });
const nativeTheme = Object.assign(new EventEmitter(), { themeSource: 'system', shouldUseDarkColors: false, shouldUseHighContrastColors: false });
const clipboard = { text: '', writeText(text) { this.text = text; }, readText() { return this.text; }, clear() { this.text = ''; note('clipboard.clear'); }, availableFormats() { return []; } };
const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0, getSystemIdleState: () => 'active' });
const powerSaveBlocker = { start: () => 1, stop() {}, isStarted: () => false };
const nativeImage = { createFromPath: () => ({ isEmpty: () => true }), createEmpty: () => ({ isEmpty: () => true }), createFromBuffer: () => ({ isEmpty: () => false }) };
const webContents = { getAllWebContents: () => allContents.filter((contents) => !contents.destroyed), fromId: (id) => allContents.find((contents) => contents.id === id) || null, getFocusedWebContents: () => null };
const autoUpdater = Object.assign(new EventEmitter(), { setFeedURL() {}, checkForUpdates() { note('autoUpdater.checkForUpdates'); }, quitAndInstall() {} });
const crashReporter = { start() {}, getLastCrashReport: () => null };
const systemPreferences = { getAccentColor: () => '', isDarkMode: () => false, on() {} };
// A tray records what it shows: every tooltip in order, the title, and its menu's items (label, id, checked).
class Tray extends EventEmitter {
  constructor() { super(); this.entry = { tooltips: [], title: '', menu: [], destroyed: false }; this.menu = null; record.trays.push(this.entry); liveTrays.push(this); }
  setToolTip(text) { this.entry.tooltips.push(text); }
  setTitle(title) { this.entry.title = title; }
  setContextMenu(menu) { this.menu = menu; this.entry.menu = menu ? menu.items.map((item) => ({ id: item.id || null, label: item.label || item.type || '', checked: item.checked })) : []; }
  destroy() { this.entry.destroyed = true; }
}
const globalShortcut = { register: () => true, unregister() {}, unregisterAll() {} };

module.exports = {
  app, BrowserWindow, Menu, MenuItem, Notification, Tray, autoUpdater, clipboard, contentTracing: {}, crashReporter, dialog, globalShortcut,
  ipcMain, nativeImage, nativeTheme, net, powerMonitor, powerSaveBlocker, protocol, safeStorage, screen, session, shell, systemPreferences,
  webContents,
  __standIn: { record, allContents, options, liveTrays },
};
