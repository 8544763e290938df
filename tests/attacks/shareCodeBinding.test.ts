// Issue 23: a share's SMS code confirms that share — those gigabytes to that number — and nothing else; a
// transfer's code does not confirm a share; a retry with the same key sends no second gift.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
const giver = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
const from = giver.lines[0]!.msisdn;
const friend = '+79139876543';
const stranger = '+79001234567';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  expect(await call('auth.signInWithPassword', { phone: from, password: giver.password })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window('giver'), method, input);
}
const newestCode = () => /Код: (\d+)\./.exec(cabinet.handset!.inbox(from as never)[0]?.text ?? '')?.[1] ?? '';
const receivedBy = (msisdn: string) =>
  cabinet.database.read(async (repos) => {
    const lineId = (await repos.credentials.forNumber(msisdn as E164))!.lineId;
    return (await repos.remainders.position(lineId, '', '', new Date(cabinet.clock.now()).toISOString())).buckets.filter((b) => b.bucket === 'received').reduce((sum, b) => sum + b.units, 0);
  });

async function startShare(to: string, gigabytes: number, key = randomUUID()) {
  const started = await call('remainders.startShare', { to, gigabytes, idempotencyKey: key });
  if (!started.ok) throw new Error(JSON.stringify(started));
  return { shareId: (started.value as { share: { id: string } }).share.id, code: newestCode() };
}

describe('a share code is bound to its gigabytes and recipient', () => {
  it('a code issued for 2 GB to A confirms neither 3 GB to A nor 2 GB to B', async () => {
    const small = await startShare(friend, 2);
    cabinet.clock.advance(MINUTE);
    const more = await startShare(friend, 3);
    cabinet.clock.advance(MINUTE);
    const other = await startShare(stranger, 2);
    expect(await call('remainders.confirmShare', { shareId: more.shareId, code: small.code })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(await call('remainders.confirmShare', { shareId: other.shareId, code: small.code })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(await receivedBy(friend)).toBe(0);
    expect(await receivedBy(stranger)).toBe(0);
    // Its own share it confirms, once.
    expect(await call('remainders.confirmShare', { shareId: small.shareId, code: small.code })).toMatchObject({ ok: true, value: { state: 'done', gigabytes: 2 } });
    expect(await call('remainders.confirmShare', { shareId: small.shareId, code: small.code })).toMatchObject({ ok: true, value: { state: 'done' } });
    expect(await receivedBy(friend)).toBe(2 * 1024 * 1024);
  });

  it('a share whose gigabytes were raised in the store after the SMS is not confirmed by its code', async () => {
    const share = await startShare(friend, 2);
    await cabinet.database.write(async (repos) => {
      const record = (await repos.remainders.share(share.shareId))!;
      // The attacker with write access to the pending row: the code's hash still names 2 GB.
      await (repos.remainders as unknown as { sql: { run(sql: string, params: Record<string, unknown>): Promise<void> } }).sql.run('UPDATE remainder_shares SET gigabytes = 3 WHERE id = $id', { id: record.id });
    });
    expect(await call('remainders.confirmShare', { shareId: share.shareId, code: share.code })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    expect(await receivedBy(friend)).toBe(0);
  });

  it('a transfer’s code does not confirm a share', async () => {
    const share = await startShare(friend, 1);
    cabinet.clock.advance(MINUTE);
    const transfer = await call('payments.startTransfer', { to: friend, amountKopecks: 1_000, idempotencyKey: randomUUID() });
    expect(transfer.ok).toBe(true);
    const transferCode = newestCode();
    if (transferCode !== share.code) {
      expect(await call('remainders.confirmShare', { shareId: share.shareId, code: transferCode })).toMatchObject({ ok: false, error: { code: 'OTP_INVALID' } });
    }
    expect(await receivedBy(friend)).toBe(0);
  });

  it('the same key twice, even at once, starts one share and gives once', async () => {
    const key = randomUUID();
    const [first, second] = await Promise.all([
      call('remainders.startShare', { to: friend, gigabytes: 1, idempotencyKey: key }),
      call('remainders.startShare', { to: friend, gigabytes: 1, idempotencyKey: key }),
    ]);
    expect((first as { value: { share: { id: string } } }).value.share.id).toBe((second as { value: { share: { id: string } } }).value.share.id);
    const shareId = (first as { value: { share: { id: string } } }).value.share.id;
    expect(await call('remainders.confirmShare', { shareId, code: newestCode() })).toMatchObject({ ok: true, value: { state: 'done' } });
    expect(await call('remainders.startShare', { to: friend, gigabytes: 1, idempotencyKey: key })).toMatchObject({ ok: true, value: { share: { id: shareId, state: 'done' } } });
    expect(await receivedBy(friend)).toBe(1024 * 1024);
  });
});
