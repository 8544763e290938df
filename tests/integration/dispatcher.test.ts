import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodPaths } from '../../shared/contract/index';
import { demo, demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

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

const call = (method: string, input: unknown, window = cabinet.window()) => cabinet.dispatcher.dispatch(window, method, input);
const signIn = (window = cabinet.window()) => call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, window);

describe('signing in with number and password', () => {
  it('a demo subscriber signs in with the number typed any usual way', async () => {
    const national = `8 ${demoLine.msisdn.slice(2, 5)} ${demoLine.msisdn.slice(5, 8)}-${demoLine.msisdn.slice(8, 10)}-${demoLine.msisdn.slice(10)}`;
    const result = await call('auth.signInWithPassword', { phone: national, password: demo.password });
    expect(result).toMatchObject({ ok: true, value: { msisdn: demoLine.msisdn, subscriberName: demo.name } });
  });

  it('a wrong password and an unknown number get the same answer', async () => {
    const wrong = await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: 'not-the-password' });
    const unknown = await call('auth.signInWithPassword', { phone: '+79990000000', password: demo.password });
    expect(wrong).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(unknown).toEqual(wrong);
  });

  it('a number that is not a Russian mobile is a field error naming the phone', async () => {
    const result = await call('auth.signInWithPassword', { phone: '8 495 123-45-67', password: 'x' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'phone', expected: expect.stringContaining('Russian mobile') }] } },
    });
  });

  it('each sign-in is recorded with its way and device', async () => {
    await signIn();
    const records = await cabinet.database.read((repos) => repos.signIns.recentFor(demo.id, 10));
    expect(records).toEqual([expect.objectContaining({ way: 'password', device: 'test device', at: '2026-11-24T09:00:00.000Z' })]);
  });
});

describe('the main screen of a signed-in window', () => {
  it('shows the tariff, the balance and the remainders from the store', async () => {
    await signIn();
    const result = await call('account.overview', {});
    if (!result.ok) throw new Error(result.error.message);
    const tariff = operatorData.tariffs.find((candidate) => candidate.id === demoLine.tariffId)!;
    const overview = result.value as { tariff: { name: { ru: string } }; balanceKopecks: number; remainders: Array<{ kind: string; total: number; used: number; left: number; rolledOver: number }> };
    expect(overview.tariff.name.ru).toBe(tariff.name.ru);
    expect(overview.balanceKopecks).toBe(demoLine.openingBalanceKopecks);
    expect(overview.remainders.map((r) => r.kind).sort()).toEqual(Object.keys(tariff.packages).sort());
    for (const remainder of overview.remainders) {
      // Мой онлайн rolls unused minutes and data over: the total is the package plus what came from the last period.
      expect(remainder.total).toBe(tariff.packages[remainder.kind as 'voice']! + remainder.rolledOver);
      expect(remainder.used + remainder.left).toBe(remainder.total);
    }
    expect(overview.remainders.some((r) => r.used > 0)).toBe(true);
  });

  it('another window is not signed in by this one', async () => {
    await signIn(cabinet.window('a'));
    expect(await call('account.overview', {}, cabinet.window('b'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('after sign-out the window sees nothing', async () => {
    await signIn();
    expect(await call('auth.signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await call('account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call('auth.currentSession', {})).toEqual({ ok: true, value: null });
  });

  it('a session unused for 15 minutes ends and the window is told', async () => {
    const events: unknown[] = [];
    cabinet.dispatcher.connect('window-1', (event, payload) => events.push({ event, payload }));
    await signIn();
    cabinet.clock.advance(15 * 60_000);
    cabinet.dispatcher.sweepExpiredSessions();
    expect(events).toEqual([{ event: 'session.ended', payload: { reason: 'expired' } }]);
    expect(await call('account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a closed window takes its session with it', async () => {
    await signIn();
    cabinet.dispatcher.disconnect('window-1');
    expect(await call('auth.currentSession', {})).toEqual({ ok: true, value: null });
  });
});

describe('events for every window', () => {
  it('a state (an update downloaded) reaches windows that open later, and again when a page loads anew; a moment does not', async () => {
    const early: unknown[] = [];
    cabinet.dispatcher.connect('window-1', (event, payload) => early.push({ event, payload }));
    cabinet.dispatcher.broadcast('preferences.changed', { language: 'en', theme: 'dark', interface: 'new' });
    cabinet.dispatcher.broadcast('update.status', { state: 'downloading', version: '1.2.0', percent: 10 }, { retain: true });
    cabinet.dispatcher.broadcast('update.status', { state: 'ready', version: '1.2.0', installsOnQuit: false }, { retain: true });
    expect(early).toHaveLength(3);

    const late: unknown[] = [];
    cabinet.dispatcher.connect('window-2', (event, payload) => late.push({ event, payload }));
    expect(late).toEqual([{ event: 'update.status', payload: { state: 'ready', version: '1.2.0', installsOnQuit: false } }]);
    cabinet.dispatcher.replayRetained('window-2');
    expect(late).toHaveLength(2);
    expect(early).toHaveLength(3);
  });
});

describe('what the renderer may send', () => {
  it('a malformed payload gets VALIDATION naming the field, and the main side keeps serving', async () => {
    const malformed = await call('auth.signInWithPassword', { phone: 42, password: ['x'] });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const fields = (malformed as unknown as { error: { details: { fields: Array<{ field: string }> } } }).error.details.fields.map((f) => f.field);
    expect(fields).toEqual(['phone', 'password']);
    expect(await signIn()).toMatchObject({ ok: true });
  });

  it('an extra field is refused by name', async () => {
    const result = await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password, isAdmin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'isAdmin' }] } } });
  });

  it('an unknown method or a non-object is VALIDATION, not a crash', async () => {
    expect(await call('auth.becomeRoot', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'method' }] } } });
    expect(await call('constructor.prototype', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await cabinet.dispatcher.dispatch(cabinet.window(), 42, null)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('auth.signInWithPassword', 'phone=1')).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'input' }] } } });
  });

  it('a call from a frame of another origin is refused', async () => {
    const result = await cabinet.dispatcher.dispatch({ senderId: 'w', origin: 'https://evil.example' }, 'auth.currentSession', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('any payload to any method answers with the envelope and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodPaths, 'nope', ''), fc.anything(), async (method, input) => {
        const result = await call(method, input);
        expect(typeof result.ok).toBe('boolean');
        // The kiosk's public methods say "this computer is not a kiosk" (NOT_ELIGIBLE) to anything at all.
        const allowed = ['VALIDATION', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS', ...(method.startsWith('kiosk.') ? ['NOT_ELIGIBLE'] : [])];
        if (!result.ok) expect(allowed).toContain(result.error.code);
      }),
      { numRuns: 300 },
    );
    expect(await signIn()).toMatchObject({ ok: true });
  });

  it('no answer carries the password or its hash', async () => {
    const answers = [await signIn(), await call('auth.currentSession', {}), await call('account.overview', {})];
    const text = JSON.stringify(answers);
    expect(text).not.toContain(demo.password);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toMatch(/ses_\d+/);
  });
});

describe('preferences', () => {
  it('are shared by every window and announced to all of them', async () => {
    const seen: unknown[] = [];
    cabinet.dispatcher.connect('a', (event, payload) => seen.push(['a', event, payload]));
    cabinet.dispatcher.connect('b', (event, payload) => seen.push(['b', event, payload]));
    const result = await call('settings.updatePreferences', { language: 'en' }, cabinet.window('a'));
    expect(result).toEqual({ ok: true, value: { language: 'en', theme: 'system', interface: 'new' } });
    expect(seen).toEqual([
      ['a', 'preferences.changed', { language: 'en', theme: 'system', interface: 'new' }],
      ['b', 'preferences.changed', { language: 'en', theme: 'system', interface: 'new' }],
    ]);
  });

  it('the interface is remembered for the computer: a window that chooses the classic one tells the others', async () => {
    const seen: unknown[] = [];
    cabinet.dispatcher.connect('b', (event, payload) => seen.push(event === 'preferences.changed' ? payload : null));
    expect(await call('settings.updatePreferences', { interface: 'classic' }, cabinet.window('a'))).toEqual({
      ok: true,
      value: { language: 'ru', theme: 'system', interface: 'classic' },
    });
    expect(seen).toEqual([{ language: 'ru', theme: 'system', interface: 'classic' }]);
    expect(await call('settings.preferences', {}, cabinet.window('c'))).toEqual({ ok: true, value: { language: 'ru', theme: 'system', interface: 'classic' } });
    expect(await call('settings.updatePreferences', { interface: 'old' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'interface' }] } },
    });
  });

  it('an unknown language is refused by name', async () => {
    expect(await call('settings.updatePreferences', { language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'language' }] } },
    });
  });
});
