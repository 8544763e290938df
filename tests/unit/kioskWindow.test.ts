import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// The Electron binary cannot be downloaded here: the module is mocked, the window is a stand-in that records.
vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, session: {}, webContents: {} }));

const { kioskWindowOptions, isSwallowedShortcut, KIOSK_WINDOW_TITLE } = await import('../../electron/kiosk/kioskWindowOptions');
const { lockDownKioskWindow, kioskEnabled } = await import('../../electron/kiosk/electronKiosk');
const { MemoryKioskConfigStore } = await import('../../electron/settings/kioskConfigStore');

const normalWindow = {
  width: 1180,
  height: 800,
  x: 10,
  y: 20,
  minWidth: 900,
  minHeight: 600,
  title: 'Личный кабинет',
  show: false,
  webPreferences: { preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true, spellcheck: true },
};

const key = (keyName: string, modifiers: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key: keyName,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...modifiers,
});

describe('the kiosk window', () => {
  it('is a full-screen Electron kiosk window with no frame, menu or devtools, that cannot be closed or moved', () => {
    const options = kioskWindowOptions(normalWindow);
    expect(options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      closable: false,
      title: KIOSK_WINDOW_TITLE,
      show: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    // Saved bounds of the normal window do not shrink the kiosk.
    for (const field of ['x', 'y', 'width', 'height', 'minWidth', 'minHeight']) expect(options).not.toHaveProperty(field);
  });

  it('swallows reload, close, quit, devtools, new window and dialog shortcuts, and leaves typing and zoom alone', () => {
    const swallowed = [
      key('F5'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('r', { meta: true }),
      key('w', { control: true }),
      key('q', { meta: true }),
      key('F4', { alt: true }),
      key('F11'),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
      key('n', { control: true }),
      key('p', { control: true }),
      key('s', { control: true }),
      key('o', { control: true }),
      key('ArrowLeft', { alt: true }),
    ];
    for (const input of swallowed) expect(isSwallowedShortcut(input), JSON.stringify(input)).toBe(true);
    const allowed = [key('r'), key('5'), key('Backspace'), key('Enter'), key('Tab'), key('=', { control: true }), key('-', { control: true }), key('a', { control: true })];
    for (const input of allowed) expect(isSwallowedShortcut(input), JSON.stringify(input)).toBe(false);
    expect(isSwallowedShortcut({ ...key('F5'), type: 'keyUp' as never })).toBe(false);
  });

  it('is locked down: shortcuts and downloads prevented, devtools closed, title fixed, closing refused until staff leave the kiosk', () => {
    const contents = Object.assign(new EventEmitter(), { session: new EventEmitter(), closeDevTools: vi.fn() });
    const window = Object.assign(new EventEmitter(), { webContents: contents, setMenu: vi.fn(), setTitle: vi.fn() });
    let leaving = false;
    lockDownKioskWindow(window as never, () => leaving);
    expect(window.setMenu).toHaveBeenCalledWith(null);
    expect(window.setTitle).toHaveBeenCalledWith(KIOSK_WINDOW_TITLE);

    const fire = (emitter: EventEmitter, name: string, ...rest: unknown[]) => {
      const event = { preventDefault: vi.fn() };
      emitter.emit(name, event, ...rest);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(fire(contents, 'before-input-event', key('r', { control: true }))).toBe(true);
    expect(fire(contents, 'before-input-event', key('7'))).toBe(false);
    expect(fire(contents.session, 'will-download')).toBe(true);
    expect(fire(window, 'page-title-updated', 'Анна Петрова')).toBe(true);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
    expect(fire(window, 'close')).toBe(true);
    leaving = true;
    expect(fire(window, 'close')).toBe(false);
  });

  it('is switched on by --kiosk, which writes the setting, and stays on without it until staff leave', () => {
    const config = new MemoryKioskConfigStore();
    expect(kioskEnabled(config, ['electron', '.'])).toBe(false);
    expect(kioskEnabled(config, ['electron', '.', '--kiosk'])).toBe(true);
    expect(config.read().enabled).toBe(true);
    expect(kioskEnabled(config, ['electron', '.'])).toBe(true);
  });
});
