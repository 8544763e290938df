import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from '../../electron/network/smtp/smtpSettings';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { openTestCabinet, operatorData, TEST_ORIGIN, tempDir, type TestCabinet } from '../integration/support';
import { MailSystem, mailSystemMissing, SUBMITTER, type Mailbox } from './mailSystem';

// Letters from the app to a subscriber's inbox through Debian's own mail servers: the app submits to Postfix
// (STARTTLS, AUTH checked by Dovecot), Postfix delivers to a Maildir, the test reads the inbox over IMAP (Dovecot)
// with the subscriber's login. `.ci/run` installs postfix and dovecot-imapd; elsewhere the suite says why it skips.
const missing = mailSystemMissing();
const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const annaBox: Mailbox = { address: 'anna.petrova@example.ru', password: 'Inbox-pa55' };
const boris: Mailbox = { address: 'boris@example.ru', password: 'Inbox-pa66' };

let mail: MailSystem;
let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;

beforeAll(async () => {
  if (missing) return;
  mail = await MailSystem.start([annaBox, boris]);
}, 60_000);
afterAll(async () => {
  await mail?.stop();
});
afterEach(async () => {
  await cabinet?.close();
  cabinet = null;
  await dir?.remove();
  dir = null;
});

const settings = (overrides: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: 'localhost',
  port: mail.ports.smtp,
  tls: 'starttls',
  ca: mail.certificate,
  user: SUBMITTER.user,
  password: SUBMITTER.password,
  from: 'Личный кабинет <noreply@example.ru>',
  ...overrides,
});

async function open(smtp: SmtpSettings): Promise<TestCabinet> {
  dir = await tempDir();
  // Outside demo mode: the real mail path; the test acquirer named explicitly.
  cabinet = await openTestCabinet(dir.path, { demo: false, acquirer: new TestAcquirer(), smtp, mailIntervalMs: 0 });
  return cabinet;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (opened: TestCabinet, window: string, method: string, input: unknown) =>
  opened.dispatcher.dispatch({ senderId: window, origin: TEST_ORIGIN, device: 'Firefox on Linux' }, method, input) as Promise<Answer>;
const signIn = (opened: TestCabinet, window: string) => call(opened, window, 'auth.signInWithPassword', { phone: anna.lines[0]!.msisdn, password: anna.password });
const outbox = (opened: TestCabinet) => opened.database.read((repos) => repos.mailOutbox.ofSubscriber(anna.id));
const plain = (text: string | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function useAddress(opened: TestCabinet, email: string): Promise<void> {
  await opened.database.write(async (repos) => {
    const profile = await repos.profiles.get(anna.id, new Date(opened.clock.now()).toISOString());
    await repos.profiles.save({ ...profile, email, emailConfirmedAt: new Date(opened.clock.now()).toISOString() });
  });
}

describe.skipIf(missing !== null)(`letters through Postfix to a Dovecot inbox, read over IMAP${missing ? ` — skipped: ${missing}` : ''}`, () => {
  it('the address is confirmed with the code from the inbox; a card receipt and a sign-in notice arrive there in Russian, text and HTML', async () => {
    const opened = await open(settings());
    expect((await signIn(opened, 'a')).ok).toBe(true);
    expect((await call(opened, 'a', 'profile.requestEmailCode', { email: annaBox.address })).ok).toBe(true);
    // The confirmation letter goes at once; the subscriber reads the code in the mail program.
    const [confirmation] = await mail.waitForLetters(annaBox, 1);
    expect(confirmation!.subject).toBe('Подтверждение адреса в личном кабинете');
    const code = /: (\d{6})\./.exec(confirmation!.text ?? '')![1]!;
    expect((await call(opened, 'a', 'profile.confirmEmail', { code })).value.emailConfirmed).toBe(true);

    const paid = await call(opened, 'a', 'payments.topUpByCard', { amountKopecks: 30_000, card: { number: '2200 0000 0000 0004', expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey: randomUUID() });
    expect(paid.value.status).toBe('succeeded');
    expect((await signIn(opened, 'b')).ok).toBe(true);
    expect(await opened.mail.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });

    const letters = await mail.waitForLetters(annaBox, 3);
    const receipt = letters.find((letter) => plain(letter.subject).startsWith('Квитанция'))!;
    expect(plain(receipt.subject)).toBe('Квитанция: пополнение +7 900 ***-**-67 на 300 ₽');
    expect(receipt.from?.value[0]).toMatchObject({ address: 'noreply@example.ru', name: 'Личный кабинет' });
    expect(receipt.headers.get('content-language')).toBe('ru');
    expect(receipt.text).toContain('Мир •• 0004');
    expect(receipt.html).toContain('<html lang="ru">');
    expect(receipt.html).toContain(paid.value.id);
    const queued = (await outbox(opened)).find((letter) => letter.kind === 'top-up-receipt')!;
    expect(receipt.messageId).toBe(`<${queued.id}@subscriber-cabinet.invalid>`);
    // Postfix added its own trace: the letter really went through the MTA, over TLS, after AUTH.
    expect(String(receipt.headers.get('received'))).toMatch(/ESMTPSA/);
    const notice = letters.find((letter) => plain(letter.subject).startsWith('Вход'))!;
    expect(plain(notice.subject)).toBe('Вход в личный кабинет +7 900 ***-**-67');
    expect(notice.text).toContain('Firefox on Linux');
    for (const letter of letters) {
      for (const secret of ['2200 0000 0000 0004', '2200000000000004', anna.password!, SUBMITTER.password]) {
        expect(`${letter.subject} ${letter.text} ${letter.html}`).not.toContain(secret);
      }
    }
    expect((await mail.inbox(boris)).length).toBe(0);
  });

  it('a password Postfix refuses (535 through Dovecot) keeps the letter queued and is never written down', async () => {
    const opened = await open(settings({ password: 'not-the-password' }));
    await useAddress(opened, boris.address);
    expect((await signIn(opened, 'a')).ok).toBe(true);
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [letter] = await outbox(opened);
    expect(letter).toMatchObject({ status: 'queued', attempts: 1 });
    expect(letter!.lastError).toMatch(/EAUTH|535/);
    expect(letter!.lastError).not.toContain('not-the-password');
    expect(await mail.inbox(boris)).toEqual([]);
  });

  it('an address Postfix has no mailbox for (550) is marked failed at once; the next letter to a real one arrives', async () => {
    const opened = await open(settings());
    await useAddress(opened, 'nobody-here@example.ru');
    expect((await signIn(opened, 'a')).ok).toBe(true);
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await outbox(opened))[0]).toMatchObject({ status: 'failed' });
    expect((await outbox(opened))[0]!.lastError).toMatch(/550|5\.1\.1|unknown/i);

    await useAddress(opened, boris.address);
    expect((await signIn(opened, 'b')).ok).toBe(true);
    expect(await opened.mail.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [notice] = await mail.waitForLetters(boris, 1);
    expect(plain(notice!.subject)).toBe('Вход в личный кабинет +7 900 ***-**-67');
  });
});
