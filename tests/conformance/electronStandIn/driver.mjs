// Runs the built main bundle (out/main/main.js) in plain Node with the recording `electron` stand-in, as Electron
// would: the module loads, the app becomes ready, windows are created and loaded; then it sends the calls of
// STAND_IN_OPTIONS.steps through the IPC handler the bundle registered, with events shaped as Electron sends them,
// asks the app:// handler for STAND_IN_OPTIONS.requests, and writes everything it saw to STAND_IN_OPTIONS.output.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const electron = require('electron');
const { record, options, liveTrays } = electron.__standIn;
record.uncaught = [];
record.steps = [];
record.requests = [];
process.on('uncaughtException', (error) => record.uncaught.push(`uncaughtException: ${error?.stack ?? error}`));
process.on('unhandledRejection', (error) => record.uncaught.push(`unhandledRejection: ${error?.stack ?? error}`));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const finish = () => {
  record.ipcChannels = Object.keys(record.ipcHandlers);
  record.protocolSchemes = Object.keys(record.protocolHandlers);
  record.privileged = electron.protocol.privileged;
  record.sessionHandlers = Object.keys(electron.session.defaultSession.handlers);
  record.permissionAnswer = null;
  const permission = electron.session.defaultSession.handlers.permissionRequest;
  if (permission) permission(null, 'media', (answer) => (record.permissionAnswer = answer));
  record.windows = record.windows.map((window) => ({ ...window, visible: electron.BrowserWindow.windows.find((candidate) => candidate.id === window.id)?.visible ?? false }));
  writeFileSync(options.output, JSON.stringify(record, null, 1));
  process.exit(0);
};

process.argv.push(...(options.args ?? []));
await import(pathToFileURL(options.main).href);
electron.app.becomeReady();

const deadline = Date.now() + (options.timeoutMs ?? 90000);
const windowFor = (kind) =>
  electron.BrowserWindow.getAllWindows().find((window) => String(window.options.webPreferences?.preload ?? '').endsWith(kind === 'handset' ? 'handsetPreload.cjs' : '/preload.cjs'));

// The window's page is loaded and the store has opened: a public call answers.
const call = async (window, channel, message, frameUrl) => {
  const handler = record.ipcHandlers[channel];
  if (!handler) return { missingHandler: channel };
  const contents = window.webContents;
  if (frameUrl) contents.mainFrame = { ...contents.mainFrame, url: frameUrl };
  const event = { sender: contents, senderFrame: contents.mainFrame, frameId: 1, processId: 1 };
  return handler(event, message);
};

if (!options.expectNoWindow) {
  for (;;) {
    const main = windowFor('main');
    if (main?.entry.loadURL && record.ipcHandlers['cabinet:call']) {
      // The store opens (and a new one is seeded) after the window shows: vault.status says when it is open.
      const answer = await call(main, 'cabinet:call', { method: 'vault.status', input: {} });
      record.readiness = answer?.ok ? answer.value.state : answer?.error?.code;
      if (answer?.ok && answer.value.state !== 'opening') break;
    }
    if (Date.now() > deadline || record.exits.length > 0) break;
    await sleep(50);
  }
  for (const step of options.steps ?? []) {
    const window = windowFor(step.window ?? 'main');
    if (!window) {
      record.steps.push({ step, answer: { noWindow: true } });
      continue;
    }
    const answer = await call(window, step.channel ?? 'cabinet:call', { method: step.method, input: step.input ?? {} }, step.frameUrl);
    record.steps.push({ step, answer });
  }
  // Time for what a step set going in the background (the tray looks at the line after a sign-in).
  if (options.settleMs) await sleep(options.settleMs);
  // Clicks on the tray's menu items, as a person would; what the main window was sent after is recorded.
  if (options.trayClicks) {
    const main = electron.BrowserWindow.windows[0];
    const before = main ? main.webContents.sent.length : 0;
    for (const id of options.trayClicks) liveTrays[0]?.menu?.getMenuItemById(id)?.click();
    await sleep(200);
    record.trayClicks = { sent: main ? main.webContents.sent.slice(before) : [], trays: record.trays };
  }
  for (const url of options.requests ?? []) {
    const handler = record.protocolHandlers.app;
    if (!handler) {
      record.requests.push({ url, missingHandler: true });
      continue;
    }
    const response = await handler(new Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    record.requests.push({ url, status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), bytes: body.length });
  }
  // What the window-open handler and navigation guards of a window do with a few URLs.
  const main = windowFor('main');
  if (main && options.links) {
    record.links = options.links.map((url) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      main.webContents.emit('will-navigate', event, url);
      const opened = main.webContents.windowOpenHandler?.({ url });
      return { url, navigates: !event.prevented, open: opened?.action ?? null };
    });
    record.externalAfterLinks = [...record.external];
  }
  // A kiosk window's main-side lock-down: closing, shortcuts, devtools, downloads.
  if (main && options.kioskProbes) {
    const prevented = (emit) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      emit(event);
      return event.prevented;
    };
    main.close();
    record.kiosk = {
      stillOpen: !main.isDestroyed(),
      title: main.entry.title,
      menu: main.entry.menu,
      shortcuts: [
        { key: 'F4', alt: true },
        { key: 'I', control: true, shift: true },
        { key: 'r', control: true },
        { key: 'F5' },
        { key: 'a' },
        { key: '5' },
      ].map((input) => ({ ...input, swallowed: prevented((event) => main.webContents.emit('before-input-event', event, { type: 'keyDown', shift: false, control: false, alt: false, meta: false, ...input })) })),
      download: prevented((event) => main.webContents.session.emit('will-download', event, {}, main.webContents)),
      titleChange: prevented((event) => main.emit('page-title-updated', event, 'Другой заголовок')),
    };
  }
} else {
  while (Date.now() < deadline && record.exits.length === 0 && !record.calls.some(([what]) => what === 'app.quit')) await sleep(50);
  await sleep(200);
}
finish();
