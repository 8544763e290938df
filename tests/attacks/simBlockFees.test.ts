import { afterEach, describe, expect, it } from 'vitest';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

// Дмитрий Соколов, Novosibirsk (UTC+7), billing day 1, «Безлимит+» with «Музыка»: 1 120 ₽ a month.
const dmitry = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'dmitry-sokolov')!;
const line = dmitry.lines[0]!;
const monthlyFee =
  operatorData.tariffs.find((tariff) => tariff.id === line.tariffId)!.monthlyFee.novosibirsk! +
  operatorData.services.find((service) => service.id === 'music')!.monthlyFee.novosibirsk!;

/** The bundled data with Dmitry's balance large enough to pay every month, and any change of the tariffs. */
function dataWith(change: (data: OperatorData) => void = () => {}): OperatorData {
  const data = structuredClone(operatorData);
  data.demoSubscribers.find((subscriber) => subscriber.id === dmitry.id)!.lines[0]!.openingBalanceKopecks = 1_000_000;
  change(data);
  return data;
}

let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;
afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = null;
  dir = null;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
async function open(data: OperatorData) {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { operatorData: data });
  const opened = cabinet;
  const call = (method: string, input: unknown = {}) => opened.dispatcher.dispatch(opened.window(), method, input) as Promise<Answer>;
  /** Signs in afresh each time: the clock jumps further than a session lives. */
  const overview = async () => {
    await call('auth.signInWithPassword', { phone: line.msisdn, password: dmitry.password });
    return (await call('account.overview')).value as { balanceKopecks: number; lineStatus: string };
  };
  const monthlyFeesCharged = async () =>
    (await opened.database.read(async (repos) => {
      const lineId = (await repos.credentials.forNumber(line.msisdn as never))!.lineId;
      return repos.account.balanceMovements(lineId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    })).filter((movement) => movement.kind === 'monthly-fee');
  return { cabinet: opened, call, overview, monthlyFeesCharged };
}

describe('a blocked SIM pays what its tariff says while blocked, never the blocked months on unblock (issue 17 finding 7)', () => {
  it('a SIM blocked from November to February pays its daily block fee and February, not December and January', async () => {
    const { cabinet, call, overview, monthlyFeesCharged } = await open(dataWith());
    const before = (await overview()).balanceKopecks;
    // Blocked on 24 November (Novosibirsk): free through 23 December, then 1 ₽ a day.
    expect((await call('security.blockSim', { password: dmitry.password })).value).toMatchObject({ blocked: true, freeDays: 30, dailyFeeKopecks: 100 });
    // 10 February, noon in Novosibirsk: December, January and February began while the SIM was blocked.
    cabinet.clock.set(Date.parse('2027-02-10T05:00:00Z'));
    const blockDays = 8 + 31 + 10; // 24–31 December, January, 1–10 February
    expect((await overview()).balanceKopecks).toBe(before - blockDays * 100);
    expect((await call('security.unblockSim', { password: dmitry.password })).value).toMatchObject({ blocked: false });
    // Back in service for the rest of February: that period's fee, and nothing for the months it was blocked.
    expect(await overview()).toMatchObject({ balanceKopecks: before - blockDays * 100 - monthlyFee, lineStatus: 'active' });
    expect(await overview()).toMatchObject({ balanceKopecks: before - blockDays * 100 - monthlyFee });
    expect((await monthlyFeesCharged()).map((movement) => movement.amountKopecks)).toEqual([-monthlyFee]);
    // March is an ordinary month again.
    cabinet.clock.set(Date.parse('2027-03-01T05:00:00Z'));
    expect((await overview()).balanceKopecks).toBe(before - blockDays * 100 - 2 * monthlyFee);
    expect(await cabinet.database.read((repos) => repos.ledger.total())).toBe(0);
  });

  it('a SIM blocked and unblocked within one period pays no second fee for that period', async () => {
    const { cabinet, call, overview, monthlyFeesCharged } = await open(dataWith());
    const before = (await overview()).balanceKopecks;
    await call('security.blockSim', { password: dmitry.password });
    cabinet.clock.set(Date.parse('2026-11-28T05:00:00Z'));
    await call('auth.signInWithPassword', { phone: line.msisdn, password: dmitry.password });
    await call('security.unblockSim', { password: dmitry.password });
    expect(await overview()).toMatchObject({ balanceKopecks: before, lineStatus: 'active' });
    expect(await monthlyFeesCharged()).toEqual([]);
  });

  it('a SIM whose tariff says a blocked SIM pays nothing is charged nothing for months of block', async () => {
    const { cabinet, call, overview, monthlyFeesCharged } = await open(
      dataWith((data) => {
        data.tariffs.find((tariff) => tariff.id === line.tariffId)!.simBlock = { freeDays: 0, dailyFeeKopecks: 0 };
      }),
    );
    const before = (await overview()).balanceKopecks;
    expect((await call('security.blockSim', { password: dmitry.password })).value).toMatchObject({ blocked: true, dailyFeeKopecks: 0 });
    cabinet.clock.set(Date.parse('2027-02-10T05:00:00Z'));
    expect((await overview()).balanceKopecks).toBe(before);
    const blockFees = await cabinet.database.read(async (repos) => {
      const lineId = (await repos.credentials.forNumber(line.msisdn as never))!.lineId;
      return (await repos.account.balanceMovements(lineId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).filter((movement) => movement.kind === 'sim-block-fee');
    });
    expect(blockFees).toEqual([]);
    await call('security.unblockSim', { password: dmitry.password });
    expect((await overview()).balanceKopecks).toBe(before - monthlyFee);
    expect(await monthlyFeesCharged()).toHaveLength(1);
  });

  it('a SIM blocked at the operator office (no block on record) is not charged the months it was blocked either', async () => {
    // Игорь, Kaliningrad, billing day 15: his SIM came blocked; here with money enough to pay any month.
    const igor = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'igor-baltic')!;
    const igorLine = igor.lines[0]!;
    const igorFee = operatorData.tariffs.find((tariff) => tariff.id === igorLine.tariffId)!.monthlyFee.kaliningrad!;
    const data = dataWith((changed) => {
      changed.demoSubscribers.find((subscriber) => subscriber.id === igor.id)!.lines[0]!.openingBalanceKopecks = 1_000_000;
    });
    dir = await tempDir();
    cabinet = await openTestCabinet(dir.path, { operatorData: data });
    const opened = cabinet;
    const call = (method: string, input: unknown = {}) => opened.dispatcher.dispatch(opened.window(), method, input) as Promise<Answer>;
    // Three periods begin (15 December, January, February) before he unblocks it on 20 February.
    opened.clock.set(Date.parse('2027-02-20T09:00:00Z'));
    await call('auth.signInWithPassword', { phone: igorLine.msisdn, password: igor.password });
    expect((await call('account.overview')).value).toMatchObject({ lineStatus: 'blocked', balanceKopecks: 1_000_000 });
    expect((await call('security.unblockSim', { password: igor.password })).value).toMatchObject({ blocked: false });
    expect((await call('account.overview')).value).toMatchObject({ lineStatus: 'active', balanceKopecks: 1_000_000 - igorFee });
  });
});
