import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

// Анна Петрова's first number: a year old, so up to 450 ₽ of promised payment.
const anna = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'anna-petrova')!;
const msisdn = anna.lines[0]!.msisdn;

let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;
afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = null;
  dir = null;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
/** Takes a promised payment of `kopecks` on a cabinet with this data: what the balance gains, and the fee on record. */
async function take(data: OperatorData, kopecks: number) {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { operatorData: data });
  const opened = cabinet;
  const call = (method: string, input: unknown = {}) => opened.dispatcher.dispatch(opened.window(), method, input) as Promise<Answer>;
  await call('auth.signInWithPassword', { phone: msisdn, password: anna.password });
  const before = (await call('account.overview')).value.balanceKopecks as number;
  const taken = await call('payments.takePromised', { amountKopecks: kopecks, idempotencyKey: randomUUID() });
  expect(taken.ok, JSON.stringify(taken.error)).toBe(true);
  const after = (await call('account.overview')).value.balanceKopecks as number;
  return { credited: after - before, open: taken.value.open as { amountKopecks: number; feeKopecks: number }, offerFee: taken.value.fee, offer: taken.value };
}

describe('the promised payment’s fee is what the operator data says (issue 17 finding 9)', () => {
  it('the bundled data takes 10 % of the whole amount above 100 ₽: 110 ₽ credits 99 ₽, and the offer says so', async () => {
    expect(operatorData.payments.promisedPayment.fee).toEqual({ freeUpToKopecks: 10_000, percentAbove: 10, percentOf: 'whole-amount' });
    const { credited, open, offerFee } = await take(operatorData, 11_000);
    expect(open).toMatchObject({ amountKopecks: 11_000, feeKopecks: 1_100 });
    expect(credited).toBe(9_900);
    expect(offerFee).toMatchObject({ percentOf: 'whole-amount' });
  });

  it('data that takes the fee on the part above 100 ₽ only: 110 ₽ credits 109 ₽', async () => {
    const data = structuredClone(operatorData);
    Object.assign(data.payments.promisedPayment.fee, { percentOf: 'part-above' });
    const { credited, open, offerFee } = await take(data, 11_000);
    expect(open).toMatchObject({ amountKopecks: 11_000, feeKopecks: 100 });
    expect(credited).toBe(10_900);
    expect(offerFee).toMatchObject({ percentOf: 'part-above' });
  });

  it('up to the free amount there is no fee either way', async () => {
    expect((await take(operatorData, 10_000)).credited).toBe(10_000);
  });
});

describe('the promised payment’s other rules come from the operator data too', () => {
  it('the offer tells the line age, pause and lowest balance the reasons refer to, as the data says them', async () => {
    const data = structuredClone(operatorData);
    Object.assign(data.payments.promisedPayment, { cooldownDays: 11, lowestBalanceKopecks: -5_000 });
    data.payments.promisedPayment.scale = data.payments.promisedPayment.scale.map((step) => ({ ...step, minLineAgeDays: step.minLineAgeDays + 5 }));
    const { offer } = await take(data, 10_000);
    expect(offer.rules).toEqual({ minLineAgeDays: 65, cooldownDays: 11, lowestBalanceKopecks: -5_000 });
    expect(offer.reasons).toContain('already-open');
  });
});
