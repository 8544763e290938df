import type { E164 } from '../../../shared/phone';
import type { SmsMessageRecord, SmsMessageRepository, SmsPartRecord, SmsStatus } from '../../core/sms/ports';
import type { SqlExecutor, SqlParams } from '../sqlExecutor';

interface MessageRow extends Record<string, string | number | null> {
  id: string;
  msisdn: string;
  direction: string;
  preview: string;
  parts: number;
  status: string;
  detail: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, msisdn, direction, preview, parts, status, detail, created_at, updated_at';

export class SqlSmsMessageRepository implements SmsMessageRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async add(message: SmsMessageRecord, parts: SmsPartRecord[]): Promise<void> {
    await this.sql.run(
      `INSERT INTO sms_messages (${COLUMNS}) VALUES ($id, $msisdn, $direction, $preview, $parts, $status, $detail, $createdAt, $updatedAt)`,
      { ...message },
    );
    for (const part of parts) {
      await this.sql.run(`INSERT INTO sms_parts (message_id, number, smsc_id, status, updated_at) VALUES ($messageId, $number, $smscId, $status, $at)`, {
        ...part,
        at: message.createdAt,
      });
    }
  }

  async partSubmitted(messageId: string, number: number, change: { smscId: string | null; status: 'sent' | 'failed' }, detail: string | null, at: string): Promise<void> {
    await this.sql.run(`UPDATE sms_parts SET smsc_id = $smscId, status = $status, updated_at = $at WHERE message_id = $messageId AND number = $number`, {
      messageId,
      number,
      smscId: change.smscId,
      status: change.status,
      at,
    });
    await this.settle(messageId, detail, at);
  }

  async receipt(smscId: string, status: 'delivered' | 'undeliverable', detail: string, at: string): Promise<SmsMessageRecord | null> {
    const part = await this.sql.one<{ message_id: string }>(`SELECT message_id FROM sms_parts WHERE smsc_id = $smscId`, { smscId });
    if (!part) return null;
    await this.sql.run(`UPDATE sms_parts SET status = $status, updated_at = $at WHERE smsc_id = $smscId`, { smscId, status, at });
    await this.settle(part.message_id, detail, at);
    const row = await this.sql.one<MessageRow>(`SELECT ${COLUMNS} FROM sms_messages WHERE id = $id`, { id: part.message_id });
    return row ? fromRow(row) : null;
  }

  async recentFor(msisdns: E164[], limit: number): Promise<SmsMessageRecord[]> {
    if (msisdns.length === 0) return [];
    const params: SqlParams = { limit };
    const names = msisdns.map((msisdn, index) => {
      params[`m${index}`] = msisdn;
      return `$m${index}`;
    });
    const rows = await this.sql.all<MessageRow>(
      `SELECT ${COLUMNS} FROM sms_messages WHERE msisdn IN (${names.join(', ')}) ORDER BY created_at DESC, id DESC LIMIT $limit`,
      params,
    );
    return rows.map(fromRow);
  }

  /** The message's status from its parts': failed or undeliverable if one is, delivered once all are, sent once all are handed over. */
  private async settle(messageId: string, detail: string | null, at: string): Promise<void> {
    const parts = await this.sql.all<{ status: string }>(`SELECT status FROM sms_parts WHERE message_id = $messageId`, { messageId });
    const statuses = parts.map((part) => part.status);
    const status: SmsStatus = statuses.includes('failed')
      ? 'failed'
      : statuses.includes('undeliverable')
        ? 'undeliverable'
        : statuses.every((one) => one === 'delivered')
          ? 'delivered'
          : statuses.every((one) => one === 'delivered' || one === 'sent')
            ? 'sent'
            : 'queued';
    await this.sql.run(`UPDATE sms_messages SET status = $status, detail = COALESCE($detail, detail), updated_at = $at WHERE id = $messageId`, {
      messageId,
      status,
      detail,
      at,
    });
  }
}

function fromRow(row: MessageRow): SmsMessageRecord {
  return {
    id: row.id,
    msisdn: row.msisdn as E164,
    direction: row.direction as SmsMessageRecord['direction'],
    preview: row.preview,
    parts: Number(row.parts),
    status: row.status as SmsStatus,
    detail: row.detail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
