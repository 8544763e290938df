import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

// Анна Петрова has two numbers in Moscow (here with money enough for any change on both).
const anna = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'anna-petrova')!;
const [first, second] = anna.lines.map((line) => line.msisdn) as [string, string];
const data: OperatorData = structuredClone(operatorData);
for (const line of data.demoSubscribers.find((subscriber) => subscriber.id === anna.id)!.lines) line.openingBalanceKopecks = 1_000_000;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { operatorData: data });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (method: string, input: unknown = {}) => cabinet.dispatcher.dispatch(cabinet.window(), method, input) as Promise<Answer>;
const balance = async () => (await call('account.overview')).value.balanceKopecks as number;
async function on(msisdn: string) {
  expect((await call('numbers.switch', { msisdn })).ok).toBe(true);
}

describe('idempotency keys are bound to the number and the method (issue 17 finding 10)', () => {
  it('a service connected on one number with a key is connected on another number with the same key, and a retry on the first makes nothing twice', async () => {
    await call('auth.signInWithPassword', { phone: first, password: anna.password });
    const key = randomUUID();
    const before = await balance();
    const connected = (await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key })).value as Array<{ id: string; connected: boolean; monthlyFeeKopecks: number }>;
    const fee = connected.find((card) => card.id === 'extra-5gb')!.monthlyFeeKopecks;
    expect(connected.find((card) => card.id === 'extra-5gb')).toMatchObject({ connected: true });
    // A retry (the same key, the same number) connects nothing twice and takes no second fee.
    expect((await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key })).ok).toBe(true);
    expect(await balance()).toBe(before - fee);

    await on(second);
    const secondBefore = await balance();
    const onSecond = await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key });
    expect(onSecond.ok).toBe(true);
    expect((onSecond.value as Array<{ id: string; connected: boolean }>).find((card) => card.id === 'extra-5gb')).toMatchObject({ connected: true });
    expect(await balance()).toBe(secondBefore - fee);
    expect((await call('services.catalog')).value.find((card: { id: string }) => card.id === 'extra-5gb')).toMatchObject({ connected: true });
  });

  it('a tariff changed on one number with a key is changed on another number with the same key', async () => {
    await call('auth.signInWithPassword', { phone: first, password: anna.password });
    const key = randomUUID();
    expect((await call('tariffs.change', { tariffId: 'moy-razgovor', idempotencyKey: key })).value).toMatchObject({ msisdn: first, tariff: { id: 'moy-razgovor' } });
    await on(second);
    const secondBefore = await balance();
    const changed = await call('tariffs.change', { tariffId: 'moy-razgovor', idempotencyKey: key });
    expect(changed.value).toMatchObject({ msisdn: second, tariff: { id: 'moy-razgovor' } });
    expect(await balance()).toBeLessThan(secondBefore);
    // And the key that changed a tariff does not stand in for a service connection on the same number.
    const service = await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key });
    expect((service.value as Array<{ id: string; connected: boolean }>).find((card) => card.id === 'extra-5gb')).toMatchObject({ connected: true });
  });
});
