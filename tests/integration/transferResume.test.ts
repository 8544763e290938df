// Issue 19 finding 3, transfers: a transfer whose answer was lost after it was written — before its SMS left,
// or with the sending failed — is resumed by the retry with the same key: a new code for the same transfer
// replaces the one never delivered, it is sent, and it moves the money once. Runs on both stores.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SmsGateway } from '../../electron/core/auth/ports';
import type { E164 } from '../../shared/phone';
import type { Result } from '../../shared/contract/errors';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

const sender = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
const from = sender.lines[0]!.msisdn as E164;
const friend = '+79139876543';

/** The SMS centre: each message handed over is kept; while `failing`, it takes the message and answers an error (a lost hand-over). */
class FlakySms implements SmsGateway {
  readonly delivered: Array<{ msisdn: E164; text: string }> = [];
  readonly lost: Array<{ msisdn: E164; text: string }> = [];
  failing = 0;
  async send(msisdn: E164, text: string): Promise<void> {
    if (this.failing > 0) {
      this.failing -= 1;
      this.lost.push({ msisdn, text });
      throw new Error('the SMS centre did not answer');
    }
    this.delivered.push({ msisdn, text });
  }
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
let sms: FlakySms;

beforeEach(async () => {
  dir = await tempDir();
  sms = new FlakySms();
  cabinet = await openTestCabinet(dir.path, { network: { sms, confirmations: { prompt: () => undefined, close: () => undefined } } });
  expect(await call('auth.signInWithPassword', { phone: from, password: sender.password })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window('subscriber'), method, input);
}
const codeIn = (text: string) => /Код: (\d{4,6})\./.exec(text)?.[1] ?? '';
const balanceOf = async (msisdn: string) =>
  cabinet.database.read(async (repos) => repos.account.balanceKopecks((await repos.credentials.forNumber(msisdn as E164))!.lineId));
const transfersOf = () =>
  cabinet.database.readSql((sql) => sql.all<{ id: string; status: string }>("SELECT id, status FROM payments WHERE kind = 'transfer-out' ORDER BY created_at, id"));

describe('a transfer retried with the same key resumes where it stopped', () => {
  it('its SMS never left (the hand-over failed after the transfer was written): the retry sends a new code for the same transfer, which moves the money once', async () => {
    const key = randomUUID();
    const request = { to: friend, amountKopecks: 50_000, idempotencyKey: key };
    sms.failing = 1;
    const first = await call('payments.startTransfer', request);
    expect(first.ok).toBe(false);
    expect(sms.lost).toHaveLength(1);
    expect(sms.delivered).toEqual([]);
    const [written] = await transfersOf();
    expect(written).toMatchObject({ status: 'awaiting-confirmation' });

    // Seconds later, not a minute: a code that never reached the person does not make the retry wait.
    cabinet.clock.advance(2_000);
    const again = await call('payments.startTransfer', request);
    expect(again).toMatchObject({ ok: true, value: { payment: { id: written!.id, status: 'awaiting-confirmation' } } });
    expect(sms.delivered).toHaveLength(1);
    expect(sms.delivered[0]!.msisdn).toBe(from);
    expect(sms.delivered[0]!.text).toMatch(/^Перевод 500 ₽ на \+7 913 \*\*\*-\*\*-43\. Код: \d{4,6}\./);
    expect(await transfersOf()).toHaveLength(1);

    // The code of the lost hand-over was replaced: it confirms nothing; the new one confirms the transfer once.
    const before = { sender: await balanceOf(from), friend: await balanceOf(friend) };
    const lostCode = codeIn(sms.lost[0]!.text);
    const newCode = codeIn(sms.delivered[0]!.text);
    if (lostCode !== newCode) {
      expect(await call('payments.confirmTransfer', { paymentId: written!.id, code: lostCode })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    }
    expect(await call('payments.confirmTransfer', { paymentId: written!.id, code: newCode })).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    expect(await call('payments.confirmTransfer', { paymentId: written!.id, code: newCode })).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    expect(await balanceOf(friend)).toBe(before.friend + 50_000);
    expect(await balanceOf(from)).toBe(before.sender - 50_000 - operatorData.payments.transfer.commissionKopecks);
  });

  it('its SMS was sent and only the answer was lost: the retry answers the same transfer and sends nothing more', async () => {
    const request = { to: friend, amountKopecks: 50_000, idempotencyKey: randomUUID() };
    const first = await call('payments.startTransfer', request);
    cabinet.clock.advance(2_000);
    expect(await call('payments.startTransfer', request)).toEqual(first);
    expect(sms.delivered).toHaveLength(1);
    const sent = await cabinet.database.readSql((sql) => sql.all<{ sent_at: number | null }>("SELECT sent_at FROM otp_challenges WHERE purpose = 'transfer'"));
    expect(sent).toEqual([{ sent_at: expect.any(Number) }]);
  });

  it('a retry resends only within the code limits: an SMS centre that never takes a message ends in RATE_LIMITED, not a code a minute forever', async () => {
    const request = { to: friend, amountKopecks: 50_000, idempotencyKey: randomUUID() };
    sms.failing = 100;
    const codes: string[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const answer = await call('payments.startTransfer', request);
      codes.push(answer.ok ? 'ok' : answer.error.code);
      cabinet.clock.advance(1_000);
    }
    expect(sms.lost).toHaveLength(5);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(await transfersOf()).toHaveLength(1);
  });
});
