import type { SignInRecord, SignInRecordRepository, SignInWay } from '../../core/auth/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlSignInRecordRepository implements SignInRecordRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async record(entry: SignInRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO sign_ins (id, subscriber_id, line_id, way, at, device)
       VALUES ($id, $subscriberId, $lineId, $way, $at, $device)`,
      { ...entry },
    );
  }

  async recentFor(subscriberId: string, limit: number): Promise<SignInRecord[]> {
    return (await this.sql.all<{ id: string; subscriber_id: string; line_id: string; way: string; at: string; device: string }>(
        `SELECT id, subscriber_id, line_id, way, at, device FROM sign_ins
          WHERE subscriber_id = $subscriberId ORDER BY at DESC, id DESC LIMIT $limit`,
        { subscriberId, limit },
      ))
      .map((row) => ({
        id: row.id,
        subscriberId: row.subscriber_id,
        lineId: row.line_id,
        way: row.way as SignInWay,
        at: row.at,
        device: row.device,
      }));
  }
}
