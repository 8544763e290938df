import type { ProfileLineRepository, ProfileNumber, SimBlockRecord, SimBlockRepository } from '../../core/security/ports';
import type { SqlExecutor, SqlValue } from '../sqlExecutor';

interface SimBlockRow {
  id: string;
  line_id: string;
  blocked_at: string;
  unblocked_at: string | null;
  fees_paid_through: string | null;
  [column: string]: SqlValue;
}

export class SqlSimBlockRepository implements SimBlockRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async open(lineId: string): Promise<SimBlockRecord | null> {
    const row = await this.sql.one<SimBlockRow>('SELECT * FROM sim_blocks WHERE line_id = $lineId AND unblocked_at IS NULL ORDER BY blocked_at DESC LIMIT 1', { lineId });
    return row ? { id: row.id, lineId: row.line_id, blockedAt: row.blocked_at, unblockedAt: row.unblocked_at, feesPaidThrough: row.fees_paid_through } : null;
  }

  async coveredThroughout(lineId: string, fromIso: string, toIso: string): Promise<boolean> {
    const row = await this.sql.one<{ id: string }>(
      'SELECT id FROM sim_blocks WHERE line_id = $lineId AND blocked_at <= $fromIso AND (unblocked_at IS NULL OR unblocked_at >= $toIso) LIMIT 1',
      { lineId, fromIso, toIso },
    );
    return row !== null;
  }

  async add(record: SimBlockRecord): Promise<void> {
    await this.sql.run('INSERT INTO sim_blocks (id, line_id, blocked_at, unblocked_at, fees_paid_through) VALUES ($id, $lineId, $blockedAt, $unblockedAt, $paid)', {
      id: record.id,
      lineId: record.lineId,
      blockedAt: record.blockedAt,
      unblockedAt: record.unblockedAt,
      paid: record.feesPaidThrough,
    });
  }

  async update(id: string, change: Pick<SimBlockRecord, 'unblockedAt' | 'feesPaidThrough'>): Promise<void> {
    await this.sql.run('UPDATE sim_blocks SET unblocked_at = $unblockedAt, fees_paid_through = $paid WHERE id = $id', { id, unblockedAt: change.unblockedAt, paid: change.feesPaidThrough });
  }
}

export class SqlProfileLineRepository implements ProfileLineRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async numbersOf(subscriberId: string): Promise<ProfileNumber[]> {
    // Asked together: one round trip to a shared store.
    const [own, attached] = await Promise.all([
      this.sql.all<{ id: string; msisdn: string; full_name: string }>(
        'SELECT l.id, l.msisdn, s.full_name FROM lines l JOIN subscribers s ON s.id = l.subscriber_id WHERE l.subscriber_id = $subscriberId ORDER BY l.created_at, l.msisdn',
        { subscriberId },
      ),
      this.sql.all<{ id: string; msisdn: string; full_name: string; attached_at: string }>(
        `SELECT l.id, l.msisdn, s.full_name, p.attached_at FROM profile_lines p JOIN lines l ON l.id = p.line_id JOIN subscribers s ON s.id = l.subscriber_id
          WHERE p.subscriber_id = $subscriberId AND l.subscriber_id <> $subscriberId ORDER BY p.attached_at, l.msisdn`,
        { subscriberId },
      ),
    ]);
    return [
      ...own.map((row) => ({ lineId: row.id, msisdn: row.msisdn, ownerName: row.full_name, relation: 'own' as const, attachedAt: null })),
      ...attached.map((row) => ({ lineId: row.id, msisdn: row.msisdn, ownerName: row.full_name, relation: 'attached' as const, attachedAt: row.attached_at })),
    ];
  }

  async attach(subscriberId: string, lineId: string, at: string): Promise<void> {
    await this.sql.run('INSERT INTO profile_lines (subscriber_id, line_id, attached_at) VALUES ($subscriberId, $lineId, $at) ON CONFLICT (subscriber_id, line_id) DO NOTHING', {
      subscriberId,
      lineId,
      at,
    });
  }

  async detach(subscriberId: string, lineId: string): Promise<void> {
    await this.sql.run('DELETE FROM profile_lines WHERE subscriber_id = $subscriberId AND line_id = $lineId', { subscriberId, lineId });
  }
}
