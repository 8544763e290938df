import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type MethodPath } from '../../shared/contract/index';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

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

const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
const marina = operatorData.demoSubscribers.find((s) => s.id === 'marina-itelmen')!;
const lastCode = (msisdn: string) => /\b(\d{6})\b/.exec(cabinet.handset!.inbox(msisdn as E164)[0]?.text ?? '')?.[1] ?? '';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (window: string, method: string, input: unknown) => cabinet.dispatcher.dispatch(cabinet.window(window), method, input) as Promise<Answer>;
const signIn = (window: string, subscriber: { lines: Array<{ msisdn: string }>; password: string | null }, line = 0) =>
  call(window, 'auth.signInWithPassword', { phone: subscriber.lines[line]!.msisdn, password: subscriber.password });

describe('security', () => {
  it('a password change needs the current one, ends the other sessions, and the new one signs in', async () => {
    await signIn('a', anna);
    await signIn('b', anna);
    const ended: string[] = [];
    cabinet.dispatcher.connect('b', (event, payload) => ended.push(`${event}:${JSON.stringify(payload)}`));
    expect(await call('a', 'security.changePassword', { current: 'wrong-one', next: 'Novyi-Parol-2027' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', details: { field: 'password' } },
    });
    expect(await call('a', 'security.changePassword', { current: anna.password, next: '12345678' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('a', 'security.changePassword', { current: anna.password, next: 'Novyi-Parol-2027' })).toMatchObject({ ok: true, value: { endedOtherSessions: 1 } });
    expect(ended).toEqual(['session.ended:{"reason":"password-changed"}']);
    expect((await call('b', 'account.overview', {})).error.code).toBe('UNAUTHENTICATED');
    expect((await call('c', 'auth.signInWithPassword', { phone: anna.lines[0]!.msisdn, password: anna.password })).ok).toBe(false);
    expect((await call('c', 'auth.signInWithPassword', { phone: anna.lines[0]!.msisdn, password: 'Novyi-Parol-2027' })).ok).toBe(true);
  });

  it('lists the active sessions without their ids, ends one by its handle, and keeps the sign-in history', async () => {
    await signIn('a', anna);
    await signIn('b', anna);
    await signIn('c', anna);
    const sessions = (await call('a', 'security.sessions', {})).value as Array<{ handle: string; current: boolean }>;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain('ses_');
    const other = sessions.find((s) => !s.current)!;
    expect((await call('a', 'security.endSession', { handle: other.handle })).value).toHaveLength(2);
    expect(await call('a', 'security.endOtherSessions', {})).toMatchObject({ ok: true, value: { ended: 1 } });
    expect((await call('a', 'security.sessions', {})).value).toHaveLength(1);
    const history = (await call('a', 'security.signInHistory', {})).value as Array<{ way: string; device: string }>;
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect(history[0]).toMatchObject({ way: 'password', device: 'test device' });
  });

  it('blocking the SIM needs the password, stops SMS sign-in, is free for 30 days then 1 ₽ a day, and unblocks', async () => {
    await signIn('a', dmitry);
    const msisdn = dmitry.lines[0]!.msisdn;
    expect((await call('a', 'security.blockSim', { password: 'nope' })).error.code).toBe('INVALID_CREDENTIALS');
    const blocked = await call('a', 'security.blockSim', { password: dmitry.password });
    expect(blocked.value).toMatchObject({ blocked: true, freeDays: 30, dailyFeeKopecks: 100 });
    // Asked for a code, the blocked number is answered as any number is (issue 17), and no SMS comes.
    const inbox = cabinet.handset!.inbox(msisdn as never).length;
    expect((await call('x', 'auth.requestCode', { phone: msisdn, purpose: 'sign-in' })).ok).toBe(true);
    expect(cabinet.handset!.inbox(msisdn as never)).toHaveLength(inbox);
    await expect(cabinet.usage.use(msisdn as E164, 'voice', 60)).rejects.toMatchObject({ code: 'SIM_BLOCKED' });
    // Weeks pass between the reads: each signs in afresh (a session ends after 15 idle minutes).
    const balance = async () => {
      await signIn('a', dmitry);
      return (await call('a', 'account.overview', {})).value.balanceKopecks as number;
    };
    const before = await balance();
    cabinet.clock.advance(29 * 86_400_000);
    expect(await balance()).toBe(before);
    // Days 31 and 32 of the block are paid, once however often the line is read.
    cabinet.clock.advance(2 * 86_400_000);
    expect(await balance()).toBe(before - 200);
    expect(await balance()).toBe(before - 200);
    expect((await call('a', 'security.unblockSim', { password: dmitry.password })).value).toMatchObject({ blocked: false });
    expect((await call('a', 'account.overview', {})).value.lineStatus).toBe('active');
    expect((await call('x', 'auth.requestCode', { phone: msisdn, purpose: 'sign-in' })).ok).toBe(true);
  });
});

describe('several numbers in one profile', () => {
  it('attaches a number by the code sent to it, switches to it and back, and detaches it', async () => {
    await signIn('a', anna);
    const own = (await call('a', 'numbers.list', {})).value as Array<{ msisdn: string; relation: string }>;
    expect(own.map((n) => [n.msisdn, n.relation])).toEqual(anna.lines.map((l) => [l.msisdn, 'own']));

    const other = marina.lines[0]!.msisdn;
    expect((await call('a', 'numbers.switch', { msisdn: other })).error.code).toBe('FORBIDDEN');
    expect((await call('a', 'numbers.requestAttach', { number: other })).ok).toBe(true);
    expect((await call('a', 'numbers.confirmAttach', { number: other, code: lastCode(other) === '000000' ? '111111' : '000000' })).error.code).toBe('OTP_INVALID');
    const attached = (await call('a', 'numbers.confirmAttach', { number: other, code: lastCode(other) })).value as Array<{ msisdn: string; relation: string }>;
    expect(attached.find((n) => n.msisdn === other)).toMatchObject({ relation: 'attached' });

    expect((await call('a', 'numbers.switch', { msisdn: other })).value).toMatchObject({ msisdn: other });
    const overview = (await call('a', 'account.overview', {})).value;
    expect(overview).toMatchObject({ msisdn: other, balanceKopecks: marina.lines[0]!.openingBalanceKopecks });
    // Detaching the number the window looks at takes it back to the profile's own number.
    expect((await call('a', 'numbers.detach', { msisdn: other })).ok).toBe(true);
    expect((await call('a', 'account.overview', {})).value.msisdn).toBe(anna.lines[0]!.msisdn);
    expect((await call('a', 'numbers.switch', { msisdn: other })).error.code).toBe('FORBIDDEN');
    expect((await call('a', 'numbers.detach', { msisdn: anna.lines[1]!.msisdn })).error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'own-number' } });
  });

  it('every method that acts on a number of the profile refuses a number the profile does not hold', async () => {
    await signIn('a', anna);
    const foreign = dmitry.lines[0]!.msisdn;
    const takesProfileNumber = (Object.entries(contract) as Array<[string, Record<string, { access: string; input: { shape?: Record<string, unknown> } }>]>).flatMap(
      ([area, methods]) =>
        Object.entries(methods)
          .filter(([, spec]) => spec.access === 'session' && spec.input.shape !== undefined && 'msisdn' in spec.input.shape)
          .map(([name]) => `${area}.${name}` as MethodPath),
    );
    expect(takesProfileNumber.sort()).toEqual(['numbers.detach', 'numbers.switch']);
    for (const method of takesProfileNumber) {
      expect((await call('a', method, { msisdn: foreign })).error?.code, method).toBe('FORBIDDEN');
    }
  });
});
