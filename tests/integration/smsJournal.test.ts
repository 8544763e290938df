import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from './support';

/** The SMS journal (migration 0019) in both stores: what the SMPP adapter writes and «Безопасность» reads. */
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const msisdn = demoLine.msisdn as E164;
const at = (minute: number) => `2026-11-24T09:${String(minute).padStart(2, '0')}:00.000Z`;

describe('the SMS journal', () => {
  it('a long message is delivered once every part has its receipt; one undelivered part makes it undeliverable', async () => {
    const parts = (id: string) => [1, 2].map((number) => ({ messageId: id, number, smscId: null, status: 'queued' as const }));
    await cabinet.database.write(async (repos) => {
      await repos.smsMessages.add({ id: 'sms-1', msisdn, direction: 'out', preview: 'Код: ••••••', parts: 2, status: 'queued', detail: null, createdAt: at(1), updatedAt: at(1) }, parts('sms-1'));
      await repos.smsMessages.add({ id: 'sms-2', msisdn, direction: 'out', preview: 'Второе', parts: 2, status: 'queued', detail: null, createdAt: at(2), updatedAt: at(2) }, parts('sms-2'));
      for (const [id, number, smscId] of [['sms-1', 1, 'a1'], ['sms-1', 2, 'a2'], ['sms-2', 1, 'b1'], ['sms-2', 2, 'b2']] as const) {
        await repos.smsMessages.partSubmitted(id, number, { smscId, status: 'sent' }, null, at(3));
      }
    });
    const read = () => cabinet.database.read((repos) => repos.smsMessages.recentFor([msisdn], 10));
    expect((await read()).map((message) => [message.id, message.status])).toEqual([['sms-2', 'sent'], ['sms-1', 'sent']]);

    await cabinet.database.write(async (repos) => {
      expect(await repos.smsMessages.receipt('a1', 'delivered', 'DELIVRD', at(4))).toMatchObject({ id: 'sms-1', status: 'sent' });
      expect(await repos.smsMessages.receipt('a2', 'delivered', 'DELIVRD', at(5))).toMatchObject({ id: 'sms-1', status: 'delivered', detail: 'DELIVRD' });
      expect(await repos.smsMessages.receipt('b2', 'undeliverable', 'UNDELIV', at(5))).toMatchObject({ id: 'sms-2', status: 'undeliverable' });
      // A receipt for a part this store never sent changes nothing.
      expect(await repos.smsMessages.receipt('unknown', 'delivered', 'DELIVRD', at(6))).toBeNull();
    });
    expect((await read()).map((message) => [message.id, message.status])).toEqual([['sms-2', 'undeliverable'], ['sms-1', 'delivered']]);
  });

  it('a refused part fails the message with the SMSC status; other numbers never see it', async () => {
    await cabinet.database.write(async (repos) => {
      await repos.smsMessages.add({ id: 'sms-9', msisdn, direction: 'out', preview: 'x', parts: 1, status: 'queued', detail: null, createdAt: at(1), updatedAt: at(1) }, [
        { messageId: 'sms-9', number: 1, smscId: null, status: 'queued' },
      ]);
      await repos.smsMessages.partSubmitted('sms-9', 1, { smscId: null, status: 'failed' }, 'command_status 0x0000000b', at(2));
    });
    expect(await cabinet.database.read((repos) => repos.smsMessages.recentFor([msisdn], 10))).toMatchObject([{ status: 'failed', detail: 'command_status 0x0000000b' }]);
    expect(await cabinet.database.read((repos) => repos.smsMessages.recentFor(['+79990000000' as E164], 10))).toEqual([]);
  });

  it('the window sees the SMS of its own number through security.smsHistory, codes hidden', async () => {
    await cabinet.database.write((repos) =>
      repos.smsMessages.add({ id: 'sms-5', msisdn, direction: 'in', preview: '1', parts: 1, status: 'received', detail: null, createdAt: at(1), updatedAt: at(1) }, []),
    );
    expect(await cabinet.dispatcher.dispatch(cabinet.window(), 'security.smsHistory', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await cabinet.dispatcher.dispatch(cabinet.window(), 'auth.signInWithPassword', { phone: msisdn, password: demo.password })).toMatchObject({ ok: true });
    expect(await cabinet.dispatcher.dispatch(cabinet.window(), 'security.smsHistory', {})).toEqual({
      ok: true,
      value: [{ at: at(1), direction: 'in', msisdn, preview: '1', parts: 1, status: 'received', detail: null }],
    });
  });
});
