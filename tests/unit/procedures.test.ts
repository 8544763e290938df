import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../electron/core/auth/passwordHasher';
import { SessionRegistry, type Session } from '../../electron/core/auth/sessions';
import { ManualClock } from '../../electron/core/clock';
import { KioskStaffPanel } from '../../electron/core/kiosk/staffPanel';
import { silentLogger } from '../../electron/core/logger';
import { Dispatcher, type CallContext } from '../../electron/ipc/dispatcher';
import { createHandlers, type CoreServices } from '../../electron/ipc/handlers';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import type { E164 } from '../../shared/phone';

const ORIGIN = 'app://cabinet';
const line = { lineId: 'line_1', msisdn: '+79001234567' as E164 };

/**
 * The middleware in front of every procedure (electron/ipc/procedure.ts), through the real dispatcher: a core that
 * is only what a test needs, so a call that reaches a procedure's body shows in what the core was asked.
 */
function cabinet(options: { core?: Partial<CoreServices> | null; kiosk?: boolean } = {}) {
  const clock = new ManualClock(Date.parse('2026-11-25T09:00:00Z'));
  let counter = 0;
  const sessions = new SessionRegistry(clock, { next: (prefix) => `${prefix}_${++counter}` });
  const staff = new KioskStaffPanel(new MemoryKioskConfigStore({ enabled: options.kiosk ?? false }), new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 }), clock);
  let core = options.core === null ? null : ((options.core ?? {}) as CoreServices);
  const dispatcher = new Dispatcher({
    handlers: createHandlers({
      core: () => core,
      sessions,
      settings: new MemorySettingsStore(),
      appInfo: { demo: false, demoRefused: null, services: { sms: false, cardPayments: false, wallets: false, mail: false } },
      vault: null,
      storeReady: async () => undefined,
      kiosk: { staff, host: null, logger: silentLogger, visitEnded: async () => undefined },
      diagnostics: async () => ({ checkedAt: new Date(clock.now()).toISOString(), adapters: [] }),
    }),
    sessions,
    trustedOrigins: [ORIGIN],
    logger: silentLogger,
  });
  const events: Array<{ window: string; event: string }> = [];
  const window = (id: string): CallContext => {
    dispatcher.connect(id, (event) => events.push({ window: id, event }));
    return { senderId: id, origin: ORIGIN, device: 'test device' };
  };
  const signIn = (id: string, mustSetPassword = false): Session => {
    const session = sessions.open({ subscriberId: 'sub_1', subscriberName: 'Анна', ...line, device: 'test device', way: mustSetPassword ? 'puk' : 'password', mustSetPassword });
    dispatcher.signInWindow(id, session);
    return session;
  };
  return { dispatcher, window, signIn, events, closeStore: () => (core = null) };
}

describe('the middleware in front of the procedures', () => {
  it('a signed-in procedure is refused to a window that is not signed in', async () => {
    const asked: string[] = [];
    const { dispatcher, window } = cabinet({ core: { accountOverview: { forLine: async (lineId: string) => asked.push(lineId) } } as never });
    expect(await dispatcher.dispatch(window('w1'), 'account.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(asked).toEqual([]);
  });

  it('a session that must still set its password may set it and do nothing else', async () => {
    const asked: string[] = [];
    const core = {
      accountOverview: { forLine: async (lineId: string) => asked.push(`overview ${lineId}`) },
      passwordSetting: { set: async (session: Session) => asked.push(`password ${session.lineId}`) },
    };
    const { dispatcher, window, signIn } = cabinet({ core: core as never });
    const w1 = window('w1');
    signIn('w1', true);
    expect(await dispatcher.dispatch(w1, 'account.overview', {})).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { reason: 'must-set-password' } } });
    expect(await dispatcher.dispatch(w1, 'payments.history', { filter: 'all' })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { reason: 'must-set-password' } } });
    expect(asked).toEqual([]);
    expect(await dispatcher.dispatch(w1, 'auth.setPassword', { password: 'Kx9!vLq2#mWz' })).toMatchObject({ ok: true, value: { msisdn: line.msisdn } });
    expect(asked).toEqual(['password line_1']);
  });

  it('a store that is not open answers STORE_UNAVAILABLE, to a sign-in and to a signed-in window alike', async () => {
    const asked: string[] = [];
    const { dispatcher, window, signIn, closeStore } = cabinet({ core: { accountOverview: { forLine: async () => asked.push('overview') } } as never });
    const w1 = window('w1');
    signIn('w1');
    closeStore();
    expect(await dispatcher.dispatch(w1, 'account.overview', {})).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect(await dispatcher.dispatch(window('w2'), 'auth.signInWithPassword', { phone: line.msisdn, password: 'whatever' })).toMatchObject({
      ok: false,
      error: { code: 'STORE_UNAVAILABLE' },
    });
    expect(asked).toEqual([]);
    // What needs no store still answers.
    expect(await dispatcher.dispatch(w1, 'settings.preferences', {})).toMatchObject({ ok: true, value: { language: 'ru' } });
  });

  it('a change to the line tells its windows once it is made, and not when it is refused', async () => {
    let refuse = false;
    const core = {
      serviceSubscriptions: {
        connect: async () => {
          if (refuse) throw new Error('the store went away');
          return [];
        },
      },
    };
    const { dispatcher, window, signIn, events } = cabinet({ core: core as never });
    const [w1, w2] = [window('w1'), window('w2')];
    window('not signed in');
    signIn('w1');
    signIn('w2');
    expect(await dispatcher.dispatch(w1, 'services.connect', { serviceId: 'roaming', idempotencyKey: '00000000-0000-4000-8000-000000000001' })).toEqual({ ok: true, value: [] });
    expect(events.filter((event) => event.event === 'account.changed').map((event) => event.window).sort()).toEqual(['w1', 'w2']);
    events.length = 0;
    refuse = true;
    expect(await dispatcher.dispatch(w2, 'services.connect', { serviceId: 'roaming', idempotencyKey: '00000000-0000-4000-8000-000000000002' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(events).toEqual([]);
  });

  it("on a store kiosk, what keeps the subscriber's data or opens a browser is refused before the core is asked", async () => {
    const asked: string[] = [];
    const core = {
      topUps: { byCard: async () => asked.push('top-up') },
      socialSignIn: { start: async () => asked.push('social'), startLink: async () => asked.push('link') },
    };
    const { dispatcher, window, signIn } = cabinet({ core: core as never, kiosk: true });
    const w1 = window('w1');
    expect(await dispatcher.dispatch(w1, 'auth.startSocialSignIn', { provider: 'vk' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'kiosk' } } });
    signIn('w1');
    expect(await dispatcher.dispatch(w1, 'profile.linkSocial', { provider: 'vk' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'kiosk' } } });
    const card = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };
    expect(await dispatcher.dispatch(w1, 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: true, idempotencyKey: '00000000-0000-4000-8000-000000000003' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'kiosk' } },
    });
    // The connections are staff's: the panel is locked in this window.
    expect(await dispatcher.dispatch(w1, 'settings.diagnostics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(asked).toEqual([]);
  });
});
