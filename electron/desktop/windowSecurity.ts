import type { WebPreferences } from 'electron';

/**
 * The webPreferences of every window of ours, item by item from Electron's security checklist: isolated, sandboxed,
 * no Node anywhere (frames, workers), web security on, no insecure content, no experimental or extra Blink features
 * (and middle-click's Auxclick off), no <webview>, nothing opened by dropping a file; devtools only in development.
 */
export function secureWebPreferences(preload: string, options: { development: boolean }): WebPreferences {
  return {
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
    devTools: options.development,
  };
}
