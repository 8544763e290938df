import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

// Дмитрий Соколов, Novosibirsk: enough on the balance for a cheaper tariff, not for «Премиум».
const dmitry = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'dmitry-sokolov')!;
const demoLine = dmitry.lines[0]!;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: dmitry.password });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

/** Answers are checked by shape with toMatchObject; the loose type keeps the assertions readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = async (method: string, input: unknown): Promise<Answer> =>
  (await cabinet.dispatcher.dispatch(cabinet.window(), method, input)) as unknown as Answer;
const regionalFee = (id: string) => operatorData.tariffs.find((tariff) => tariff.id === id)!.monthlyFee[dmitry.regionId]!;

describe('the tariff catalog', () => {
  it('offers the region’s tariffs and not the archived one', async () => {
    const result = await call('tariffs.catalog', {});
    expect(result.ok).toBe(true);
    const offered = result.value.offered.map((card: { id: string }) => card.id);
    expect(offered).not.toContain('klassicheskiy');
    expect(offered).toContain(demoLine.tariffId);
    expect(result.value.current).toMatchObject({ id: demoLine.tariffId, monthlyFeeKopecks: regionalFee(demoLine.tariffId) });
  });
});

describe('changing the tariff', () => {
  it('the preview says what is charged now, what stops and what starts', async () => {
    const before = (await call('account.overview', {})).value;
    const preview = await call('tariffs.previewChange', { tariffId: 'start' });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        feeNowKopecks: regionalFee('start'),
        balanceNowKopecks: before.balanceKopecks,
        balanceAfterKopecks: before.balanceKopecks - regionalFee('start'),
        affordable: true,
        periodEnd: before.period.end,
      },
    });
    expect(preview.value.stops.map((r: { kind: string }) => r.kind).sort()).toEqual(['data', 'sms', 'voice']);
    expect(preview.value.starts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'voice', used: 0, left: 300 })]));
  });

  it('charges the fee once under retry, and the new packages start whole mid-period', async () => {
    const before = (await call('account.overview', {})).value;
    const key = randomUUID();
    const first = await call('tariffs.change', { tariffId: 'start', idempotencyKey: key });
    const again = await call('tariffs.change', { tariffId: 'start', idempotencyKey: key });
    expect(first).toMatchObject({ ok: true, value: { tariff: { id: 'start' }, balanceKopecks: before.balanceKopecks - regionalFee('start') } });
    expect(again.value.balanceKopecks).toBe(first.value.balanceKopecks);
    for (const remainder of first.value.remainders) expect(remainder.used).toBe(0);
    expect(await cabinet.database.read((repos) => repos.ledger.total())).toBe(0);
  });

  it('refuses what the balance cannot pay, the same tariff, and an archived one', async () => {
    expect(await call('tariffs.change', { tariffId: 'premium', idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_FUNDS', details: { neededKopecks: regionalFee('premium') } },
    });
    expect((await call('tariffs.previewChange', { tariffId: 'premium' })).value).toMatchObject({ affordable: false });
    expect(await call('tariffs.previewChange', { tariffId: demoLine.tariffId })).toMatchObject({ error: { code: 'NOT_ELIGIBLE', details: { reason: 'same-tariff' } } });
    expect(await call('tariffs.previewChange', { tariffId: 'klassicheskiy' })).toMatchObject({ error: { code: 'NOT_ELIGIBLE', details: { reason: 'not-offered' } } });
  });

  it('a key that is not a UUID is a field error', async () => {
    expect(await call('tariffs.change', { tariffId: 'start', idempotencyKey: 'twice' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'idempotencyKey' }] } },
    });
  });
});
