import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, originOf, trustedRendererOrigin } from '../../electron/ipc/origins';
import { guardWebContents, navigationAllowed, windowOpenDecision } from '../../electron/desktop/navigationPolicy';
import { createRendererProtocolHandler, RENDERER_CSP } from '../../electron/desktop/rendererProtocol';
import { relaunchOptions } from '../../electron/desktop/relaunch';
import { CallerWindows, createCallGate, type InvokeEventLike } from '../../electron/ipc/callGate';
import { Dispatcher, type Handlers } from '../../electron/ipc/dispatcher';
import { SessionRegistry } from '../../electron/core/auth/sessions';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { out, requireBuild } from './builtOut';

const DEV_SERVER = 'http://localhost:5173';
const frameUrls = {
  index: 'app://cabinet/index.html',
  route: 'app://cabinet/#/payments',
  devServer: `${DEV_SERVER}/#/`,
  evil: 'app://evil/',
  file: 'file:///etc/passwd',
  web: 'https://example.com/',
};

describe('origins (electron/ipc/origins.ts)', () => {
  it("gives app:// its scheme + host, where Node's URL says \"null\" for every non-special scheme", () => {
    expect(new URL('app://cabinet/index.html').origin).toBe('null');
    expect(originOf(frameUrls.index)).toBe(APP_ORIGIN);
    expect(originOf(frameUrls.route)).toBe(APP_ORIGIN);
    expect(originOf('APP://Cabinet/x')).toBe(APP_ORIGIN);
    expect(originOf(frameUrls.evil)).toBe('app://evil');
    expect(originOf(frameUrls.devServer)).toBe(DEV_SERVER);
    for (const opaque of [frameUrls.file, 'data:text/html,x', 'javascript:alert(1)', 'about:blank', 'app:cabinet', 'app:///index.html', 'not a url', 'app://user:pw@cabinet/']) {
      expect(originOf(opaque), opaque).toBeNull();
    }
  });

  it('trusts the dev server only when it is local; otherwise app://cabinet', () => {
    expect(trustedRendererOrigin(undefined)).toBe(APP_ORIGIN);
    expect(trustedRendererOrigin('http://localhost:5173/')).toBe(DEV_SERVER);
    expect(() => trustedRendererOrigin('https://evil.example/')).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

describe('the IPC call gate, fed invoke events shaped as Electron sends them', () => {
  const status = { enabled: false, pinSet: false, panel: 'locked', lockedUntil: null, attemptsLeft: 5, idleSeconds: 120, warningSeconds: 30, storeName: '', region: 'Europe/Moscow' };
  const handlers = { 'kiosk.status': async () => status } as unknown as Handlers;
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const dispatcher = new Dispatcher({ handlers, sessions: new SessionRegistry(new ManualClock(Date.parse('2026-12-02T12:00:00Z')), new SequentialIds()), trustedOrigins: [APP_ORIGIN, DEV_SERVER], logger });
  const windows = new CallerWindows();
  const ours = Object.assign(new EventEmitter(), { id: 7, mainFrame: null as unknown });
  windows.add(ours);
  const stranger = { id: 8, mainFrame: null as unknown };
  const gate = createCallGate(dispatcher, 'test', windows);

  const call = (sender: { id: number; mainFrame: unknown }, url: string, subFrame = false) => {
    const frame = { url };
    sender.mainFrame = subFrame ? { url: 'app://cabinet/index.html' } : frame;
    return gate({ sender, senderFrame: frame } as InvokeEventLike, { method: 'kiosk.status', input: {} });
  };
  const accepted = async (result: Promise<{ ok: boolean; error?: { code: string } }>) => {
    const answer = await result;
    return answer.ok ? true : answer.error?.code === 'FORBIDDEN' ? false : JSON.stringify(answer);
  };

  it('accepts exactly the main frame of our window at app://cabinet (any route) and the dev server', async () => {
    expect(await accepted(call(ours, frameUrls.index))).toBe(true);
    expect(await accepted(call(ours, frameUrls.route))).toBe(true);
    expect(await accepted(call(ours, frameUrls.devServer))).toBe(true);
    expect(await accepted(call(ours, frameUrls.evil))).toBe(false);
    expect(await accepted(call(ours, frameUrls.file))).toBe(false);
    expect(await accepted(call(ours, frameUrls.web))).toBe(false);
    expect(await accepted(call(ours, frameUrls.index, true))).toBe(false);
    expect(await accepted(call(stranger, frameUrls.index))).toBe(false);
  });

  it('forgets a window once it is destroyed: a new window that reuses nothing of ours cannot call', async () => {
    const short = Object.assign(new EventEmitter(), { id: 9, mainFrame: null as unknown });
    windows.add(short);
    expect(await accepted(call(short, frameUrls.index))).toBe(true);
    short.emit('destroyed');
    expect(await accepted(call(short, frameUrls.index))).toBe(false);
  });
});

describe('navigation guards and the window-open handler', () => {
  const urls = [frameUrls.index, frameUrls.route, frameUrls.devServer, frameUrls.evil, frameUrls.file, frameUrls.web, 'http://example.com/', 'javascript:alert(1)'];

  function guarded(kiosk: boolean, trustedOrigin = APP_ORIGIN) {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void; open?: (details: { url: string }) => { action: 'deny' } };
    contents.setWindowOpenHandler = (handler) => (contents.open = handler);
    const external: string[] = [];
    guardWebContents(contents as never, { trustedOrigin, kiosk }, async (url) => void external.push(url));
    const navigate = (url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate') => {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      return !prevented;
    };
    return { contents, external, navigate };
  }

  it.each([false, true])('kiosk %s: navigation stays on app://cabinet; redirects likewise; webviews refused', (kiosk) => {
    const { contents, navigate } = guarded(kiosk);
    expect(urls.filter((url) => navigate(url))).toEqual([frameUrls.index, frameUrls.route]);
    expect(urls.filter((url) => navigate(url, 'will-redirect'))).toEqual([frameUrls.index, frameUrls.route]);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('during development only the dev server is in-app', () => {
    const { navigate } = guarded(false, DEV_SERVER);
    expect(urls.filter((url) => navigate(url))).toEqual([frameUrls.devServer]);
  });

  it('a new window is always denied; only an https link goes to the system browser, and never from a kiosk', async () => {
    const desk = guarded(false);
    for (const url of urls) expect(desk.contents.open!({ url })).toEqual({ action: 'deny' });
    expect(desk.external).toEqual([frameUrls.web]);
    const kiosk = guarded(true);
    for (const url of urls) expect(kiosk.contents.open!({ url })).toEqual({ action: 'deny' });
    expect(kiosk.external).toEqual([]);
    expect(windowOpenDecision('https://operator.example/help', { trustedOrigin: APP_ORIGIN, kiosk: true })).toEqual({ action: 'deny', openExternally: null });
    expect(navigationAllowed('app://cabinet.evil/', { trustedOrigin: APP_ORIGIN, kiosk: false })).toBe(false);
  });
});

describe('the app:// protocol handler over the built renderer', () => {
  let fixture = '';
  beforeAll(async () => {
    requireBuild();
    // The asset types the built renderer may not happen to contain today, beside the real files.
    fixture = await mkdtemp(join(tmpdir(), 'cabinet-protocol-'));
    await mkdir(join(fixture, 'renderer/assets'), { recursive: true });
    await writeFile(join(fixture, 'renderer/index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(fixture, 'renderer/assets/a.wasm'), Buffer.from([0, 97, 115, 109]));
    await writeFile(join(fixture, 'renderer/assets/a.woff2'), 'wOF2');
    await writeFile(join(fixture, 'renderer/assets/a.png'), Buffer.from([137, 80, 78, 71]));
    await writeFile(join(fixture, 'secret.txt'), 'outside');
    await symlink(join(fixture, 'secret.txt'), join(fixture, 'renderer/assets/link.txt'));
  });
  afterAll(() => rm(fixture, { recursive: true, force: true }));

  const built = () => createRendererProtocolHandler(join(out, 'renderer'));
  const get = (handler: (request: Request) => Promise<Response>, url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves index.html (also for /) with the CSP header — the same policy as the page’s meta tag', async () => {
    for (const url of ['app://cabinet/', 'app://cabinet/index.html', 'app://cabinet/handset.html']) {
      const response = await get(built(), url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      const html = await response.text();
      expect(html).toContain(`content="${RENDERER_CSP}"`);
    }
  });

  it('serves each asset type with its MIME type', async () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const script = /src="(?:\.\/|\/)?(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const style = /href="(?:\.\/|\/)?(assets\/[^"]+\.css)"/.exec(html)![1]!;
    const expected: Array<[(request: Request) => Promise<Response>, string, string]> = [
      [built(), `app://cabinet/${script}`, 'text/javascript; charset=utf-8'],
      [built(), `app://cabinet/${style}`, 'text/css; charset=utf-8'],
      [built(), 'app://cabinet/favicon.svg', 'image/svg+xml'],
      [createRendererProtocolHandler(join(fixture, 'renderer')), 'app://cabinet/assets/a.wasm', 'application/wasm'],
      [createRendererProtocolHandler(join(fixture, 'renderer')), 'app://cabinet/assets/a.woff2', 'font/woff2'],
      [createRendererProtocolHandler(join(fixture, 'renderer')), 'app://cabinet/assets/a.png', 'image/png'],
    ];
    for (const [handler, url, type] of expected) {
      const response = await get(handler, url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), url).toBeNull();
    }
  });

  it('answers 404 to traversal in every spelling, other hosts, directories, missing files and links out; 400 to a malformed escape', async () => {
    const fixed = createRendererProtocolHandler(join(fixture, 'renderer'));
    const notFound = [
      'app://cabinet/../secret.txt',
      'app://cabinet/%2e%2e/secret.txt',
      'app://cabinet/assets/%2e%2e/%2e%2e/secret.txt',
      'app://cabinet/..%2fsecret.txt',
      'app://cabinet/..%2Fsecret.txt',
      'app://cabinet/..%5csecret.txt',
      'app://cabinet/%2fetc%2fpasswd',
      'app://cabinet//etc/passwd',
      `app://cabinet/${join(fixture, 'secret.txt')}`,
      'app://evil/index.html',
      'app://cabinet:8080/index.html',
      'app://cabinet/assets',
      'app://cabinet/assets/',
      'app://cabinet/missing.js',
      'app://cabinet/assets/link.txt',
      'app://cabinet/index.html%00.js',
    ];
    for (const url of notFound) {
      const response = await get(fixed, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside');
    }
    expect((await get(fixed, 'app://cabinet/%E0%A4%A.js')).status).toBe(400);
    expect((await get(fixed, 'app://cabinet/index.html', 'POST')).status).toBe(405);
  });
});

describe('relaunch (restore from a backup, leaving the kiosk)', () => {
  it('starts the AppImage file itself, not its temporary mount, with the same arguments less the dropped ones', () => {
    const argv = ['/tmp/.mount_cabXYZ/subscriber-cabinet', '--kiosk', '--lang=ru'];
    expect(relaunchOptions(argv, { APPIMAGE: '/home/shop/Cabinet.AppImage' }, ['--kiosk'])).toEqual({ execPath: '/home/shop/Cabinet.AppImage', args: ['--lang=ru'] });
    expect(relaunchOptions(argv, {}, ['--kiosk'])).toEqual({ args: ['--lang=ru'] });
  });
});
