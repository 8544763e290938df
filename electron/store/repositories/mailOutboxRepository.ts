import type { MailKind, MailLanguage, MailOutboxRepository, NewOutboxMail, OutboxCounts, OutboxMail, OutboxStatus } from '../../core/mail/ports';
import type { SqlExecutor } from '../sqlExecutor';

interface Row {
  [column: string]: string | number | null;
  id: string;
  event_key: string;
  subscriber_id: string;
  kind: string;
  recipient: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

const toMail = (row: Row): OutboxMail => ({
  id: row.id,
  eventKey: row.event_key,
  subscriberId: row.subscriber_id,
  kind: row.kind as MailKind,
  to: row.recipient,
  language: row.language as MailLanguage,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  status: row.status as OutboxStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: Number(row.next_attempt_at),
  leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
  lastError: row.last_error,
  messageId: row.message_id,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

export class SqlMailOutboxRepository implements MailOutboxRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async enqueue(mail: NewOutboxMail): Promise<void> {
    // One statement that answers nothing: on a chain's shared store it rides with the transaction's COMMIT.
    await this.sql.run(
      `INSERT INTO mail_outbox (id, event_key, subscriber_id, kind, recipient, language, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
       VALUES ($id, $eventKey, $subscriberId, $kind, $to, $language, $subject, $text, $html, 'queued', 0, $nextAttemptAt, $createdAt)
       ON CONFLICT (event_key) DO NOTHING`,
      { ...mail },
    );
  }

  async byId(id: string): Promise<OutboxMail | null> {
    const row = await this.sql.one<Row>('SELECT * FROM mail_outbox WHERE id = $id', { id });
    return row ? toMail(row) : null;
  }

  async due(now: number, limit: number): Promise<OutboxMail[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM mail_outbox
        WHERE (status = 'queued' AND next_attempt_at <= $now) OR (status = 'sending' AND lease_until <= $now)
        ORDER BY next_attempt_at, id LIMIT $limit`,
      { now, limit },
    );
    return rows.map(toMail);
  }

  async lease(id: string, leaseUntil: number, attempts: number): Promise<void> {
    await this.sql.run(`UPDATE mail_outbox SET status = 'sending', lease_until = $leaseUntil, attempts = $attempts WHERE id = $id`, { id, leaseUntil, attempts });
  }

  async markSent(id: string, sentAt: string, messageId: string | null): Promise<void> {
    await this.sql.run(`UPDATE mail_outbox SET status = 'sent', sent_at = $sentAt, message_id = $messageId, lease_until = NULL, last_error = NULL WHERE id = $id`, {
      id,
      sentAt,
      messageId,
    });
  }

  async markUnsent(id: string, error: string, nextAttemptAt: number | null): Promise<void> {
    if (nextAttemptAt === null) {
      await this.sql.run(`UPDATE mail_outbox SET status = 'failed', last_error = $error, lease_until = NULL WHERE id = $id`, { id, error });
    } else {
      await this.sql.run(`UPDATE mail_outbox SET status = 'queued', last_error = $error, lease_until = NULL, next_attempt_at = $nextAttemptAt WHERE id = $id`, { id, error, nextAttemptAt });
    }
  }

  async counts(): Promise<OutboxCounts> {
    const rows = await this.sql.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status');
    const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status as OutboxStatus] = Number(row.n);
    return counts;
  }

  async ofSubscriber(subscriberId: string): Promise<OutboxMail[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM mail_outbox WHERE subscriber_id = $subscriberId ORDER BY created_at, id', { subscriberId });
    return rows.map(toMail);
  }
}
