import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import { RENDERER_CSP } from '../../electron/desktop/rendererProtocol';
import { PasswordHasher } from '../../electron/core/auth/passwordHasher';
import { formatRubles } from '../../shared/money';
import { ManualClock } from '../../electron/core/clock';
import type { KioskState } from '../../electron/core/kiosk/ports';
import { KioskStaffPanel } from '../../electron/core/kiosk/staffPanel';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import { out, requireBuild, root } from './builtOut';

/**
 * The built main bundle as Electron runs it — not the test harness: out/main/main.js is imported in a child Node
 * whose `electron` is a recording stand-in (tests/conformance/electronStandIn), the app becomes ready, and the
 * driver sends calls through the IPC handler the bundle itself registered, asks its app:// handler for pages,
 * and reports what the bundle did: windows and their webPreferences, app calls, dialogs, exits, uncaught errors.
 */
interface TrayRecord {
  tooltips: string[];
  title: string;
  menu: Array<{ id: string | null; label: string; checked?: boolean }>;
  destroyed: boolean;
}

interface Recorded {
  trays: TrayRecord[];
  loginItem: { openAtLogin: boolean };
  trayClicks?: { sent: Array<{ channel: string; payload: unknown }> };
  calls: Array<[string, unknown?]>;
  windows: Array<{ id: number; options: { kiosk?: boolean; fullscreen?: boolean; webPreferences: Record<string, unknown> }; loadURL: string | null; visible: boolean }>;
  ipcChannels: string[];
  protocolSchemes: string[];
  dialogs: Array<{ kind: string; title?: string; content?: string }>;
  exits: number[];
  external: string[];
  uncaught: string[];
  steps: Array<{ step: { method: string }; answer: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>;
  requests: Array<{ url: string; status: number; type: string | null; csp: string | null }>;
  links?: Array<{ url: string; navigates: boolean; open: string | null }>;
  externalAfterLinks?: string[];
  kiosk?: { stillOpen: boolean; title: string; menu: unknown; shortcuts: Array<{ key: string; swallowed: boolean }>; download: boolean; titleChange: boolean };
  privileged: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  permissionAnswer: boolean | null;
}

interface RunOptions {
  args?: string[];
  packaged?: boolean;
  secondInstance?: boolean;
  failProtocol?: boolean;
  env?: Record<string, string>;
  steps?: Array<{ method: string; input?: unknown; frameUrl?: string; window?: 'main' | 'handset' }>;
  requests?: string[];
  links?: string[];
  kioskProbes?: boolean;
  expectNoWindow?: boolean;
  /** Milliseconds the driver waits after the steps (for what they set going in the background). */
  settleMs?: number;
  /** Tray menu items (by id) the driver clicks after that. */
  trayClicks?: string[];
  /** kiosk.json's state, written into userData before the app starts (electron-store's `{ kiosk: … }`). */
  kioskJson?: KioskState;
  /** settings.json, written into userData before the app starts. */
  settingsJson?: Record<string, unknown>;
}

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function runMain(options: RunOptions): Promise<{ record: Recorded; userData: string }> {
  const userData = await mkdtemp(join(tmpdir(), 'cabinet-conformance-'));
  folders.push(userData);
  const output = join(userData, 'record.json');
  if (options.kioskJson) await writeFile(join(userData, 'kiosk.json'), JSON.stringify({ kiosk: options.kioskJson }));
  if (options.settingsJson) await writeFile(join(userData, 'settings.json'), JSON.stringify(options.settingsJson));
  const standIn = { ...options, userData, appPath: root, main: join(out, 'main/main.js'), output };
  const standInDir = join(root, 'tests/conformance/electronStandIn');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), STAND_IN_OPTIONS: JSON.stringify(standIn), CABINET_DATA_DIR: userData, ...options.env };
  delete env.ELECTRON_RENDERER_URL;
  if (options.env?.ELECTRON_RENDERER_URL) env.ELECTRON_RENDERER_URL = options.env.ELECTRON_RENDERER_URL;
  const child = spawn(process.execPath, ['--import', join(standInDir, 'register.mjs'), join(standInDir, 'driver.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output_ = '';
  child.stdout.on('data', (chunk) => (output_ += chunk));
  child.stderr.on('data', (chunk) => (output_ += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 || !existsSync(output)) throw new Error(`the built main did not run under the stand-in (exit ${code}):\n${output_.slice(-3000)}`);
  return { record: JSON.parse(readFileSync(output, 'utf8')) as Recorded, userData };
}

const subscriber = bundledOperatorData().demoSubscribers.find((candidate) => candidate.password !== null)!;
const phone = subscriber.lines[0]!.msisdn;
const firstScreen = [{ method: 'settings.preferences' }, { method: 'vault.status' }, { method: 'kiosk.status' }, { method: 'auth.currentSession' }];
const signIn = [
  { method: 'auth.signInWithPassword', input: { phone, password: subscriber.password } },
  { method: 'account.overview', frameUrl: 'app://cabinet/#/home' },
];
const securePreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};
const answers = (record: Recorded) => record.steps.map(({ step, answer }) => [step.method, answer.ok ? 'ok' : answer.error?.code]);

describe('the built main bundle, run with a recording stand-in for electron', () => {
  beforeAll(requireBuild);

  it('normal mode (demo): starts, opens the cabinet window and the phone, each with its own preload; the first screen and a sign-in go through the registered IPC handler', async () => {
    const { record } = await runMain({
      args: ['--demo'],
      steps: [...firstScreen, ...signIn, { method: 'account.overview', frameUrl: 'app://evil/index.html' }, { method: 'auth.currentSession', window: 'handset' }],
      requests: ['app://cabinet/', 'app://cabinet/handset.html', 'app://cabinet/%2e%2e/main/main.js', 'app://cabinet/%E0%A4%A'],
      links: ['app://cabinet/#/payments', 'https://operator.example/help', 'file:///etc/passwd', 'app://evil/'],
    });
    expect(record.uncaught).toEqual([]);
    expect(record.exits).toEqual([]);
    expect(record.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(record.calls).toContainEqual(['app.enableSandbox']);
    const [main, handset] = record.windows;
    expect(main!.loadURL).toBe('app://cabinet/index.html');
    expect(main!.options.webPreferences).toMatchObject({ ...securePreferences, preload: join(out, 'preload/preload.cjs'), devTools: true });
    expect(handset!.loadURL).toBe('app://cabinet/handset.html');
    expect(handset!.options.webPreferences).toMatchObject({ ...securePreferences, preload: join(out, 'preload/handsetPreload.cjs') });
    for (const preload of [main!, handset!].map((window) => String(window.options.webPreferences.preload))) expect(existsSync(preload)).toBe(true);
    expect(main!.visible).toBe(true);
    // electron-log's own channel (its renderer transport) besides ours.
    expect(record.ipcChannels.sort()).toEqual(['__ELECTRON_LOG__', 'cabinet:call', 'handset:call']);
    expect(record.protocolSchemes).toEqual(['app']);
    expect(answers(record)).toEqual([
      ['settings.preferences', 'ok'],
      ['vault.status', 'ok'],
      ['kiosk.status', 'ok'],
      ['auth.currentSession', 'ok'],
      ['auth.signInWithPassword', 'ok'],
      ['account.overview', 'ok'],
      // Another origin in our own window, and the phone's window, are refused.
      ['account.overview', 'FORBIDDEN'],
      ['auth.currentSession', 'FORBIDDEN'],
    ]);
    const overview = record.steps[5]!.answer.value as { msisdn?: string; line?: { msisdn: string } };
    expect(JSON.stringify(overview)).toContain(phone);
    expect(record.requests.map(({ status }) => status)).toEqual([200, 200, 404, 400]);
    expect(record.requests[0]!.csp).toBe(RENDERER_CSP);
    expect(record.links).toEqual([
      { url: 'app://cabinet/#/payments', navigates: true, open: 'deny' },
      { url: 'https://operator.example/help', navigates: false, open: 'deny' },
      { url: 'file:///etc/passwd', navigates: false, open: 'deny' },
      { url: 'app://evil/', navigates: false, open: 'deny' },
    ]);
    expect(record.externalAfterLinks).toEqual(['https://operator.example/help']);
    expect(record.permissionAnswer).toBe(false);
  });

  it('the tray: nothing of a subscriber before a sign-in; after one, the balance and main remainder, quick actions that open the screen, and «start with the system» only when asked', async () => {
    const { record } = await runMain({
      args: ['--demo'],
      steps: [...firstScreen, ...signIn],
      settleMs: 1500,
      trayClicks: ['top-up', 'start-with-system'],
    });
    expect(record.uncaught).toEqual([]);
    expect(record.trays).toHaveLength(1);
    const [tray] = record.trays;
    // Before the sign-in: the app's name and «not signed in», no figures.
    expect(tray!.tooltips[0]).toBe('Личный кабинет — вход не выполнен');
    const balance = formatRubles(subscriber.lines[0]!.openingBalanceKopecks, 'ru');
    const shown = tray!.tooltips.find((tooltip) => tooltip.includes('Баланс'));
    expect(shown).toContain(`Баланс: ${balance}`);
    expect(shown).toMatch(/Интернет: осталось [\d,]+ (ГБ|МБ) из [\d,]+ (ГБ|МБ)/);
    expect(tray!.title).toBe(balance);
    expect(tray!.menu.map((item) => item.id ?? item.label)).toEqual(['open', 'top-up', 'promised', 'separator', 'start-with-system', 'quit']);
    // «Пополнить счёт» brings the window forward and tells it to open the top-up screen.
    expect(JSON.stringify(record.trayClicks!.sent)).toContain('"app.navigate"');
    expect(JSON.stringify(record.trayClicks!.sent)).toContain('"top-up"');
    // Off until asked; one click turns the login item on.
    expect(record.calls).toContainEqual(['app.setLoginItemSettings', { openAtLogin: true }]);
    expect(record.loginItem).toEqual({ openAtLogin: true });
  });

  it('without --demo (issue 16 finding 3): no phone window, no handset channel; the window is told, SMS and card payments answer NOT_CONFIGURED, the password signs in', async () => {
    const card = { number: '5555 5555 5555 4444', expiry: '12/30', cvc: '123' };
    const { record } = await runMain({
      steps: [
        { method: 'settings.appInfo' },
        { method: 'auth.requestCode', input: { phone, purpose: 'sign-in' } },
        ...signIn,
        { method: 'payments.topUpByCard', input: { amountKopecks: 1_500_000, card, remember: false, idempotencyKey: '4f0c6c52-9d4e-4d7e-8f0a-0a9f3f0b6c11' } },
      ],
    });
    expect(record.uncaught).toEqual([]);
    expect(record.windows).toHaveLength(1);
    expect(String(record.windows[0]!.options.webPreferences.preload)).toBe(join(out, 'preload/preload.cjs'));
    expect(record.ipcChannels.sort()).toEqual(['__ELECTRON_LOG__', 'cabinet:call']);
    expect(answers(record)).toEqual([
      ['settings.appInfo', 'ok'],
      ['auth.requestCode', 'NOT_CONFIGURED'],
      ['auth.signInWithPassword', 'ok'],
      ['account.overview', 'ok'],
      ['payments.topUpByCard', 'NOT_CONFIGURED'],
    ]);
    expect(record.steps[0]!.answer.value).toEqual({ demo: false, demoRefused: null, services: { sms: false, cardPayments: false, wallets: false, mail: false } });
  });

  it('packaged with --demo: refused without the staff PIN — no phone window, and the window is told why', async () => {
    const { record } = await runMain({ packaged: true, args: ['--demo'], steps: [{ method: 'settings.appInfo' }] });
    expect(record.uncaught).toEqual([]);
    expect(record.windows).toHaveLength(1);
    expect(record.ipcChannels).not.toContain('handset:call');
    expect(record.steps[0]!.answer.value).toMatchObject({ demo: false, demoRefused: 'staff-pin-required' });
  });

  /** kiosk.json as the real staff panel leaves it: PIN set, «Демо-режим при следующем запуске» on, kiosk profile left. */
  async function staffApprovedKioskJson(): Promise<KioskState> {
    const config = new MemoryKioskConfigStore({ enabled: true });
    const staff = new KioskStaffPanel(config, new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 }), new ManualClock(Date.parse('2026-12-01T09:00:00Z')));
    await staff.setPin('window-1', '482915');
    staff.updateSettings('window-1', { demoNextLaunch: true });
    staff.exit('window-1');
    return config.read();
  }

  it('packaged, staff approved demo mode in the PIN-unlocked panel (kiosk.json): demo on, with the phone window, no --demo needed', async () => {
    const { record } = await runMain({ packaged: true, kioskJson: await staffApprovedKioskJson(), steps: [{ method: 'settings.appInfo' }] });
    expect(record.uncaught).toEqual([]);
    expect(record.ipcChannels).toContain('handset:call');
    expect(record.windows.map((window) => String(window.options.webPreferences.preload).split('/').pop()).sort()).toEqual(['handsetPreload.cjs', 'preload.cjs']);
    expect(record.steps[0]!.answer.value).toMatchObject({ demo: true, demoRefused: null });
  });

  it('packaged with --demo and a hand-edited kiosk.json approval but no staff PIN: still refused', async () => {
    const approved = await staffApprovedKioskJson();
    const { record } = await runMain({ packaged: true, args: ['--demo'], kioskJson: { ...approved, pinHash: null }, steps: [{ method: 'settings.appInfo' }] });
    expect(record.uncaught).toEqual([]);
    expect(record.ipcChannels).not.toContain('handset:call');
    expect(record.steps[0]!.answer.value).toMatchObject({ demo: false, demoRefused: 'staff-pin-required' });
  });

  it('kiosk mode: one locked-down full-screen window, no phone window, no devtools, no system browser', async () => {
    const { record } = await runMain({ args: ['--kiosk'], steps: [{ method: 'kiosk.status' }], links: ['https://operator.example/help'], kioskProbes: true });
    expect(record.uncaught).toEqual([]);
    expect(record.windows).toHaveLength(1);
    const [main] = record.windows;
    expect(main!.options).toMatchObject({ kiosk: true });
    // No tray on a kiosk: nothing of a walk-in's account outside the window.
    expect(record.trays).toEqual([]);
    expect(main!.options.webPreferences).toMatchObject({ ...securePreferences, preload: join(out, 'preload/preload.cjs'), devTools: false });
    expect(answers(record)).toEqual([['kiosk.status', 'ok']]);
    expect((record.steps[0]!.answer.value as { enabled: boolean }).enabled).toBe(true);
    expect(record.links).toEqual([{ url: 'https://operator.example/help', navigates: false, open: 'deny' }]);
    expect(record.externalAfterLinks).toEqual([]);
    // The window cannot be closed, re-titled or made to download; the shortcuts that would leave or inspect it are swallowed, typing is not.
    expect(record.kiosk).toMatchObject({ stillOpen: true, menu: null, download: true, titleChange: true });
    expect(record.kiosk!.shortcuts.map(({ key, swallowed }) => [key, swallowed])).toEqual([
      ['F4', true],
      ['I', true],
      ['r', true],
      ['F5', true],
      ['a', false],
      ['5', false],
    ]);
  });

  it('packaged: app://cabinet even when ELECTRON_RENDERER_URL is set, no devtools', async () => {
    const { record } = await runMain({ packaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, steps: firstScreen });
    expect(record.uncaught).toEqual([]);
    const main = record.windows.find((window) => String(window.options.webPreferences.preload).endsWith('/preload.cjs'))!;
    expect(main.loadURL).toBe('app://cabinet/index.html');
    expect(main.options.webPreferences).toMatchObject({ ...securePreferences, devTools: false });
    expect(answers(record).every(([, answer]) => answer === 'ok')).toBe(true);
  });

  it('development: the dev server is loaded and is the one trusted origin', async () => {
    const { record } = await runMain({
      args: ['--demo'],
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
      steps: [
        { method: 'kiosk.status', frameUrl: 'http://localhost:5173/#/' },
        { method: 'kiosk.status', frameUrl: 'app://cabinet/index.html' },
      ],
    });
    expect(record.uncaught).toEqual([]);
    expect(record.windows[0]!.loadURL).toBe('http://localhost:5173');
    expect(answers(record)).toEqual([
      ['kiosk.status', 'ok'],
      ['kiosk.status', 'FORBIDDEN'],
    ]);
  });

  it('a second launch with --kiosk is refused by the single-instance lock and leaves kiosk.json alone', async () => {
    const { record, userData } = await runMain({ args: ['--kiosk'], secondInstance: true, expectNoWindow: true });
    expect(record.uncaught).toEqual([]);
    expect(record.windows).toEqual([]);
    expect(record.calls).toContainEqual(['app.quit']);
    const kioskFile = join(userData, 'kiosk.json');
    const enabled = existsSync(kioskFile) ? (JSON.parse(readFileSync(kioskFile, 'utf8')) as { kiosk?: { enabled?: boolean } }).kiosk?.enabled : false;
    expect(enabled).toBe(false);
  });

  it('an error thrown while starting is shown in a dialog and ends the app — never a process without a window', async () => {
    const { record } = await runMain({ failProtocol: true, expectNoWindow: true });
    expect(record.uncaught).toEqual([]);
    expect(record.dialogs).toEqual([expect.objectContaining({ kind: 'error', title: 'Личный кабинет не запустился' })]);
    expect(record.dialogs[0]!.content).toContain('stand-in: protocol.handle fails');
    expect(record.exits).toEqual([1]);
  });

  it('with a cardAcquirer setting: the secret key is sealed out of settings.json, the window is told the bank confirms on its own page, an unreachable acquirer declines with nothing charged', async () => {
    const secretKey = 'test_StandInSecret0123456789';
    const { record, userData } = await runMain({
      // Port 9 (discard) on the loopback: nobody answers, as when the acquirer cannot be reached.
      settingsJson: { cardAcquirer: { provider: 'yookassa', shopId: '123456', secretKey, apiUrl: 'https://127.0.0.1:9/v3/', timeoutMs: 1_000, attempts: 1 } },
      steps: [
        { method: 'settings.appInfo' },
        ...signIn,
        { method: 'payments.options' },
        { method: 'payments.topUpByCard', input: { amountKopecks: 10_000, card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey: '5a0c6c52-9d4e-4d7e-8f0a-0a9f3f0b6c12' } },
      ],
    });
    expect(record.uncaught).toEqual([]);
    expect(answers(record)).toEqual([
      ['settings.appInfo', 'ok'],
      ['auth.signInWithPassword', 'ok'],
      ['account.overview', 'ok'],
      ['payments.options', 'ok'],
      ['payments.topUpByCard', 'ok'],
    ]);
    expect(record.steps[0]!.answer.value).toMatchObject({ demo: false, services: { cardPayments: true } });
    expect(record.steps[3]!.answer.value).toMatchObject({ challenge: 'redirect', testCards: [] });
    expect(record.steps[4]!.answer.value).toMatchObject({ status: 'declined', declineReason: 'acquirer-unavailable' });
    const written = readFileSync(join(userData, 'settings.json'), 'utf8');
    expect(written).not.toContain(secretKey);
    expect(JSON.parse(written)).toMatchObject({ cardAcquirer: { sealedSecretKey: expect.any(String) } });
    // Our own window keeps the general navigation guards (the bank window's session is another).
    expect(record.windows).toHaveLength(1);
  });
});
