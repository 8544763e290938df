/** The languages a letter is written in: the one the subscriber last used the cabinet in. */
export type MailLanguage = 'ru' | 'en';

/** What a letter tells: a receipt, or a security notice. */
export type MailKind = 'top-up-receipt' | 'transfer-receipt' | 'new-sign-in' | 'password-changed' | 'sim-blocked';

/** Where a letter is: waiting (or waiting to be tried again), being handed to the mail server, handed over, given up. */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxMail {
  id: string;
  /** One letter per event (`receipt:pay_1`, `sign-in:signin_7`): queueing the same event again adds nothing. */
  eventKey: string;
  subscriberId: string;
  kind: MailKind;
  to: string;
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms: not tried again before this. */
  nextAttemptAt: number;
  /** Epoch ms: a letter `sending` past this was left by a sender that stopped; another may take it. */
  leaseUntil: number | null;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

export type NewOutboxMail = Pick<OutboxMail, 'id' | 'eventKey' | 'subscriberId' | 'kind' | 'to' | 'language' | 'subject' | 'text' | 'html' | 'createdAt' | 'nextAttemptAt'>;

export interface OutboxCounts {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
}

/**
 * The mail outbox: letters are written in the same unit of work as the event they tell of, so a crash
 * loses neither; a sender drains it later.
 */
export interface MailOutboxRepository {
  /** Adds the letter unless one for the same event is there already (then nothing changes). */
  enqueue(mail: NewOutboxMail): Promise<void>;
  byId(id: string): Promise<OutboxMail | null>;
  /** Letters a sender may take now: queued and due, or `sending` with the lease run out; oldest first. */
  due(now: number, limit: number): Promise<OutboxMail[]>;
  /** Takes the letter for sending until `leaseUntil`; the caller checked it was due in the same unit of work. */
  lease(id: string, leaseUntil: number, attempts: number): Promise<void>;
  markSent(id: string, sentAt: string, messageId: string | null): Promise<void>;
  /** Back to `queued` (tried again at `nextAttemptAt`), or `failed` for good when `nextAttemptAt` is null. */
  markUnsent(id: string, error: string, nextAttemptAt: number | null): Promise<void>;
  counts(): Promise<OutboxCounts>;
  ofSubscriber(subscriberId: string): Promise<OutboxMail[]>;
}
