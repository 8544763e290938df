import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { bundledContentData } from '../../electron/store/seed/contentData';
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

const content = bundledContentData();
const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
const second = anna.lines[1]!.msisdn;
const offerOf = (id: string) => content.providers.flatMap((p) => p.subscriptions).find((s) => s.id === id)!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (window: string, method: string, input: unknown) => cabinet.dispatcher.dispatch(cabinet.window(window), method, input) as Promise<Answer>;
const signIn = (window: string, phone: string, password: string) => call(window, 'auth.signInWithPassword', { phone, password });
const balance = async (window: string) => (await call(window, 'account.overview', {})).value.balanceKopecks as number;
const banOf = (answer: Answer, kind: string) => (answer.value.bans as Array<{ kind: string; on: boolean }>).find((ban) => ban.kind === kind)!.on;
/** What the ledger holds in total: every transaction balanced, nothing appears or vanishes. */
const ledgerTotal = () => cabinet.database.read((repos) => repos.ledger.total());

describe('content subscriptions', () => {
  it('lists the demo line’s subscriptions from the operator data, charges each new period once, and a cancel stops it (twice: the same answer)', async () => {
    await signIn('a', second, anna.password!);
    const listed = await call('a', 'subscriptions.list', {});
    expect(listed.ok).toBe(true);
    const ringtones = (listed.value.subscriptions as Array<{ id: string; name: { ru: string }; feeKopecks: number; nextChargeAt: string; cancelledAt: string | null }>).find(
      (s) => s.name.ru === offerOf('ringtones-week').name.ru,
    )!;
    expect(ringtones).toMatchObject({ feeKopecks: offerOf('ringtones-week').feeKopecks, cancelledAt: null });
    expect(listed.value.subscriptions).toHaveLength(content.demoSubscriptions.filter((d) => d.msisdn === second).length);
    const before = await balance('a');
    // The next weekly period starts: charged once, however many times the line is read.
    cabinet.clock.set(Date.parse(ringtones.nextChargeAt) + 60_000);
    await signIn('a', second, anna.password!);
    const charged = await balance('a');
    expect(charged).toBe(before - offerOf('ringtones-week').feeKopecks);
    expect(await balance('a')).toBe(charged);
    expect(await ledgerTotal()).toBe(0);

    const first = await call('a', 'subscriptions.cancel', { subscriptionId: ringtones.id });
    const again = await call('a', 'subscriptions.cancel', { subscriptionId: ringtones.id });
    expect(first.ok && again.ok).toBe(true);
    const cancelledAt = first.value.subscriptions.find((s: { id: string }) => s.id === ringtones.id).cancelledAt;
    expect(cancelledAt).not.toBeNull();
    expect(again.value.subscriptions.find((s: { id: string }) => s.id === ringtones.id)).toMatchObject({ cancelledAt, nextChargeAt: null });
    // Two more weeks: nothing more is charged for it.
    cabinet.clock.advance(14 * 86_400_000);
    await signIn('a', second, anna.password!);
    // (the monthly news subscription's next period starts later: 2026-12-15)
    expect(await balance('a')).toBe(charged);
    expect((await call('a', 'subscriptions.list', {})).value.subscriptions.find((s: { name: { ru: string } }) => s.name.ru === offerOf('news-sms').name.ru).nextChargeAt).toBe('2026-12-15T09:00:00.000Z');
  });

  it('a subscription of another line is not found, and parallel cancels cancel once', async () => {
    await signIn('a', second, anna.password!);
    const id = (await call('a', 'subscriptions.list', {})).value.subscriptions[0].id as string;
    await signIn('d', dmitry.lines[0]!.msisdn, dmitry.password!);
    expect((await call('d', 'subscriptions.cancel', { subscriptionId: id })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('a', 'subscriptions.cancel', { subscriptionId: 'no such id!' })).error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'subscriptionId' }] } });
    const answers = await Promise.all([1, 2, 3].map(() => call('a', 'subscriptions.cancel', { subscriptionId: id })));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    const times = new Set(answers.map((answer) => answer.value.subscriptions.find((s: { id: string }) => s.id === id).cancelledAt));
    expect(times.size).toBe(1);
  });
});

describe('bans', () => {
  it('a ban needs the password: none is a VALIDATION error, a wrong one changes nothing, the right one sets it', async () => {
    await signIn('a', anna.lines[0]!.msisdn, anna.password!);
    expect((await call('a', 'subscriptions.setBan', { kind: 'transfers', on: true })).error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'password' }] } });
    expect((await call('a', 'subscriptions.setBan', { kind: 'transfers', on: true, password: 'Wrong-2026' })).error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'password' } });
    expect(banOf(await call('a', 'subscriptions.list', {}), 'transfers')).toBe(false);
    const set = await call('a', 'subscriptions.setBan', { kind: 'transfers', on: true, password: anna.password });
    expect(banOf(set, 'transfers')).toBe(true);
    expect(banOf(set, 'content')).toBe(false);
  });

  it('a transfer ban refuses transfers in the core — at the start and at a code confirmed after the ban — until lifted', async () => {
    await signIn('a', anna.lines[0]!.msisdn, anna.password!);
    const to = dmitry.lines[0]!.msisdn;
    const started = await call('a', 'payments.startTransfer', { to, amountKopecks: 10_000, idempotencyKey: randomUUID() });
    expect(started.ok).toBe(true);
    const code = /\b(\d{4,8})\b/.exec(cabinet.handset!.inbox(anna.lines[0]!.msisdn as E164)[0]!.text)![1]!;
    await call('a', 'subscriptions.setBan', { kind: 'transfers', on: true, password: anna.password });
    const before = await balance('a');
    expect((await call('a', 'payments.confirmTransfer', { paymentId: started.value.payment.id, code })).error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'transfers-banned' } });
    expect((await call('a', 'payments.previewTransfer', { to, amountKopecks: 10_000 })).value).toMatchObject({ allowed: false, reason: 'transfers-banned' });
    expect((await call('a', 'payments.startTransfer', { to, amountKopecks: 10_000, idempotencyKey: randomUUID() })).error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'transfers-banned' } });
    expect(await balance('a')).toBe(before);
    await call('a', 'subscriptions.setBan', { kind: 'transfers', on: false, password: anna.password });
    expect((await call('a', 'payments.previewTransfer', { to, amountKopecks: 10_000 })).value).toMatchObject({ allowed: true, reason: null });
  });

  it('a content ban refuses new subscriptions; the catalog’s «Запрет контента» is the same ban, and lifting it with the password lifts both', async () => {
    await signIn('a', anna.lines[0]!.msisdn, anna.password!);
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(anna.lines[0]!.msisdn as E164)))!.lineId;
    await call('a', 'subscriptions.setBan', { kind: 'content', on: true, password: anna.password });
    await expect(subscribe(lineId, 'news-sms')).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'content-banned' } });
    await call('a', 'subscriptions.setBan', { kind: 'content', on: false, password: anna.password });
    expect((await call('a', 'services.connect', { serviceId: content.bans.contentServiceId, idempotencyKey: randomUUID() })).ok).toBe(true);
    expect(banOf(await call('a', 'subscriptions.list', {}), 'content')).toBe(true);
    await expect(subscribe(lineId, 'news-sms')).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    const off = await call('a', 'subscriptions.setBan', { kind: 'content', on: false, password: anna.password });
    expect(banOf(off, 'content')).toBe(false);
    expect((await call('a', 'services.catalog', {})).value.find((s: { id: string }) => s.id === content.bans.contentServiceId).connected).toBe(false);
    const before = await balance('a');
    const key = randomUUID();
    await subscribe(lineId, 'news-sms', key);
    await subscribe(lineId, 'news-sms', key);
    expect(await balance('a')).toBe(before - offerOf('news-sms').feeKopecks);
    expect(await ledgerTotal()).toBe(0);
  });

  it('a premium-SMS ban refuses an SMS to a premium-rate number; lifted, the message is charged its price once per key', async () => {
    await signIn('a', anna.lines[0]!.msisdn, anna.password!);
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(anna.lines[0]!.msisdn as E164)))!.lineId;
    const { PremiumSms } = await import('../../electron/core/subscriptions/premiumSms');
    const premium = new PremiumSms(cabinet.database, cabinet.clock, { next: (prefix: string) => `${prefix}_${randomUUID()}` }, content.premiumNumbers);
    const [vote] = content.premiumNumbers;
    await call('a', 'subscriptions.setBan', { kind: 'premium-sms', on: true, password: anna.password });
    const before = await balance('a');
    await expect(premium.send(lineId, vote!.shortNumber, randomUUID())).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'premium-sms-banned' } });
    expect(await balance('a')).toBe(before);
    await call('a', 'subscriptions.setBan', { kind: 'premium-sms', on: false, password: anna.password });
    const key = randomUUID();
    await Promise.all([premium.send(lineId, vote!.shortNumber, key), premium.send(lineId, vote!.shortNumber, key)]);
    expect(await balance('a')).toBe(before - vote!.priceKopecks);
    expect(await ledgerTotal()).toBe(0);
  });

  it('parallel toggles end in one state with one audit entry each change; parallel wrong passwords hit the sign-in try limit', async () => {
    await signIn('a', anna.lines[0]!.msisdn, anna.password!);
    const answers = await Promise.all([1, 2, 3, 4].map(() => call('a', 'subscriptions.setBan', { kind: 'premium-sms', on: true, password: anna.password })));
    expect(answers.every((answer) => answer.ok && banOf(answer, 'premium-sms'))).toBe(true);
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(anna.lines[0]!.msisdn as E164)))!.lineId;
    expect(await cabinet.database.read((repos) => repos.lineBans.history(lineId, 10))).toHaveLength(1);
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => call('a', 'subscriptions.setBan', { kind: 'premium-sms', on: false, password: `Guess-${i}-2026` })));
    expect(guesses.every((answer) => !answer.ok)).toBe(true);
    expect(guesses.some((answer) => answer.error.code === 'RATE_LIMITED' || answer.error.details?.retryAfterSeconds !== undefined)).toBe(true);
    // Locked out: even the right password waits now, and the ban stays.
    expect((await call('a', 'subscriptions.setBan', { kind: 'premium-sms', on: false, password: anna.password })).ok).toBe(false);
    expect(banOf(await call('a', 'subscriptions.list', {}), 'premium-sms')).toBe(true);
  });
});

async function subscribe(lineId: string, offerId: string, key = randomUUID()) {
  // Texting a provider's short number starts a subscription; the core decides (no window method does it).
  const { ContentSubscriptions } = await import('../../electron/core/subscriptions/contentSubscriptions');
  const { contentOffers } = await import('../../electron/store/seed/contentData');
  const core = new ContentSubscriptions(cabinet.database, cabinet.clock, { next: (prefix: string) => `${prefix}_${randomUUID()}` }, contentOffers(content), content.bans.contentServiceId);
  return core.subscribe(lineId, offerId, key);
}

describe('start with the system', () => {
  it('is not available where the host has no login item (a kiosk): setting it is refused, nothing pretends', async () => {
    expect((await call('x', 'settings.startWithSystem', {})).value).toEqual({ available: false, on: false });
    expect((await call('x', 'settings.setStartWithSystem', { on: true })).error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'no-login-item' } });
    expect((await call('x', 'settings.setStartWithSystem', { on: 'yes' })).error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'on' }] } });
  });
});
