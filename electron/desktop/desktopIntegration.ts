import { app, BrowserWindow, dialog, Menu, nativeTheme, shell } from 'electron';
import type { Preferences } from '../../shared/contract/settings';
import type { Dispatcher } from '../ipc/dispatcher';
import type { FileLogger } from '../logging/fileLogger';
import type { ElectronSettingsStore } from '../settings/electronSettingsStore';
import { aboutText } from './aboutDialog';
import { logUpdatesTo, updates } from './appUpdates';
import type { DesktopNotifier } from './desktopNotifier';
import { electronNotifier } from './electronNotifier';
import { menuTemplate } from './menu';
import { readUpdateFeed } from './updateFeed';

export interface DesktopIntegrationOptions {
  settings: ElectronSettingsStore;
  logger: FileLogger;
  dispatcher: Dispatcher;
  mainWindow(): BrowserWindow | null;
  /** Opens the virtual handset (demo mode only). */
  showHandset?: () => void;
  /** A store kiosk: no application menu at all, and updates install only when staff say so. */
  kiosk?: boolean;
}

/**
 * What makes the cabinet a desktop app: the menu in the app's language, native dialogs and menus in the chosen
 * theme, the About dialog, OS notifications, and updates (checked on start and daily, progress to every window).
 */
export function startDesktopIntegration(options: DesktopIntegrationOptions): { notifier: DesktopNotifier } {
  const { settings, logger } = options;
  const focusMain = (): void => {
    const window = options.mainWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const follow = (preferences: Preferences): void => {
    // "system" follows the OS; a chosen theme also colours native menus and dialogs.
    nativeTheme.themeSource = preferences.theme;
    if (options.kiosk) return Menu.setApplicationMenu(null);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          preferences.language,
          {
            ...(options.showHandset ? { showHandset: options.showHandset } : {}),
            checkForUpdates: () => void updates.check(),
            openLogsFolder: () => void shell.openPath(app.getPath('logs')),
            showAbout: () => void showAbout(preferences, options.mainWindow()),
          },
          { platform: process.platform, development: !app.isPackaged },
        ),
      ),
    );
  };
  follow(settings.preferences());
  settings.onPreferencesChanged(follow);

  logUpdatesTo(logger);
  if (options.kiosk) updates.allowAutoInstall(false);
  // The update's state is told to every window, including one that opens later (the handset, a new cabinet window).
  updates.onStatus((status) => options.dispatcher.broadcast('update.status', status, { retain: true }));
  const feed = readUpdateFeed(settings.updateSettings());
  if (feed.feed === null && feed.problem) logger.warn('the update feed in settings.json is not valid; updates are off', { problem: feed.problem });
  // electron-updater works only in an installed (packaged) app.
  if (app.isPackaged) updates.start(feed.feed);

  return { notifier: electronNotifier(focusMain) };
}

async function showAbout(preferences: Preferences, owner: BrowserWindow | null): Promise<void> {
  const text = aboutText(preferences.language, {
    app: app.getVersion(),
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    v8: process.versions.v8,
  });
  const options = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail, buttons: [text.ok], noLink: true };
  await (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options));
}
