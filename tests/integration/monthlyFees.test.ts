import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

// Дмитрий Соколов, Novosibirsk (UTC+7), billing day 1, «Безлимит+» and «Музыка» connected.
const dmitry = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'dmitry-sokolov')!;
const line = dmitry.lines[0]!;
const fee =
  operatorData.tariffs.find((tariff) => tariff.id === line.tariffId)!.monthlyFee.novosibirsk! +
  operatorData.services.find((service) => service.id === 'music')!.monthlyFee.novosibirsk!;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
/** Signs in afresh each time: the clock jumps days, further than a session lives. */
const overview = async (): Promise<Answer> => {
  await cabinet.dispatcher.dispatch(cabinet.window(), 'auth.signInWithPassword', { phone: line.msisdn, password: dmitry.password });
  return (await cabinet.dispatcher.dispatch(cabinet.window(), 'account.overview', {})) as unknown as Answer;
};

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')) });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

describe('the monthly fee', () => {
  it('is charged once when the period begins in the region, not before', async () => {
    const before = (await overview()).value.balanceKopecks;
    // 30 Nov 16:59:59 UTC is 23:59:59 in Novosibirsk: still November's period.
    cabinet.clock.set(Date.parse('2026-11-30T16:59:59Z'));
    expect((await overview()).value.balanceKopecks).toBe(before);
    cabinet.clock.set(Date.parse('2026-11-30T17:00:00Z'));
    expect((await overview()).value).toMatchObject({ balanceKopecks: before - fee, period: { start: '2026-12-01' }, lineStatus: 'active' });
    expect((await overview()).value.balanceKopecks).toBe(before - fee);
    expect(await cabinet.database.read((repos) => repos.ledger.total())).toBe(0);
  });

  it('a fee day when the balance is short restricts the line: no calls until it is paid', async () => {
    const before = (await overview()).value.balanceKopecks;
    cabinet.clock.set(Date.parse('2027-01-01T00:00:00Z')); // two periods on: December is paid, January is not
    const after = (await overview()).value;
    expect(after.balanceKopecks).toBe(before - fee);
    expect(before - 2 * fee).toBeLessThan(0);
    expect(after.lineStatus).toBe('restricted');
    await expect(cabinet.usage.use(line.msisdn as E164, 'voice', 60)).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'restricted' } });
  });
});
