import type { EventPayload } from '../../shared/contract/events';
import type { Logger } from '../core/logger';
import type { UpdateFeed } from './updateFeed';

export type UpdateStatus = EventPayload<'update.status'>;

/** The part of electron-updater's `autoUpdater` this service drives (an interface, so it is tested without Electron). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Updates from a generic feed: checked on start and once a day, downloaded in the background with progress for the
 * windows, installed when the app quits. Errors are logged and otherwise quiet: the app is never blocked.
 * Where staff decide (kiosk mode), `allowAutoInstall(false)` keeps a downloaded update until `installNow()`.
 */
export class UpdateService {
  private autoInstall = true;
  private current: UpdateStatus | null = null;
  private timer: unknown = null;
  private checking = false;
  private lastError: Error | null = null;
  private readonly listeners = new Set<(status: UpdateStatus) => void>();

  constructor(
    private readonly updater: () => Updater,
    private readonly logger: Logger,
    private readonly timers: UpdateTimers = { setInterval: (run, ms) => setInterval(run, ms).unref(), clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
    private readonly intervalMs = DAY_MS,
  ) {}

  /** Starts checking: now and every day. No feed, no checks (a build without an update server). */
  start(feed: UpdateFeed | null): void {
    if (this.timer !== null) return;
    if (!feed) {
      this.logger.info('updates are off: no feed URL in settings (updates.feedUrl)');
      return;
    }
    const updater = this.updater();
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = this.autoInstall;
    updater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel });
    updater.on('update-available', ({ version }) => {
      this.logger.info('an update is available; downloading', { version });
      this.publish({ state: 'downloading', version, percent: 0 });
    });
    updater.on('download-progress', ({ percent }) => {
      const whole = Math.max(0, Math.min(100, Math.floor(percent)));
      const status = this.current;
      if (status?.state === 'downloading' && status.percent !== whole) this.publish({ ...status, percent: whole });
    });
    updater.on('update-downloaded', ({ version }) => {
      this.logger.info('an update is downloaded', { version, installsOnQuit: this.autoInstall });
      this.publish({ state: 'ready', version, installsOnQuit: this.autoInstall });
    });
    updater.on('error', (error) => this.failed(error));
    this.timer = this.timers.setInterval(() => void this.check(), this.intervalMs);
    void this.check();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Whether a downloaded update installs by itself when the app quits (true by default). Kiosk mode calls
   * `allowAutoInstall(false)`: staff choose the moment with `installNow()`.
   */
  allowAutoInstall(allowed: boolean): void {
    this.autoInstall = allowed;
    if (this.timer !== null) this.updater().autoInstallOnAppQuit = allowed;
    if (this.current?.state === 'ready') this.publish({ ...this.current, installsOnQuit: allowed });
  }

  get autoInstallAllowed(): boolean {
    return this.autoInstall;
  }

  /** Quits and installs a downloaded update at once; false when there is none yet. */
  installNow(): boolean {
    if (this.current?.state !== 'ready') return false;
    this.logger.info('installing the update now', { version: this.current.version });
    this.updater().quitAndInstall(false, true);
    return true;
  }

  /**
   * One check; a check already under way is not doubled. Never throws. With updates off (no feed, or not an
   * installed app: start() never ran) the updater is not touched — it would reach the placeholder feed of package.json.
   */
  async check(): Promise<void> {
    if (this.timer === null) {
      this.logger.info('updates are off: nothing to check');
      return;
    }
    if (this.checking || this.current?.state === 'downloading' || this.current?.state === 'ready') return;
    this.checking = true;
    try {
      await this.updater().checkForUpdates();
    } catch (error) {
      this.failed(error as Error);
    } finally {
      this.checking = false;
    }
  }

  /** The latest status, for a window that opens after it was announced. */
  status(): UpdateStatus | null {
    return this.current;
  }

  onStatus(listener: (status: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private failed(error: Error): void {
    // electron-updater both emits 'error' and rejects the check: one failure, one line in the log.
    if (error === this.lastError) return;
    this.lastError = error;
    this.logger.warn('the update check or download failed; will try again tomorrow', { error: error?.message ?? String(error) });
    // Said quietly, and only to a window that was showing the download.
    if (this.current?.state === 'downloading') this.publish({ state: 'failed', version: this.current.version });
  }

  private publish(status: UpdateStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }
}
