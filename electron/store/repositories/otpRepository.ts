import type { OtpPurpose, OtpChallenge, OtpRepository } from '../../core/auth/ports';
import type { E164 } from '../../../shared/phone';
import type { SqlExecutor } from '../sqlExecutor';

type Row = {
  id: string;
  msisdn: string;
  purpose: string;
  subject: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  state: string;
  sent_at: number | null;
};

const columns = 'id, msisdn, purpose, subject, code_hash, created_at, expires_at, failed_attempts, state, sent_at';

export class SqlOtpRepository implements OtpRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async add(challenge: OtpChallenge): Promise<void> {
    await this.sql.run(
      `INSERT INTO otp_challenges (${columns}) VALUES ($id, $msisdn, $purpose, $subject, $codeHash, $createdAt, $expiresAt, $failedAttempts, $state, $sentAt)`,
      { ...challenge, sentAt: challenge.sentAt ?? null },
    );
  }

  async createdSince(msisdn: E164, since: number): Promise<OtpChallenge[]> {
    return (await this.sql.all<Row>(`SELECT ${columns} FROM otp_challenges WHERE msisdn = $msisdn AND created_at >= $since ORDER BY created_at, id`, { msisdn, since }))
      .map(toChallenge);
  }

  async latestFor(msisdn: E164, purpose: OtpPurpose, subject: string): Promise<OtpChallenge | null> {
    const row = await this.sql.one<Row>(
      `SELECT ${columns} FROM otp_challenges WHERE msisdn = $msisdn AND purpose = $purpose AND subject = $subject ORDER BY created_at DESC, id DESC LIMIT 1`,
      { msisdn, purpose, subject },
    );
    return row ? toChallenge(row) : null;
  }

  async update(id: string, change: Pick<OtpChallenge, 'failedAttempts' | 'state'>): Promise<void> {
    await this.sql.run('UPDATE otp_challenges SET failed_attempts = $failedAttempts, state = $state WHERE id = $id', { id, ...change });
  }

  async markSent(id: string, at: number): Promise<void> {
    await this.sql.run('UPDATE otp_challenges SET sent_at = $at WHERE id = $id', { id, at });
  }

  async voidActive(msisdn: E164, purpose: OtpPurpose, subject: string): Promise<void> {
    await this.sql.run("UPDATE otp_challenges SET state = 'void' WHERE msisdn = $msisdn AND purpose = $purpose AND subject = $subject AND state = 'active'", {
      msisdn,
      purpose,
      subject,
    });
  }
}

function toChallenge(row: Row): OtpChallenge {
  return {
    id: row.id,
    msisdn: row.msisdn as E164,
    purpose: row.purpose as OtpPurpose,
    subject: row.subject,
    codeHash: row.code_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    failedAttempts: row.failed_attempts,
    state: row.state as OtpChallenge['state'],
    sentAt: row.sent_at,
  };
}
