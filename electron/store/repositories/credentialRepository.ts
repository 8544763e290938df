import type { LineStatus } from '../../core/account/ports';
import type { CredentialRepository, LineCredential } from '../../core/auth/ports';
import type { E164 } from '../../../shared/phone';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlCredentialRepository implements CredentialRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async forNumber(msisdn: E164): Promise<LineCredential | null> {
    return this.lineWhere('l.msisdn = $value', msisdn);
  }

  async forLineId(lineId: string): Promise<LineCredential | null> {
    return this.lineWhere('l.id = $value', lineId);
  }

  private async lineWhere(condition: string, value: string): Promise<LineCredential | null> {
    const row = await this.sql.one<{ subscriber_id: string; line_id: string; msisdn: string; full_name: string; password_hash: string | null; status: string }>(
      `SELECT s.id AS subscriber_id, l.id AS line_id, l.msisdn, s.full_name, s.password_hash, l.status
         FROM lines l JOIN subscribers s ON s.id = l.subscriber_id
        WHERE ${condition}`,
      { value },
    );
    if (!row) return null;
    return {
      subscriberId: row.subscriber_id,
      lineId: row.line_id,
      msisdn: row.msisdn as E164,
      subscriberName: row.full_name,
      lineStatus: row.status as LineStatus,
      passwordHash: row.password_hash,
    };
  }

  async setPasswordHash(subscriberId: string, passwordHash: string, at: string): Promise<void> {
    await this.sql.run('UPDATE subscribers SET password_hash = $passwordHash, password_set_at = $at WHERE id = $subscriberId', {
      passwordHash,
      at,
      subscriberId,
    });
  }
}
