// A confirmed transfer may take the balance below the autopay threshold: the core tops it up at once (the decision
// is the core's Transfers telling autopay, not the IPC procedure's), and the sender's windows are told. Runs on both stores.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import type { Result } from '../../shared/contract/errors';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

const sender = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
const from = sender.lines[0]!.msisdn as E164;
const friend = '+79139876543';
const commission = operatorData.payments.transfer.commissionKopecks;
// Not on the test acquirer's decline list: in demo mode it is charged.
const card = { number: '5555 5555 5555 4444', expiry: '12/30', cvc: '123' };

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
const told: string[] = [];

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  told.length = 0;
  cabinet.dispatcher.connect('subscriber', (event) => told.push(event));
  await value('auth.signInWithPassword', { phone: from, password: sender.password });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window('subscriber'), method, input);
}
async function value<T>(method: string, input: unknown): Promise<T> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const balance = async () => (await value<{ balanceKopecks: number }>('account.overview', {})).balanceKopecks;
const lastCode = () => /Код: (\d{4,6})\./.exec(cabinet.handset!.inbox(from).find((sms) => sms.text.startsWith('Перевод'))?.text ?? '')?.[1] ?? '';

describe('autopay after a transfer', () => {
  it('a transfer that takes the balance below the threshold is topped up by autopay once it is confirmed', async () => {
    await value('payments.topUpByCard', { amountKopecks: 10_000, card, remember: true, idempotencyKey: randomUUID() });
    const { savedCards } = await value<{ savedCards: Array<{ id: string }> }>('payments.options', {});
    const before = await balance();
    const amount = 20_000;
    // Just above what the balance will be after the transfer: the rule does not hold now, it will after.
    await value('payments.setAutopay', { cardId: savedCards[0]!.id, amountKopecks: 30_000, mode: 'threshold', thresholdKopecks: before - amount - commission + 100 });
    expect(await balance()).toBe(before);

    const started = await value<{ payment: { id: string } }>('payments.startTransfer', { to: friend, amountKopecks: amount, idempotencyKey: randomUUID() });
    expect(await balance()).toBe(before);
    told.length = 0;
    expect(await call('payments.confirmTransfer', { paymentId: started.payment.id, code: lastCode() })).toMatchObject({ ok: true, value: { status: 'succeeded' } });

    expect(await balance()).toBe(before - amount - commission + 30_000);
    const history = await value<Array<{ kind: string; amountKopecks: number; method: unknown }>>('payments.history', { filter: 'top-ups' });
    expect(history.filter((payment) => payment.amountKopecks === 30_000)).toHaveLength(1);
    expect(told).toContain('account.changed');
  });

  it('a transfer that leaves the balance above the threshold tops nothing up', async () => {
    await value('payments.topUpByCard', { amountKopecks: 10_000, card, remember: true, idempotencyKey: randomUUID() });
    const { savedCards } = await value<{ savedCards: Array<{ id: string }> }>('payments.options', {});
    const before = await balance();
    const amount = 20_000;
    await value('payments.setAutopay', { cardId: savedCards[0]!.id, amountKopecks: 30_000, mode: 'threshold', thresholdKopecks: before - amount - commission - 100 });

    const started = await value<{ payment: { id: string } }>('payments.startTransfer', { to: friend, amountKopecks: amount, idempotencyKey: randomUUID() });
    await value('payments.confirmTransfer', { paymentId: started.payment.id, code: lastCode() });
    expect(await balance()).toBe(before - amount - commission);
  });
});
