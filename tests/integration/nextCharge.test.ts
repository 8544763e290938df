import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };

const byId = (id: string) => {
  const subscriber = operatorData.demoSubscribers.find((candidate) => candidate.id === id)!;
  const line = subscriber.lines[0]!;
  return { subscriber, line, region: subscriber.regionId };
};
const tariffFee = (tariffId: string, region: string) => operatorData.tariffs.find((tariff) => tariff.id === tariffId)!.monthlyFee[region]!;
const serviceFee = (serviceId: string, region: string) => operatorData.services.find((service) => service.id === serviceId)!.monthlyFee[region]!;

let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;
afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = null;
  dir = null;
});

async function overviewOf(id: string, at: string): Promise<Answer> {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { clock: new ManualClock(Date.parse(at)) });
  const { subscriber, line } = byId(id);
  await cabinet.dispatcher.dispatch(cabinet.window(), 'auth.signInWithPassword', { phone: line.msisdn, password: subscriber.password });
  return (await cabinet.dispatcher.dispatch(cabinet.window(), 'account.overview', {})) as unknown as Answer;
}

describe('the next charge on the main screen', () => {
  it('is the tariff fee plus every connected service, on the next period day', async () => {
    // Дмитрий Соколов, Novosibirsk (UTC+7), billing day 1, «Безлимит+» with «Музыка».
    const { line } = byId('dmitry-sokolov');
    const answer = await overviewOf('dmitry-sokolov', '2026-12-29T18:00:00Z');
    const services = line.services!.reduce((sum, service) => sum + serviceFee(service, 'novosibirsk'), 0);
    expect(services).toBeGreaterThan(0);
    expect(answer.value.tariff.monthlyFeeKopecks).toBe(tariffFee(line.tariffId, 'novosibirsk'));
    expect(answer.value.nextCharge).toEqual({
      date: '2027-01-01',
      inDays: 2, // 29 Dec 18:00 UTC is 30 Dec 01:00 in Novosibirsk
      amountKopecks: tariffFee(line.tariffId, 'novosibirsk') + services,
      servicesKopecks: services,
      shortfallKopecks: 0,
      waivedWhileBlocked: false,
    });
  });

  it('says what a 45 ₽ balance lacks for a 450 ₽ fee two days ahead, in the region calendar', async () => {
    // Ольга Ким, Vladivostok (UTC+10), billing day 20: 18 Dec 14:30 UTC is already 19 Dec 00:30 there — one day left.
    const { line } = byId('olga-kim');
    const fee = tariffFee(line.tariffId, 'vladivostok');
    expect([line.openingBalanceKopecks, fee]).toEqual([4500, 45000]);
    const twoDays = await overviewOf('olga-kim', '2026-12-18T13:00:00Z');
    expect(twoDays.value.nextCharge).toMatchObject({ date: '2026-12-20', inDays: 2, amountKopecks: fee, shortfallKopecks: fee - twoDays.value.balanceKopecks });
    expect(twoDays.value.nextCharge.shortfallKopecks).toBeGreaterThan(0);
    cabinet!.clock.set(Date.parse('2026-12-18T14:30:00Z'));
    const { subscriber } = byId('olga-kim');
    await cabinet!.dispatcher.dispatch(cabinet!.window(), 'auth.signInWithPassword', { phone: line.msisdn, password: subscriber.password });
    const oneDay = (await cabinet!.dispatcher.dispatch(cabinet!.window(), 'account.overview', {})) as unknown as Answer;
    expect(oneDay.value.nextCharge.inDays).toBe(1);
  });

  it('a blocked SIM is charged no fee: nothing is short', async () => {
    const answer = await overviewOf('igor-baltic', '2026-12-03T09:00:00Z');
    expect(answer.value.lineStatus).toBe('blocked');
    expect(answer.value.balanceKopecks).toBeLessThan(0);
    expect(answer.value.nextCharge).toMatchObject({ shortfallKopecks: 0, waivedWhileBlocked: true });
  });
});

describe('recent activity on the main screen', () => {
  it('lists the last money movements newest first, and only the signed-in line’s', async () => {
    // Дмитрий, seeded 24 Nov, seen 2 Dec 2026: December's fee (tariff + «Музыка») was charged on the 1st in Novosibirsk.
    await overviewOf('dmitry-sokolov', '2026-11-24T09:00:00Z');
    cabinet!.clock.set(Date.parse('2026-12-02T09:00:00Z'));
    const { subscriber } = byId('dmitry-sokolov');
    await cabinet!.dispatcher.dispatch(cabinet!.window(), 'auth.signInWithPassword', { phone: subscriber.lines[0]!.msisdn, password: subscriber.password });
    await cabinet!.dispatcher.dispatch(cabinet!.window(), 'account.overview', {});
    const answer = (await cabinet!.dispatcher.dispatch(cabinet!.window(), 'account.recentActivity', {})) as unknown as Answer;
    expect(answer.ok).toBe(true);
    const items = answer.value as Array<{ at: string; kind: string; amountKopecks: number }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect([...items].sort((a, b) => b.at.localeCompare(a.at))).toEqual(items);
    const { line } = byId('dmitry-sokolov');
    const fee = tariffFee(line.tariffId, 'novosibirsk') + serviceFee('music', 'novosibirsk');
    expect(items, JSON.stringify(items)).toContainEqual(expect.objectContaining({ amountKopecks: -fee }));
  });

  it('needs a session', async () => {
    dir = await tempDir();
    cabinet = await openTestCabinet(dir.path, { clock: new ManualClock(Date.parse('2026-12-02T09:00:00Z')) });
    expect(await cabinet.dispatcher.dispatch(cabinet.window(), 'account.recentActivity', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('a ban on transfers is known before the form', () => {
  it('a blocked SIM cannot transfer at all; a line in good standing can', async () => {
    await overviewOf('igor-baltic', '2026-12-03T09:00:00Z');
    const igor = (await cabinet!.dispatcher.dispatch(cabinet!.window(), 'payments.options', {})) as unknown as Answer;
    expect(igor.value.transfer.unavailable).toBe('sim-blocked');
    await cabinet!.close();
    await dir!.remove();
    await overviewOf('dmitry-sokolov', '2026-12-03T09:00:00Z');
    const dmitry = (await cabinet!.dispatcher.dispatch(cabinet!.window(), 'payments.options', {})) as unknown as Answer;
    expect(dmitry.value.transfer.unavailable).toBeNull();
  });

  it('what options says is what a preview of the smallest transfer says', async () => {
    // Ольга has 45 ₽: whether that pays the smallest transfer and its commission is the operator's rule to say.
    await overviewOf('olga-kim', '2026-12-03T09:00:00Z');
    const options = ((await cabinet!.dispatcher.dispatch(cabinet!.window(), 'payments.options', {})) as unknown as Answer).value.transfer;
    const preview = ((await cabinet!.dispatcher.dispatch(cabinet!.window(), 'payments.previewTransfer', { to: byId('dmitry-sokolov').line.msisdn, amountKopecks: options.minKopecks })) as unknown as Answer).value;
    expect(options.unavailable).toBe(preview.reason);
  });
});
