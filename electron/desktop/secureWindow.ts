import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/**
 * Linux takes a window's icon from the window itself (Windows and macOS from the executable and the bundle): the
 * icon `npm run dist` renders and packs (out/icons/icon.png), where it exists — `npm start` before any `dist` has none.
 */
function windowIcon(): { icon?: string } {
  if (process.platform !== 'linux') return {};
  const icon = join(app.getAppPath(), 'out/icons/icon.png');
  return existsSync(icon) ? { icon } : {};
}

/**
 * Every window of ours, with the webPreferences of Electron's security checklist written out here, where
 * Electronegativity (npm run scan) reads them: isolated, sandboxed, no Node anywhere (frames, workers), web
 * security on, no insecure content, no experimental or extra Blink features (middle-click's Auxclick off),
 * no <webview>, nothing opened by dropping a file, no dialog floods; devtools only in development (`locked`: never).
 */
export function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preload: string, locked = false): BrowserWindow {
  return new BrowserWindow({
    ...windowIcon(),
    ...options,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A kiosk never has devtools, not even in development.
      devTools: !locked && !app.isPackaged,
    },
  });
}
