import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/logger';
import { AcquirerTimeoutError } from '../../electron/core/money/ports';
import { YooKassaAcquirer, type YooKassaOptions } from '../../electron/network/yookassa/yookassaAcquirer';
import { kopecksOf, rublesValue } from '../../electron/network/yookassa/yookassaPayment';
import { startYooKassaServer, type YooKassaTestServer } from './yookassaServer';

const RETURN_URL = 'https://cabinet.invalid/payments/return';
const card = (number: string) => ({ number, expMonth: 12, expYear: 2030, cvc: '123' });

let server: YooKassaTestServer;
const logged: string[] = [];
const logger: Logger = {
  info: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
};
const acquirer = (overrides: Partial<YooKassaOptions> = {}) =>
  new YooKassaAcquirer({ apiUrl: server.url, shopId: server.shopId, secretKey: server.secretKey, ca: server.ca, timeoutMs: 2_000, attempts: 3, backoffMs: 10, returnUrl: RETURN_URL, logger, ...overrides });
const payId = () => `pay_${randomUUID()}`;

beforeAll(async () => {
  server = await startYooKassaServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  Object.assign(server.faults, { slowMs: 0, slowNext: 0, failNext: 0, failWhen: 'after', twoStage: false });
  logged.length = 0;
});

describe('amounts on the wire', () => {
  it('are kopecks written as rubles with two decimals, and read back exactly', () => {
    expect(rublesValue(50_000)).toBe('500.00');
    expect(rublesValue(1_05)).toBe('1.05');
    expect(kopecksOf('1.05')).toBe(105);
    expect(kopecksOf('500')).toBe(50_000);
    expect(kopecksOf('1e3')).toBeNull();
  });
});

describe('a card payment through YooKassa', () => {
  it('succeeds on the acquirer\'s word, and a saved card comes back as a token with brand, last four and expiry', async () => {
    const answer = await acquirer().charge({ paymentId: payId(), amountKopecks: 50_000, card: card('4111111111111111'), tokenize: true });
    expect(answer).toMatchObject({ outcome: 'succeeded', token: { brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030 } });
    const created = server.requests.at(-1)!;
    expect(created).toMatchObject({ method: 'POST', path: '/v3/payments' });
    expect(created.key).toMatch(/^create:pay_/);
  });

  it('repeats a request that got a 500 with the same Idempotence-Key, and the card is charged once', async () => {
    server.faults.failNext = 2;
    server.faults.failWhen = 'after';
    const before = server.charges();
    const id = payId();
    const answer = await acquirer().charge({ paymentId: id, amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(answer.outcome).toBe('succeeded');
    expect(server.charges()).toBe(before + 1);
    const keys = server.requests.filter((request) => request.method === 'POST').slice(-3).map((request) => request.key);
    expect(keys).toEqual([`create:${id}`, `create:${id}`, `create:${id}`]);
  });

  it('repeats after a timeout with the same key, and the card is charged once', async () => {
    server.faults.slowMs = 600;
    server.faults.slowNext = 1;
    const before = server.charges();
    const answer = await acquirer({ timeoutMs: 300 }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('2200000000000004'), tokenize: false });
    expect(answer.outcome).toBe('succeeded');
    expect(server.charges()).toBe(before + 1);
  });

  it('leaves a payment pending when no attempt got an answer but one may have reached the acquirer; a status query then finds it charged once', async () => {
    server.faults.failNext = 3;
    const before = server.charges();
    const id = payId();
    const yookassa = acquirer();
    await expect(yookassa.charge({ paymentId: id, amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false })).rejects.toBeInstanceOf(AcquirerTimeoutError);
    expect(server.charges()).toBe(before + 1);
    // A new process knows no YooKassa id: it finds the payment by our id in the payment list.
    expect(await acquirer().status(id)).toMatchObject({ outcome: 'succeeded' });
    expect(server.charges()).toBe(before + 1);
  });

  it('declines as acquirer-unavailable when the acquirer cannot be reached at all: nothing was charged', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const answer = await acquirer({ apiUrl: `https://127.0.0.1:${port}/v3/` }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(answer).toEqual({ outcome: 'declined', reason: 'acquirer-unavailable' });
  });

  it('declines as acquirer-unavailable when the acquirer refuses the shop\'s credentials', async () => {
    const answer = await acquirer({ secretKey: 'test_wrong' }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(answer).toEqual({ outcome: 'declined', reason: 'acquirer-unavailable' });
  });

  it('trusts only the CA it was given: a server it cannot verify is unreachable, never talked to in the clear', async () => {
    const answer = await acquirer({ ca: undefined }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(answer).toEqual({ outcome: 'declined', reason: 'acquirer-unavailable' });
  });

  it('turns a canceled payment into a decline with the bank\'s reason, and takes no money', async () => {
    const before = server.charges();
    const answer = await acquirer().charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4000000000009995'), tokenize: false });
    expect(answer).toEqual({ outcome: 'declined', reason: 'insufficient-funds' });
    expect(server.charges()).toBe(before);
  });

  it('asks for 3-D Secure on the bank\'s page, and the payment succeeds only once the bank says so', async () => {
    const id = payId();
    const yookassa = acquirer();
    const answer = await yookassa.charge({ paymentId: id, amountKopecks: 10_000, card: card('4000000000003220'), tokenize: false });
    expect(answer).toMatchObject({ outcome: 'challenge', confirmationUrl: expect.stringContaining('/checkout/') });
    const page = await yookassa.confirmationPage(id);
    expect(page).toEqual({ url: (answer as { confirmationUrl: string }).confirmationUrl, returnUrl: RETURN_URL });
    expect(await yookassa.status(id)).toMatchObject({ outcome: 'challenge' });
    const back = await server.bankPage(page!.url, true);
    expect(back.location).toBe(RETURN_URL);
    expect(await yookassa.status(id)).toMatchObject({ outcome: 'succeeded' });
    expect(await yookassa.confirmationPage(id)).toBeNull();
  });

  it('captures a payment waiting for capture (a two-stage shop) under its own key, once', async () => {
    server.faults.twoStage = true;
    const before = server.charges();
    const id = payId();
    const answer = await acquirer().charge({ paymentId: id, amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(answer.outcome).toBe('succeeded');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', key: `capture:${id}` });
    expect(server.charges()).toBe(before + 1);
  });

  it('says unknown for a payment the acquirer never saw', async () => {
    expect(await acquirer().status(payId())).toEqual({ outcome: 'unknown' });
  });

  it('never writes the card number or the CVC to the log', async () => {
    server.faults.failNext = 3;
    await acquirer({ attempts: 3 }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false }).catch(() => undefined);
    await acquirer({ secretKey: 'test_wrong' }).charge({ paymentId: payId(), amountKopecks: 10_000, card: card('4111111111111111'), tokenize: false });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/4111111111111111|"123"|csc|test_wrong/);
  });
});
