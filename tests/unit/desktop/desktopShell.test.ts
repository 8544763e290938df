import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutText } from '../../../electron/desktop/aboutDialog';
import { menuTemplate, type MenuActions } from '../../../electron/desktop/menu';
import { placeOnScreen } from '../../../electron/desktop/windowPlacement';

function recordingActions(): MenuActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    showHandset: () => calls.push('handset'),
    checkForUpdates: () => calls.push('updates'),
    openLogsFolder: () => calls.push('logs'),
    showAbout: () => calls.push('about'),
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const item = items(template).find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('the application menu', () => {
  it('speaks Russian by default language and English when the app is switched to it', () => {
    const ru = menuTemplate('ru', recordingActions(), { platform: 'win32', development: false });
    const en = menuTemplate('en', recordingActions(), { platform: 'win32', development: false });
    expect(ru.map((item) => item.label)).toEqual(['Файл', 'Правка', 'Вид', 'Окно', 'Справка']);
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(find(ru, 'about').label).toBe('О программе');
    expect(find(en, 'check-for-updates').label).toBe('Check for Updates');
  });

  it('its own items open the phone, check for updates, open the logs folder and show About', () => {
    const actions = recordingActions();
    const template = menuTemplate('ru', actions, { platform: 'linux', development: false });
    for (const id of ['handset', 'check-for-updates', 'logs', 'about']) click(find(template, id));
    expect(actions.calls).toEqual(['handset', 'updates', 'logs', 'about']);
    expect(find(template, 'quit')).toMatchObject({ role: 'quit', label: 'Выход' });
  });

  it('has no «Телефон» item outside demo mode (no virtual handset to show)', () => {
    const { showHandset: _handset, ...actions } = recordingActions();
    for (const platform of ['linux', 'darwin'] as const) {
      const template = menuTemplate('ru', actions, { platform, development: false });
      expect(items(template).map((item) => item.id)).not.toContain('handset');
      if (platform === 'linux') expect(find(template, 'quit')).toMatchObject({ role: 'quit' });
    }
  });

  it('has no reload or developer tools in an installed app', () => {
    const roles = (development: boolean) => items(menuTemplate('ru', recordingActions(), { platform: 'win32', development })).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('on macOS puts About and Quit in the app menu', () => {
    const template = menuTemplate('en', recordingActions(), { platform: 'darwin', development: false });
    expect(template[0]!.label).toBe('Subscriber Cabinet');
    const appMenu = items([template[0]!]).map((item) => item.id);
    expect(appMenu).toContain('about');
    expect(appMenu).toContain('quit');
  });
});

describe('the About dialog', () => {
  it('names the app, its version and the versions of Electron, Chromium and Node.js', () => {
    const text = aboutText('ru', { app: '0.1.0', electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0', v8: '14.2.231' });
    expect(text.message).toBe('Личный кабинет 0.1.0');
    expect(text.detail.split('\n')).toEqual(['Версия: 0.1.0', 'Electron: 45.4.1', 'Chromium: 142.0.7444.59', 'Node.js: 22.20.0', 'V8: 14.2.231']);
    expect(aboutText('en', { app: '0.1.0', electron: '45.4.1', chrome: '1', node: '2', v8: '3' }).message).toBe('Subscriber Cabinet 0.1.0');
  });
});

describe('the window placement', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('opens where it was closed when that is still on a screen', () => {
    const saved = { x: 200, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeOnScreen(saved, [screen])).toEqual(saved);
  });

  it('opens centred when its title bar would be on no screen (a monitor was unplugged)', () => {
    const saved = { x: 2400, y: 100, width: 1200, height: 800, maximized: true };
    expect(placeOnScreen(saved, [screen])).toEqual({ width: 1200, height: 800, maximized: true });
    expect(placeOnScreen({ ...saved, x: 200, y: -500 }, [screen])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('is never larger than the largest screen, and keeps a second screen to the left', () => {
    const left = { x: -1280, y: 0, width: 1280, height: 1000 };
    expect(placeOnScreen({ x: -1000, y: 50, width: 3000, height: 2000, maximized: false }, [screen, left])).toEqual({ x: -1000, y: 50, width: 1920, height: 1040, maximized: false });
    expect(placeOnScreen(null, [screen])).toBeNull();
  });
});
