import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSmtpSettings, sealSmtpPassword, type SmtpSettings } from '../../electron/network/smtp/smtpSettings';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { openTestCabinet, operatorData, TEST_ORIGIN, tempDir, type TestCabinet } from './support';

// The sender's protocol cases against the `smtp-server` package (a real SMTP server in this process: STARTTLS,
// implicit TLS, AUTH, 5xx answers), read back with `mailparser`. The whole way through Postfix to a Dovecot inbox
// read over IMAP is tests/mail/postfixDovecot.test.ts.
const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const SMTP_USER = 'cabinet';
const SMTP_PASSWORD = 'Smtp-Pa55-for-tests';

interface Received {
  mail: ParsedMail;
  user: string | null;
  secure: boolean;
}

let certDir: Awaited<ReturnType<typeof tempDir>>;
let tls: { key: Buffer; cert: Buffer };
const servers: SMTPServer[] = [];
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet | null = null;

beforeAll(async () => {
  certDir = await tempDir();
  const key = join(certDir.path, 'key.pem');
  const cert = join(certDir.path, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-days', '2'], { stdio: 'ignore' });
  tls = { key: readFileSync(key), cert: readFileSync(cert) };
});
afterAll(async () => {
  await certDir.remove();
});
afterEach(async () => {
  await cabinet?.close();
  cabinet = null;
  await dir?.remove();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A mail server on loopback with STARTTLS and AUTH; what it takes is parsed into `inbox`. */
async function mailServer(options: Partial<SMTPServerOptions> = {}): Promise<{ port: number; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('gone')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ mail, user: (session.user as string | undefined) ?? null, secure: session.secure });
          callback();
        })
        .catch(callback);
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as { port: number }).port, inbox };
}

const settingsFor = (port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: 'localhost',
  port,
  tls: 'starttls',
  ca: tls.cert.toString(),
  user: SMTP_USER,
  password: SMTP_PASSWORD,
  from: 'Личный кабинет <noreply@example.ru>',
  ...overrides,
});

async function open(smtp: SmtpSettings): Promise<TestCabinet> {
  dir = await tempDir();
  // Outside demo mode: the real mail path, the test acquirer named explicitly.
  cabinet = await openTestCabinet(dir.path, { demo: false, acquirer: new TestAcquirer(), smtp, mailIntervalMs: 0 });
  return cabinet;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (opened: TestCabinet, window: string, method: string, input: unknown) =>
  opened.dispatcher.dispatch({ senderId: window, origin: TEST_ORIGIN, device: 'Firefox on Linux' }, method, input) as Promise<Answer>;
const signIn = (opened: TestCabinet, window: string) => call(opened, window, 'auth.signInWithPassword', { phone: anna.lines[0]!.msisdn, password: anna.password });
const outbox = (opened: TestCabinet) => opened.database.read((repos) => repos.mailOutbox.ofSubscriber(anna.id));

describe('letters through a real SMTP server', () => {
  it('the address is confirmed by a letter over SMTP, then a receipt and a sign-in notice arrive in English, text and HTML, over TLS', async () => {
    const { port, inbox } = await mailServer();
    const opened = await open(settingsFor(port));
    expect((await call(opened, 'a', 'settings.appInfo', {})).value.services.mail).toBe(true);
    expect((await signIn(opened, 'a')).ok).toBe(true);
    expect((await call(opened, 'a', 'profile.requestEmailCode', { email: 'anna.petrova@example.ru' })).ok).toBe(true);
    // The confirmation letter goes at once (it carries a code, so it is never stored in the outbox).
    expect(inbox).toHaveLength(1);
    const code = /: (\d{6})\./.exec(inbox[0]!.mail.text ?? '')![1]!;
    expect(await outbox(opened)).toEqual([]);
    expect((await call(opened, 'a', 'profile.confirmEmail', { code })).value.emailConfirmed).toBe(true);

    await call(opened, 'a', 'settings.updatePreferences', { language: 'en' });
    const paid = await call(opened, 'a', 'payments.topUpByCard', { amountKopecks: 25_000, card: { number: '2200 0000 0000 0004', expiry: '12/30', cvc: '123' }, remember: false, idempotencyKey: randomUUID() });
    expect(paid.value.status).toBe('succeeded');
    expect((await signIn(opened, 'b')).ok).toBe(true);
    expect(await opened.mail.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await opened.mail.state()).toMatchObject({ state: 'ready', lastError: null, outbox: { queued: 0, sent: 2 } });

    const [confirmation, receipt, notice] = inbox;
    for (const letter of [confirmation!, receipt!, notice!]) {
      expect(letter.secure).toBe(true);
      expect(letter.user).toBe(SMTP_USER);
      expect(letter.mail.from?.value[0]).toMatchObject({ address: 'noreply@example.ru', name: 'Личный кабинет' });
      expect(letter.mail.to && !Array.isArray(letter.mail.to) ? letter.mail.to.value[0]!.address : null).toBe('anna.petrova@example.ru');
    }
    const letters = await outbox(opened);
    const queuedReceipt = letters.find((mail) => mail.kind === 'top-up-receipt')!;
    expect(receipt!.mail.messageId).toBe(`<${queuedReceipt.id}@subscriber-cabinet.invalid>`);
    expect(receipt!.mail.subject?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Receipt: +7 900 ***-**-67 topped up by RUB 250');
    expect(receipt!.mail.headers.get('content-language')).toBe('en');
    expect(receipt!.mail.text).toContain('Paid with: Мир •• 0004');
    expect(receipt!.mail.html).toContain('<html lang="en">');
    expect(receipt!.mail.html).toContain(paid.value.id);
    for (const secret of ['2200 0000 0000 0004', '2200000000000004', anna.password!, SMTP_PASSWORD, code]) {
      expect(`${receipt!.mail.subject} ${receipt!.mail.text} ${receipt!.mail.html}`).not.toContain(secret);
    }
    expect(notice!.mail.subject).toBe('New sign-in to the cabinet of +7 900 ***-**-67');
    expect(notice!.mail.text).toContain('Device: Firefox on Linux');
    expect(letters.every((mail) => mail.status === 'sent')).toBe(true);
  });

  it('implicit TLS (the port 465 way) delivers as well', async () => {
    const { port, inbox } = await mailServer({ secure: true });
    const opened = await open(settingsFor(port, { tls: 'implicit' }));
    await queueSignInNotice(opened);
    expect(await opened.mail.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(inbox.map((letter) => ({ secure: letter.secure, user: letter.user, subject: letter.mail.subject }))).toEqual([
      { secure: true, user: SMTP_USER, subject: 'Вход в личный кабинет +7 900 ***-**-67' },
    ]);
  });

  it('a certificate the computer does not trust is refused: nothing is sent', async () => {
    const { port, inbox } = await mailServer();
    const opened = await open(settingsFor(port, { ca: undefined }));
    await queueSignInNotice(opened);
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(inbox).toEqual([]);
    expect((await opened.mail.state()).lastError).toMatch(/certificate/i);
  });

  it('a server that offers no TLS never gets the password: the letter waits and the state says why', async () => {
    const { port, inbox } = await mailServer({ disabledCommands: ['STARTTLS'] });
    const opened = await open(settingsFor(port));
    await queueSignInNotice(opened);
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(inbox).toEqual([]);
    const state = await opened.mail.state();
    expect(state).toMatchObject({ state: 'failing', outbox: { queued: 1 } });
    expect(state.lastError).toMatch(/ETLS|STARTTLS/);
    expect(state.lastError).not.toContain(SMTP_PASSWORD);
  });

  it('a wrong password is tried again later, never called sent, and never written down', async () => {
    const { port, inbox } = await mailServer();
    const opened = await open(settingsFor(port, { password: 'not-the-password' }));
    await queueSignInNotice(opened);
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(inbox).toEqual([]);
    const [letter] = await outbox(opened);
    expect(letter).toMatchObject({ status: 'queued', attempts: 1 });
    expect(letter!.lastError).toMatch(/EAUTH/);
    expect(letter!.lastError).not.toContain('not-the-password');
  });

  it("a mailbox the server refuses for good (550) is marked failed at once", async () => {
    const { port } = await mailServer();
    const opened = await open(settingsFor(port));
    await queueSignInNotice(opened, 'gone@example.ru');
    expect(await opened.mail.drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await outbox(opened))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('SMTP settings', () => {
  const from = 'noreply@example.ru';
  const noFiles = () => {
    throw new Error('no files here');
  };

  it('TLS may be switched off only for a mail server on this computer', () => {
    expect(() => parseSmtpSettings({ host: 'smtp.example.ru', tls: 'none', from }, undefined, noFiles)).toThrow(/smtp\.tls: TLS is required/);
    expect(parseSmtpSettings({ host: '127.0.0.1', port: 2525, tls: 'none', from }, undefined, noFiles)).toMatchObject({ host: '127.0.0.1', tls: 'none' });
    expect(parseSmtpSettings({ host: 'smtp.example.ru', from }, undefined, noFiles)).toMatchObject({ port: 587, tls: 'starttls' });
    expect(parseSmtpSettings(undefined, undefined, noFiles)).toBeNull();
  });

  it('a bad entry names each field; a password needs a user; a hand-written password is sealed', () => {
    try {
      parseSmtpSettings({ host: '', port: 0, from: 'nobody', password: 'x', extra: 1 }, undefined, noFiles);
      expect.unreachable();
    } catch (error) {
      expect((error as { fields: string[] }).fields.sort()).toEqual(['smtp.extra', 'smtp.from', 'smtp.host', 'smtp.port', 'smtp.user'].sort());
    }
    const sealed = sealSmtpPassword({ host: 'smtp.example.ru', user: 'u', password: 'secret', from }, (password) => Buffer.from(`sealed:${password}`).toString('base64'));
    expect(sealed).not.toHaveProperty('password');
    expect(JSON.stringify(sealed)).not.toContain('secret');
    const unsealed = parseSmtpSettings(sealed, (text) => Buffer.from(text, 'base64').toString().replace('sealed:', ''), noFiles);
    expect(unsealed).toMatchObject({ user: 'u', password: 'secret' });
    expect(() => parseSmtpSettings(sealed, undefined, noFiles)).toThrow(/smtp\.sealedPassword/);
  });
});

/** Gives Anna a confirmed address and signs her in: the sign-in notice waits in the outbox. */
async function queueSignInNotice(opened: TestCabinet, email = 'anna.petrova@example.ru'): Promise<void> {
  await opened.database.write(async (repos) => {
    const profile = await repos.profiles.get(anna.id, new Date(opened.clock.now()).toISOString());
    await repos.profiles.save({ ...profile, email, emailConfirmedAt: new Date(opened.clock.now()).toISOString() });
  });
  expect((await signIn(opened, 'a')).ok).toBe(true);
  expect((await outbox(opened)).map((mail) => mail.status)).toEqual(['queued']);
}
