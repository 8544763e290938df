// Issue 23: the remainders ledger — exchange, the market, sharing — on both stores, through the contract.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

const rules = operatorData.remainders;
const subscriber = (id: string) => {
  const found = operatorData.demoSubscribers.find((s) => s.id === id)!;
  return { msisdn: found.lines[0]!.msisdn, password: found.password! };
};
const anna = subscriber('anna-petrova');
const dmitry = subscriber('dmitry-sokolov');
const marina = subscriber('marina-itelmen');

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  for (const who of [anna, dmitry, marina]) await signIn(who);
});
async function signIn(who: { msisdn: string; password: string }) {
  expect(await call(who, 'auth.signInWithPassword', { phone: who.msisdn, password: who.password })).toMatchObject({ ok: true });
}
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(who: { msisdn: string }, method: string, input: unknown): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window(`w-${who.msisdn}`), method, input);
}
async function value<T>(who: { msisdn: string }, method: string, input: unknown): Promise<T> {
  const result = await call(who, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
interface View {
  packageLeft: { voice: number; data: number };
  totalLeft: { voice: number; data: number };
  packages: Array<{ bucket: string; kind: string; amount: number; validFrom: string; validUntil: string }>;
}
const view = (who: { msisdn: string }) => value<View>(who, 'remainders.view', {});
const balanceOf = (who: { msisdn: string }) =>
  cabinet.database.read(async (repos) => repos.account.balanceKopecks((await repos.credentials.forNumber(who.msisdn as E164))!.lineId));
const ledgersBalance = async () => {
  const [money, remainders] = await cabinet.database.read((repos) => Promise.all([repos.ledger.total(), repos.remainders.totals()]));
  expect(money).toBe(0);
  expect(remainders).toEqual({ voice: 0, data: 0 });
};

describe('exchange of minutes and gigabytes', () => {
  it('previews what remains after, exchanges once per key, and the exchanged gigabytes are spent before the package', async () => {
    const before = await view(anna);
    const preview = await value<{ gives: { amount: number }; gets: { amount: number }; after: { voice: number; data: number }; allowed: boolean }>(
      anna,
      'remainders.previewExchange',
      { direction: 'minutes-to-data', gigabytes: 2 },
    );
    expect(preview).toMatchObject({ allowed: true, gives: { kind: 'voice', amount: 2 * rules.exchange.minutesPerGigabyteGiven }, gets: { kind: 'data', amount: 2048 } });
    expect(preview.after).toEqual({ voice: before.totalLeft.voice - 2 * rules.exchange.minutesPerGigabyteGiven, data: before.totalLeft.data + 2048 });

    const key = randomUUID();
    expect(await value(anna, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: 2, idempotencyKey: key })).toMatchObject({ repeated: false });
    // A retry, a double click: nothing moves again.
    expect(await value(anna, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: 2, idempotencyKey: key })).toMatchObject({ repeated: true });
    const after = await view(anna);
    expect(after.totalLeft).toEqual(preview.after);
    expect(after.packages).toEqual([expect.objectContaining({ bucket: 'exchanged', kind: 'data', amount: 2048 })]);
    // The move is on the line's record, once, with what it changed.
    expect((await value<{ moves: unknown[] }>(anna, 'remainders.view', {})).moves).toEqual([
      expect.objectContaining({ kind: 'exchange', change: { voice: -2 * rules.exchange.minutesPerGigabyteGiven, data: 2048 } }),
    ]);

    // 500 MB of data: the exchanged package pays it, the tariff's package is untouched.
    await cabinet.usage.use(anna.msisdn as E164, 'data', 500 * 1024);
    const spent = await view(anna);
    expect(spent.packages).toEqual([expect.objectContaining({ bucket: 'exchanged', amount: 2048 - 500 })]);
    expect(spent.packageLeft.data).toBe(after.packageLeft.data);
    expect(spent.totalLeft.data).toBe(after.totalLeft.data - 500);
    // 2 GB more: the rest of the exchanged package, then the tariff's.
    await cabinet.usage.use(anna.msisdn as E164, 'data', 2048 * 1024);
    const more = await view(anna);
    expect(more.packages).toEqual([]);
    expect(more.packageLeft.data).toBe(after.packageLeft.data - 500);
    await ledgersBalance();
  });

  it('a key counts for one method on one number: another number or another move with the same key is its own', async () => {
    const key = randomUUID();
    expect(await value(anna, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: 1, idempotencyKey: key })).toMatchObject({ repeated: false });
    expect(await value(dmitry, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: 1, idempotencyKey: key })).toMatchObject({ repeated: false });
    const lot = await value<{ state: string }>(anna, 'remainders.listLot', { kind: 'data', amount: 1, priceKopecks: rules.market.data.minKopecksPerUnit, idempotencyKey: key });
    expect(lot.state).toBe('listed');
    expect((await view(dmitry)).packages).toEqual([expect.objectContaining({ bucket: 'exchanged', amount: 1024 })]);
    await ledgersBalance();
  });

  it('refuses more than the package has left, and an amount outside the operator’s bounds naming the field', async () => {
    const left = (await view(anna)).packageLeft.voice;
    const tooMany = Math.floor(left / rules.exchange.minutesPerGigabyteGiven) + 1;
    if (tooMany <= rules.exchange.maxGigabytes) {
      expect(await call(anna, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: tooMany, idempotencyKey: randomUUID() })).toMatchObject({
        ok: false,
        error: { code: 'NOT_ELIGIBLE', details: { reason: 'not-enough' } },
      });
    }
    expect(await call(anna, 'remainders.exchange', { direction: 'data-to-minutes', gigabytes: rules.exchange.maxGigabytes + 1, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'gigabytes' }] } },
    });
    expect((await view(anna)).packages).toEqual([]);
    await ledgersBalance();
  });

  it('minutes exchanged away do not roll over into the next period', async () => {
    // Anna's «Мой онлайн» rolls minutes over; the rolled-over ones are spent first, then her own 500.
    type Overview = { remainders: Array<{ kind: string; total: number; used: number; rolledOver: number }> };
    const voiceOf = async () => (await value<Overview>(anna, 'account.overview', {})).remainders.find((r) => r.kind === 'voice')!;
    const own = operatorData.tariffs.find((t) => t.id === 'moy-onlayn')!.packages.voice!;
    const now = await voiceOf();
    const given = rules.exchange.maxGigabytes * rules.exchange.minutesPerGigabyteGiven;
    await value(anna, 'remainders.exchange', { direction: 'minutes-to-data', gigabytes: rules.exchange.maxGigabytes, idempotencyKey: randomUUID() });
    // Exchanged minutes count as used, rolled-over ones first.
    const ownUsed = Math.max(0, now.used + given - now.rolledOver);
    cabinet.clock.advance(31 * 24 * 60 * 60_000);
    await signIn(anna);
    expect((await voiceOf()).rolledOver).toBe(Math.max(0, own - ownUsed));
    expect(Math.max(0, own - ownUsed)).toBeLessThan(own);
  });
});

describe('the remainders market', () => {
  it('sells a lot once: the seller is paid, the buyer’s remainders grow, a second buyer is refused', async () => {
    const price = 5 * rules.market.data.minKopecksPerUnit;
    const sellerBefore = await balanceOf(dmitry);
    const buyerBefore = await balanceOf(marina);
    const sellerView = await view(dmitry);
    const lot = await value<{ id: string; state: string }>(dmitry, 'remainders.listLot', { kind: 'data', amount: 5, priceKopecks: price, idempotencyKey: randomUUID() });
    expect(lot.state).toBe('listed');
    // Held while listed: the seller's package is 5 GB smaller.
    expect((await view(dmitry)).packageLeft.data).toBe(sellerView.packageLeft.data - 5 * 1024);
    expect(await value<Array<{ id: string; mine: boolean }>>(marina, 'remainders.lots', { kind: 'data' })).toEqual([expect.objectContaining({ id: lot.id, mine: false })]);

    const key = randomUUID();
    // The seller's window is told at once (its balance and lots follow the sale).
    const seen: string[] = [];
    cabinet.dispatcher.connect(`w-${dmitry.msisdn}`, (event) => seen.push(event));
    expect(await value(marina, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: key })).toMatchObject({ lot: { state: 'sold' }, balanceAfterKopecks: buyerBefore - price });
    expect(seen).toContain('account.changed');
    // The same key again: the same purchase, nothing charged twice.
    expect(await value(marina, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: key })).toMatchObject({ lot: { state: 'sold' } });
    expect(await call(anna, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { reason: 'lot-gone' } } });
    expect(await call(dmitry, 'remainders.withdrawLot', { lotId: lot.id })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });

    expect(await balanceOf(dmitry)).toBe(sellerBefore + price);
    expect(await balanceOf(marina)).toBe(buyerBefore - price);
    expect((await view(marina)).packages).toEqual([expect.objectContaining({ bucket: 'bought', kind: 'data', amount: 5 * 1024 })]);
    expect(await value(marina, 'remainders.lots', { kind: 'data' })).toEqual([]);
    await ledgersBalance();
  });

  it('a lot can be withdrawn until sold, and its minutes come back', async () => {
    const before = (await view(dmitry)).packageLeft.voice;
    const lot = await value<{ id: string }>(dmitry, 'remainders.listLot', { kind: 'voice', amount: 100, priceKopecks: 100 * rules.market.voice.maxKopecksPerUnit, idempotencyKey: randomUUID() });
    expect((await view(dmitry)).packageLeft.voice).toBe(before - 100);
    expect(await value(dmitry, 'remainders.withdrawLot', { lotId: lot.id })).toMatchObject({ state: 'withdrawn' });
    expect(await value(dmitry, 'remainders.withdrawLot', { lotId: lot.id })).toMatchObject({ state: 'withdrawn' });
    expect((await view(dmitry)).packageLeft.voice).toBe(before);
    expect(await call(marina, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE' } });
    // Another's lot is not theirs to withdraw.
    const other = await value<{ id: string }>(dmitry, 'remainders.listLot', { kind: 'voice', amount: 50, priceKopecks: 50 * rules.market.voice.minKopecksPerUnit, idempotencyKey: randomUUID() });
    expect(await call(marina, 'remainders.withdrawLot', { lotId: other.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ledgersBalance();
  });

  it('a lot unsold when its period ends is withdrawn into that period: what rolls over grows with it', async () => {
    // Anna's «Мой онлайн» rolls minutes over; a lot of all her own minutes leaves nothing to roll over.
    type Overview = { remainders: Array<{ kind: string; rolledOver: number }> };
    const rolledVoice = async () => (await value<Overview>(anna, 'account.overview', {})).remainders.find((r) => r.kind === 'voice')!.rolledOver;
    const amount = rules.market.voice.maxAmount;
    const lot = await value<{ id: string }>(anna, 'remainders.listLot', { kind: 'voice', amount, priceKopecks: amount * rules.market.voice.minKopecksPerUnit, idempotencyKey: randomUUID() });
    cabinet.clock.advance(31 * 24 * 60 * 60_000);
    await signIn(anna);
    const whileListed = await rolledVoice();
    await signIn(marina);
    // Expired with its period: no longer on sale.
    expect(await value(marina, 'remainders.lots', { kind: 'voice' })).toEqual([]);
    expect(await value(marina, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: randomUUID() }).catch((error: Error) => error.message)).toMatch(/lot-gone/);
    expect(await value(anna, 'remainders.withdrawLot', { lotId: lot.id })).toMatchObject({ state: 'withdrawn' });
    expect(await rolledVoice()).toBe(Math.min(whileListed + amount, operatorData.tariffs.find((t) => t.id === 'moy-onlayn')!.packages.voice!));
    expect(await rolledVoice()).toBeGreaterThan(whileListed);
    await ledgersBalance();
  });

  it('refuses a price outside the operator’s bounds naming the field, and an own lot to its seller', async () => {
    expect(await call(dmitry, 'remainders.listLot', { kind: 'data', amount: 2, priceKopecks: 2 * rules.market.data.maxKopecksPerUnit + 1, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'priceKopecks' }] } },
    });
    const lot = await value<{ id: string }>(dmitry, 'remainders.listLot', { kind: 'data', amount: 2, priceKopecks: 2 * rules.market.data.minKopecksPerUnit, idempotencyKey: randomUUID() });
    expect(await call(dmitry, 'remainders.buyLot', { lotId: lot.id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { reason: 'own-lot' } } });
  });
});

describe('sharing gigabytes', () => {
  const codeIn = (text: string) => /Код: (\d{4,6})\b/.exec(text)?.[1] ?? '';
  const newestSms = (msisdn: string) => cabinet.handset!.inbox(msisdn as never)[0]?.text ?? '';

  it('gives gigabytes with the SMS code: a received package for 7 days, spent first, one at a time', async () => {
    const giverBefore = await view(anna);
    const preview = await value(anna, 'remainders.previewShare', { to: dmitry.msisdn, gigabytes: 2 });
    expect(preview).toMatchObject({ allowed: true, gigabytes: 2, feeKopecks: rules.share.feeKopecks, validDays: rules.share.receivedDays });
    const started = await value<{ share: { id: string } }>(anna, 'remainders.startShare', { to: dmitry.msisdn, gigabytes: 2, idempotencyKey: randomUUID() });
    expect(newestSms(anna.msisdn)).toMatch(/^Подарить 2 ГБ на \+7 913 \*\*\*-\*\*-43\. Код: \d+\./);
    expect(await value(anna, 'remainders.confirmShare', { shareId: started.share.id, code: codeIn(newestSms(anna.msisdn)) })).toMatchObject({ state: 'done' });

    expect((await view(anna)).packageLeft.data).toBe(giverBefore.packageLeft.data - 2048);
    const received = (await view(dmitry)).packages;
    expect(received).toEqual([expect.objectContaining({ bucket: 'received', kind: 'data', amount: 2048 })]);
    expect(Date.parse(received[0]!.validUntil) - cabinet.clock.now()).toBe(rules.share.receivedDays * 24 * 60 * 60_000);

    // One received package at a time.
    expect(await value(marina, 'remainders.previewShare', { to: dmitry.msisdn, gigabytes: 1 })).toMatchObject({ allowed: false, reason: 'recipient-has-package' });

    // Extended to 30 days for the fee, once.
    const balance = await balanceOf(dmitry);
    const key = randomUUID();
    await value(dmitry, 'remainders.extendReceived', { idempotencyKey: key });
    await value(dmitry, 'remainders.extendReceived', { idempotencyKey: key });
    expect(await balanceOf(dmitry)).toBe(balance - rules.share.extensionFeeKopecks);
    const extended = (await view(dmitry)).packages[0]!;
    expect(Date.parse(extended.validUntil) - Date.parse(received[0]!.validFrom)).toBe(rules.share.extendedDays * 24 * 60 * 60_000);

    // After 30 days it is gone from what can be spent (and stays in the ledger: nothing vanished).
    cabinet.clock.advance(rules.share.extendedDays * 24 * 60 * 60_000 + 1);
    await signIn(dmitry);
    expect((await view(dmitry)).packages.filter((p) => p.bucket === 'received')).toEqual([]);
    await ledgersBalance();
  });

  it('gives no more than the period’s limit in all, whoever receives it', async () => {
    const olga = subscriber('olga-kim');
    const give = async (to: string, gigabytes: number) => {
      const started = await value<{ share: { id: string } }>(anna, 'remainders.startShare', { to, gigabytes, idempotencyKey: randomUUID() });
      return value(anna, 'remainders.confirmShare', { shareId: started.share.id, code: codeIn(newestSms(anna.msisdn)) });
    };
    const first = Math.min(rules.share.maxGigabytes, rules.share.perPeriodGigabytes - 1);
    await give(dmitry.msisdn, first);
    await give(olga.msisdn, rules.share.perPeriodGigabytes - first);
    expect(await value(anna, 'remainders.previewShare', { to: marina.msisdn, gigabytes: 1 })).toMatchObject({ allowed: false, reason: 'period-limit', periodLeftGigabytes: 0 });
    expect(await call(anna, 'remainders.startShare', { to: marina.msisdn, gigabytes: 1, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'gigabytes' }], reason: 'period-limit' } },
    });
    await ledgersBalance();
  });

  it('refuses more than the operation limit, naming the field', async () => {
    expect(await call(anna, 'remainders.startShare', { to: dmitry.msisdn, gigabytes: rules.share.maxGigabytes + 1, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'gigabytes' }] } },
    });
    expect(await call(anna, 'remainders.startShare', { to: anna.msisdn, gigabytes: 1, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } },
    });
  });
});

describe('a fee for giving, where the operator data sets one', () => {
  it('is charged once with the gift, to the giver, and refused when the balance cannot pay it', async () => {
    await cabinet.close();
    const data = structuredClone(operatorData);
    data.remainders.share.feeKopecks = 5_000;
    cabinet = await openTestCabinet(dir.path, { operatorData: data });
    for (const who of [anna, dmitry, marina]) await signIn(who);
    const before = await balanceOf(anna);
    expect(await value(anna, 'remainders.previewShare', { to: dmitry.msisdn, gigabytes: 1 })).toMatchObject({ allowed: true, feeKopecks: 5_000 });
    const started = await value<{ share: { id: string; feeKopecks: number } }>(anna, 'remainders.startShare', { to: dmitry.msisdn, gigabytes: 1, idempotencyKey: randomUUID() });
    expect(started.share.feeKopecks).toBe(5_000);
    const code = /Код: (\d+)\./.exec(cabinet.handset!.inbox(anna.msisdn as never)[0]?.text ?? '')?.[1] ?? '';
    await value(anna, 'remainders.confirmShare', { shareId: started.share.id, code });
    await value(anna, 'remainders.confirmShare', { shareId: started.share.id, code });
    expect(await balanceOf(anna)).toBe(before - 5_000);
    // Ольга has 45 ₽: not enough for the fee, nothing is sent.
    const olga = subscriber('olga-kim');
    await signIn(olga);
    expect(await balanceOf(olga)).toBeLessThan(5_000);
    expect(await value(olga, 'remainders.previewShare', { to: marina.msisdn, gigabytes: 1 })).toMatchObject({ allowed: false, reason: 'insufficient-funds' });
    expect(await call(olga, 'remainders.startShare', { to: marina.msisdn, gigabytes: 1, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    await ledgersBalance();
  });
});
