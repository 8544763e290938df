// Issue 17 findings 1 and 2: a transfer's SMS code confirms that transfer, on the terms its SMS named, and
// a code asked for another purpose leaves it alone.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
const sender = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
const from = sender.lines[0]!.msisdn;
const friend = '+79139876543';
const stranger = '+79147001122';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  expect(await call('auth.signInWithPassword', { phone: from, password: sender.password })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown, window = 'subscriber'): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window(window), method, input);
}
const newestSms = () => cabinet.handset!.inbox(from as never)[0]?.text ?? '';
const codeIn = (text: string) => /Код: (\d{6})\b/.exec(text)?.[1] ?? /\b(\d{6})\b/.exec(text)?.[1] ?? '';
const balanceOf = async (msisdn: string) =>
  cabinet.database.read(async (repos) => repos.account.balanceKopecks((await repos.credentials.forNumber(msisdn as never))!.lineId));

async function startTransfer(to: string, amountKopecks: number, key = randomUUID()): Promise<{ paymentId: string; sms: string }> {
  const started = await call('payments.startTransfer', { to, amountKopecks, idempotencyKey: key });
  if (!started.ok) throw new Error(JSON.stringify(started));
  return { paymentId: (started as { value: { payment: { id: string } } }).value.payment.id, sms: newestSms() };
}

describe('a transfer code is bound to its transfer', () => {
  it('the SMS says the amount and the masked recipient with the code', async () => {
    const { sms } = await startTransfer(friend, 300_000);
    expect(sms).toMatch(/^Перевод 3 000 ₽ на \+7 913 \*\*\*-\*\*-43\. Код: \d{6}\. Никому не сообщайте\.$/);
  });

  it('a code asked for 10 ₽ to a friend does not confirm 3,000 ₽ to a stranger', async () => {
    const big = await startTransfer(stranger, 300_000);
    cabinet.clock.advance(MINUTE);
    const small = await startTransfer(friend, 1_000);
    const before = await balanceOf(stranger);

    const stolen = codeIn(small.sms);
    expect(await call('payments.confirmTransfer', { paymentId: big.paymentId, code: stolen })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(await balanceOf(stranger)).toBe(before);
    // The small transfer's own code still does what its SMS said.
    expect(await call('payments.confirmTransfer', { paymentId: small.paymentId, code: stolen })).toMatchObject({ ok: true, value: { status: 'succeeded', amountKopecks: 1_000 } });
  });

  it('a transfer whose amount or recipient was changed in the store after the SMS is not confirmed by its code', async () => {
    const small = await startTransfer(friend, 1_000);
    await cabinet.database.writeSql((sql) => sql.run('UPDATE payments SET amount_kopecks = 300000, counterparty = $to WHERE id = $id', { to: stranger, id: small.paymentId }));
    const before = await balanceOf(stranger);
    expect(await call('payments.confirmTransfer', { paymentId: small.paymentId, code: codeIn(small.sms) })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(await balanceOf(stranger)).toBe(before);
  });

  it('retrying the start answers the same transfer and the same code expiry', async () => {
    const key = randomUUID();
    const first = await call('payments.startTransfer', { to: friend, amountKopecks: 1_000, idempotencyKey: key });
    expect(first).toMatchObject({ ok: true });
    cabinet.clock.advance(1_000);
    const again = await call('payments.startTransfer', { to: friend, amountKopecks: 1_000, idempotencyKey: key });
    expect(again).toEqual(first);
  });
});

describe('codes of other purposes leave a pending transfer code alone', () => {
  it('anyone asking a recovery code for the number does not void the subscriber’s transfer code', async () => {
    const pending = await startTransfer(friend, 1_000);
    expect(await call('auth.requestCode', { phone: from, purpose: 'recover' }, 'stranger-window')).toMatchObject({ ok: true });
    expect(await call('auth.requestCode', { phone: from, purpose: 'sign-in' }, 'stranger-window')).toMatchObject({ ok: true });
    expect(await call('payments.confirmTransfer', { paymentId: pending.paymentId, code: codeIn(pending.sms) })).toMatchObject({ ok: true, value: { status: 'succeeded' } });
  });

  it('five sign-in codes asked by a stranger in an hour do not use up the transfer codes', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await call('auth.requestCode', { phone: from, purpose: 'sign-in' }, 'stranger-window')).toMatchObject({ ok: true });
      cabinet.clock.advance(MINUTE);
    }
    const pending = await startTransfer(friend, 1_000);
    expect(await call('payments.confirmTransfer', { paymentId: pending.paymentId, code: codeIn(pending.sms) })).toMatchObject({ ok: true });
  });

  it('a sign-in code does not confirm a transfer, and a transfer code does not sign in', async () => {
    const pending = await startTransfer(friend, 1_000);
    await call('auth.requestCode', { phone: from, purpose: 'sign-in' }, 'stranger-window');
    const signInCode = codeIn(newestSms());
    const transferCode = codeIn(pending.sms);
    if (signInCode !== transferCode) {
      expect(await call('payments.confirmTransfer', { paymentId: pending.paymentId, code: signInCode })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
      expect(await call('auth.signInWithCode', { phone: from, purpose: 'sign-in', code: transferCode }, 'stranger-window')).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    }
    expect(await call('payments.confirmTransfer', { paymentId: pending.paymentId, code: transferCode })).toMatchObject({ ok: true });
  });
});
