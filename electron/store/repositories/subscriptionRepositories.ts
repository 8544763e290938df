import type {
  BanChange,
  BanKind,
  BudgetRecord,
  BudgetRepository,
  ContentSubscriptionRecord,
  ContentSubscriptionRepository,
  LineBanRepository,
} from '../../core/subscriptions/ports';
import type { SqlExecutor, SqlValue } from '../sqlExecutor';

interface SubscriptionRow {
  id: string;
  line_id: string;
  offer_id: string;
  started_at: string;
  cancelled_at: string | null;
  paid_through: string | null;
  [column: string]: SqlValue;
}

export class SqlContentSubscriptionRepository implements ContentSubscriptionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async ofLine(lineId: string): Promise<ContentSubscriptionRecord[]> {
    const rows = await this.sql.all<SubscriptionRow>('SELECT * FROM content_subscriptions WHERE line_id = $lineId ORDER BY started_at, id', { lineId });
    return rows.map((row) => ({ id: row.id, lineId: row.line_id, offerId: row.offer_id, startedAt: row.started_at, cancelledAt: row.cancelled_at, paidThrough: row.paid_through }));
  }

  async add(record: ContentSubscriptionRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO content_subscriptions (id, line_id, offer_id, started_at, cancelled_at, paid_through) VALUES ($id, $lineId, $offerId, $startedAt, $cancelledAt, $paidThrough)',
      { id: record.id, lineId: record.lineId, offerId: record.offerId, startedAt: record.startedAt, cancelledAt: record.cancelledAt, paidThrough: record.paidThrough },
    );
  }

  async cancel(id: string, at: string): Promise<void> {
    await this.sql.run('UPDATE content_subscriptions SET cancelled_at = $at WHERE id = $id AND cancelled_at IS NULL', { id, at });
  }

  async setPaidThrough(id: string, paidThrough: string): Promise<void> {
    await this.sql.run('UPDATE content_subscriptions SET paid_through = $paidThrough WHERE id = $id', { id, paidThrough });
  }
}

export class SqlLineBanRepository implements LineBanRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async ofLine(lineId: string): Promise<Array<{ kind: BanKind; since: string }>> {
    const rows = await this.sql.all<{ kind: string; since: string }>('SELECT kind, since FROM line_bans WHERE line_id = $lineId ORDER BY kind', { lineId });
    return rows.map((row) => ({ kind: row.kind as BanKind, since: row.since }));
  }

  async set(lineId: string, kind: BanKind, on: boolean, at: string): Promise<void> {
    if (on) await this.sql.run('INSERT INTO line_bans (line_id, kind, since) VALUES ($lineId, $kind, $at) ON CONFLICT (line_id, kind) DO NOTHING', { lineId, kind, at });
    else await this.sql.run('DELETE FROM line_bans WHERE line_id = $lineId AND kind = $kind', { lineId, kind });
  }

  async record(change: BanChange): Promise<void> {
    await this.sql.run('INSERT INTO ban_changes (id, line_id, kind, turned_on, at, subscriber_id) VALUES ($id, $lineId, $kind, $on, $at, $subscriberId)', {
      id: change.id,
      lineId: change.lineId,
      kind: change.kind,
      on: change.on ? 1 : 0,
      at: change.at,
      subscriberId: change.subscriberId,
    });
  }

  async history(lineId: string, limit: number): Promise<BanChange[]> {
    const rows = await this.sql.all<{ id: string; line_id: string; kind: string; turned_on: number; at: string; subscriber_id: string }>(
      'SELECT * FROM ban_changes WHERE line_id = $lineId ORDER BY at DESC, id DESC LIMIT $limit',
      { lineId, limit },
    );
    return rows.map((row) => ({ id: row.id, lineId: row.line_id, kind: row.kind as BanKind, on: Number(row.turned_on) === 1, at: row.at, subscriberId: row.subscriber_id }));
  }
}

export class SqlBudgetRepository implements BudgetRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async of(lineId: string): Promise<BudgetRecord | null> {
    const row = await this.sql.one<{ line_id: string; monthly_kopecks: number; set_at: string }>('SELECT * FROM line_budgets WHERE line_id = $lineId', { lineId });
    return row ? { lineId: row.line_id, monthlyKopecks: Number(row.monthly_kopecks), setAt: row.set_at } : null;
  }

  async set(record: BudgetRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO line_budgets (line_id, monthly_kopecks, set_at) VALUES ($lineId, $kopecks, $at) ON CONFLICT (line_id) DO UPDATE SET monthly_kopecks = excluded.monthly_kopecks, set_at = excluded.set_at',
      { lineId: record.lineId, kopecks: record.monthlyKopecks, at: record.setAt },
    );
  }

  async clear(lineId: string): Promise<void> {
    await this.sql.run('DELETE FROM line_budgets WHERE line_id = $lineId', { lineId });
  }
}
