import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import type { Result } from '../../shared/contract/errors';
import { demo, demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

/**
 * Issue 16 finding 3: the test acquirer (any card not on its decline list is charged) and the virtual handset
 * (every number's SMS codes) were the network in every mode. Now they are there only in demo mode.
 */
let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;
afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = null;
  dir = null;
});

async function open(demoMode: boolean, overrides: Parameters<typeof openTestCabinet>[1] = {}): Promise<TestCabinet> {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { demo: demoMode, ...overrides });
  return cabinet;
}

const call = (opened: TestCabinet, method: string, input: unknown): Promise<Result<unknown>> => opened.dispatcher.dispatch(opened.window(), method, input);
async function value<T>(opened: TestCabinet, method: string, input: unknown): Promise<T> {
  const result = await call(opened, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const balance = async (opened: TestCabinet) => (await value<{ balanceKopecks: number }>(opened, 'account.overview', {})).balanceKopecks;
// Not on the test acquirer's decline list: in demo mode it is charged.
const anyCard = { number: '5555 5555 5555 4444', expiry: '12/30', cvc: '123' };

describe('without demo mode and without a configured acquirer or SMS gateway', () => {
  it('refuses a card payment with NOT_CONFIGURED, charges nothing and writes no payment', async () => {
    const opened = await open(false);
    // The password still signs in: it needs no SMS.
    await value(opened, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const before = await balance(opened);
    const paid = await call(opened, 'payments.topUpByCard', { amountKopecks: 1_500_000, card: anyCard, remember: false, idempotencyKey: randomUUID() });
    expect(paid).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', details: { service: 'card-payments' } } });
    // A retry of the same click is refused the same way.
    const again = await call(opened, 'payments.topUpByCard', { amountKopecks: 1_500_000, card: anyCard, remember: false, idempotencyKey: randomUUID() });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
    expect(await balance(opened)).toBe(before);
    const history = await value<Array<{ kind: string }>>(opened, 'payments.history', { filter: 'top-ups' });
    expect(history.filter((payment) => payment.kind === 'card')).toEqual([]);
    // No test cards are offered, and e-wallets are refused too.
    expect((await value<{ testCards: unknown[] }>(opened, 'payments.options', {})).testCards).toEqual([]);
    const wallet = await call(opened, 'payments.topUpByWallet', { walletId: 'yoomoney', amountKopecks: 10_000, idempotencyKey: randomUUID() });
    expect(wallet).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', details: { service: 'wallets' } } });
    expect((await value<unknown[]>(opened, 'payments.history', { filter: 'top-ups' })).length).toBe(0);
  });

  it('has no virtual handset, and SMS codes, phone confirmations and transfers answer NOT_CONFIGURED', async () => {
    const opened = await open(false);
    expect(opened.handset).toBeNull();
    expect(await call(opened, 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONFIGURED', details: { service: 'sms' } },
    });
    expect(await call(opened, 'auth.startConfirmation', { phone: demoLine.msisdn })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', details: { service: 'sms' } } });
    await value(opened, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const other = operatorData.demoSubscribers[1]!.lines[0]!.msisdn;
    const transfer = await call(opened, 'payments.startTransfer', { to: other, amountKopecks: 10_000, idempotencyKey: randomUUID() });
    expect(transfer).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', details: { service: 'sms' } } });
    expect((await value<Array<{ kind: string }>>(opened, 'payments.history', { filter: 'transfers' })).length).toBe(0);
  });

  it('tells the windows: no demo mode, no SMS, no card payments, no e-wallets', async () => {
    const opened = await open(false);
    expect(await value(opened, 'settings.appInfo', {})).toEqual({ demo: false, demoRefused: null, services: { sms: false, cardPayments: false, wallets: false, mail: false } });
  });

  it('a configured acquirer is used as it is, demo mode or not', async () => {
    const acquirer = new TestAcquirer();
    const opened = await open(false, { acquirer });
    await value(opened, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const paid = await value<{ status: string }>(opened, 'payments.topUpByCard', { amountKopecks: 10_000, card: anyCard, remember: false, idempotencyKey: randomUUID() });
    expect(paid.status).toBe('succeeded');
    expect(acquirer.charged).toBe(1);
    expect(await value(opened, 'settings.appInfo', {})).toMatchObject({ demo: false, services: { cardPayments: true, sms: false } });
  });
});

describe('in demo mode', () => {
  it('the test acquirer charges a test card, the handset gets the SMS codes, and the windows are told', async () => {
    const opened = await open(true);
    expect(await value(opened, 'settings.appInfo', {})).toEqual({ demo: true, demoRefused: null, services: { sms: true, cardPayments: true, wallets: true, mail: false } });
    expect(opened.handset).not.toBeNull();
    await value(opened, 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' });
    expect(opened.handset!.inbox(demoLine.msisdn as never)[0]?.text).toMatch(/\b\d{6}\b/);
    await value(opened, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const before = await balance(opened);
    expect((await value<{ testCards: unknown[] }>(opened, 'payments.options', {})).testCards.length).toBeGreaterThan(0);
    const paid = await value<{ status: string }>(opened, 'payments.topUpByCard', { amountKopecks: 10_000, card: anyCard, remember: false, idempotencyKey: randomUUID() });
    expect(paid.status).toBe('succeeded');
    expect(await balance(opened)).toBe(before + 10_000);
  });
});
