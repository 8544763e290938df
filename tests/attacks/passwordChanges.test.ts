// Issue 17 finding 3: a signed-in session cannot set a new password without the current one, and a password
// change, a recovery or a PUK sign-in ends every other session of the subscriber.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
const ended: Array<{ window: string; reason: unknown }> = [];

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  ended.length = 0;
  for (const window of ['thief', 'owner']) {
    cabinet.dispatcher.connect(window, (event, payload) => {
      if (event === 'session.ended') ended.push({ window, reason: (payload as { reason: unknown }).reason });
    });
  }
  // Someone who learnt the password is signed in on another device.
  expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'thief')).toMatchObject({ ok: true });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown, window = 'owner'): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window(window), method, input);
}
const lastCode = () => /\b(\d{6})\b/.exec(cabinet.handset!.inbox(demoLine.msisdn as never)[0]?.text ?? '')?.[1] ?? '';
const signedIn = async (window: string) => ((await call('auth.currentSession', {}, window)) as { value: unknown }).value !== null;

describe('setting a password', () => {
  it('a signed-in session cannot set a new password without the current one', async () => {
    expect(await call('auth.setPassword', { password: 'Taken-Over-Account-7' }, 'thief')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'current' }], reason: 'current-password-needed' } },
    });
    expect(await call('auth.setPassword', { password: 'Taken-Over-Account-7', current: 'a-wrong-guess' }, 'thief')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'owner')).toMatchObject({ ok: true });
  });

  it('with the current password it works, and every other session ends', async () => {
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'owner')).toMatchObject({ ok: true });
    expect(await call('auth.setPassword', { password: 'Owner-Took-Back-9', current: demo.password }, 'owner')).toMatchObject({ ok: true });
    expect(await signedIn('thief')).toBe(false);
    expect(ended).toEqual([{ window: 'thief', reason: 'password-changed' }]);
    expect(await signedIn('owner')).toBe(true);
  });

  it('a recovery sign-in sets a password without the current one only while it is fresh', async () => {
    await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'recover' });
    expect(await call('auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'recover', code: lastCode() })).toMatchObject({ ok: true, value: { mustSetPassword: true } });
    cabinet.clock.advance(10 * MINUTE);
    expect(await call('auth.setPassword', { password: 'Owner-Took-Back-9' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'proof-expired' } } });
  });
});

describe('a recovery or a PUK sign-in takes the account back', () => {
  it('recovering the password by SMS ends the other sessions', async () => {
    await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'recover' });
    expect(await call('auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'recover', code: lastCode() })).toMatchObject({ ok: true });
    expect(await signedIn('thief')).toBe(false);
    expect(ended).toEqual([{ window: 'thief', reason: 'password-changed' }]);
    expect(await call('auth.setPassword', { password: 'Owner-Took-Back-9' })).toMatchObject({ ok: true, value: { mustSetPassword: false } });
    expect(await signedIn('owner')).toBe(true);
  });

  it('a PUK sign-in ends the other sessions', async () => {
    expect(await call('auth.signInWithPuk', { phone: demoLine.msisdn, puk: demoLine.puk })).toMatchObject({ ok: true, value: { way: 'puk' } });
    expect(await signedIn('thief')).toBe(false);
    expect(await signedIn('owner')).toBe(true);
  });
});
