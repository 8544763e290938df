// The e2e harness: hosts the same core and dispatcher as the app's main process, in Node, serves the
// built renderer and bridges window.cabinet over a WebSocket. `npm run harness` starts one for people.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { startCabinet, type Cabinet, type CabinetHost } from '../../electron/cabinet';
import { DEMO_FLAG, decideDemoMode, type DemoDecision } from '../../electron/demoMode';
import { MemorySettingsStore, type SocialProviderSettings } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { PassphraseVault } from '../../electron/store/passphraseVault';
import { bridgeFile, bridgeIsBuilt, buildBridge, handsetBridgeFile } from './buildBridge';
import { dispatchHandsetCall } from '../../shared/contract/handset';
import type { Result } from '../../shared/contract/errors';
import { createHandsetHandlers } from '../../electron/network/handsetHandlers';
import type { VirtualHandset } from '../../electron/network/virtualHandset';
import type { Acquirer, BankPageHost } from '../../electron/core/money/ports';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { harnessKiosk, type HarnessKiosk, type HarnessKioskOptions } from './kiosk';
import type { PostgresConnection } from '../../electron/store/postgres/postgresDatabase';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = join(root, 'out/renderer');
const HARNESS_KEY = Buffer.alloc(32, 42);

export interface HarnessOptions {
  port?: number;
  /** Reuse a store folder (its files stay); a fresh temp folder by default, removed on close. */
  dataDir?: string;
  /** Protect the store with a passphrase, as on a computer without an OS keyring. */
  passphrase?: boolean;
  /** VK ID / OK / Facebook settings, e.g. pointing at a test OpenID provider. */
  socialProviders?: SocialProviderSettings;
  /** What a new store is seeded with; the bundled operator data by default. */
  operatorData?: OperatorData;
  /** Run the store kiosk profile (shortened idle timeouts, a staff PIN already set, a recording receipt printer). */
  kiosk?: HarnessKioskOptions | true;
  /** A store chain's shared PostgreSQL database instead of the embedded store (harnesses on one URL are kiosks of one chain). */
  sharedStore?: PostgresConnection;
  /**
   * Run in demo mode (the test acquirer, test wallets, the virtual handset), as `--demo` asks the app to: true by
   * default, since the e2e suites pay with test cards and read codes on the handset. The same rules decide
   * (electron/demoMode.ts): a shared store refuses it.
   */
  demo?: boolean;
  /** An acquirer the test configures, demo mode or not (a store chain's kiosks, where demo mode is refused). */
  acquirer?: Acquirer;
  /** Where the bank's 3-D Secure page "opens" for an acquirer that confirms by redirect (the app's is a window). */
  bankPages?: BankPageHost;
}

export interface Harness {
  url: string;
  /** The virtual handset page: each demo number's SMS inbox and prompts. */
  handsetUrl: string;
  dataDir: string;
  host: CabinetHost;
  /** What decideDemoMode answered for this harness. */
  demo: DemoDecision;
  /** The system browser of the harness: the next URL a social sign-in opens. */
  nextBrowserUrl(): Promise<string>;
  /** The kiosk profile's state, receipts it printed and storage wipes it asked for (null: not a kiosk). */
  kiosk: HarnessKiosk | null;
  /** Where the harness's "save dialog" puts detail exports: the suggested name in a temp folder of this harness. */
  exportsDir: string;
  close(): Promise<void>;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

let seeded: Promise<string> | null = null;

/**
 * A store seeded with the bundled operator data once per process, closed, and copied into every new harness
 * that would seed the same: seeding (password hashes, months of demo usage) takes a second or two, a copy
 * milliseconds, and e2e tests start a harness each.
 */
function seededStore(): Promise<string> {
  seeded ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cabinet-harness-seeded-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    // Seeding touches no network: no demo mode needed.
    const host = startCabinet({ dataDir: join(folder, 'store'), keyProvider: new StaticKeyProvider(HARNESS_KEY), settings: new MemorySettingsStore(), trustedOrigins: [], demo: false });
    await host.ready;
    await host.close();
    return join(folder, 'store');
  })();
  return seeded;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!(await bridgeIsBuilt())) await buildBridge();
  const ownDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'cabinet-harness-'));
  const dataDir = options.dataDir ?? ownDir!;
  // A fresh store of the usual kind starts as a copy of the one seeded in this process (same key, same data).
  if (ownDir && !options.passphrase && !options.operatorData && !options.sharedStore) await cp(await seededStore(), join(dataDir, 'store'), { recursive: true });

  const http = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('the harness did not get a port');
  const origin = `http://127.0.0.1:${address.port}`;

  const kiosk = options.kiosk ? await harnessKiosk(options.kiosk === true ? {} : options.kiosk) : null;
  const demo = decideDemoMode({
    argv: options.demo === false ? [] : [DEMO_FLAG],
    setting: undefined,
    sharedStore: options.sharedStore !== undefined,
    packaged: false,
    staffPinVerified: false,
  });
  const opened: string[] = [];
  const waiters: Array<(url: string) => void> = [];
  const exportsDir = await mkdtemp(join(tmpdir(), 'cabinet-harness-exports-'));
  const host = startCabinet({
    // The save dialog of the harness: no question, the suggested name in its own folder (the page is told the name).
    saveTarget: { choose: async (_windowId, suggestedName) => join(exportsDir, suggestedName) },
    openInBrowser: async (url) => {
      const waiter = waiters.shift();
      if (waiter) waiter(url);
      else opened.push(url);
    },
    dataDir: join(dataDir, 'store'),
    keyProvider: options.passphrase ? new PassphraseVault(join(dataDir, 'data-key.passphrase'), { N: 2 ** 14, r: 8, p: 1 }) : new StaticKeyProvider(HARNESS_KEY),
    settings: new MemorySettingsStore({}, options.socialProviders ?? {}),
    trustedOrigins: [origin],
    demo: demo.mode === 'on',
    demoRefused: demo.mode === 'refused' ? demo.reason : null,
    ...(options.acquirer ? { acquirer: options.acquirer } : {}),
    ...(options.bankPages ? { bankPages: options.bankPages } : {}),
    ...(options.operatorData ? { operatorData: options.operatorData } : {}),
    ...(kiosk ? { kiosk: { config: kiosk.config, host: kiosk.host, pinCost: kiosk.pinCost } } : {}),
    // A desktop's «start with the system», kept in memory (a kiosk has none).
    ...(kiosk ? {} : { loginItem: memoryLoginItem() }),
    // Every harness has the same key, so harnesses on one database agree on code and PUK hashes, as a chain's kiosks must.
    ...(options.sharedStore ? { sharedStore: options.sharedStore } : {}),
  });
  let cabinet: Cabinet | null = null;
  host.ready.then((opened) => (cabinet = opened), () => undefined);
  if (!options.passphrase) await host.ready;
  const handset = host.handset;
  const handsetHandlers = handset ? createHandsetHandlers(handset, () => cabinet?.database ?? null, () => cabinet?.usage ?? null) : null;

  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    // Outside demo mode there is no handset to reach.
    const handsetCall = request.url === '/harness/handset-socket' && handset !== null && handsetHandlers !== null;
    if (request.headers.origin !== origin || (request.url !== '/harness/socket' && !handsetCall)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) =>
      handsetCall ? connectHandset(ws, handset, handsetHandlers) : connectWindow(ws, host, origin),
    );
  });

  return {
    url: `${origin}/`,
    handsetUrl: `${origin}/handset.html`,
    nextBrowserUrl: () => {
      const ready = opened.shift();
      return ready ? Promise.resolve(ready) : new Promise<string>((resolve) => waiters.push(resolve));
    },
    dataDir,
    host,
    demo,
    kiosk,
    exportsDir,
    close: async () => {
      // Terminate rather than close: a page that is itself going away may never answer a closing
      // handshake, and waiting for it (or for idle keep-alive connections) hangs the test's teardown.
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      await host.close();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
      await rm(exportsDir, { recursive: true, force: true });
    },
  };
}

/**
 * One WebSocket is one window: its own sender id, so its own session. As over Electron IPC, the window is connected
 * for events on its first call — by then the page has set up its listeners (and is told any retained state).
 */
function connectWindow(ws: WebSocket, host: CabinetHost, origin: string): void {
  const senderId = randomUUID();
  let connected = false;
  answerCalls(ws, (method, input) => {
    if (!connected) {
      connected = true;
      host.dispatcher.connect(senderId, (event, payload) => ws.send(JSON.stringify({ event, payload })));
    }
    return host.dispatcher.dispatch({ senderId, origin, device: 'test harness (Chromium)' }, method, input);
  });
  ws.on('close', () => host.dispatcher.disconnect(senderId));
}

/** The handset page is another device: its socket reaches only the virtual handset, never the cabinet's dispatcher. */
function connectHandset(ws: WebSocket, handset: VirtualHandset, handlers: ReturnType<typeof createHandsetHandlers>): void {
  const unsubscribe = handset.subscribe((event) => ws.send(JSON.stringify({ event })));
  answerCalls(ws, (method, input) => dispatchHandsetCall(handlers, method, input));
  ws.on('close', unsubscribe);
}

/** `{ id, method, input }` in, `{ id, result }` out; a message that is not JSON closes the socket. */
function answerCalls(ws: WebSocket, answer: (method: unknown, input: unknown) => Promise<Result<unknown>>): void {
  ws.on('message', async (data) => {
    let message: { id?: unknown; method?: unknown; input?: unknown };
    try {
      message = JSON.parse(String(data));
    } catch {
      return ws.close(1003, 'not JSON');
    }
    const result = await answer(message.method, message.input);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
  });
}

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://harness').pathname);
  if (path === '/harness/bridge.js') return send(response, 200, mimeTypes['.js']!, await readFile(bridgeFile));
  if (path === '/harness/handset-bridge.js') return send(response, 200, mimeTypes['.js']!, await readFile(handsetBridgeFile));
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(rendererDir + sep)) return send(response, 404, 'text/plain', 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(response, 404, 'text/plain', 'not found');
  }
  // The bridge must define window.cabinet (or window.handset) before the page's module script runs.
  const bridge = file.endsWith('index.html') ? '/harness/bridge.js' : file.endsWith('handset.html') ? '/harness/handset-bridge.js' : null;
  if (bridge) body = Buffer.from(body.toString('utf8').replace('<script', `<script src="${bridge}"></script>\n    <script`));
  send(response, 200, mimeTypes[extname(file)] ?? 'application/octet-stream', body);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const portArgument = process.argv.indexOf('--port');
  const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 4310;
  await buildBridge();
  const postgresArgument = process.argv.indexOf('--postgres');
  const sharedStore = postgresArgument > 0 ? { url: process.argv[postgresArgument + 1] ?? '' } : undefined;
  const harness = await startHarness({
    port,
    demo: !process.argv.includes('--no-demo'),
    passphrase: process.argv.includes('--passphrase'),
    sharedStore,
    ...(process.argv.includes('--kiosk') ? { kiosk: { pin: null } } : {}),
  });
  const store = sharedStore ? `shared store ${sharedStore.url.replace(/\/\/[^@/]*@/, '//')}` : `store in ${harness.dataDir}`;
  const mode = harness.demo.mode === 'on' ? `demo mode — the phone: ${harness.handsetUrl}` : harness.demo.mode === 'refused' ? `demo mode refused (${harness.demo.reason})` : 'no demo mode';
  console.log(`Subscriber Cabinet harness: ${harness.url} — ${mode} (${store}); Ctrl-C to stop`);
  process.on('SIGINT', () => void harness.close().then(() => process.exit(0)));
}

/** The OS login item of a harness: remembered for its life, nothing registered with the machine. */
function memoryLoginItem(): { get(): boolean; set(on: boolean): void } {
  let on = false;
  return { get: () => on, set: (next) => void (on = next) };
}
