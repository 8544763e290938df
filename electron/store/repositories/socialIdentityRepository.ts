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
}
