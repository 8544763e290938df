import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomIds } from '../../electron/core/ids';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import { silentLogger } from '../../electron/core/logger';
import type { BankPageHost } from '../../electron/core/money/ports';
import { bankPageNavigation, bankPagePolicy } from '../../electron/desktop/bankPagePolicy';
import { YooKassaAcquirer, type YooKassaOptions } from '../../electron/network/yookassa/yookassaAcquirer';
import { demo, demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';
import { startYooKassaServer, type YooKassaTestServer } from './yookassaServer';

/**
 * Card top-ups from the cabinet's contract down to a local server speaking YooKassa API v3 over HTTPS: the core's
 * rules (money moves on `succeeded` only, a retry pays once, pending payments settled at start) with the real adapter.
 */

const RETURN_URL = 'https://cabinet.invalid/payments/return';
let server: YooKassaTestServer;
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

const yookassa = (overrides: Partial<YooKassaOptions> = {}) =>
  new YooKassaAcquirer({ apiUrl: server.url, shopId: server.shopId, secretKey: server.secretKey, ca: server.ca, timeoutMs: 2_000, attempts: 3, backoffMs: 10, returnUrl: RETURN_URL, logger: silentLogger, ...overrides });

/** The person in the bank's window: approves, refuses, or closes it (null); the window's own rule says when it is back. */
function person(choice: boolean | null): BankPageHost & { shown: number } {
  const host = {
    shown: 0,
    async show({ url, returnUrl }: { url: string; returnUrl: string }) {
      host.shown += 1;
      const policy = bankPagePolicy(url, returnUrl);
      expect(bankPageNavigation(url, policy)).toBe('allow');
      if (choice === null) return 'closed' as const;
      const back = await server.bankPage(url, choice);
      return back.location && bankPageNavigation(back.location, policy) === 'returned' ? ('returned' as const) : ('closed' as const);
    },
    close: () => false,
    closeAll: () => undefined,
  };
  return host;
}

async function open(options: { acquirer?: YooKassaAcquirer; bankPages?: BankPageHost; acquirerTimeoutMs?: number } = {}) {
  cabinet = await openTestCabinet(dir.path, { acquirer: options.acquirer ?? yookassa(), ids: randomIds, acquirerTimeoutMs: options.acquirerTimeoutMs ?? 10_000, ...(options.bankPages ? { bankPages: options.bankPages } : {}) });
  await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
}

async function call<T = { id: string; status: string; declineReason: string | null }>(method: string, input: unknown): Promise<T> {
  const result = await cabinet.dispatcher.dispatch(cabinet.window(), method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const balance = async () => (await call<{ balanceKopecks: number }>('account.overview', {})).balanceKopecks;
const topUp = (number: string, idempotencyKey: string = randomUUID()) =>
  call('payments.topUpByCard', { amountKopecks: 10_000, card: { number, expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey });

beforeAll(async () => {
  server = await startYooKassaServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  dir = await tempDir();
  Object.assign(server.faults, { slowMs: 0, slowNext: 0, failNext: 0, failWhen: 'after', twoStage: false });
});
afterEach(async () => {
  await cabinet?.close();
  await dir.remove();
});

describe('a card top-up through YooKassa', () => {
  it("tells the window that the bank confirms on its own page, and lists no test cards", async () => {
    await open();
    expect(await call('payments.options', {})).toMatchObject({ challenge: 'redirect', testCards: [] });
  });

  it('asks for 3-D Secure in the bank window, credits the balance once the acquirer says succeeded, and a repeat charges nothing more', async () => {
    const bank = person(true);
    await open({ bankPages: bank });
    const before = await balance();
    const charges = server.charges();
    const key = randomUUID();
    const asked = await topUp('4000 0000 0000 3220', key);
    expect(asked.status).toBe('challenge');
    expect(await balance()).toBe(before);
    const paid = await call('payments.confirmInBankWindow', { paymentId: asked.id });
    expect(paid.status).toBe('succeeded');
    expect(bank.shown).toBe(1);
    expect(await balance()).toBe(before + 10_000);
    // The window's retry of the same attempt, and a second confirmation, change nothing.
    expect((await topUp('4000 0000 0000 3220', key)).id).toBe(asked.id);
    expect((await call('payments.confirmInBankWindow', { paymentId: asked.id })).status).toBe('succeeded');
    expect(bank.shown).toBe(1);
    expect(server.charges()).toBe(charges + 1);
    expect(await balance()).toBe(before + 10_000);
  });

  it('declines when the person refuses on the bank page, and nothing is credited', async () => {
    await open({ bankPages: person(false) });
    const before = await balance();
    const asked = await topUp('4000 0000 0000 3220');
    const refused = await call('payments.confirmInBankWindow', { paymentId: asked.id });
    expect(refused).toMatchObject({ status: 'declined', declineReason: 'wrong-3ds-code' });
    expect(await balance()).toBe(before);
  });

  it('keeps a payment whose bank window was closed waiting, and credits nothing when the acquirer cancels it', async () => {
    await open({ bankPages: person(null) });
    const before = await balance();
    const asked = await topUp('4000 0000 0000 3220');
    expect((await call('payments.confirmInBankWindow', { paymentId: asked.id })).status).toBe('challenge');
    const theirs = server.payments().find((payment) => payment.metadata?.cabinet_payment_id === asked.id)!;
    server.finish(theirs.id, 'canceled');
    expect(await call('payments.checkStatus', { paymentId: asked.id })).toMatchObject({ status: 'declined', declineReason: 'cancelled' });
    expect(await balance()).toBe(before);
  });

  it('pays once when the acquirer answers 500 and the request is repeated with the same Idempotence-Key', async () => {
    await open();
    const before = await balance();
    const charges = server.charges();
    server.faults.failNext = 2;
    const key = randomUUID();
    expect((await topUp('4111 1111 1111 1111', key)).status).toBe('succeeded');
    expect((await topUp('4111 1111 1111 1111', key)).status).toBe('succeeded');
    expect(server.charges()).toBe(charges + 1);
    expect(await balance()).toBe(before + 10_000);
  });

  it('leaves a payment pending when the acquirer is slower than the deadline; the retry of the attempt pays once', async () => {
    await open({ acquirerTimeoutMs: 300 });
    const before = await balance();
    const charges = server.charges();
    server.faults.slowMs = 1_000;
    server.faults.slowNext = 1;
    const key = randomUUID();
    const slow = await topUp('4111 1111 1111 1111', key);
    expect(slow.status).toBe('pending');
    expect(await balance()).toBe(before);
    await vi.waitFor(() => expect(server.faults.slowNext).toBe(0));
    const resumed = await topUp('4111 1111 1111 1111', key);
    expect(resumed).toMatchObject({ id: slow.id, status: 'succeeded' });
    expect(server.charges()).toBe(charges + 1);
    expect(await balance()).toBe(before + 10_000);
  });

  it('settles at the next start a payment the acquirer left pending, found again by our id', async () => {
    await open();
    const before = await balance();
    const pending = await topUp('4000 0000 0002 0000');
    expect(pending.status).toBe('pending');
    await cabinet.close();
    const theirs = server.payments().find((payment) => payment.metadata?.cabinet_payment_id === pending.id)!;
    server.finish(theirs.id, 'succeeded');
    // A new process: a new adapter that never heard of the payment's YooKassa id.
    await open({ acquirer: yookassa() });
    await vi.waitFor(async () => {
      const history = await call<Array<{ id: string; status: string }>>('payments.history', { filter: 'top-ups' });
      expect(history.find((payment) => payment.id === pending.id)?.status).toBe('succeeded');
    });
    expect(await balance()).toBe(before + 10_000);
  });

  it('declines with acquirer-unavailable when the acquirer cannot be reached, and nothing is charged', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await open({ acquirer: yookassa({ apiUrl: `https://127.0.0.1:${port}/v3/` }) });
    const before = await balance();
    expect(await topUp('4111 1111 1111 1111')).toMatchObject({ status: 'declined', declineReason: 'acquirer-unavailable' });
    expect(await balance()).toBe(before);
  });

  it('never declines a resumed payment as unavailable: its first attempt may have been charged', async () => {
    await open({ acquirerTimeoutMs: 300 });
    const before = await balance();
    server.faults.slowMs = 1_000;
    server.faults.slowNext = 1;
    const key = randomUUID();
    const slow = await topUp('4111 1111 1111 1111', key);
    expect(slow.status).toBe('pending');
    await vi.waitFor(() => expect(server.faults.slowNext).toBe(0));
    await cabinet.close();
    // The acquirer is unreachable when the window retries the same attempt after a restart.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await open({ acquirer: yookassa({ apiUrl: `https://127.0.0.1:${port}/v3/` }) });
    expect(await topUp('4111 1111 1111 1111', key)).toMatchObject({ id: slow.id, status: 'pending' });
    await cabinet.close();
    // Reachable again: the start settles it by the acquirer's word (it was charged), once.
    await open({ acquirer: yookassa() });
    await vi.waitFor(async () => expect(await balance()).toBe(before + 10_000));
  });

  it("never opens or closes another line's bank window: another subscriber's window is told there is no such payment", async () => {
    const bank = person(true);
    await open({ bankPages: bank });
    const asked = await topUp('4000 0000 0000 3220');
    const other = operatorData.demoSubscribers.find((subscriber) => subscriber.password && subscriber.id !== demo.id)!;
    const stranger = cabinet.window('stranger');
    expect((await cabinet.dispatcher.dispatch(stranger, 'auth.signInWithPassword', { phone: other.lines[0]!.msisdn, password: other.password })).ok).toBe(true);
    const peek = await cabinet.dispatcher.dispatch(stranger, 'payments.confirmInBankWindow', { paymentId: asked.id });
    expect(peek).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(bank.shown).toBe(0);
    expect(await cabinet.dispatcher.dispatch(stranger, 'payments.cancelBankWindow', { paymentId: asked.id })).toMatchObject({ ok: true, value: { closed: false } });
    // Without a session, nothing at all.
    expect(await cabinet.dispatcher.dispatch(cabinet.window('nobody'), 'payments.confirmInBankWindow', { paymentId: asked.id })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await call('payments.confirmInBankWindow', { paymentId: asked.id })).status).toBe('succeeded');
  });

  it('closes every bank window when a kiosk visit ends: none is left for the next walk-in', async () => {
    let closedAll = 0;
    const bank = { ...person(null), closeAll: () => void (closedAll += 1) };
    const host = { printer: { printers: async () => [], print: async () => undefined }, clearWindowStorage: async () => undefined, clearClipboard: async () => undefined, exitKiosk: () => undefined };
    cabinet = await openTestCabinet(dir.path, { acquirer: yookassa(), ids: randomIds, bankPages: bank, kiosk: { config: new MemoryKioskConfigStore({ enabled: true }), host } });
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    await call('auth.signOut', {});
    await vi.waitFor(() => expect(closedAll).toBeGreaterThan(0));
  });

  it('settles a resumed payment by the acquirer\'s status when the repeat is refused (another body under the same key): charged once, never declined', async () => {
    await open({ acquirerTimeoutMs: 300 });
    const before = await balance();
    const charges = server.charges();
    server.faults.slowMs = 1_000;
    server.faults.slowNext = 1;
    const key = randomUUID();
    const slow = await topUp('4111 1111 1111 1111', key);
    expect(slow.status).toBe('pending');
    // The same attempt again, now asking to remember the card: the API refuses a different body under a used key.
    const again = await call('payments.topUpByCard', { amountKopecks: 10_000, card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' }, remember: true, idempotencyKey: key });
    expect(again).toMatchObject({ id: slow.id, status: 'succeeded' });
    expect(server.charges()).toBe(charges + 1);
    expect(await balance()).toBe(before + 10_000);
  });
});
