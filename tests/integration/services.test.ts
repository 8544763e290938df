import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

// Анна Петрова, Moscow, tariff «Мой онлайн» (messengers are in it), with caller ID and anti-spam connected.
const anna = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'anna-petrova')!;
const line = anna.lines[0]!;
const fee = (serviceId: string) => operatorData.services.find((service) => service.id === serviceId)!.monthlyFee.moscow!;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = async (method: string, input: unknown): Promise<Answer> => (await cabinet.dispatcher.dispatch(cabinet.window(), method, input)) as unknown as Answer;
const card = (cards: Array<{ id: string }>, id: string) => cards.find((candidate) => candidate.id === id)!;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  await call('auth.signInWithPassword', { phone: line.msisdn, password: anna.password });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

describe('services', () => {
  it('the catalog says what is connected and what stands in the way, before any click', async () => {
    const cards = (await call('services.catalog', {})).value;
    expect(card(cards, 'caller-id')).toMatchObject({ connected: true });
    expect(card(cards, 'unlimited-messengers')).toMatchObject({ connected: false, blockedBy: [{ kind: 'tariff', id: 'moy-onlayn' }] });
    expect(card(cards, 'who-called')).toMatchObject({ blockedBy: [{ kind: 'service', id: 'caller-id' }] });
    expect(card(cards, 'extra-5gb')).toMatchObject({ blockedBy: [], adds: { data: 5120 } });
  });

  it('connecting +5 GB charges its fee once under retry and adds the package to the remainders', async () => {
    const before = (await call('account.overview', {})).value;
    const key = randomUUID();
    expect(card((await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key })).value, 'extra-5gb')).toMatchObject({ connected: true });
    await call('services.connect', { serviceId: 'extra-5gb', idempotencyKey: key });
    const after = (await call('account.overview', {})).value;
    expect(after.balanceKopecks).toBe(before.balanceKopecks - fee('extra-5gb'));
    const data = (view: { remainders: Array<{ kind: string; total: number }> }) => view.remainders.find((r) => r.kind === 'data')!.total;
    expect(data(after)).toBe(data(before) + 5120);
    expect(await cabinet.database.read((repos) => repos.ledger.total())).toBe(0);
  });

  it('an incompatible service is refused with the reason; disconnecting frees the way', async () => {
    expect(await call('services.connect', { serviceId: 'who-called', idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ELIGIBLE', details: { reason: 'incompatible', blockedBy: [{ id: 'caller-id' }] } },
    });
    await call('services.disconnect', { serviceId: 'caller-id', idempotencyKey: randomUUID() });
    expect(await call('services.connect', { serviceId: 'who-called', idempotencyKey: randomUUID() })).toMatchObject({ ok: true });
  });
});
