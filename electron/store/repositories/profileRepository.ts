import type { E164 } from '../../../shared/phone';
import { defaultNotifications, type ProfileRecord, type ProfileRepository } from '../../core/profile/ports';
import type { SqlExecutor } from '../sqlExecutor';

interface Row {
  [column: string]: string | number | null;
  email: string | null;
  email_confirmed_at: string | null;
  pending_email: string | null;
  contact_address: string;
  notify_low_balance_kopecks: number | null;
  notify_package_percent: number | null;
  notify_promised_due: number;
  notify_payment_arrived: number;
  updated_at: string;
  language: string | null;
}

export class SqlProfileRepository implements ProfileRepository {
  constructor(private readonly sql: SqlExecutor) {}

  ofLine(lineId: string, now: string): Promise<ProfileRecord | null> {
    return this.ofLineWhere('l.id = $key', lineId, now);
  }

  ofNumber(msisdn: E164, now: string): Promise<ProfileRecord | null> {
    return this.ofLineWhere('l.msisdn = $key', msisdn, now);
  }

  private async ofLineWhere(condition: string, key: string, now: string): Promise<ProfileRecord | null> {
    const owner = await this.sql.one<Row & { owner: string }>(
      `SELECT l.subscriber_id AS owner, p.* FROM lines l LEFT JOIN subscriber_profiles p ON p.subscriber_id = l.subscriber_id WHERE ${condition}`,
      { key },
    );
    if (!owner) return null;
    return this.record(owner.owner, owner.updated_at === null ? null : owner, now);
  }

  async get(subscriberId: string, now: string): Promise<ProfileRecord> {
    const row = await this.sql.one<Row>('SELECT * FROM subscriber_profiles WHERE subscriber_id = $subscriberId', { subscriberId });
    return this.record(subscriberId, row, now);
  }

  private record(subscriberId: string, row: Row | null | undefined, now: string): ProfileRecord {
    if (!row) return { subscriberId, email: null, emailConfirmedAt: null, pendingEmail: null, contactAddress: '', notifications: { ...defaultNotifications }, updatedAt: now, language: null };
    return {
      subscriberId,
      email: row.email,
      emailConfirmedAt: row.email_confirmed_at,
      pendingEmail: row.pending_email,
      contactAddress: row.contact_address,
      notifications: {
        lowBalanceKopecks: row.notify_low_balance_kopecks,
        packagePercent: row.notify_package_percent,
        promisedDue: row.notify_promised_due === 1,
        paymentArrived: row.notify_payment_arrived === 1,
      },
      updatedAt: row.updated_at,
      language: row.language === 'en' || row.language === 'ru' ? row.language : null,
    };
  }

  async save(record: ProfileRecord): Promise<void> {
    const params = {
      subscriberId: record.subscriberId,
      email: record.email,
      confirmedAt: record.emailConfirmedAt,
      pending: record.pendingEmail,
      address: record.contactAddress,
      lowBalance: record.notifications.lowBalanceKopecks,
      packagePercent: record.notifications.packagePercent,
      promisedDue: record.notifications.promisedDue ? 1 : 0,
      paymentArrived: record.notifications.paymentArrived ? 1 : 0,
      at: record.updatedAt,
      language: record.language,
    };
    await this.sql.run(
      `INSERT INTO subscriber_profiles (subscriber_id, email, email_confirmed_at, pending_email, contact_address, notify_low_balance_kopecks,
         notify_package_percent, notify_promised_due, notify_payment_arrived, updated_at, language)
       VALUES ($subscriberId, $email, $confirmedAt, $pending, $address, $lowBalance, $packagePercent, $promisedDue, $paymentArrived, $at, $language)
       ON CONFLICT (subscriber_id) DO UPDATE SET email = excluded.email, email_confirmed_at = excluded.email_confirmed_at,
         pending_email = excluded.pending_email, contact_address = excluded.contact_address,
         notify_low_balance_kopecks = excluded.notify_low_balance_kopecks, notify_package_percent = excluded.notify_package_percent,
         notify_promised_due = excluded.notify_promised_due, notify_payment_arrived = excluded.notify_payment_arrived, updated_at = excluded.updated_at,
         language = excluded.language`,
      params,
    );
  }

  async rename(subscriberId: string, fullName: string): Promise<void> {
    await this.sql.run('UPDATE subscribers SET full_name = $fullName WHERE id = $subscriberId', { subscriberId, fullName });
  }
}
