import { Notification } from 'electron';
import type { DesktopNotice, DesktopNotifier } from './desktopNotifier';

/** OS notifications through Electron; a click brings the cabinet window forward. */
export function electronNotifier(bringWindowForward: () => void): DesktopNotifier {
  // Held until closed or clicked: a notification collected by GC loses its click handler on some systems.
  const shown = new Set<Notification>();
  return {
    notify(notice: DesktopNotice): boolean {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({ title: notice.title, body: notice.body, silent: notice.silent ?? false });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        bringWindowForward();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
      return true;
    },
  };
}
