import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/logger';
import { staffApprovedDemo } from '../../electron/demoMode';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import type { PrintableReceipt } from '../../electron/core/kiosk/ports';
import { ReceiptFiles } from '../../electron/kiosk/receiptFiles';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import type { E164 } from '../../shared/phone';
import { demo, demoLine, openTestCabinet, tempDir, testPasswordCost, type TestCabinet } from './support';

const PIN = '482915';
/** A kiosk host that does nothing: for cabinets opened beside the one of `beforeEach`. */
const noHost = {
  printer: { printers: async () => [], print: async () => undefined },
  clearWindowStorage: async () => undefined,
  clearClipboard: async () => undefined,
  exitKiosk: () => undefined,
};
const card = { number: '4111 1111 1111 1111', expiry: `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`, cvc: '123' };

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
let config: MemoryKioskConfigStore;
let printed: Array<{ receipt: PrintableReceipt; printer: string | null }>;
let wiped: string[];
let exited: number;
let logged: string[];
/** What the computer's clipboard holds. */
let clipboard: string;
let acquirer: TestAcquirer;
let receiptDir: string;

beforeEach(async () => {
  dir = await tempDir();
  config = new MemoryKioskConfigStore({ enabled: true });
  printed = [];
  wiped = [];
  exited = 0;
  logged = [];
  clipboard = '';
  acquirer = new TestAcquirer();
  receiptDir = join(dir.path, 'receipts');
  // A printer that prints to PDF files, as the app does with CABINET_RECEIPT_PDF_DIR.
  const receiptFiles = new ReceiptFiles(receiptDir);
  const sink = (message: string, fields?: unknown) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { info: sink, warn: sink, error: sink };
  cabinet = await openTestCabinet(dir.path, {
    logger,
    acquirer,
    kiosk: {
      config,
      pinCost: testPasswordCost,
      host: {
        printer: {
          printers: async () => [{ name: 'POS-80', displayName: 'POS-80', isDefault: true }],
          print: async (receipt, printer) => {
            printed.push({ receipt, printer });
            await receiptFiles.write(Buffer.from(receipt.html));
          },
          deleteReceiptFiles: () => receiptFiles.deleteAll(),
        },
        clearWindowStorage: async (windowId) => void wiped.push(windowId),
        clearClipboard: async () => void (clipboard = ''),
        exitKiosk: () => void (exited += 1),
      },
    },
  });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const call = (method: string, input: unknown, window = cabinet.window()) => cabinet.dispatcher.dispatch(window, method, input);
const signIn = (window = cabinet.window()) => call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, window);

describe('the end of a visit to a kiosk', () => {
  it('closes the core session and has the host wipe the window', async () => {
    expect(await signIn()).toMatchObject({ ok: true });
    expect(await call('kiosk.endSession', {})).toEqual({ ok: true, value: { ended: true } });
    expect(await call('auth.currentSession', {})).toEqual({ ok: true, value: null });
    expect(await call('account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(wiped).toEqual(['window-1']);
    // Ending again (the idle timer and the button at once) is harmless.
    expect(await call('kiosk.endSession', {})).toEqual({ ok: true, value: { ended: false } });
  });

  it('leaves no subscriber in the log: the log of a kiosk is redacted', async () => {
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'wrong-password' })).toMatchObject({ ok: false });
    expect(await call('kiosk.printReceipt', { paymentId: 'nope' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(logged.join('\n')).not.toContain(demoLine.msisdn.slice(2));
  });
});

describe('the end of every visit wipes what the main process holds of the subscriber', () => {
  const receiptFilesLeft = async () => (await readdir(receiptDir).catch(() => [])).filter((name) => name.endsWith('.pdf'));

  /** A visit that leaves every trace: an SMS code on the handset, a card at the acquirer, a receipt PDF, a copied number. */
  async function visit(): Promise<string> {
    expect(await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' })).toMatchObject({ ok: true });
    await signIn();
    const paid = await call('payments.topUpByCard', { amountKopecks: 50_000, card, remember: false, idempotencyKey: randomUUID() });
    expect(paid).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    expect(await call('kiosk.printReceipt', { paymentId: (paid as { value: { id: string } }).value.id })).toMatchObject({ ok: true, value: { printed: true } });
    clipboard = demoLine.msisdn;

    expect(cabinet.handset!.inbox(demoLine.msisdn as E164)).not.toHaveLength(0);
    expect(acquirer.rememberedCards()).toContainEqual(expect.objectContaining({ last4: '1111' }));
    expect(await receiptFilesLeft()).toHaveLength(1);
    return (paid as { value: { id: string } }).value.id;
  }

  function expectNothingLeft(): Promise<void> {
    return expect
      .poll(async () => ({ clipboard, sms: cabinet.handset!.inbox(demoLine.msisdn as E164), cards: acquirer.rememberedCards(), receipts: await receiptFilesLeft() }))
      .toEqual({ clipboard: '', sms: [], cards: [], receipts: [] });
  }

  it('when the subscriber ends the visit («Завершить сеанс»)', async () => {
    await visit();
    await call('kiosk.endSession', {});
    await expectNothingLeft();
  });

  it('when the page signs out', async () => {
    await visit();
    expect(await call('auth.signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    await expectNothingLeft();
  });

  it('when the idle timer ends the visit on the main side, the page silent', async () => {
    await visit();
    const { idleSeconds, warningSeconds } = config.read().settings;
    cabinet.clock.advance((idleSeconds + warningSeconds) * 1000);
    cabinet.dispatcher.sweepExpiredSessions();
    await expectNothingLeft();
    expect(wiped).toEqual(['window-1']);
  });

  it('yet the acquirer still answers a status check on the payment, without the card', async () => {
    const paymentId = await visit();
    await call('kiosk.endSession', {});
    await expectNothingLeft();
    expect(await acquirer.status(paymentId)).toEqual({ outcome: 'succeeded' });
  });
});

describe('a computer that is not a kiosk keeps its things at sign-out', () => {
  it('leaves the handset’s messages alone', async () => {
    config.write({ ...config.read(), enabled: false });
    expect(await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' })).toMatchObject({ ok: true });
    await signIn();
    await call('auth.signOut', {});
    expect(cabinet.handset!.inbox(demoLine.msisdn as E164)).toHaveLength(1);
  });
});

describe('the main-side session of a kiosk', () => {
  const second = 1000;

  it('ends with the kiosk’s idle timer: unused for the idle time and the warning countdown, it is refused', async () => {
    // A kiosk set to warn after 3 minutes and count down 30 seconds: 3.5 minutes, not the desktop's 15.
    config.write({ ...config.read(), settings: { ...config.read().settings, idleSeconds: 180, warningSeconds: 30 } });
    const signedIn = await signIn();
    expect(signedIn).toMatchObject({ ok: true, value: { idleExpiresAt: new Date(cabinet.clock.now() + 210 * second).toISOString() } });

    cabinet.clock.advance(210 * second - 1);
    expect(await call('account.overview', {})).toMatchObject({ ok: true });
    cabinet.clock.advance(210 * second);
    expect(await call('account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call('auth.currentSession', {})).toEqual({ ok: true, value: null });
  });

  it('follows the staff’s change of the idle time at once, and the sweep tells the window', async () => {
    const events: string[] = [];
    cabinet.dispatcher.connect('window-1', (event) => void events.push(event));
    await signIn();
    await call('kiosk.setPin', { pin: PIN, repeat: PIN });
    expect(await call('kiosk.updateSettings', { idleSeconds: 60, warningSeconds: 10 })).toMatchObject({ ok: true });

    cabinet.clock.advance(70 * second);
    cabinet.dispatcher.sweepExpiredSessions();
    expect(events).toContain('session.ended');
    expect(await call('account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('a kiosk refuses what a shared computer must not do', () => {
  it('has no social sign-in', async () => {
    expect(await call('auth.socialProviders', {})).toEqual({ ok: true, value: [] });
    expect(await call('auth.startSocialSignIn', { provider: 'vk' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'kiosk' } } });
  });

  it('opens no system browser: linking a social account is refused, and the browser is never asked', async () => {
    const browser: string[] = [];
    const vk = { clientId: 'cabinet', authorizationEndpoint: 'https://id.example/authorize', tokenEndpoint: 'https://id.example/token', userinfoEndpoint: 'https://id.example/userinfo', scope: 'openid' };
    const socialDir = await tempDir();
    const social = await openTestCabinet(socialDir.path, {
      settings: new MemorySettingsStore({}, { vk }),
      kiosk: { config: new MemoryKioskConfigStore({ enabled: true }), pinCost: testPasswordCost, host: { ...noHost } },
      oauth: {
        listen: async () => ((browser.push('listen'), { redirectUri: 'http://127.0.0.1:1/callback', result: new Promise(() => undefined), close: () => undefined })),
        openInBrowser: async (url) => void browser.push(url),
        exchangeCode: async () => ({ accessToken: 'token' }),
        fetchSubject: async () => 'vk-id',
      },
    });
    try {
      const window = social.window();
      await social.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
      expect(await social.dispatcher.dispatch(window, 'profile.linkSocial', { provider: 'vk' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'linking a social account is off on a store kiosk', details: { reason: 'kiosk' } },
      });
      expect(await social.dispatcher.dispatch(window, 'auth.startSocialSignIn', { provider: 'vk' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(browser).toEqual([]);
    } finally {
      await social.close();
      await socialDir.remove();
    }
  });

  it('remembers no card', async () => {
    await signIn();
    const result = await call('payments.topUpByCard', { amountKopecks: 50_000, card, remember: true, idempotencyKey: randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'kiosk' } } });
  });
});

describe('the staff panel over the dispatcher', () => {
  it('belongs to the window that unlocked it, and goes when that window goes', async () => {
    expect(await call('kiosk.setPin', { pin: PIN, repeat: PIN })).toMatchObject({ ok: true, value: { pinSet: true, panel: 'unlocked' } });
    const other = cabinet.window('window-2');
    expect(await call('kiosk.panel', {}, other)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'staff-only' } } });
    expect(await call('kiosk.updateSettings', { idleSeconds: 90 }, other)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('kiosk.exit', {}, other)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(exited).toBe(0);

    expect(await call('kiosk.panel', {})).toMatchObject({ ok: true, value: { printers: [{ name: 'POS-80' }], settings: { idleSeconds: 60, warningSeconds: 30 } } });
    cabinet.dispatcher.disconnect('window-1');
    expect(await call('kiosk.panel', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names the field of a bad timeout, and keeps the PIN out of every answer', async () => {
    const unlocked = await call('kiosk.setPin', { pin: PIN, repeat: PIN });
    expect(JSON.stringify(unlocked)).not.toContain(PIN);
    expect(await call('kiosk.updateSettings', { idleSeconds: 3 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'idleSeconds', expected: 'expected at least 10 seconds' }] } },
    });
    const changed = await call('kiosk.updateSettings', { idleSeconds: 90, printer: 'POS-80' });
    expect(changed).toMatchObject({ ok: true, value: { settings: { idleSeconds: 90, printer: 'POS-80' } } });
    expect(await call('kiosk.status', {}, cabinet.window('anyone'))).toMatchObject({ ok: true, value: { idleSeconds: 90, panel: 'locked' } });
    expect(JSON.stringify(await call('kiosk.panel', {}))).not.toMatch(/scrypt|482915/);
  });

  it('leaves kiosk mode: the subscriber is signed out, the window wiped and the host restarts the app', async () => {
    await call('kiosk.setPin', { pin: PIN, repeat: PIN });
    await signIn();
    clipboard = demoLine.msisdn;
    expect(await call('kiosk.exit', {})).toEqual({ ok: true, value: { exited: true } });
    expect(exited).toBe(1);
    expect(clipboard).toBe('');
    expect(wiped).toEqual(['window-1']);
    expect(config.read().enabled).toBe(false);
    expect(await call('auth.currentSession', {})).toEqual({ ok: true, value: null });
    expect(await call('kiosk.status', {})).toMatchObject({ ok: true, value: { enabled: false } });
  });
});

describe('receipts on a kiosk', () => {
  it('print once on the configured printer after a payment, with the card as its last four digits; a copy on request', async () => {
    await call('kiosk.setPin', { pin: PIN, repeat: PIN });
    await call('kiosk.updateSettings', { printer: 'POS-80', storeName: 'Салон на Тверской' });
    await signIn();
    const paid = await call('payments.topUpByCard', { amountKopecks: 50_000, card, remember: false, idempotencyKey: randomUUID() });
    expect(paid).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    const paymentId = (paid as { value: { id: string } }).value.id;

    expect(await call('kiosk.printReceipt', { paymentId })).toEqual({ ok: true, value: { printed: true, printer: 'POS-80' } });
    expect(await call('kiosk.printReceipt', { paymentId })).toEqual({ ok: true, value: { printed: false, printer: 'POS-80' } });
    expect(await call('kiosk.printReceipt', { paymentId, copy: true })).toEqual({ ok: true, value: { printed: true, printer: 'POS-80' } });
    expect(printed).toHaveLength(2);
    expect(printed[0]!.printer).toBe('POS-80');
    const lines = Object.fromEntries(printed[0]!.receipt.lines.map((line) => [line.label, line.value]));
    expect(lines['Способ оплаты']).toBe('Visa •• 1111');
    expect(lines['Салон']).toBe('Салон на Тверской');
    expect(printed[0]!.receipt.html).not.toMatch(/4111\s?1111/);
  });

  it('print only the signed-in line’s own payments', async () => {
    await signIn();
    expect(await call('kiosk.printReceipt', { paymentId: 'someone-elses' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(printed).toHaveLength(0);
  });
});

describe('a computer that is not a kiosk', () => {
  it('says so, and has no receipt printer or staff panel', async () => {
    const plainDir = await tempDir();
    const plain = await openTestCabinet(plainDir.path);
    try {
      const window = plain.window();
      expect(await plain.dispatcher.dispatch(window, 'kiosk.status', {})).toMatchObject({ ok: true, value: { enabled: false } });
      await plain.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
      expect(await plain.dispatcher.dispatch(window, 'kiosk.printReceipt', { paymentId: 'p1' })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
      expect(await plain.dispatcher.dispatch(window, 'kiosk.setPin', { pin: PIN, repeat: PIN })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
    } finally {
      await plain.close();
      await plainDir.remove();
    }
  });
});

describe('staff’s approval of demo mode («Демо-режим при следующем запуске»)', () => {
  const approvedOnDisk = () => staffApprovedDemo(config.read());

  it('is set only from a staff panel unlocked with the PIN, and logged', async () => {
    // No PIN yet, then a locked panel: refused, nothing written.
    expect(await call('kiosk.updateSettings', { demoNextLaunch: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('kiosk.setPin', { pin: PIN, repeat: PIN })).toMatchObject({ ok: true });
    expect(await call('kiosk.lockPanel', {})).toMatchObject({ ok: true });
    expect(await call('kiosk.updateSettings', { demoNextLaunch: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'staff-only' } } });
    // Another window, while this one is unlocked, cannot borrow its panel.
    expect(await call('kiosk.unlockPanel', { pin: PIN })).toMatchObject({ ok: true });
    expect(await call('kiosk.updateSettings', { demoNextLaunch: true }, cabinet.window('window-2'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(approvedOnDisk()).toBe(false);

    expect(await call('kiosk.updateSettings', { demoNextLaunch: true })).toMatchObject({ ok: true, value: { settings: { demoNextLaunch: true } } });
    expect(approvedOnDisk()).toBe(true);
    expect(config.read().log.at(-1)).toMatchObject({ action: 'settings-changed', detail: 'demoNextLaunch: false → true' });
    expect(await call('kiosk.updateSettings', { demoNextLaunch: false })).toMatchObject({ ok: true, value: { settings: { demoNextLaunch: false } } });
    expect(approvedOnDisk()).toBe(false);
  });

  it('refuses anything but true or false, naming the field', async () => {
    await call('kiosk.setPin', { pin: PIN, repeat: PIN });
    const answer = await call('kiosk.updateSettings', { demoNextLaunch: 'yes' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(answer)).toContain('demoNextLaunch');
    expect(approvedOnDisk()).toBe(false);
  });
});
