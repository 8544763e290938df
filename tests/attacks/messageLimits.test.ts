// Issue 17 finding 5 (messages to phones): passwordless prompts were unlimited (20 to one phone in a minute) and
// nothing capped what one computer could send or try across numbers. Every message sent to a phone before sign-in
// (an SMS code of a way in, a passwordless prompt) is now counted per number and per device, per hour and per
// calendar day of the operator data's day region; codes and PUKs tried are counted per device. A refusal is the
// same for every number and says when to try again.
import { afterEach, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { CallContext } from '../../electron/ipc/dispatcher';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { demoLine, openTestCabinet, operatorData, tempDir, TEST_ORIGIN, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const limits = operatorData.codes.signInLimits;

let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
let cabinet: TestCabinet | undefined;

afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = undefined;
  dir = undefined;
});

async function open(data: OperatorData = operatorData): Promise<TestCabinet> {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { operatorData: data });
  return cabinet;
}

const from = (device: string, window = device): CallContext => ({ senderId: window, origin: TEST_ORIGIN, device });
/** Numbers that are not ours: +7 999 000-00-00 onwards. */
const numberOf = (i: number) => `+7999${String(10_000_000 + i).slice(1)}`;
const prompt = (c: TestCabinet, phone: string, device = 'kiosk-1') => c.dispatcher.dispatch(from(device), 'auth.startConfirmation', { phone });
const code = (c: TestCabinet, phone: string, device = 'kiosk-1', purpose = 'sign-in') => c.dispatcher.dispatch(from(device), 'auth.requestCode', { phone, purpose });
const details = (answer: Result<unknown>) => (answer.ok ? {} : (answer.error.details as { retryAfterSeconds?: number; retryAt?: string; limit?: string }));

it('the operator data holds the limits', () => {
  expect(limits).toEqual({
    dayRegion: 'moscow',
    messages: { perNumberPerHour: 5, perNumberPerDay: 10, perDevicePerHour: 30, perDevicePerDay: 200 },
    verifies: { perDevicePerHour: 60, perDevicePerDay: 300 },
  });
});

it('a number gets at most 5 messages an hour, codes and prompts together, from whichever computer they are asked', async () => {
  const c = await open();
  const answers: Array<Result<unknown>> = [];
  for (let i = 0; i < 6; i += 1) {
    // A prompt, then a code, from another computer each time: none of them resets the number's count.
    answers.push(await (i % 2 ? code(c, demoLine.msisdn, `computer-${i}`) : prompt(c, demoLine.msisdn, `computer-${i}`)));
    c.clock.advance(2 * MINUTE);
  }
  expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, true, true, false]);
  const refused = answers.at(-1)!;
  expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  // The first message leaves the hour at 10:00; the refusal was at 09:10.
  expect(details(refused)).toMatchObject({ limit: 'number-hour', retryAt: '2026-11-24T10:00:00.000Z', retryAfterSeconds: 50 * 60 });
  expect(c.handset!.openPrompts(demoLine.msisdn as never).length + c.handset!.inbox(demoLine.msisdn as never).length).toBe(5);
  c.clock.set(Date.parse('2026-11-24T10:00:00Z'));
  expect((await prompt(c, demoLine.msisdn)).ok).toBe(true);
});

it('a number gets at most 10 messages a calendar day in the day region; the next day starts at midnight there', async () => {
  const c = await open();
  // 09:00 UTC is 12:00 in Moscow: ten prompts over two hours, then the day is full until Moscow's midnight (21:00 UTC).
  for (let i = 0; i < 10; i += 1) {
    expect((await prompt(c, demoLine.msisdn, `computer-${i}`)).ok).toBe(true);
    c.clock.advance(i === 4 ? HOUR : MINUTE);
  }
  const full = await prompt(c, demoLine.msisdn, 'another-computer');
  expect(details(full)).toMatchObject({ limit: 'number-day', retryAt: '2026-11-24T21:00:00.000Z' });
  c.clock.set(Date.parse('2026-11-24T20:59:59Z'));
  expect((await prompt(c, demoLine.msisdn)).ok).toBe(false);
  c.clock.set(Date.parse('2026-11-24T21:00:00Z'));
  expect((await prompt(c, demoLine.msisdn)).ok).toBe(true);
});

it('the day region is operator data: with Vladivostok the day turns at 14:00 UTC', async () => {
  const c = await open({ ...operatorData, codes: { ...operatorData.codes, signInLimits: { ...limits, dayRegion: 'vladivostok' } } });
  for (let i = 0; i < 10; i += 1) {
    await prompt(c, '+79990001122', `computer-${i}`);
    c.clock.advance(i === 4 ? HOUR : MINUTE);
  }
  expect(details(await prompt(c, '+79990001122'))).toMatchObject({ limit: 'number-day', retryAt: '2026-11-24T14:00:00.000Z' });
});

it('one computer asking for 1,000 numbers gets 30 messages an hour and 200 a day, whatever the numbers are', { timeout: 180_000 }, async () => {
  const c = await open();
  const phones = Array.from({ length: 1000 }, (_, i) => (i === 500 ? demoLine.msisdn : numberOf(i)));
  let admitted = 0;
  let refusal: Result<unknown> | undefined;
  for (const phone of phones) {
    const answer = await code(c, phone, 'attacker');
    if (answer.ok) admitted += 1;
    else refusal ??= answer;
  }
  expect(admitted).toBe(30);
  expect(details(refusal!)).toMatchObject({ limit: 'device-hour', retryAt: '2026-11-24T10:00:00.000Z' });
  // The subscriber among them is refused in the same words as the numbers that are not ours.
  expect(await code(c, demoLine.msisdn, 'attacker')).toEqual(await code(c, numberOf(999), 'attacker'));

  // Hour after hour until Moscow's midnight: the day's 200 run out first.
  let next = 2000;
  let dayRefusal: Result<unknown> | undefined;
  while (c.clock.now() < Date.parse('2026-11-24T20:00:00Z')) {
    c.clock.advance(HOUR);
    for (let i = 0; i < 31; i += 1) {
      const answer = await code(c, numberOf(next++), 'attacker');
      if (answer.ok) admitted += 1;
      else if (details(answer).limit === 'device-day') dayRefusal ??= answer;
    }
  }
  expect(admitted).toBe(200);
  expect(details(dayRefusal!)).toMatchObject({ retryAt: '2026-11-24T21:00:00.000Z' });
  // Another computer is not held back by this one's count.
  expect((await code(c, numberOf(998), 'kiosk-2')).ok).toBe(true);
  c.clock.set(Date.parse('2026-11-24T21:00:00Z'));
  expect((await code(c, numberOf(1), 'attacker')).ok).toBe(true);
});

it('one computer may try 60 codes or PUKs an hour and 300 a day, across numbers', async () => {
  const c = await open();
  const tries: Array<Result<unknown>> = [];
  for (let i = 0; i < 61; i += 1) {
    const phone = numberOf(i);
    tries.push(
      await (i % 2
        ? c.dispatcher.dispatch(from('attacker'), 'auth.signInWithPuk', { phone, puk: '00000000' })
        : c.dispatcher.dispatch(from('attacker'), 'auth.signInWithCode', { phone, purpose: 'sign-in', code: '000000' })),
    );
  }
  expect(tries.slice(0, 60).every((answer) => !answer.ok && answer.error.code !== 'RATE_LIMITED')).toBe(true);
  expect(tries.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { limit: 'device-hour', retryAt: '2026-11-24T10:00:00.000Z' } } });
  // The subscriber's PUK from that computer waits too, and is not spent by the refusal.
  expect(await c.dispatcher.dispatch(from('attacker'), 'auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk })).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
  // Five more hours make 300 tries: the day is full until Moscow's midnight.
  let tried = 60;
  for (let hour = 0; hour < 5; hour += 1) {
    c.clock.advance(HOUR);
    for (let i = 0; i < 60; i += 1) {
      const answer = await c.dispatcher.dispatch(from('attacker'), 'auth.signInWithCode', { phone: numberOf(100 + tried), purpose: 'sign-in', code: '000000' });
      if (!answer.ok && answer.error.code !== 'RATE_LIMITED') tried += 1;
    }
  }
  expect(tried).toBe(300);
  c.clock.advance(HOUR);
  const dayFull = await c.dispatcher.dispatch(from('attacker'), 'auth.signInWithCode', { phone: numberOf(999), purpose: 'sign-in', code: '000000' });
  expect(details(dayFull)).toMatchObject({ limit: 'device-day', retryAt: '2026-11-24T21:00:00.000Z' });
  // Another computer still signs the subscriber in with the PUK.
  expect((await c.dispatcher.dispatch(from('kiosk-2'), 'auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk })).ok).toBe(true);
});
