import { readFileSync } from 'node:fs';
import { hostname, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, nativeImage, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import log from 'electron-log/main';
import { alertWords } from './alertWords';
import { startCabinet, type Cabinet } from './cabinet';
import { parseSmtpSettings, type SmtpSettings } from './network/smtp/smtpSettings';
import { decideDemoMode, staffApprovedDemo } from './demoMode';
import { bindDispatcherToIpc } from './ipc/electronBinding';
import { CallerWindows } from './ipc/callGate';
import { APP_ORIGIN, APP_SCHEME, trustedRendererOrigin } from './ipc/origins';
import { guardWebContents } from './desktop/navigationPolicy';
import { createRendererProtocolHandler } from './desktop/rendererProtocol';
import { relaunchOptions } from './desktop/relaunch';
import { bindHandsetToIpc } from './ipc/handsetBinding';
import { createHandsetHandlers } from './network/handsetHandlers';
import type { VirtualHandset } from './network/virtualHandset';
import { formatRussianNumber } from '../shared/phone';
import { startDesktopIntegration } from './desktop/desktopIntegration';
import type { DesktopNotifier } from './desktop/desktopNotifier';
import { placeOnScreen } from './desktop/windowPlacement';
import { createSecureWindow } from './desktop/secureWindow';
import { createFileLogger } from './logging/fileLogger';
import { catchEscapingFaults } from './logging/escapingFaults';
import { SafeStorageKeyProvider } from './safeStorageKeyProvider';
import { ElectronSettingsStore } from './settings/electronSettingsStore';
import { connectionOf, type SharedStoreSettings } from './settings/sharedStoreSettings';
import { FileKeyProvider } from './store/fileKeyProvider';
import { backupButtons, describeStartupProblem } from './startupProblems';
import { restoreNewestGoodBackup } from './store/backupRestore';
import type { KeyProvider } from './store/keyProvider';
import { PassphraseVault } from './store/passphraseVault';
import { ElectronKioskConfigStore } from './settings/electronKioskConfigStore';
import { electronKioskHost, kioskEnabled, lockDownKioskWindow } from './kiosk/electronKiosk';
import { kioskWindowOptions } from './kiosk/kioskWindowOptions';
import { redactingLogger } from './core/kiosk/redactingLogger';
import { saveDialogTarget } from './desktop/saveDialogTarget';
import { SmppNetwork } from './network/smpp/smppNetwork';
import { parseSmppSettings } from './settings/smppSettings';
import { systemClock } from './core/clock';
import { randomIds } from './core/ids';
import { cardAcquirerFromSettings } from './desktop/cardAcquirer';
import { isBankPageContents } from './desktop/bankPageWindow';
import { CabinetTray } from './desktop/cabinetTray';
import { bundledContentData } from './store/seed/contentData';
import type { CabinetHost } from './cabinet';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
// app://cabinet, or the dev server's http://localhost:port (electron/ipc/origins.ts: never `URL.origin`, "null" for app:).
const trustedOrigin = trustedRendererOrigin(devServerUrl);
/** The windows made for the cabinet: only their main frames may call the core, whatever a page's URL says. */
const cabinetWindows = new CallerWindows();
/** Windows taskbar grouping and notifications match the installer's shortcut (package.json build.appId). */
const APP_USER_MODEL_ID = 'ru.subscribercabinet.desktop';

// The renderer is served from a privileged custom scheme, not file://, so 'self' in the CSP means only our files.
// codeCache: V8 keeps the renderer's compiled modules between starts (for a custom scheme only when asked, and only a
// standard one): from the second start on, the first screen's 295 KB of script is not compiled again.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

if (process.env.CABINET_DATA_DIR) app.setPath('userData', process.env.CABINET_DATA_DIR);
// Every renderer sandboxed, whatever a window asks for.
app.enableSandbox();
// Logs in <userData>/logs, rotated, secrets redacted (electron/logging).
app.setAppLogsPath(join(app.getPath('userData'), 'logs'));
const logger = createFileLogger(log, { folder: app.getPath('logs'), console: !app.isPackaged });
catchEscapingFaults(logger); // an uncaught exception or rejection is logged; the app goes on (electron/logging/escapingFaults.ts)

const settings = new ElectronSettingsStore();
const kioskConfig = new ElectronKioskConfigStore();
// The store kiosk profile (README, "Running in a store"): `--kiosk` or kiosk.json's "enabled" — decided only once
// this instance holds the single-instance lock, so a refused second launch never writes kiosk.json.
let kiosk = false;
let leavingKiosk = false;
let mainWindow: BrowserWindow | null = null;
/** OS notifications (alerts, the handset's SMS); none on a kiosk. */
let desktopNotifier: DesktopNotifier | null = null;
/** The tray / menu-bar icon (balance, main remainder, quick actions); none on a kiosk. */
let tray: CabinetTray | null = null;
let handsetWindow: BrowserWindow | null = null;
let cabinet: Cabinet | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  kiosk = kioskEnabled(kioskConfig, process.argv);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // An error thrown by start() (or by app readiness) is shown and ends the app: never a process without a window.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (cabinet && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(settings);
  });
  // The last checkpoint folds the journal into the snapshot: quitting waits for it, once.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!cabinet || closing) return;
    closing = true;
    event.preventDefault();
    void cabinet
      .close()
      .catch((error: Error) => logger.error('the store did not close cleanly', { error: error.message }))
      .finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  hardenSessions();
  protocol.handle(APP_SCHEME, createRendererProtocolHandler(rendererDir));
  logger.info('the cabinet starts', { version: app.getVersion(), electron: process.versions.electron ?? '', platform: process.platform });

  const dataDir = join(app.getPath('userData'), 'store');
  // A store chain's kiosks share one PostgreSQL database (settings.json's sharedStore); otherwise the embedded store.
  let shared: SharedStoreSettings | null;
  try {
    shared = settings.sharedStore();
  } catch (error) {
    return explainStoreProblem(error, dataDir, chooseKeyProvider());
  }
  const keyProvider = shared ? new FileKeyProvider(shared.secretKeyFile) : chooseKeyProvider();
  // Demo mode (the test acquirer, the virtual handset): only with `--demo`, the demoMode setting or staff's approval in
  // the PIN-unlocked staff panel (kiosk.json), never with a shared store; a packaged build needs staff's approval.
  const demo = decideDemoMode({ argv: process.argv, setting: settings.demoModeSetting(), sharedStore: shared !== null, packaged: app.isPackaged, staffPinVerified: staffApprovedDemo(kioskConfig.read()) });
  if (demo.mode === 'refused') logger.warn('demo mode was asked for and refused', { reason: demo.reason });
  const smsCentre = demo.mode === 'on' ? null : smppCentre();
  // The shop's card acquirer (settings.json's cardAcquirer); demo mode keeps its test acquirer.
  const cardAcquirer = demo.mode === 'on' ? null : cardAcquirerFromSettings(() => settings.cardAcquirer(), logger, () => mainWindow, () => settings.preferences().language);
  const host = startCabinet({
    dataDir,
    keyProvider,
    demo: demo.mode === 'on',
    demoRefused: demo.mode === 'refused' ? demo.reason : null,
    ...(shared ? { sharedStore: connectionOf(shared) } : {}),
    ...(cardAcquirer ? { acquirer: cardAcquirer.acquirer, bankPages: cardAcquirer.bankPages } : {}),
    settings,
    trustedOrigins: [trustedOrigin],
    logger,
    sessionPolicy: settings.sessionPolicy(),
    // The alerts the subscriber asked for in the profile, as OS notifications too — never on a shared kiosk.
    onAlert: (alert) => void desktopNotifier?.notify(alertWords(alert, settings.preferences().language)),
    // Usage rated, money moved, a sign-in: the tray shows the new balance at once.
    onLineActivity: () => void tray?.refresh(),
    // «Запускать вместе с системой» (the OS login item), off until asked; never on a kiosk.
    ...(kiosk
      ? {}
      : {
          loginItem: {
            get: () => app.getLoginItemSettings().openAtLogin,
            set: (on: boolean) => {
              app.setLoginItemSettings({ openAtLogin: on });
              void tray?.refresh();
            },
          },
        }),
    kiosk: { config: kioskConfig, host: electronKioskHost(() => mainWindow, kiosk ? redactingLogger(logger) : logger, () => (leavingKiosk = true)) },
    // Exports are saved where the subscriber chooses; never on a kiosk, whose disk is not theirs.
    ...(kiosk ? {} : { saveTarget: saveDialogTarget(() => settings.preferences().language) }),
    // Social sign-in happens in the system browser (RFC 8252), never in a window of ours.
    openInBrowser: async (url) => {
      if (/^https?:\/\//.test(url)) await shell.openExternal(url);
    },
    // Receipts and security notices by e-mail (settings.json's `smtp`); a bad entry leaves mail not set up, said in the log and the profile.
    smtp: smtpSettingsOrNone(),
    // SMS through the operator's SMS centre over SMPP (settings.json's `smpp`); without it, not configured.
    ...(smsCentre ? { network: { sms: smsCentre, confirmations: smsCentre } } : {}),
  });
  smsCentre?.start();
  // The window opens at once: a store protected by a passphrase is unlocked from it.
  bindDispatcherToIpc(host.dispatcher, `${platform()} desktop app (${hostname().slice(0, 32)})`, cabinetWindows);
  const handset = host.handset;
  if (handset) bindHandsetToIpc(createHandsetHandlers(handset, () => cabinet?.database ?? null, () => cabinet?.usage ?? null), handset, () => handsetWindow?.webContents ?? null);
  mainWindow = createMainWindow(settings);
  // The handset window exists only in demo mode. On a kiosk the subscriber's own phone gets the SMS: no handset
  // window, no notifications to read over a shoulder, no menu, and an update waits for staff.
  if (handset && !kiosk) handsetWindow = createHandsetWindow();
  const desktop = startDesktopIntegration({ settings, logger, dispatcher: host.dispatcher, mainWindow: () => mainWindow, ...(handset ? { showHandset } : {}), kiosk });
  desktopNotifier = kiosk ? null : desktop.notifier;
  if (desktopNotifier && handset) notifyAboutSms(handset, desktopNotifier);
  if (!kiosk) tray = startTray(host);
  try {
    cabinet = await host.ready;
    void tray?.refresh();
  } catch (error) {
    await explainStoreProblem(error, dataDir, keyProvider);
  }
}

/**
 * The tray: what the main window's session sees (nothing while the store is locked or the window signed out), looked
 * at again on every change of a line and every 15 s (a sign-out, a session that expired). Its thresholds are operator
 * data (content.json `tray`).
 */
function startTray(host: CabinetHost): CabinetTray {
  const created = new CabinetTray({
    electron: { Tray, Menu, nativeImage, app },
    iconPath: join(app.getAppPath(), 'out/icons/icon.png'),
    language: () => settings.preferences().language,
    rules: bundledContentData().tray,
    state: async () => {
      if (!cabinet) return { kind: 'locked' };
      const window = mainWindow;
      if (!window || window.isDestroyed()) return { kind: 'signed-out' };
      return cabinet.glance(String(window.webContents.id));
    },
    notifier: desktopNotifier,
    open: (action) => {
      const window = mainWindow ?? (mainWindow = createMainWindow(settings));
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      if (action !== 'open') host.dispatcher.notify(String(window.webContents.id), 'app.navigate', { screen: action });
    },
    quit: () => app.quit(),
    logger,
  });
  const every = setInterval(() => void created.refresh(), 15_000);
  every.unref();
  return created;
}

/** The virtual handset («Телефон»): the embedded operator network's other device, in its own window. */
function createHandsetWindow(): BrowserWindow {
  const window = createSecureWindow({ width: 440, height: 720, title: 'Телефон' }, join(here, '../preload/handsetPreload.cjs'));
  window.on('closed', () => {
    if (handsetWindow === window) handsetWindow = null;
  });
  void window.loadURL(devServerUrl ? `${devServerUrl}/handset.html` : `${APP_ORIGIN}/handset.html`);
  return window;
}

/** Menu «Телефон»: brings the virtual handset forward, opening it again if it was closed. */
function showHandset(): void {
  if (!handsetWindow) handsetWindow = createHandsetWindow();
  handsetWindow.show();
  handsetWindow.focus();
}

/** An SMS to the virtual handset also shows as an OS notification, as a phone's would. */
function notifyAboutSms(handset: VirtualHandset, notifier: DesktopNotifier): void {
  handset.subscribe((event) => {
    if (event.type === 'sms') notifier.notify({ title: `SMS · ${formatRussianNumber(event.sms.msisdn)}`, body: event.sms.text });
  });
}

/**
 * The OS keystore wraps the store's key where there is one; on Linux without a keyring
 * (safeStorage's basic_text backend protects nothing) the person sets a passphrase instead.
 */
function chooseKeyProvider(): KeyProvider | PassphraseVault {
  const noKeyring = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (noKeyring || process.env.CABINET_KEY_MODE === 'passphrase') {
    return new PassphraseVault(join(app.getPath('userData'), 'data-key.passphrase'));
  }
  return new SafeStorageKeyProvider(join(app.getPath('userData'), 'data-key.bin'), safeStorage);
}

/** Tells the person why the store did not open; offers the newest good backup when that can help. */
async function explainStoreProblem(error: unknown, dataDir: string, keyProvider: KeyProvider): Promise<void> {
  logger.error('the store did not open', { error: (error as Error)?.message ?? String(error) });
  const language = settings.preferences().language;
  const problem = describeStartupProblem(error, language);
  const owner = mainWindow ?? undefined;
  if (!problem.offerBackup) {
    dialog.showErrorBox(problem.title, problem.detail);
    return app.exit(1);
  }
  const buttons = backupButtons[language];
  const options = { type: 'error' as const, title: problem.title, message: problem.title, detail: problem.detail, buttons: [buttons.restore, buttons.quit], defaultId: 1, cancelId: 1 };
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response !== 0) return app.exit(1);
  const restored = await restoreNewestGoodBackup(dataDir, keyProvider, new Date());
  if (!restored) {
    dialog.showErrorBox(problem.title, buttons.none);
    return app.exit(1);
  }
  logger.warn('the store was restored from a backup', { generation: restored.generation });
  app.relaunch(relaunchOptions(process.argv, process.env));
  app.exit(0);
}

function createMainWindow(store: ElectronSettingsStore): BrowserWindow {
  const bounds = kiosk ? null : placeOnScreen(store.windowBounds(), screen.getAllDisplays().map((display) => display.workArea));
  const options: Omit<Electron.BrowserWindowConstructorOptions, 'webPreferences'> = {
    width: bounds?.width ?? 1180,
    height: bounds?.height ?? 800,
    ...(bounds?.x !== undefined && bounds?.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Личный кабинет',
    show: false,
  };
  const { webPreferences: _locked, ...kioskOptions } = kioskWindowOptions(options);
  const window = createSecureWindow(kiosk ? kioskOptions : options, join(here, '../preload/preload.cjs'), kiosk);
  cabinetWindows.add(window.webContents);
  if (kiosk) lockDownKioskWindow(window, () => leavingKiosk);
  if (bounds?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    if (kiosk) return;
    const { x, y, width, height } = window.getNormalBounds();
    store.saveWindowBounds({ x, y, width, height, maximized: window.isMaximized() });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    // The phone is part of this window's demo network: it goes with it, so the app can quit.
    handsetWindow?.close();
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/** Navigation away from our origin, new windows, webviews and permission prompts are all refused. */
function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  // Navigation stays on our origin; nothing opens inside the app; https links go to the system browser, never from a kiosk.
  // The bank's 3-D Secure window keeps to the acquirer's host by guards of its own (electron/desktop/bankPageWindow.ts).
  app.on('web-contents-created', (_event, contents) => {
    if (!isBankPageContents(contents)) guardWebContents(contents, { trustedOrigin, kiosk }, (url) => shell.openExternal(url));
  });
}

function fatal(error: unknown): void {
  logger.error('the cabinet could not start', { error: (error as Error)?.message ?? String(error) });
  const english = settings.preferences().language === 'en';
  dialog.showErrorBox(
    english ? 'The cabinet could not start' : 'Личный кабинет не запустился',
    `${english ? 'Details are in the log' : 'Подробности — в журнале'}: ${app.getPath('logs')}\n\n${(error as Error)?.message ?? String(error)}`,
  );
  app.exit(1);
}

/** settings.json's `smtp`, or null: a bad entry is logged with the fields it names, and the windows say mail is not set up. */
function smtpSettingsOrNone(): SmtpSettings | null {
  try {
    const handWritten = settings.smtp();
    if (handWritten) return handWritten;
    // Typed on «Состояние подключений»: the same checks (TLS off only for this computer), the password already unsealed.
    const typed = settings.adapterSettings().resolved('mail');
    return typed ? parseSmtpSettings(typed, undefined, (path) => readFileSync(path, 'utf8')) : null;
  } catch (error) {
    logger.error('e-mail is not set up: settings.json smtp is not valid', { fields: (error as { fields?: string[] }).fields?.join(', ') ?? '', error: (error as Error).message });
    return null;
  }
}

/** The SMS centre of settings.json's `smpp`, or null when there is none or its entry is wrong (the log names each field). */
function smppCentre(): SmppNetwork | null {
  try {
    // settings.json's `smpp` written by hand, else what was typed on «Состояние подключений» (the same checks).
    const typed = settings.adapterSettings().resolved('sms');
    const smpp = settings.smpp() ?? (typed ? parseSmppSettings(typed) : null);
    return smpp ? new SmppNetwork(smpp, systemClock, randomIds, logger) : null;
  } catch (error) {
    logger.error('the SMS centre settings are wrong; SMS stay not configured', { error: (error as Error).message });
    return null;
  }
}
