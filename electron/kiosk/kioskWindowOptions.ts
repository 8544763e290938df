import type { BrowserWindowConstructorOptions, Input } from 'electron';

/** The only title a kiosk window ever shows: never a subscriber's name or number. */
export const KIOSK_WINDOW_TITLE = 'Личный кабинет';

/**
 * The main window of a store kiosk: full screen in Electron's kiosk mode, no frame or menu, cannot be
 * moved, resized, minimised or closed by the person in front of it, no devtools. Takes the normal window's
 * options (preload, isolation, sandbox) and locks them down; type-only Electron import, so a unit test
 * can check it without the Electron binary.
 */
export function kioskWindowOptions(base: BrowserWindowConstructorOptions): BrowserWindowConstructorOptions {
  const { x: _x, y: _y, width: _width, height: _height, minWidth: _minWidth, minHeight: _minHeight, ...rest } = base;
  return {
    ...rest,
    title: KIOSK_WINDOW_TITLE,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: false,
    fullscreenable: true,
    alwaysOnTop: true,
    webPreferences: {
      ...base.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

/**
 * Keys a kiosk swallows before the page sees them: reload, close and quit, new windows and tabs,
 * devtools, print/save/open dialogs, leaving full screen and minimising. Zoom keys stay (people need them).
 */
export function isSwallowedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;
  if (['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward'].includes(key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (command && ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'm', 'h', 'u', 'j'].includes(key)) return true;
  if (command && input.shift && ['i', 'c', 'delete', 'Delete'].includes(key)) return true;
  if (command && input.alt && key === 'i') return true;
  return false;
}
