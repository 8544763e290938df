import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Schedule } from '../../electron/core/auth/confirmationSignIn';
import type { Logger } from '../../electron/core/logger';
import type { Result } from '../../shared/contract/errors';
import { demo, demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A schedule that runs only when the test says time has passed. */
class ManualSchedule {
  private tasks: Array<{ at: number; run: () => void; done: boolean }> = [];
  constructor(private readonly now: () => number) {}
  schedule: Schedule = (ms, run) => {
    const task = { at: this.now() + ms, run, done: false };
    this.tasks.push(task);
    return () => (task.done = true);
  };
  runDue(): void {
    for (const task of this.tasks) {
      if (task.done || task.at > this.now()) continue;
      task.done = true;
      task.run();
    }
  }
}

const unregistered = operatorData.demoSubscribers.find((subscriber) => subscriber.password === null)!;
const blocked = operatorData.demoSubscribers.find((subscriber) => subscriber.lines.some((line) => line.status === 'blocked'))!;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
let schedule: ManualSchedule;
const logged: string[] = [];
const sent: unknown[] = [];
const capturingLogger: Logger = {
  info: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
  warn: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
  error: (message, fields) => void logged.push(message + JSON.stringify(fields ?? {})),
};

beforeEach(async () => {
  dir = await tempDir();
  let clockNow = () => 0;
  schedule = new ManualSchedule(() => clockNow());
  cabinet = await openTestCabinet(dir.path, { schedule: schedule.schedule, logger: capturingLogger });
  clockNow = () => cabinet.clock.now();
  logged.length = 0;
  sent.length = 0;
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

async function call(method: string, input: unknown, window = 'window-1'): Promise<Result<unknown>> {
  const result = await cabinet.dispatcher.dispatch(cabinet.window(window), method, input);
  sent.push(result);
  return result;
}
const lastCode = (msisdn: string) => /\b(\d{6})\b/.exec(cabinet.handset!.inbox(msisdn as never)[0]?.text ?? '')?.[1];
const requestCode = (msisdn: string, purpose = 'sign-in') => call('auth.requestCode', { phone: msisdn, purpose });
const codeSignIn = (msisdn: string, code: string, purpose = 'sign-in') => call('auth.signInWithCode', { phone: msisdn, purpose, code });

describe('one-time codes', () => {
  it('a code is accepted at 9:59.999 and refused at 10:00.000', async () => {
    await requestCode(demoLine.msisdn);
    const code = lastCode(demoLine.msisdn)!;
    cabinet.clock.advance(10 * MINUTE - 1);
    expect(await codeSignIn(demoLine.msisdn, code)).toMatchObject({ ok: true, value: { way: 'code', mustSetPassword: false } });

    cabinet.clock.advance(MINUTE);
    await requestCode(demoLine.msisdn);
    cabinet.clock.advance(10 * MINUTE);
    expect(await codeSignIn(demoLine.msisdn, lastCode(demoLine.msisdn)!)).toMatchObject({ ok: false, error: { code: 'OTP_EXPIRED' } });
  });

  it('a code works once', async () => {
    await requestCode(demoLine.msisdn);
    const code = lastCode(demoLine.msisdn)!;
    expect(await codeSignIn(demoLine.msisdn, code)).toMatchObject({ ok: true });
    expect(await codeSignIn(demoLine.msisdn, code, 'sign-in')).toMatchObject({ ok: false, error: { code: 'OTP_EXPIRED' } });
  });

  it('counts down the tries and refuses even the right code on the 4th', async () => {
    await requestCode(demoLine.msisdn);
    const code = lastCode(demoLine.msisdn)!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codeSignIn(demoLine.msisdn, wrong)).toMatchObject({ error: { code: 'OTP_INVALID', details: { triesLeft: 2 } } });
    expect(await codeSignIn(demoLine.msisdn, wrong)).toMatchObject({ error: { code: 'OTP_INVALID', details: { triesLeft: 1 } } });
    expect(await codeSignIn(demoLine.msisdn, wrong)).toMatchObject({ error: { code: 'OTP_INVALID', details: { triesLeft: 0 } } });
    expect(await codeSignIn(demoLine.msisdn, code)).toMatchObject({ ok: false, error: { code: 'OTP_INVALID', details: { triesLeft: 0 } } });
  });

  it('a new code can be asked for after 60 s, not before', async () => {
    await requestCode(demoLine.msisdn);
    cabinet.clock.advance(60 * SECOND - 1);
    expect(await requestCode(demoLine.msisdn)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } } });
    cabinet.clock.advance(1);
    expect(await requestCode(demoLine.msisdn)).toMatchObject({ ok: true });
  });

  it('the 6th code in an hour is refused with the wait in seconds', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await requestCode(demoLine.msisdn)).toMatchObject({ ok: true });
      cabinet.clock.advance(MINUTE);
    }
    expect(await requestCode(demoLine.msisdn)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 55 * 60 } } });
    cabinet.clock.advance(55 * MINUTE);
    expect(await requestCode(demoLine.msisdn)).toMatchObject({ ok: true });
  });

  // 10,000 transactions: on the shared store of a busy CI machine that is about half a minute.
  it('10,000 guesses through the dispatcher sign nobody in', { timeout: 120_000 }, async () => {
    await requestCode(demoLine.msisdn);
    const real = lastCode(demoLine.msisdn)!;
    // 10,000 6-digit codes, the real one last: only 3 tries are ever checked.
    const guesses = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(6, '0')).filter((guess) => guess !== real);
    guesses.push(real);
    let signedIn = 0;
    for (const guess of guesses) {
      const result = await cabinet.dispatcher.dispatch(cabinet.window('attacker'), 'auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code: guess });
      if (result.ok) signedIn += 1;
      if (guess.endsWith('00')) await cabinet.dispatcher.dispatch(cabinet.window('attacker'), 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' });
    }
    expect(signedIn).toBe(0);
    expect(await call('auth.currentSession', {}, 'attacker')).toEqual({ ok: true, value: null });
  });

  it('a number that is not ours is answered as ours is, and gets no SMS (issue 17: nobody can list our numbers)', async () => {
    const ours = await requestCode(demoLine.msisdn);
    expect(await requestCode('+79990001122')).toEqual(ours);
    expect(cabinet.handset!.inbox('+79990001122' as never)).toEqual([]);
  });
});

describe('passwords', () => {
  it('after 5 wrong passwords in a row the number waits 1 min, then 2, 4 … up to an hour', async () => {
    const wrong = () => call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'wrong-password' });
    for (let i = 0; i < 4; i += 1) expect(await wrong()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(await wrong()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', details: { retryAfterSeconds: 60 } } });
    const right = () => call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const ladder = [2, 4, 8, 16, 32, 60, 60];
    let wait = 60;
    for (const minutes of ladder) {
      cabinet.clock.advance(wait * SECOND);
      expect(await wrong()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', details: { retryAfterSeconds: minutes * 60 } } });
      wait = minutes * 60;
    }
    // Even the right password waits (the attempt counts, the wait does not grow).
    expect(await right()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: wait, recoveryBySms: true } } });
    cabinet.clock.advance(wait * SECOND);
    expect(await right()).toMatchObject({ ok: true });
  });

  it('an unknown number is held back the same way', async () => {
    for (let i = 0; i < 5; i += 1) await call('auth.signInWithPassword', { phone: '+79990001122', password: 'wrong-password' });
    expect(await call('auth.signInWithPassword', { phone: '+79990001122', password: 'x-password' })).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } } });
  });

  it('recovery by SMS works while the number waits, and asks for a new password at once', async () => {
    for (let i = 0; i < 5; i += 1) await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'wrong-password' });
    await requestCode(demoLine.msisdn, 'recover');
    expect(await codeSignIn(demoLine.msisdn, lastCode(demoLine.msisdn)!, 'recover')).toMatchObject({ ok: true, value: { way: 'recovery', mustSetPassword: true } });
    expect(await call('account.overview', {})).toMatchObject({ error: { code: 'NOT_ELIGIBLE', details: { reason: 'must-set-password' } } });
    expect(await call('auth.setPassword', { password: 'Lighthouse-42' })).toMatchObject({ ok: true, value: { mustSetPassword: false } });
    expect(await call('account.overview', {})).toMatchObject({ ok: true });
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'Lighthouse-42' }, 'window-2')).toMatchObject({ ok: true });
  });

  it.each([
    ['short1', 'too-short'],
    ['qwerty123', 'common'],
    ['+7 900 123-45-67', 'phone-number'],
  ])('"%s" is refused as a new password (%s)', async (password, rule) => {
    await requestCode(demoLine.msisdn, 'recover');
    await codeSignIn(demoLine.msisdn, lastCode(demoLine.msisdn)!, 'recover');
    const phoneLike = password.startsWith('+7') ? demoLine.msisdn : password;
    expect(await call('auth.setPassword', { password: phoneLike })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { rule, fields: [{ field: 'password' }] } },
    });
  });
});

describe('registration, PUK, blocked SIM, passwordless', () => {
  it('a number without a password registers by SMS code and sets one', async () => {
    const line = unregistered.lines[0]!;
    // A sign-in code for a number without a password: the same answer as any, but no SMS.
    expect(await requestCode(line.msisdn, 'sign-in')).toMatchObject({ ok: true });
    expect(lastCode(line.msisdn)).toBeUndefined();
    expect(await requestCode(line.msisdn, 'register')).toMatchObject({ ok: true });
    expect(await codeSignIn(line.msisdn, lastCode(line.msisdn)!, 'register')).toMatchObject({ ok: true, value: { way: 'registration', mustSetPassword: true } });
    expect(await call('auth.setPassword', { password: 'Ural-Mountains-7' })).toMatchObject({ ok: true });
    expect(await call('auth.signInWithPassword', { phone: line.msisdn, password: 'Ural-Mountains-7' }, 'window-2')).toMatchObject({ ok: true });
    cabinet.clock.advance(MINUTE);
    const sms = cabinet.handset!.inbox(line.msisdn as never).length;
    expect(await requestCode(line.msisdn, 'register')).toMatchObject({ ok: true });
    expect(cabinet.handset!.inbox(line.msisdn as never)).toHaveLength(sms);
  });

  it('three wrong PUKs switch PUK sign-in off for the line', async () => {
    const puk = (value: string) => call('auth.signInWithPuk', { phone: demoLine.msisdn, puk: value });
    expect(await puk('00000000')).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', details: { triesLeft: 2 } } });
    expect(await puk('00000000')).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', details: { triesLeft: 1 } } });
    expect(await puk('00000000')).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', details: { triesLeft: 0 } } });
    expect(await puk(demoLine.puk)).toMatchObject({ error: { code: 'NOT_ELIGIBLE', details: { reason: 'puk-disabled' } } });
  });

  it('the right PUK signs in and asks for a password', async () => {
    expect(await call('auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk })).toMatchObject({ ok: true, value: { way: 'puk', mustSetPassword: true } });
  });

  it('a blocked SIM gets no SMS and no prompt, but password and PUK still work', async () => {
    const line = blocked.lines[0]!;
    expect(await requestCode(line.msisdn)).toMatchObject({ ok: true });
    expect(await call('auth.startConfirmation', { phone: line.msisdn })).toMatchObject({ ok: true });
    expect(cabinet.handset!.inbox(line.msisdn as never)).toEqual([]);
    expect(cabinet.handset!.openPrompts(line.msisdn as never)).toEqual([]);
    expect(await call('auth.signInWithPassword', { phone: line.msisdn, password: blocked.password })).toMatchObject({ ok: true });
    expect(await call('auth.signInWithPuk', { phone: line.msisdn, puk: line.puk }, 'window-2')).toMatchObject({ ok: true });
  });

  it('pressing 1 on the phone signs the waiting window in; 2 declines; silence times out after 120 s', async () => {
    const events: unknown[] = [];
    cabinet.dispatcher.connect('window-1', (event, payload) => events.push({ event, payload }));
    const prompt = () => cabinet.handset!.openPrompts(demoLine.msisdn as never)[0]!;

    expect(await call('auth.startConfirmation', { phone: demoLine.msisdn })).toMatchObject({ ok: true });
    expect(prompt().text).toBe('Вход в личный кабинет. Нажмите 1 для подтверждения');
    await cabinet.handset!.press(prompt().id, '2');
    expect(events.at(-1)).toEqual({ event: 'confirmation.resolved', payload: { outcome: 'declined' } });

    await call('auth.startConfirmation', { phone: demoLine.msisdn });
    cabinet.clock.advance(120 * SECOND);
    schedule.runDue();
    expect(events.at(-1)).toEqual({ event: 'confirmation.resolved', payload: { outcome: 'timed-out' } });
    expect(cabinet.handset!.openPrompts(demoLine.msisdn as never)).toEqual([]);

    await call('auth.startConfirmation', { phone: demoLine.msisdn });
    expect(await call('auth.cancelConfirmation', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(events.at(-1)).toEqual({ event: 'confirmation.resolved', payload: { outcome: 'cancelled' } });

    await call('auth.startConfirmation', { phone: demoLine.msisdn });
    await cabinet.handset!.press(prompt().id, '1');
    expect(events.at(-1)).toEqual({ event: 'confirmation.resolved', payload: { outcome: 'approved' } });
    expect(await call('auth.currentSession', {})).toMatchObject({ ok: true, value: { way: 'confirmation', msisdn: demoLine.msisdn } });
  });
});

describe('sessions', () => {
  it('sign-out everywhere ends every session of the subscriber and tells each window', async () => {
    const events: unknown[] = [];
    cabinet.dispatcher.connect('window-2', (event, payload) => events.push({ event, payload }));
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'window-1');
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'window-2');
    expect(await call('auth.signOutEverywhere', {}, 'window-1')).toEqual({ ok: true, value: { ended: 2 } });
    expect(events).toEqual([{ event: 'session.ended', payload: { reason: 'signed-out-everywhere' } }]);
    expect(await call('auth.currentSession', {}, 'window-2')).toEqual({ ok: true, value: null });
  });

  it('records each sign-in with its way', async () => {
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    await requestCode(demoLine.msisdn);
    await codeSignIn(demoLine.msisdn, lastCode(demoLine.msisdn)!);
    await call('auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk });
    const ways = (await cabinet.database.read((repos) => repos.signIns.recentFor(demo.id, 10))).map((record) => record.way);
    expect(ways.sort()).toEqual(['code', 'password', 'puk']);
  });
});

describe('secrets', () => {
  it('no code, password or PUK appears in any answer to the cabinet window or in the log', async () => {
    const events: unknown[] = [];
    cabinet.dispatcher.connect('window-1', (event, payload) => events.push({ event, payload }));
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'Wrong-Secret-99' });
    await requestCode(demoLine.msisdn);
    const code = lastCode(demoLine.msisdn)!;
    await codeSignIn(demoLine.msisdn, code === '999999' ? '999998' : '999999');
    await codeSignIn(demoLine.msisdn, code);
    await call('auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk });
    await call('auth.setPassword', { password: 'Brand-New-Secret-1' });
    await call('auth.startConfirmation', { phone: demoLine.msisdn });

    const seen = JSON.stringify([sent, events, logged]);
    for (const secret of [demo.password, 'Wrong-Secret-99', 'Brand-New-Secret-1', demoLine.puk, `"${code}"`, `: ${code}`]) {
      expect(seen).not.toContain(secret);
    }
    expect(seen).not.toContain('scrypt$');
  });
});
