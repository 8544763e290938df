import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

// The sender: Дмитрий Соколов, Novosibirsk (UTC+7), with money enough for every limit. The machine the
// cabinet runs on is in Honolulu (UTC−10): Novosibirsk's midnight is 07:00 there, the middle of its morning.
const dmitry = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'dmitry-sokolov')!;
const sender = dmitry.lines[0]!.msisdn as E164;
const recipient = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'anna-petrova')!.lines[0]!.msisdn;
const rules = operatorData.payments.transfer;
const data: OperatorData = structuredClone(operatorData);
data.demoSubscribers.find((subscriber) => subscriber.id === dmitry.id)!.lines[0]!.openingBalanceKopecks = 10_000_000;

const machineZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Honolulu';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

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
/** The one-time code of the newest SMS to the sender: its last group of 4–6 digits that is not part of a number. */
const lastCode = () => [...(cabinet.handset!.inbox(sender)[0]?.text ?? '').matchAll(/(?<![\d+])\d{4,6}(?!\d)/g)].at(-1)?.[0] ?? '';
/** At a local time in Novosibirsk: signs in afresh (the clock jumps further than a session lives). */
async function at(novosibirsk: string) {
  cabinet.clock.set(Date.parse(`${novosibirsk}+07:00`));
  expect((await call('auth.signInWithPassword', { phone: sender, password: dmitry.password })).ok).toBe(true);
}
const start = async (amountKopecks = rules.maxKopecks) => {
  const started = await call('payments.startTransfer', { to: recipient, amountKopecks, idempotencyKey: randomUUID() });
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  return started.value.payment.id as string;
};
const confirm = (paymentId: string) => call('payments.confirmTransfer', { paymentId, code: lastCode() });
const send = async (amountKopecks = rules.maxKopecks) => confirm(await start(amountKopecks));

describe('transfer limits count by the confirmation’s day in the region’s calendar (issue 17 finding 8)', () => {
  it('a transfer started before midnight in Novosibirsk and confirmed after it counts toward the new day, whatever the machine’s zone', async () => {
    expect(rules.perDayKopecks).toBe(3 * rules.maxKopecks);
    // 24 November, the evening in Novosibirsk (the morning of the 24th on the machine): 10 000 ₽ sent.
    await at('2026-11-24T21:00:00');
    expect((await send()).ok).toBe(true);
    await at('2026-11-24T22:30:00');
    expect((await send()).ok).toBe(true);
    // 5 000 ₽ more is started before midnight; its code is entered after it.
    await at('2026-11-24T23:58:00');
    const lateOne = await start();
    cabinet.clock.set(Date.parse('2026-11-25T00:02:00+07:00'));
    expect((await confirm(lateOne)).ok).toBe(true);
    expect((await call('payments.options')).value.transfer).toMatchObject({ sentTodayKopecks: rules.maxKopecks });
    // The 25th in Novosibirsk, still the 24th on the machine: the 24th's 10 000 ₽ do not count, the late one does.
    await at('2026-11-25T01:00:00');
    expect((await send()).ok).toBe(true);
    await at('2026-11-25T02:30:00');
    expect((await send()).ok).toBe(true);
    expect((await call('payments.previewTransfer', { to: recipient, amountKopecks: rules.minKopecks })).value).toMatchObject({ allowed: false, reason: 'daily-limit' });
    const refused = await call('payments.startTransfer', { to: recipient, amountKopecks: rules.minKopecks, idempotencyKey: randomUUID() });
    expect(refused.error).toMatchObject({ code: 'VALIDATION', details: { reason: 'daily-limit' } });
    // The next day in Novosibirsk the limit is whole again.
    await at('2026-11-26T00:00:00');
    expect((await send()).ok).toBe(true);
  });

  it('the monthly limit counts by the month of the confirmation in Novosibirsk', async () => {
    const perMonth = rules.perMonthKopecks;
    expect(perMonth).toBe(8 * rules.maxKopecks);
    // 30 November: 5 000 ₽ started a minute before midnight, confirmed a minute after: December's.
    await at('2026-11-30T23:59:00');
    const lateOne = await start();
    cabinet.clock.set(Date.parse('2026-12-01T00:01:00+07:00'));
    expect((await confirm(lateOne)).ok).toBe(true);
    // Then 35 000 ₽ more over three days, a few hours apart: 40 000 ₽ confirmed in December.
    for (const time of ['01T09', '01T14', '02T09', '02T12', '02T15', '03T09', '03T14']) {
      await at(`2026-12-${time}:00:00`);
      expect((await send()).ok).toBe(true);
    }
    // On the 3rd 5 000 ₽ of the day's 15 000 ₽ are left, none of the month's.
    expect((await call('payments.options')).value.transfer).toMatchObject({ sentTodayKopecks: 2 * rules.maxKopecks, sentThisMonthKopecks: perMonth });
    expect((await call('payments.previewTransfer', { to: recipient, amountKopecks: rules.minKopecks })).value).toMatchObject({ allowed: false, reason: 'monthly-limit' });
    const refused = await call('payments.startTransfer', { to: recipient, amountKopecks: rules.minKopecks, idempotencyKey: randomUUID() });
    expect(refused.error).toMatchObject({ code: 'VALIDATION', details: { reason: 'monthly-limit' } });
    // January in Novosibirsk (still 31 December on the machine): a new month.
    await at('2027-01-01T00:30:00');
    expect((await send()).ok).toBe(true);
  });
});
