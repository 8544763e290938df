import type { SocialIdentity, SocialIdentityRepository } from '../../core/auth/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlSocialIdentityRepository implements SocialIdentityRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async find(provider: SocialIdentity['provider'], subject: string): Promise<SocialIdentity | null> {
    const row = await this.sql.one<{ subscriber_id: string; line_id: string }>(
      'SELECT subscriber_id, line_id FROM social_identities WHERE provider = $provider AND subject = $subject',
      { provider, subject },
    );
    return row ? { provider, subject, subscriberId: row.subscriber_id, lineId: row.line_id } : null;
  }

  async ofSubscriber(subscriberId: string): Promise<Array<SocialIdentity & { linkedAt: string }>> {
    const rows = await this.sql.all<{ provider: string; subject: string; line_id: string; linked_at: string }>(
      'SELECT provider, subject, line_id, linked_at FROM social_identities WHERE subscriber_id = $subscriberId ORDER BY provider',
      { subscriberId },
    );
    return rows.map((row) => ({ provider: row.provider as SocialIdentity['provider'], subject: row.subject, subscriberId, lineId: row.line_id, linkedAt: row.linked_at }));
  }

  async link(identity: SocialIdentity, at: string): Promise<void> {
    await this.sql.run(
      'INSERT INTO social_identities (provider, subject, subscriber_id, line_id, linked_at) VALUES ($provider, $subject, $subscriberId, $lineId, $at)',
      { provider: identity.provider, subject: identity.subject, subscriberId: identity.subscriberId, lineId: identity.lineId, at },
    );
  }

  async unlink(subscriberId: string, provider: SocialIdentity['provider']): Promise<boolean> {
    const linked = await this.sql.one('SELECT 1 AS found FROM social_identities WHERE subscriber_id = $subscriberId AND provider = $provider', { subscriberId, provider });
    if (!linked) return false;
    await this.sql.run('DELETE FROM social_identities WHERE subscriber_id = $subscriberId AND provider = $provider', { subscriberId, provider });
    return true;
  }
}
