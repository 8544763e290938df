import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailGateway } from '../../core/profile/ports';
import { isLoopbackHost, type SmtpSettings } from './smtpSettings';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  language?: string | undefined;
  /** Lets the server and the mailbox tell a letter sent twice (after a crash mid-send) from two letters. */
  messageId?: string | undefined;
}

/** Why a letter was not taken: `permanent` (a 5xx answer: trying again will not help) or not. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** Hands letters to a mail server; throws MailSendError. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): void;
}

/**
 * The operator's SMTP server through nodemailer. TLS is required (STARTTLS or implicit) unless the server is on
 * this computer; certificates are checked. The password lives only here, never in a log or an error text.
 */
export class SmtpTransport implements MailTransport, EmailGateway {
  readonly configured = true;
  private readonly transporter: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    const loopback = isLoopbackHost(settings.host);
    if (settings.tls === 'none' && !loopback) throw new Error('smtp: TLS is required for a mail server on another computer');
    this.transporter = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.tls === 'implicit',
      requireTLS: settings.tls === 'starttls',
      ignoreTLS: settings.tls === 'none',
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      tls: { minVersion: 'TLSv1.2', ...(settings.ca ? { ca: settings.ca } : {}) },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string | null }> {
    try {
      const info = (await this.transporter.sendMail({
        from: this.settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.language ? { headers: { 'Content-Language': mail.language } } : {}),
      })) as { messageId?: string; rejected?: unknown[] };
      if (info.rejected && info.rejected.length > 0) throw new MailSendError('the server refused the recipient', true);
      return { messageId: info.messageId ?? null };
    } catch (error) {
      throw asSendError(error);
    }
  }

  /** The e-mail confirmation letter: sent at once and never stored, since it carries a one-time code. */
  async sendMail(to: string, subject: string, text: string): Promise<void> {
    await this.send({ to, subject, text });
  }

  close(): void {
    this.transporter.close();
  }
}

/** A nodemailer error as a reason that names no secret: its code and the server's reply code. */
function asSendError(error: unknown): MailSendError {
  if (error instanceof MailSendError) return error;
  const failure = error as { code?: string; responseCode?: number; message?: string };
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  // A 5xx refusal of this letter's envelope or content is the server's final word on it. Anything else — the
  // network, TLS, a refused password — is the link's or the settings' fault, may be fixed, and is tried again.
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600 && (failure.code === 'EENVELOPE' || failure.code === 'EMESSAGE');
  const reason = [failure.code, responseCode === null ? null : String(responseCode), (failure.message ?? String(error)).slice(0, 160)].filter(Boolean).join(' ');
  return new MailSendError(reason, permanent);
}
