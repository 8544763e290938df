import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { OutboxCounts, OutboxMail } from '../../core/mail/ports';
import type { UnitOfWork } from '../../core/unitOfWork';
import { MailSendError, type MailTransport } from './smtpTransport';

export interface RetryPolicy {
  /** Letters taken in one pass. */
  batch: number;
  /** How long a taken letter is left to its sender before another may take it (a sender that stopped mid-send). */
  leaseMs: number;
  /** The first wait after a failure; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Tries before a letter is given up as failed. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { batch: 20, leaseMs: 5 * 60_000, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000, maxAttempts: 10 };

/** The wait before try number `attempts + 1`: 1 min, 2, 4 … at most an hour. */
export function retryDelay(attempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  return Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

/** What the windows and the diagnostics are told about mail. */
export interface MailDeliveryState {
  /** «почта не настроена»: letters wait in the outbox, nothing is sent, nothing is called sent. */
  state: 'not-configured' | 'ready' | 'failing';
  lastError: string | null;
  /** When the last error happened (null with no error). */
  lastErrorAt: string | null;
  lastSentAt: string | null;
  outbox: OutboxCounts;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Drains the mail outbox through a transport: takes due letters under a lease (so two instances of a store
 * chain never send the same letter at once), sends each, and marks it sent, or queued again after a back-off,
 * or failed for good (the server's 5xx, or `maxAttempts` tries). Without a transport (mail not configured)
 * nothing is taken: the letters stay queued for the day it is.
 */
export class OutboxSender {
  private running: Promise<DrainResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private lastSentAt: string | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly transport: MailTransport | null,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: RetryPolicy = defaultRetryPolicy,
  ) {}

  get configured(): boolean {
    return this.transport !== null;
  }

  /** One pass over the due letters; a pass already under way is joined, not doubled. */
  drain(): Promise<DrainResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Drains every `intervalMs` until `stop`. */
  start(intervalMs: number): void {
    if (!this.transport || this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.drain().catch((error: unknown) => this.logger.warn('the mail outbox could not be drained', { error: String(error) }));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.transport?.close();
  }

  async state(): Promise<MailDeliveryState> {
    const outbox = await this.uow.read((repos) => repos.mailOutbox.counts());
    const state = !this.transport ? 'not-configured' : this.lastError ? 'failing' : 'ready';
    return { state, lastError: this.lastError, lastErrorAt: this.lastError ? this.lastErrorAt : null, lastSentAt: this.lastSentAt, outbox };
  }

  private async pass(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    const transport = this.transport;
    if (!transport) return result;
    const now = this.clock.now();
    const taken = await this.uow.write(async (repos) => {
      const due = await repos.mailOutbox.due(now, this.policy.batch);
      for (const mail of due) await repos.mailOutbox.lease(mail.id, now + this.policy.leaseMs, mail.attempts + 1);
      return due.map((mail) => ({ ...mail, attempts: mail.attempts + 1 }));
    });
    for (const mail of taken) {
      const outcome = await this.sendOne(transport, mail);
      result[outcome] += 1;
    }
    return result;
  }

  private async sendOne(transport: MailTransport, mail: OutboxMail): Promise<'sent' | 'retried' | 'failed'> {
    try {
      const { messageId } = await transport.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, language: mail.language, messageId: messageIdOf(mail) });
      const at = new Date(this.clock.now()).toISOString();
      await this.uow.write((repos) => repos.mailOutbox.markSent(mail.id, at, messageId));
      this.lastError = null;
      this.lastSentAt = at;
      return 'sent';
    } catch (error) {
      const failure = error instanceof MailSendError ? error : new MailSendError(String(error), false);
      this.lastError = failure.message;
      this.lastErrorAt = new Date(this.clock.now()).toISOString();
      const giveUp = failure.permanent || mail.attempts >= this.policy.maxAttempts;
      const next = giveUp ? null : this.clock.now() + retryDelay(mail.attempts, this.policy);
      await this.uow.write((repos) => repos.mailOutbox.markUnsent(mail.id, failure.message, next));
      this.logger.warn(giveUp ? 'a letter was given up' : 'a letter will be tried again', { mailId: mail.id, attempts: mail.attempts, error: failure.message });
      return giveUp ? 'failed' : 'retried';
    }
  }
}

/** The same Message-ID on every try: a letter sent again after a crash mid-send is the same letter to the mailbox. */
function messageIdOf(mail: OutboxMail): string {
  return `<${mail.id}@subscriber-cabinet.invalid>`;
}
