import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoopbackRedirect, OAuthPorts, RedirectResult } from '../../electron/core/auth/socialSignIn';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

/** A provider that answers whatever the test says: the OAuth flow itself is tested end to end against oidc-provider. */
function scriptedOAuth(): OAuthPorts & { answer(result: RedirectResult, subject: string): Promise<void> } {
  let resolveRedirect: ((result: RedirectResult | null) => void) | null = null;
  let subject = '';
  let state = '';
  return {
    listen: async (): Promise<LoopbackRedirect> => ({
      redirectUri: 'http://127.0.0.1:1/callback',
      result: new Promise((resolve) => (resolveRedirect = resolve)),
      close: () => resolveRedirect?.(null),
    }),
    openInBrowser: async (url) => {
      state = new URL(url).searchParams.get('state') ?? '';
    },
    exchangeCode: async () => ({ accessToken: 'token' }),
    fetchSubject: async () => subject,
    /** Answers the redirect once the flow has opened the browser (listening and opening are async). */
    async answer(result, who) {
      await vi.waitFor(() => expect(state).not.toBe(''));
      subject = who;
      const expected = state;
      const resolve = resolveRedirect!;
      state = '';
      resolveRedirect = null;
      resolve({ state: expected, ...result });
    },
  };
}

let oauth: ReturnType<typeof scriptedOAuth>;
beforeEach(async () => {
  dir = await tempDir();
  oauth = scriptedOAuth();
  const vk = { clientId: 'cabinet', authorizationEndpoint: 'https://id.example/authorize', tokenEndpoint: 'https://id.example/token', userinfoEndpoint: 'https://id.example/userinfo', scope: 'openid' };
  const { MemorySettingsStore } = await import('../../electron/settings/settingsStore');
  cabinet = await openTestCabinet(dir.path, { oauth, settings: new MemorySettingsStore({}, { vk }) });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (window: string, method: string, input: unknown) => cabinet.dispatcher.dispatch(cabinet.window(window), method, input) as Promise<Answer>;
const signIn = (window: string, subscriber: { lines: Array<{ msisdn: string }>; password: string | null }) =>
  call(window, 'auth.signInWithPassword', { phone: subscriber.lines[0]!.msisdn, password: subscriber.password });
const events = (window: string) => {
  const seen: Array<{ event: string; payload: unknown }> = [];
  cabinet.dispatcher.connect(window, (event, payload) => seen.push({ event, payload }));
  return seen;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('profile and settings', () => {
  it('the name and contact address are saved; a bad name or address names the field and changes nothing', async () => {
    await signIn('a', anna);
    expect((await call('a', 'profile.get', {})).value).toMatchObject({ name: anna.name, email: null, contactAddress: '' });
    const badName = await call('a', 'profile.update', { name: '1', contactAddress: 'Москва, ул. Тверская, 1' });
    expect(badName.error.code).toBe('VALIDATION');
    expect(new Set(badName.error.details.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['name']));
    expect((await call('a', 'profile.update', { contactAddress: 'x'.repeat(301) })).error.details.fields[0].field).toBe('contactAddress');
    expect((await call('a', 'profile.get', {})).value).toMatchObject({ name: anna.name, contactAddress: '' });

    const saved = await call('a', 'profile.update', { name: '  Анна Сергеевна Петрова-Орлова ', contactAddress: 'Москва, ул. Тверская, 1' });
    expect(saved.value).toMatchObject({ name: 'Анна Сергеевна Петрова-Орлова', contactAddress: 'Москва, ул. Тверская, 1' });
    expect((await call('a', 'auth.currentSession', {})).value.subscriberName).toBe('Анна Сергеевна Петрова-Орлова');
  });

  it('an e-mail counts only once the code from the letter comes back, and the code never reaches the window', async () => {
    await signIn('a', anna);
    expect((await call('a', 'profile.requestEmailCode', { email: 'anna@' })).error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'email' }] } });
    const sent = await call('a', 'profile.requestEmailCode', { email: ' Anna.Petrova@Example.RU ' });
    expect(sent.ok).toBe(true);
    const letter = cabinet.handset!.mailbox()[0]!;
    expect(letter.to).toBe('anna.petrova@example.ru');
    const code = /: (\d{6})\./.exec(letter.text)![1]!;
    expect(JSON.stringify(sent)).not.toContain(code);
    const pending = await call('a', 'profile.get', {});
    expect(pending.value).toMatchObject({ email: null, emailConfirmed: false, pendingEmail: 'anna.petrova@example.ru' });

    const wrong = code === '000000' ? '111111' : '000000';
    expect((await call('a', 'profile.confirmEmail', { code: wrong })).error).toMatchObject({ code: 'OTP_INVALID', details: { triesLeft: 2 } });
    const confirmed = await call('a', 'profile.confirmEmail', { code });
    expect(confirmed.value).toMatchObject({ email: 'anna.petrova@example.ru', emailConfirmed: true, pendingEmail: null });
    expect(JSON.stringify(confirmed)).not.toContain(`"${code}"`);
    expect((await call('a', 'profile.confirmEmail', { code })).error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'nothing-pending' } });
    expect((await call('a', 'profile.requestEmailCode', { email: 'anna.petrova@example.ru' })).error.details.reason).toBe('already-confirmed');
  });

  it('the window is told once when the balance is below the threshold, and again when money arrives', async () => {
    const seen = events('a');
    await signIn('a', anna);
    await settle();
    const balance = (await call('a', 'account.overview', {})).value.balanceKopecks as number;
    const alerts = () => seen.filter((item) => item.event === 'alert.raised').map((item) => item.payload as { kind: string });
    expect(alerts()).toEqual([]);
    // A threshold above the balance: said at once, and only once however the balance moves below it.
    const threshold = balance + 10_000;
    expect((await call('a', 'profile.setNotifications', { lowBalanceKopecks: threshold, packagePercent: null, promisedDue: true, paymentArrived: true })).ok).toBe(true);
    const msisdn = anna.lines[0]!.msisdn as E164;
    await vi.waitFor(() => expect(alerts()).toEqual([{ kind: 'low-balance', msisdn, balanceKopecks: balance, thresholdKopecks: threshold }]));
    await cabinet.usage.use(msisdn, 'sms', 1);
    await settle();
    expect(alerts().filter((alert) => alert.kind === 'low-balance')).toHaveLength(1);

    const paid = await call('a', 'payments.topUpByCard', {
      amountKopecks: 50_000,
      card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' },
      remember: false,
      idempotencyKey: randomUUID(),
    });
    expect(paid.error).toBeUndefined();
    expect(paid.value.status).toBe('succeeded');
    await vi.waitFor(() => expect(alerts().at(-1)).toMatchObject({ kind: 'payment-arrived', msisdn, amountKopecks: 50_000 }));
  });

  it('out-of-range notification settings name the field', async () => {
    await signIn('a', anna);
    const answer = await call('a', 'profile.setNotifications', { lowBalanceKopecks: 50, packagePercent: 80, promisedDue: true, paymentArrived: false });
    expect(answer.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['lowBalanceKopecks', 'packagePercent']);
  });

  it('a social account is linked through the OAuth flow and unlinked; one linked to another profile stays theirs', async () => {
    const seen = events('a');
    await signIn('a', anna);
    expect((await call('a', 'profile.linkSocial', { provider: 'vk' })).ok).toBe(true);
    await oauth.answer({ code: 'abc' }, 'vk-id-anna');
    const resolved = (events: typeof seen) => events.filter((item) => item.event === 'social.resolved');
    await vi.waitFor(() => expect(resolved(seen)).toHaveLength(1));
    expect(resolved(seen).at(-1)?.payload).toEqual({ provider: 'vk', outcome: 'linked' });
    expect((await call('a', 'profile.get', {})).value.socialLinks).toEqual([{ provider: 'vk', linkedAt: expect.any(String) }]);

    // The linked identity now signs Anna in.
    const other = events('b');
    await call('b', 'auth.startSocialSignIn', { provider: 'vk' });
    await oauth.answer({ code: 'def' }, 'vk-id-anna');
    await vi.waitFor(() => expect(resolved(other)).toHaveLength(1));
    expect(resolved(other).at(-1)?.payload).toEqual({ provider: 'vk', outcome: 'signed-in' });
    expect((await call('b', 'auth.currentSession', {})).value.msisdn).toBe(anna.lines[0]!.msisdn);

    // Dmitry's VK ID is his: Anna cannot take it.
    const dmitrySubject = dmitry.socialIdentities?.[0]?.subject ?? 'vk-id-7310025';
    await call('a', 'profile.linkSocial', { provider: 'vk' });
    await oauth.answer({ code: 'ghi' }, dmitrySubject);
    await vi.waitFor(() => expect(resolved(seen)).toHaveLength(2));
    expect(resolved(seen).at(-1)?.payload).toEqual({ provider: 'vk', outcome: 'already-linked' });

    expect((await call('a', 'profile.unlinkSocial', { provider: 'vk' })).value.socialLinks).toEqual([]);
    expect((await call('a', 'profile.unlinkSocial', { provider: 'vk' })).error.code).toBe('NOT_FOUND');
  });
});
