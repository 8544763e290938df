import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Acquirer, AcquirerAnswer } from '../../electron/core/money/ports';
import { randomIds } from '../../electron/core/ids';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from './support';

/**
 * An acquirer whose charges are slow to arrive: until `arrive()` it has seen nothing (`unknown`), as when the
 * request is still on the wire — from this app, or from another app of a store chain.
 */
class SlowAcquirer implements Acquirer {
  readonly testMode = false;
  private readonly seen = new Map<string, AcquirerAnswer>();
  private readonly inFlight: Array<() => void> = [];
  charged = 0;

  charge(request: { paymentId: string }): Promise<AcquirerAnswer> {
    return new Promise((resolve) => {
      this.inFlight.push(() => {
        this.seen.set(request.paymentId, { outcome: 'succeeded' });
        this.charged += 1;
        resolve({ outcome: 'succeeded' });
      });
    });
  }
  async completeChallenge(): Promise<AcquirerAnswer> {
    return { outcome: 'declined', reason: 'do-not-honor' };
  }
  async status(paymentId: string): Promise<AcquirerAnswer | { outcome: 'unknown' }> {
    return this.seen.get(paymentId) ?? { outcome: 'unknown' };
  }
  arrive(): void {
    for (const deliver of this.inFlight.splice(0)) deliver();
  }
}

const TIMEOUT_MS = 50;
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
let acquirer: SlowAcquirer;
beforeEach(async () => {
  dir = await tempDir();
  acquirer = new SlowAcquirer();
  cabinet = await openTestCabinet(dir.path, { acquirer, acquirerTimeoutMs: TIMEOUT_MS });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

async function call(method: string, input: unknown) {
  const result = await cabinet.dispatcher.dispatch(cabinet.window(), method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string; status: string; declineReason?: string | null };
}
const balance = async () => ((await cabinet.dispatcher.dispatch(cabinet.window(), 'account.overview', {})) as { value: { balanceKopecks: number } }).value.balanceKopecks;

describe('a card payment the acquirer has not seen yet', () => {
  it('stays pending while its charge may still be on the way, is credited when it arrives, and only fails when it never came', async () => {
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const before = await balance();
    const pay = () => call('payments.topUpByCard', { amountKopecks: 10_000, card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey: randomUUID() });

    // The acquirer does not answer within its deadline: the payment is left pending.
    const slow = await pay();
    expect(slow.status).toBe('pending');
    // Another app starting on the same store checks pending payments at once: the charge has not arrived, but it is young.
    expect((await call('payments.checkStatus', { paymentId: slow.id })).status).toBe('pending');
    acquirer.arrive();
    expect((await call('payments.checkStatus', { paymentId: slow.id })).status).toBe('succeeded');
    expect(await balance()).toBe(before + 10_000);

    // A charge that never reaches the acquirer (lost with a crash): past twice the deadline it failed, and nothing moved.
    const lost = await pay();
    cabinet.clock.advance(2 * TIMEOUT_MS + 1);
    const failed = await call('payments.checkStatus', { paymentId: lost.id });
    expect(failed).toMatchObject({ status: 'failed', declineReason: 'not-found-at-acquirer' });
    expect(await balance()).toBe(before + 10_000);
    expect(acquirer.charged).toBe(1);
  });

  it('is left pending by the recovery an app runs when it starts, and settled by the one after its deadline', async () => {
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const pending = await call('payments.topUpByCard', { amountKopecks: 10_000, card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey: randomUUID() });
    expect(pending.status).toBe('pending');
    const statusOf = async () =>
      cabinet.database.read(async (repos) => (await repos.payments.byId(pending.id))!.status);

    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { acquirer, acquirerTimeoutMs: TIMEOUT_MS, clock: cabinet.clock, ids: randomIds });
    // The start's recovery runs in the background; give it time to have asked.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await statusOf()).toBe('pending');

    await cabinet.close();
    cabinet.clock.advance(2 * TIMEOUT_MS + 1);
    cabinet = await openTestCabinet(dir.path, { acquirer, acquirerTimeoutMs: TIMEOUT_MS, clock: cabinet.clock, ids: randomIds });
    await vi.waitFor(async () => expect(await statusOf()).toBe('failed'));
  });
});
