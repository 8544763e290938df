import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readUpdateFeed } from '../../../electron/desktop/updateFeed';
import { DAY_MS, UpdateService, type UpdateStatus, type Updater, type UpdateTimers } from '../../../electron/desktop/updates';
import type { Logger } from '../../../electron/core/logger';

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feed: unknown = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  nextCheck: () => Promise<unknown> = async () => null;
  setFeedURL(options: unknown): void {
    this.feed = options;
  }
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.nextCheck();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

class FakeTimers implements UpdateTimers {
  runs: Array<{ run: () => void; ms: number }> = [];
  setInterval(run: () => void, ms: number): unknown {
    this.runs.push({ run, ms });
    return this.runs.length;
  }
  clearInterval(): void {
    this.runs = [];
  }
  tick(): void {
    for (const { run } of this.runs) run();
  }
}

function setUp() {
  const updater = new FakeUpdater();
  const timers = new FakeTimers();
  const lines: Array<[string, string, unknown]> = [];
  const logger: Logger = {
    info: (message, fields) => lines.push(['info', message, fields]),
    warn: (message, fields) => lines.push(['warn', message, fields]),
    error: (message, fields) => lines.push(['error', message, fields]),
  };
  const service = new UpdateService(() => updater, logger, timers);
  const seen: UpdateStatus[] = [];
  service.onStatus((status) => seen.push(status));
  return { updater, timers, lines, service, seen };
}

const feed = { url: 'https://updates.example.ru/cabinet', channel: 'latest' };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('updates', () => {
  it('checks the feed from settings on start and again every day, downloading in the background', async () => {
    const { updater, timers, service } = setUp();
    service.start(feed);
    await settle();
    expect(updater.feed).toEqual({ provider: 'generic', url: feed.url, channel: 'latest' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.checks).toBe(1);
    expect(timers.runs.map(({ ms }) => ms)).toEqual([DAY_MS]);
    timers.tick();
    await settle();
    expect(updater.checks).toBe(2);
  });

  it('without a feed URL in settings, never checks and says why in the log', async () => {
    const { updater, timers, service, lines } = setUp();
    service.start(null);
    await settle();
    expect(updater.checks).toBe(0);
    expect(timers.runs).toEqual([]);
    expect(lines).toContainEqual(['info', 'updates are off: no feed URL in settings (updates.feedUrl)', undefined]);
  });

  it('«Проверить обновления» with updates off (no feed, or not an installed app) never reaches the updater or its placeholder feed', async () => {
    const { updater, service, lines } = setUp();
    await service.check();
    service.start(null);
    await service.check();
    expect(updater.checks).toBe(0);
    expect(updater.feed).toBeNull();
    expect(lines).toContainEqual(['info', 'updates are off: nothing to check', undefined]);
  });

  it('tells the windows the download progress in whole percent, then that it installs on quit', async () => {
    const { updater, service, seen } = setUp();
    service.start(feed);
    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('download-progress', { percent: 12.4 });
    updater.emit('download-progress', { percent: 12.9 });
    updater.emit('download-progress', { percent: 57.01 });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(seen).toEqual([
      { state: 'downloading', version: '1.2.0', percent: 0 },
      { state: 'downloading', version: '1.2.0', percent: 12 },
      { state: 'downloading', version: '1.2.0', percent: 57 },
      { state: 'ready', version: '1.2.0', installsOnQuit: true },
    ]);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(service.status()).toEqual({ state: 'ready', version: '1.2.0', installsOnQuit: true });
  });

  it('in kiosk mode never installs by itself: staff install when they choose', async () => {
    const { updater, service, seen } = setUp();
    service.allowAutoInstall(false);
    service.start(feed);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(service.installNow()).toBe(false);
    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(seen.at(-1)).toEqual({ state: 'ready', version: '1.2.0', installsOnQuit: false });
    expect(updater.installs).toEqual([]);
    expect(service.installNow()).toBe(true);
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('switching kiosk mode on after a download re-announces that it no longer installs on quit', () => {
    const { updater, service, seen } = setUp();
    service.start(feed);
    updater.emit('update-available', { version: '2.0.0' });
    updater.emit('update-downloaded', { version: '2.0.0' });
    service.allowAutoInstall(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(seen.at(-1)).toEqual({ state: 'ready', version: '2.0.0', installsOnQuit: false });
  });

  it('a failing check is logged once and shown nowhere; a failed download is said quietly', async () => {
    const { updater, service, seen, lines } = setUp();
    const offline = new Error('net::ERR_INTERNET_DISCONNECTED');
    updater.nextCheck = async () => {
      updater.emit('error', offline);
      throw offline;
    };
    service.start(feed);
    await settle();
    expect(seen).toEqual([]);
    expect(lines.filter(([level]) => level === 'warn')).toEqual([
      ['warn', 'the update check or download failed; will try again tomorrow', { error: 'net::ERR_INTERNET_DISCONNECTED' }],
    ]);

    updater.emit('update-available', { version: '1.3.0' });
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(seen.at(-1)).toEqual({ state: 'failed', version: '1.3.0' });
  });

  it('does not start a second check while one is running or an update is already downloaded', async () => {
    const { updater, service, timers } = setUp();
    let finish: () => void = () => undefined;
    updater.nextCheck = () => new Promise((resolve) => (finish = () => resolve(null)));
    service.start(feed);
    timers.tick();
    expect(updater.checks).toBe(1);
    finish();
    await settle();
    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('update-downloaded', { version: '1.2.0' });
    timers.tick();
    expect(updater.checks).toBe(1);
  });
});

describe('the update feed setting', () => {
  it('reads an https feed with the default channel', () => {
    expect(readUpdateFeed({ feedUrl: 'https://updates.example.ru/cabinet/' })).toEqual({ feed: { url: 'https://updates.example.ru/cabinet/', channel: 'latest' } });
  });

  it('is off, without a problem, when settings have no entry', () => {
    expect(readUpdateFeed(undefined)).toEqual({ feed: null, problem: null });
  });

  it('refuses plain http to another computer and names the field', () => {
    const result = readUpdateFeed({ feedUrl: 'http://updates.example.ru/cabinet' });
    expect(result.feed).toBeNull();
    expect('problem' in result && result.problem).toMatch(/^updates\.feedUrl: must be https:\/\//);
  });

  it('accepts plain http on this computer (a local mirror), and names a bad channel', () => {
    expect(readUpdateFeed({ feedUrl: 'http://127.0.0.1:8080/feed', channel: 'beta' })).toEqual({ feed: { url: 'http://127.0.0.1:8080/feed', channel: 'beta' } });
    const result = readUpdateFeed({ feedUrl: 'https://u.example.ru', channel: 'Beta Channel!' });
    expect('problem' in result && result.problem).toMatch(/^updates\.channel: /);
  });
});
