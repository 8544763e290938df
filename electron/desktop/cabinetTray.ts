import type { Language } from '../../shared/contract/settings';
import type { DesktopNotifier } from './desktopNotifier';
import { trayModel, trayNotices, trayNoticeWords, type TrayAction, type TrayNoticeMemo, type TrayRules, type TrayState } from './trayModel';

/** The few parts of Electron the tray uses (the app passes Electron's own; the conformance suite its stand-in). */
export interface TrayElectron {
  Tray: new (image: never) => {
    setToolTip(text: string): void;
    setTitle?(title: string): void;
    setContextMenu(menu: unknown): void;
    on(event: 'click', listener: () => void): unknown;
    destroy(): void;
  };
  Menu: { buildFromTemplate(template: never): unknown };
  nativeImage: { createFromPath(path: string): { isEmpty(): boolean; resize?(size: { width: number; height: number }): unknown } };
  app: { getLoginItemSettings(): { openAtLogin: boolean }; setLoginItemSettings(settings: { openAtLogin: boolean }): void };
}

export interface CabinetTrayOptions {
  electron: TrayElectron;
  iconPath: string;
  language: () => Language;
  rules: TrayRules;
  /** What the main window shows now: its line, or signed out, or the store locked. */
  state: () => Promise<TrayState>;
  notifier: DesktopNotifier | null;
  /** Brings the cabinet window forward and, for an action, opens its screen. */
  open: (action: Exclude<TrayAction, 'start-with-system' | 'quit'>) => void;
  quit: () => void;
  logger?: { warn(message: string, fields?: Record<string, unknown>): void };
}

/**
 * The tray / menu-bar icon: the balance and the main remainder in its tooltip (and beside it on macOS), quick
 * actions in its menu, OS notices when the balance will not cover the next charge or a package is nearly spent,
 * and «start with the system» (the OS login item, off until the subscriber turns it on). `refresh()` is called on
 * every change of a line (usage rated, money moved, a sign-in or sign-out); it shows nothing of a subscriber while
 * the cabinet is signed out or locked. The app never creates it on a kiosk.
 */
export class CabinetTray {
  private readonly tray: InstanceType<TrayElectron['Tray']>;
  private memo: TrayNoticeMemo | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: CabinetTrayOptions) {
    const image = options.electron.nativeImage.createFromPath(options.iconPath);
    this.tray = new options.electron.Tray((image.resize ? image.resize({ width: 16, height: 16 }) : image) as never);
    this.tray.on('click', () => options.open('open'));
    this.show({ kind: 'signed-out' });
  }

  /** Looks again (one look at a time, in order) and shows what it found. */
  refresh(): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        const state = await this.options.state();
        if (this.closed) return;
        this.show(state);
        if (state.kind === 'line' && this.options.notifier) {
          const { notices, memo } = trayNotices(this.memo, state.line, this.options.rules);
          this.memo = memo;
          for (const notice of notices) this.options.notifier.notify(trayNoticeWords(notice, this.options.language()));
        }
      } catch (error) {
        this.options.logger?.warn('the tray could not be updated', { error: String(error) });
        this.show({ kind: 'locked' });
      }
    });
    return this.queue;
  }

  destroy(): void {
    this.closed = true;
    this.tray.destroy();
  }

  private show(state: TrayState): void {
    const { app, Menu } = this.options.electron;
    const startsWithSystem = app.getLoginItemSettings().openAtLogin;
    const model = trayModel(state, this.options.language(), startsWithSystem);
    this.tray.setToolTip(model.tooltip);
    this.tray.setTitle?.(model.title);
    const template: Array<Record<string, unknown>> = [];
    for (const item of model.items) {
      if (item.action === 'start-with-system' || item.action === 'quit') {
        if (item.action === 'start-with-system') template.push({ type: 'separator' });
        template.push({
          id: item.action,
          label: item.label,
          ...(item.checked !== undefined ? { type: 'checkbox', checked: item.checked } : {}),
          click: () => {
            if (item.action === 'quit') this.options.quit();
            else {
              app.setLoginItemSettings({ openAtLogin: !app.getLoginItemSettings().openAtLogin });
              void this.refresh();
            }
          },
        });
      } else {
        const action = item.action;
        template.push({ id: action, label: item.label, click: () => this.options.open(action) });
      }
    }
    this.tray.setContextMenu(Menu.buildFromTemplate(template as never));
  }
}
