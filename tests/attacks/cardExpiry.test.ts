import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardProblems } from '../../shared/card';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

const anna = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'anna-petrova')!;
const msisdn = anna.lines[0]!.msisdn;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  vi.useRealTimers();
  await cabinet.close();
  await dir.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (method: string, input: unknown = {}) => cabinet.dispatcher.dispatch(cabinet.window(), method, input) as Promise<Answer>;
const topUp = (expiry: string) =>
  call('payments.topUpByCard', { amountKopecks: 10_000, card: { number: '4111 1111 1111 1111', expiry, cvc: '123' }, remember: false, idempotencyKey: randomUUID() });
/** The machine's own clock, set apart from the app's. */
const machineAt = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
};

describe('a card’s expiry is judged by the app’s clock, not the machine’s (issue 17 finding 11)', () => {
  it('a card good by the app’s clock is taken though the machine’s clock is years ahead', async () => {
    machineAt('2030-06-01T12:00:00Z');
    await call('auth.signInWithPassword', { phone: msisdn, password: anna.password });
    // The app's clock says 24 November 2026: a card valid through December 2027 is good.
    const answer = await topUp('12/27');
    expect(answer.error).toBeUndefined();
    expect(answer.value).toMatchObject({ status: 'succeeded', amountKopecks: 10_000 });
  });

  it('a card expired by the app’s clock is refused, naming the field, though the machine’s clock is years behind', async () => {
    machineAt('2020-01-01T12:00:00Z');
    // The app's clock says 1 January 2027: a card valid through December 2026 has expired.
    cabinet.clock.set(Date.parse('2027-01-01T09:00:00Z'));
    await call('auth.signInWithPassword', { phone: msisdn, password: anna.password });
    const before = (await call('account.overview')).value.balanceKopecks as number;
    const answer = await topUp('12/26');
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'card.expiry' }] } } });
    expect((await call('account.overview')).value.balanceKopecks).toBe(before);
    // Its last day was still good by the app's clock.
    cabinet.clock.set(Date.parse('2026-12-31T20:00:00Z'));
    await call('auth.signInWithPassword', { phone: msisdn, password: anna.password });
    expect((await topUp('12/26')).value).toMatchObject({ status: 'succeeded' });
  });

  it('the shared check takes the clock it is given and never reads the machine’s', () => {
    machineAt('2030-06-01T12:00:00Z');
    const card = { number: '4111 1111 1111 1111', expiry: '12/27', cvc: '123' };
    expect(cardProblems(card, Date.parse('2026-11-24T09:00:00Z'))).toEqual([]);
    expect(cardProblems(card, Date.parse('2028-01-01T09:00:00Z'))).toEqual([{ field: 'expiry', expected: expect.any(String) }]);
  });
});
