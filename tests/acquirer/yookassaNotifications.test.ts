import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { YooKassaAcquirer } from '../../electron/network/yookassa/yookassaAcquirer';
import { fromYooKassa, notifiedPayment } from '../../electron/network/yookassa/yookassaNotifications';
import { startYooKassaServer, type YooKassaTestServer } from './yookassaServer';

let server: YooKassaTestServer;
beforeAll(async () => {
  server = await startYooKassaServer();
});
afterAll(async () => {
  await server.close();
});
const acquirer = () =>
  new YooKassaAcquirer({ apiUrl: server.url, shopId: server.shopId, secretKey: server.secretKey, ca: server.ca, timeoutMs: 2_000, attempts: 2, backoffMs: 10, returnUrl: 'https://cabinet.invalid/payments/return', logger: silentLogger });
const notification = (id: string, event = 'payment.succeeded') => ({ type: 'notification', event, object: { id, status: 'succeeded', paid: true } });

describe("YooKassa's notifications", () => {
  it("come only from YooKassa's published addresses", () => {
    for (const address of ['185.71.76.1', '185.71.77.31', '77.75.153.127', '77.75.156.11', '77.75.154.200', '2a02:5180::1', '::ffff:185.71.76.5']) expect(fromYooKassa(address), address).toBe(true);
    for (const address of ['185.71.76.32', '77.75.156.12', '127.0.0.1', '10.0.0.1', '2a02:5181::1', '::ffff:127.0.0.1', 'localhost', '']) expect(fromYooKassa(address), address).toBe(false);
  });

  it('are not read at all from another address: no request goes out', async () => {
    const before = server.requests.length;
    expect(await acquirer().notified('203.0.113.9', notification('2d000000-0000-0000-0000-000000000000'))).toBeNull();
    expect(server.requests.length).toBe(before);
    expect(notifiedPayment('185.71.76.1', { type: 'notification', event: 'refund.succeeded', object: { id: 'x' } })).toBeNull();
  });

  it("name a payment to ask about, and nothing more: a body saying succeeded does not make it so", async () => {
    const ours = `pay_${randomUUID()}`;
    const yookassa = acquirer();
    const answer = await yookassa.charge({ paymentId: ours, amountKopecks: 10_000, card: { number: '4000000000003220', expMonth: 12, expYear: 2030, cvc: '123' }, tokenize: false });
    expect(answer.outcome).toBe('challenge');
    const theirs = server.payments().find((payment) => payment.metadata?.cabinet_payment_id === ours)!.id;
    // A forged "succeeded" from a genuine address: the second status query says the payment still waits.
    const listener = acquirer();
    expect(await listener.notified('185.71.76.10', notification(theirs))).toBe(ours);
    expect(await listener.status(ours)).toMatchObject({ outcome: 'challenge' });
    await server.bankPage((answer as { confirmationUrl: string }).confirmationUrl, true);
    expect(await listener.status(ours)).toMatchObject({ outcome: 'succeeded' });
    expect(await listener.notified('185.71.76.10', notification('2d000000-0000-0000-0000-000000000000'))).toBeNull();
  });
});
