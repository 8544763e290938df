// Issue 17 findings 3 (re-entry) and 4: the password lockout holds against parallel guesses, and the
// password re-entered on sensitive screens counts toward the same lockout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from '../integration/support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown, window = 'window-1'): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window(window), method, input);
}
const failuresOf = (msisdn: string) => cabinet.database.read((repos) => repos.passwordFailures.get(msisdn as never));

describe('password guessing', () => {
  it('200 parallel wrong passwords count 200, lock the number, and the right password is refused after them', { timeout: 120_000 }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) => call('auth.signInWithPassword', { phone: demoLine.msisdn, password: `wrong-guess-${n}` }, `attacker-${n}`)),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
    // Only the free tries were checked at all; the rest were refused without a look at the password.
    const checked = answers.filter((answer) => !answer.ok && answer.error.code === 'INVALID_CREDENTIALS');
    expect(checked.length).toBeLessThanOrEqual(5);
    const failures = await failuresOf(demoLine.msisdn);
    expect(failures?.consecutive).toBe(200);
    expect(failures?.lockedUntil).toBeGreaterThan(cabinet.clock.now());

    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'owner')).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', details: { recoveryBySms: true } },
    });
    expect(await call('auth.currentSession', {}, 'owner')).toEqual({ ok: true, value: null });
  });

  it('the right password signs in once the wait is over, and the count starts again', async () => {
    for (let i = 0; i < 5; i += 1) await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'wrong-password' });
    cabinet.clock.advance(60_000);
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password })).toMatchObject({ ok: true });
    expect(await failuresOf(demoLine.msisdn)).toBeNull();
  });
});

describe('the password re-entered on sensitive screens', () => {
  beforeEach(async () => {
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'thief')).toMatchObject({ ok: true });
  });

  it('wrong current passwords in «change password» lock the number for sign-in too', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await call('security.changePassword', { current: `guess-${i}-password`, next: 'Brand-New-Harbour-9' }, 'thief')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CREDENTIALS' },
      });
    }
    expect(await call('security.changePassword', { current: demo.password, next: 'Brand-New-Harbour-9' }, 'thief')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, 'owner')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('parallel wrong passwords at «block SIM» are counted each, and block nothing', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => call('security.blockSim', { password: `guess-${n}-password` }, 'thief')));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
    expect((await failuresOf(demoLine.msisdn))?.consecutive).toBe(50);
    expect(await call('security.blockSim', { password: demo.password }, 'thief')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
