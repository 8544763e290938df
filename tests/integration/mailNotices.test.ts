import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/logger';
import type { OutboxMail } from '../../electron/core/mail/ports';
import { OutboxSender, retryDelay, defaultRetryPolicy } from '../../electron/network/smtp/outboxSender';
import { MailSendError, type MailTransport, type OutgoingMail } from '../../electron/network/smtp/smtpTransport';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, TEST_ORIGIN, tempDir, type TestCabinet } from './support';
import { freshDatabase, onPostgres } from './testStore';

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

const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
const annaNumber = anna.lines[0]!.msisdn as E164;
const card = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const windowOf = (id: string, device = 'test device') => ({ senderId: id, origin: TEST_ORIGIN, device });
const call = (window: string, method: string, input: unknown, device?: string) => cabinet.dispatcher.dispatch(windowOf(window, device), method, input) as Promise<Answer>;
const signIn = (window: string, subscriber: { lines: Array<{ msisdn: string }>; password: string | null }, device?: string) =>
  call(window, 'auth.signInWithPassword', { phone: subscriber.lines[0]!.msisdn, password: subscriber.password }, device);
const outbox = (subscriberId: string) => cabinet.database.read((repos) => repos.mailOutbox.ofSubscriber(subscriberId));
const lastSmsCode = (msisdn: string) => /\b(\d{6})\b/.exec(cabinet.handset!.inbox(msisdn as E164)[0]?.text ?? '')?.[1] ?? '';

/** Anna proves her address with the code from the confirmation letter (the virtual handset's «Почта» in demo mode). */
async function confirmEmail(window: string, email: string): Promise<void> {
  expect((await call(window, 'profile.requestEmailCode', { email })).ok).toBe(true);
  const code = /: (\d{6})\./.exec(cabinet.handset!.mailbox()[0]!.text)![1]!;
  expect((await call(window, 'profile.confirmEmail', { code })).ok).toBe(true);
}

/** Everything a letter carries, to look for what must never be there. */
const wholeLetter = (mail: OutboxMail) => `${mail.subject}\n${mail.text}\n${mail.html}`;

function recordingTransport(script: Array<'ok' | 'transient' | 'permanent'> = []): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail) {
      const next = script.shift() ?? 'ok';
      if (next === 'transient') throw new MailSendError('ECONNECTION connection refused', false);
      if (next === 'permanent') throw new MailSendError('EENVELOPE 550 mailbox unavailable', true);
      sent.push(mail);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
}

describe('mail notices are queued with the event, in the subscriber\'s language', () => {
  it('a subscriber without a confirmed address gets no letter, and nothing is queued', async () => {
    expect((await signIn('a', dmitry)).ok).toBe(true);
    expect((await call('a', 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: false, idempotencyKey: randomUUID() })).value.status).toBe('succeeded');
    expect(await outbox(dmitry.id)).toEqual([]);
  });

  it('a card top-up queues a receipt in the language the cabinet is used in, with no card number, CVC or code', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    // The window switches to English: the subscriber's letters follow.
    expect((await call('a', 'settings.updatePreferences', { language: 'en' })).ok).toBe(true);
    const paid = await call('a', 'payments.topUpByCard', { amountKopecks: 50_050, card, remember: false, idempotencyKey: randomUUID() });
    expect(paid.value.status).toBe('succeeded');
    const letters = await outbox(anna.id);
    expect(letters).toHaveLength(1);
    const receipt = letters[0]!;
    expect(receipt).toMatchObject({ kind: 'top-up-receipt', to: 'anna.petrova@example.ru', language: 'en', status: 'queued', attempts: 0, eventKey: `receipt:${paid.value.id}` });
    expect(receipt.subject.replace(/[\u00a0\u202f]/g, ' ')).toBe('Receipt: +7 900 ***-**-67 topped up by RUB 500.50');
    expect(receipt.text).toContain('Paid with: Visa •• 1111');
    expect(receipt.text).toContain(paid.value.id);
    expect(receipt.html).toContain('<html lang="en">');
    expect(receipt.html).toContain('Visa •• 1111');
    const secrets = ['4111 1111 1111 1111', '4111111111111111', '411111', 'CVC', anna.password!];
    for (const secret of secrets) expect(wholeLetter(receipt)).not.toContain(secret);
    expect(wholeLetter(receipt)).not.toContain(annaNumber);
    // A status check of the settled payment adds no second receipt.
    await call('a', 'payments.checkStatus', { paymentId: paid.value.id });
    expect(await outbox(anna.id)).toHaveLength(1);
  });

  it('an e-wallet top-up names the wallet in the receipt', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    const started = await call('a', 'payments.topUpByWallet', { walletId: 'yoomoney', amountKopecks: 30_000, idempotencyKey: randomUUID() });
    expect((await call('a', 'payments.confirmWallet', { paymentId: started.value.id, approve: true })).value.status).toBe('succeeded');
    const [receipt] = await outbox(anna.id);
    expect(receipt).toMatchObject({ kind: 'top-up-receipt', language: 'ru' });
    expect(receipt!.text).toContain('Способ: ЮMoney');
  });

  it('a transfer queues a receipt to the sender with the commission; the code that confirmed it is not in it', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    const started = await call('a', 'payments.startTransfer', { to: dmitry.lines[0]!.msisdn, amountKopecks: 10_000, idempotencyKey: randomUUID() });
    expect(started.ok).toBe(true);
    const code = lastSmsCode(annaNumber);
    const confirmed = await call('a', 'payments.confirmTransfer', { paymentId: started.value.payment.id, code });
    expect(confirmed.value.status).toBe('succeeded');
    const receipt = (await outbox(anna.id)).find((mail) => mail.kind === 'transfer-receipt')!;
    expect(receipt).toMatchObject({ language: 'ru', to: 'anna.petrova@example.ru' });
    expect(receipt.subject.replace(/[\u00a0\u202f]/g, ' ')).toBe('Квитанция: перевод 100 ₽ на +7 913 ***-**-43');
    expect(receipt.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/Сумма: 100 ₽\nКомиссия: 5 ₽\nСписано всего: 105 ₽/);
    expect(receipt.text).toContain('На номер: +7 913 ***-**-43');
    expect(wholeLetter(receipt)).not.toContain(code);
    expect(wholeLetter(receipt)).not.toContain(dmitry.lines[0]!.msisdn);
    // The recipient has no confirmed address: nothing for them.
    expect(await outbox(dmitry.id)).toEqual([]);
  });

  it('a new sign-in, a password change and a SIM block each queue a security notice; HTML in a device name is escaped', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    const device = '<img src=x onerror="alert(1)"> Chrome & Co 4111 1111 1111 1111';
    expect((await signIn('b', anna, device)).ok).toBe(true);
    const signInLetter = (await outbox(anna.id)).find((mail) => mail.kind === 'new-sign-in')!;
    expect(signInLetter.language).toBe('ru');
    expect(signInLetter.subject).toBe('Вход в личный кабинет +7 900 ***-**-67');
    expect(signInLetter.text).toContain('Способ: по паролю');
    expect(signInLetter.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Chrome &amp; Co •• 1111');
    expect(signInLetter.html).not.toMatch(/<img|onerror="/);
    expect(wholeLetter(signInLetter)).not.toContain('4111 1111 1111 1111');

    const next = 'Kolokol-Zvonit-Vecherom-26';
    expect((await call('a', 'security.changePassword', { current: anna.password, next })).ok).toBe(true);
    // Other sessions ended with the change; sign in again to block the SIM, now in English.
    await call('a', 'settings.updatePreferences', { language: 'en' });
    expect((await call('a', 'security.blockSim', { password: next })).ok).toBe(true);
    const letters = await outbox(anna.id);
    const changed = letters.find((mail) => mail.kind === 'password-changed')!;
    expect(changed.language).toBe('ru');
    expect(changed.subject).toBe('Пароль личного кабинета изменён');
    expect(wholeLetter(changed)).not.toContain(next);
    expect(wholeLetter(changed)).not.toContain(anna.password!);
    const blocked = letters.find((mail) => mail.kind === 'sim-blocked')!;
    expect(blocked).toMatchObject({ language: 'en', subject: 'The SIM of +7 900 ***-**-67 is blocked' });
    expect(wholeLetter(blocked)).not.toContain(next);
    expect(letters.map((mail) => mail.kind).sort()).toEqual(['new-sign-in', 'password-changed', 'sim-blocked']);
  });

  it('a recovery by SMS tells of the sign-in and of the new password, and the letters hold neither the code nor the password', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    expect((await call('r', 'auth.requestCode', { phone: annaNumber, purpose: 'recover' })).ok).toBe(true);
    const code = lastSmsCode(annaNumber);
    expect((await call('r', 'auth.signInWithCode', { phone: annaNumber, purpose: 'recover', code })).value).toMatchObject({ way: 'recovery', mustSetPassword: true });
    const password = 'Novyi-Parol-Posle-Poteri-7';
    expect((await call('r', 'auth.setPassword', { password })).ok).toBe(true);
    const letters = await outbox(anna.id);
    expect(letters.map((mail) => mail.kind).sort()).toEqual(['new-sign-in', 'password-changed']);
    expect(letters.find((mail) => mail.kind === 'new-sign-in')!.text).toContain('Способ: восстановление пароля');
    for (const letter of letters) {
      expect(wholeLetter(letter)).not.toContain(code);
      expect(wholeLetter(letter)).not.toContain(password);
    }
  });

  it('without SMTP the outbox is kept and says so: nothing is sent, nothing is called sent', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    await call('a', 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: false, idempotencyKey: randomUUID() });
    expect(cabinet.mail.configured).toBe(false);
    expect(await cabinet.mail.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await cabinet.mail.state()).toMatchObject({ state: 'not-configured', outbox: { queued: 1, sending: 0, sent: 0, failed: 0 } });
    expect((await call('a', 'settings.appInfo', {})).value.services.mail).toBe(false);
    expect((await outbox(anna.id))[0]!.status).toBe('queued');
  });

  it('a sender retries with back-off, marks a letter sent once, and gives up on a permanent refusal', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    await call('a', 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: false, idempotencyKey: randomUUID() });
    await call('a', 'payments.topUpByCard', { amountKopecks: 20_000, card, remember: false, idempotencyKey: randomUUID() });
    const clock = new ManualClock(cabinet.clock.now());
    const transport = recordingTransport(['transient', 'permanent', 'transient']);
    const sender = new OutboxSender(cabinet.database, transport, clock, silentLogger);
    // First pass: the first letter fails for now, the second for good.
    expect(await sender.drain()).toEqual({ sent: 0, retried: 1, failed: 1 });
    expect(await sender.state()).toMatchObject({ state: 'failing', lastError: 'EENVELOPE 550 mailbox unavailable', outbox: { queued: 1, failed: 1 } });
    // Not due before its back-off.
    clock.advance(retryDelay(1) - 1);
    expect(await sender.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(1);
    expect(await sender.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    clock.advance(retryDelay(2));
    expect(await sender.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await sender.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(transport.sent).toHaveLength(1);
    const letters = await outbox(anna.id);
    const sent = letters.find((mail) => mail.status === 'sent')!;
    expect(sent).toMatchObject({ attempts: 3, messageId: '<1@test>', lastError: null });
    expect(transport.sent[0]!.messageId).toBe(`<${sent.id}@subscriber-cabinet.invalid>`);
    expect(letters.find((mail) => mail.status === 'failed')).toMatchObject({ attempts: 1, lastError: 'EENVELOPE 550 mailbox unavailable' });
    expect(retryDelay(1)).toBe(60_000);
    expect(retryDelay(30)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('a letter is given up after the last try', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    await call('a', 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: false, idempotencyKey: randomUUID() });
    const clock = new ManualClock(cabinet.clock.now());
    const policy = { ...defaultRetryPolicy, maxAttempts: 3 };
    const sender = new OutboxSender(cabinet.database, recordingTransport(['transient', 'transient', 'transient', 'transient']), clock, silentLogger, policy);
    const outcomes = [];
    for (let pass = 0; pass < 4; pass += 1) {
      outcomes.push(await sender.drain());
      clock.advance(policy.maxDelayMs);
    }
    expect(outcomes.map((outcome) => outcome.retried + outcome.failed * 10)).toEqual([1, 1, 10, 0]);
    expect((await outbox(anna.id))[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('a sender that stopped mid-send leaves the letter to the next one once its lease runs out', async () => {
    await signIn('a', anna);
    await confirmEmail('a', 'anna.petrova@example.ru');
    await call('a', 'payments.topUpByCard', { amountKopecks: 10_000, card, remember: false, idempotencyKey: randomUUID() });
    const clock = new ManualClock(cabinet.clock.now());
    const stuck: MailTransport = { send: () => new Promise(() => {}), close() {} };
    void new OutboxSender(cabinet.database, stuck, clock, silentLogger).drain();
    await expect.poll(async () => (await outbox(anna.id))[0]!.status).toBe('sending');
    const transport = recordingTransport();
    const next = new OutboxSender(cabinet.database, transport, clock, silentLogger);
    expect(await next.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock.advance(defaultRetryPolicy.leaseMs);
    expect(await next.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await outbox(anna.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('a crash between the event and the send', () => {
  it('loses nothing: the receipt written with the payment is sent by the next start, once', { timeout: 60_000 }, async () => {
    // A mail server that takes the connection and never says a word: the sender is stuck mid-send when the kill comes.
    const connections: Socket[] = [];
    const silent = createServer((socket) => connections.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const crashDir = await tempDir();
    const store = onPostgres ? await freshDatabase('mailcrash') : crashDir.path;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/mailCrashChild.ts', store, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let errors = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await expect.poll(() => (/paid (\S+)/.test(output) ? 'paid' : errors.slice(0, 400)), { timeout: 45_000, interval: 100 }).toBe('paid');
      await expect.poll(() => connections.length, { timeout: 10_000 }).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await exited;
      const paymentId = /paid (\S+)/.exec(output)![1]!;

      const reopened = await openTestCabinet(crashDir.path, onPostgres ? { sharedStore: { url: store, poolSize: 2 } } : {});
      try {
        const letters = await reopened.database.read((repos) => repos.mailOutbox.ofSubscriber(anna.id));
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({ kind: 'top-up-receipt', eventKey: `receipt:${paymentId}`, status: 'sending', attempts: 1 });
        const payment = await reopened.database.read((repos) => repos.payments.byId(paymentId));
        expect(payment?.status).toBe('succeeded');
        const transport = recordingTransport();
        // The killed sender's lease runs out; then the letter is sent, once.
        const clock = new ManualClock(Date.now());
        const sender = new OutboxSender(reopened.database, transport, clock, silentLogger);
        expect(await sender.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
        clock.advance(defaultRetryPolicy.leaseMs + 1_000);
        expect(await sender.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
        expect(await sender.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect(transport.sent).toHaveLength(1);
        expect(transport.sent[0]!.messageId).toBe(`<${letters[0]!.id}@subscriber-cabinet.invalid>`);
        expect((await reopened.database.read((repos) => repos.mailOutbox.byId(letters[0]!.id)))?.status).toBe('sent');
      } finally {
        await reopened.close();
      }
    } finally {
      for (const socket of connections) socket.destroy();
      silent.close();
      await crashDir.remove();
    }
  });
});
