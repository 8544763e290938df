import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { ManualClock } from '../../electron/core/clock';
import type { OperatorData } from '../../electron/store/seed/operatorData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

const newcomerNumber = '+79501112233';
/** The bundled data plus one fresh line on «Мой разговор» (1000 min, rolls over), with no history. */
function withFreshLine(): OperatorData {
  const data = structuredClone(operatorData);
  data.demoSubscribers.push({
    id: 'fresh-line',
    name: 'Тест Тестович Свежий',
    regionId: 'moscow',
    password: 'Svezhiy-Nomer-42',
    socialIdentities: [],
    lines: [
      {
        msisdn: newcomerNumber,
        tariffId: 'moy-razgovor',
        billingDay: 1,
        activatedDaysAgo: 0,
        openingBalanceKopecks: 100_000,
        puk: '12345678',
        services: [],
        status: 'active',
        usage: [],
      },
    ],
  });
  return data;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// 2026-11-10 12:00 in Moscow: the period began on November 1st.
const clock = () => new ManualClock(Date.parse('2026-11-10T09:00:00Z'));

async function voice(msisdn: string, password: string) {
  const window = cabinet.window(`w-${msisdn}`);
  await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: msisdn, password });
  const result = await cabinet.dispatcher.dispatch(window, 'account.overview', {});
  if (!result.ok) throw new Error(result.error.message);
  const view = result.value as { remainders: Array<{ kind: string; total: number; used: number; left: number; rolledOver: number }> };
  return { voice: view.remainders.find((r) => r.kind === 'voice')!, data: view.remainders.find((r) => r.kind === 'data')! };
}

describe('rollover of unused minutes', () => {
  beforeEach(async () => {
    dir = await tempDir();
    cabinet = await openTestCabinet(dir.path, { operatorData: withFreshLine(), clock: clock() });
  });
  afterEach(async () => {
    await cabinet.close();
    await dir.remove();
  });

  it('carries what is left to the next period, shown apart, used first, and never twice', async () => {
    const remainders = () => voice(newcomerNumber, 'Svezhiy-Nomer-42');
    expect((await remainders()).voice).toMatchObject({ total: 1000, rolledOver: 0, left: 1000 });
    await cabinet.usage.use(newcomerNumber as E164, 'voice', 300 * 60);

    // December: 700 unused minutes of November come along.
    cabinet.clock.set(Date.parse('2026-12-02T09:00:00Z'));
    expect((await remainders()).voice).toMatchObject({ total: 1700, rolledOver: 700, used: 0, left: 1700 });
    // 800 minutes: the 700 carried over go first, then 100 of December's own package.
    await cabinet.usage.use(newcomerNumber as E164, 'voice', 800 * 60);
    expect((await remainders()).voice).toMatchObject({ total: 1700, used: 800, left: 900 });

    // January: only December's own unused 900 roll on; November's did not survive a second period.
    cabinet.clock.set(Date.parse('2027-01-02T09:00:00Z'));
    expect((await remainders()).voice).toMatchObject({ total: 1900, rolledOver: 900, used: 0 });
  });

  it('a tariff without rollover starts each period with its package only', async () => {
    const marina = operatorData.demoSubscribers.find((s) => s.id === 'marina-itelmen')!;
    const view = await voice(marina.lines[0]!.msisdn, marina.password!);
    expect(view.voice.rolledOver).toBe(0);
    expect(view.voice.total).toBe(operatorData.tariffs.find((t) => t.id === marina.lines[0]!.tariffId)!.packages.voice);
  });
});

describe('unlimited options', () => {
  beforeEach(async () => {
    dir = await tempDir();
    cabinet = await openTestCabinet(dir.path);
  });
  afterEach(async () => {
    await cabinet.close();
    await dir.remove();
  });

  it('messenger traffic on «Безлимит+» consumes nothing, video traffic consumes the package', async () => {
    const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
    const msisdn = dmitry.lines[0]!.msisdn;
    const before = (await voice(msisdn, dmitry.password!)).data;
    const free = await cabinet.usage.use(msisdn as E164, 'data', 500 * 1024, 'messengers');
    expect(free).toMatchObject({ chargedKopecks: 0, freeBy: 'messengers' });
    expect((await voice(msisdn, dmitry.password!)).data.left).toBe(before.left);
    const counted = await cabinet.usage.use(msisdn as E164, 'data', 500 * 1024, 'video');
    expect(counted.freeBy).toBeNull();
    expect((await voice(msisdn, dmitry.password!)).data.left).toBe(before.left - 500);
  });

  it('the «Безлимитные мессенджеры» service makes messenger traffic free only while connected', async () => {
    // Анна's second number is on «Старт», which the service goes with (it is already part of «Мой онлайн»).
    const anna = operatorData.demoSubscribers[0]!;
    const msisdn = anna.lines[1]!.msisdn;
    const window = cabinet.window(`w-${msisdn}`);
    await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: msisdn, password: anna.password });
    expect((await cabinet.usage.use(msisdn as E164, 'data', 100 * 1024, 'messengers')).freeBy).toBeNull();
    const connected = await cabinet.dispatcher.dispatch(window, 'services.connect', { serviceId: 'unlimited-messengers', idempotencyKey: crypto.randomUUID() });
    expect(connected.ok).toBe(true);
    expect((await cabinet.usage.use(msisdn as E164, 'data', 100 * 1024, 'messengers')).freeBy).toBe('messengers');
  });
});
