import electronUpdater from 'electron-updater';
import { silentLogger, type Logger } from '../core/logger';
import { UpdateService } from './updates';

let log: Logger = silentLogger;

/**
 * The app's updates (electron-updater's autoUpdater from the generic feed in settings).
 *
 * Kiosk mode: call `updates.allowAutoInstall(false)` — a downloaded update then never installs by itself on quit;
 * staff install it with `updates.installNow()` when they choose. `updates.autoInstallAllowed` tells the current choice.
 */
export const updates = new UpdateService(() => electronUpdater.autoUpdater, {
  info: (message, fields) => log.info(message, fields),
  warn: (message, fields) => log.warn(message, fields),
  error: (message, fields) => log.error(message, fields),
});

/** Where the update service and electron-updater itself write (the redacted log file). */
export function logUpdatesTo(logger: Logger): void {
  log = logger;
  electronUpdater.autoUpdater.logger = logger;
}
