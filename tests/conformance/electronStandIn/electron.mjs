// The stand-in's ES module face: the same object CommonJS `require('electron')` gets (electron-log, electron-updater).
import electron from './electron.cjs';

export const {
  app, BrowserWindow, Menu, MenuItem, Notification, Tray, autoUpdater, clipboard, contentTracing, crashReporter, dialog, globalShortcut,
  ipcMain, nativeImage, nativeTheme, net, powerMonitor, powerSaveBlocker, protocol, safeStorage, screen, session, shell, systemPreferences,
  webContents,
} = electron;
export default electron;
