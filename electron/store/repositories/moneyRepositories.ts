import type { DeclineReason, PaymentKind, PaymentStatus } from '../../../shared/contract/payments';
import type {
  AutopayRepository,
  AutopayRule,
  PaymentRecord,
  PaymentRepository,
  PromisedRecord,
  PromisedRepository,
  SavedCardRecord,
  SavedCardRepository,
} from '../../core/money/ports';
import type { SqlExecutor, SqlValue } from '../sqlExecutor';
import { oneRemembered } from './unitOfWorkReads';

interface PaymentRow {
  id: string;
  line_id: string;
  kind: string;
  status: string;
  amount_kopecks: number;
  fee_kopecks: number;
  method: string;
  counterparty: string | null;
  decline_reason: string | null;
  idempotency_key: string;
  related_id: string | null;
  autopay: number;
  created_at: string;
  updated_at: string;
  [column: string]: SqlValue;
}

const toPayment = (row: PaymentRow): PaymentRecord => ({
  id: row.id,
  lineId: row.line_id,
  kind: row.kind as PaymentKind,
  status: row.status as PaymentStatus,
  amountKopecks: row.amount_kopecks,
  feeKopecks: row.fee_kopecks,
  method: row.method,
  counterparty: row.counterparty,
  declineReason: row.decline_reason as DeclineReason | null,
  idempotencyKey: row.idempotency_key,
  relatedId: row.related_id,
  autopay: row.autopay === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlPaymentRepository implements PaymentRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async add(payment: PaymentRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO payments (id, line_id, kind, status, amount_kopecks, fee_kopecks, method, counterparty, decline_reason, idempotency_key, related_id, autopay, created_at, updated_at)
       VALUES ($id, $lineId, $kind, $status, $amount, $fee, $method, $counterparty, $declineReason, $key, $relatedId, $autopay, $createdAt, $updatedAt)`,
      {
        id: payment.id,
        lineId: payment.lineId,
        kind: payment.kind,
        status: payment.status,
        amount: payment.amountKopecks,
        fee: payment.feeKopecks,
        method: payment.method,
        counterparty: payment.counterparty,
        declineReason: payment.declineReason,
        key: payment.idempotencyKey,
        relatedId: payment.relatedId,
        autopay: payment.autopay ? 1 : 0,
        createdAt: payment.createdAt,
        updatedAt: payment.updatedAt,
      },
    );
  }

  async byId(id: string): Promise<PaymentRecord | null> {
    const row = await this.sql.one<PaymentRow>('SELECT * FROM payments WHERE id = $id', { id });
    return row ? toPayment(row) : null;
  }

  async byKey(idempotencyKey: string): Promise<PaymentRecord | null> {
    const row = await this.sql.one<PaymentRow>('SELECT * FROM payments WHERE idempotency_key = $key', { key: idempotencyKey });
    return row ? toPayment(row) : null;
  }

  async update(id: string, change: { status: PaymentStatus; declineReason?: DeclineReason | null; updatedAt: string; confirmedOn?: string }): Promise<void> {
    await this.sql.run('UPDATE payments SET status = $status, decline_reason = $reason, updated_at = $at, confirmed_on = COALESCE($confirmedOn, confirmed_on) WHERE id = $id', {
      id,
      status: change.status,
      reason: change.declineReason ?? null,
      at: change.updatedAt,
      confirmedOn: change.confirmedOn ?? null,
    });
  }

  async forLine(lineId: string, kinds: PaymentKind[], fromIso: string, toIso: string): Promise<PaymentRecord[]> {
    if (kinds.length === 0) return [];
    const params: Record<string, string> = { lineId, fromIso, toIso };
    kinds.forEach((kind, index) => (params[`k${index}`] = kind));
    const placeholders = kinds.map((_kind, index) => `$k${index}`).join(', ');
    return (await this.sql.all<PaymentRow>(
        `SELECT * FROM payments WHERE line_id = $lineId AND kind IN (${placeholders}) AND created_at >= $fromIso AND created_at < $toIso
          ORDER BY created_at DESC, id DESC`,
        params,
      ))
      .map(toPayment);
  }

  async pending(): Promise<PaymentRecord[]> {
    return (await this.sql.all<PaymentRow>(`SELECT * FROM payments WHERE status IN ('pending', 'challenge') ORDER BY created_at`)).map(toPayment);
  }

  async transfersConfirmed(lineId: string, fromDay: string, throughDay: string): Promise<number> {
    const row = await this.sql.one<{ total: number }>(
      `SELECT COALESCE(SUM(amount_kopecks), 0) AS total FROM payments
        WHERE line_id = $lineId AND kind = 'transfer-out' AND status = 'succeeded' AND confirmed_on >= $fromDay AND confirmed_on <= $throughDay`,
      { lineId, fromDay, throughDay },
    );
    return Number(row?.total ?? 0);
  }
}

export class SqlSavedCardRepository implements SavedCardRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async forLine(lineId: string): Promise<SavedCardRecord[]> {
    return (await this.sql.all<{ id: string; line_id: string; token: string; brand: string; last4: string; exp_month: number; exp_year: number; saved_at: string }>(
        'SELECT * FROM saved_cards WHERE line_id = $lineId ORDER BY saved_at, id',
        { lineId },
      ))
      .map((row) => ({
        id: row.id,
        lineId: row.line_id,
        token: row.token,
        brand: row.brand,
        last4: row.last4,
        expMonth: row.exp_month,
        expYear: row.exp_year,
        savedAt: row.saved_at,
      }));
  }

  async save(card: SavedCardRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO saved_cards (id, line_id, token, brand, last4, exp_month, exp_year, saved_at)
       VALUES ($id, $lineId, $token, $brand, $last4, $expMonth, $expYear, $savedAt)
       ON CONFLICT (line_id, brand, last4, exp_month, exp_year) DO UPDATE SET token = excluded.token`,
      { id: card.id, lineId: card.lineId, token: card.token, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, savedAt: card.savedAt },
    );
  }

  async remove(lineId: string, cardId: string): Promise<void> {
    await this.sql.run('DELETE FROM saved_cards WHERE line_id = $lineId AND id = $cardId', { lineId, cardId });
  }
}

interface PromisedRow {
  id: string;
  line_id: string;
  amount_kopecks: number;
  fee_kopecks: number;
  owed_kopecks: number;
  taken_at: string;
  due_at: string;
  state: string;
  closed_at: string | null;
  [column: string]: SqlValue;
}

const toPromised = (row: PromisedRow): PromisedRecord => ({
  id: row.id,
  lineId: row.line_id,
  amountKopecks: row.amount_kopecks,
  feeKopecks: row.fee_kopecks,
  owedKopecks: row.owed_kopecks,
  takenAt: row.taken_at,
  dueAt: row.due_at,
  state: row.state as PromisedRecord['state'],
  closedAt: row.closed_at,
});

export class SqlPromisedRepository implements PromisedRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async open(lineId: string): Promise<PromisedRecord | null> {
    // Asked by the upkeep checks and by the screen in one unit of work: read once until it writes.
    const row = await oneRemembered<PromisedRow>(this.sql, `SELECT * FROM promised_payments WHERE line_id = $lineId AND state = 'open'`, { lineId });
    return row ? toPromised(row) : null;
  }

  async latest(lineId: string): Promise<PromisedRecord | null> {
    const row = await this.sql.one<PromisedRow>('SELECT * FROM promised_payments WHERE line_id = $lineId ORDER BY taken_at DESC, id DESC LIMIT 1', { lineId });
    return row ? toPromised(row) : null;
  }

  async add(record: PromisedRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO promised_payments (id, line_id, amount_kopecks, fee_kopecks, owed_kopecks, taken_at, due_at, state, closed_at)
       VALUES ($id, $lineId, $amount, $fee, $owed, $takenAt, $dueAt, $state, $closedAt)`,
      {
        id: record.id,
        lineId: record.lineId,
        amount: record.amountKopecks,
        fee: record.feeKopecks,
        owed: record.owedKopecks,
        takenAt: record.takenAt,
        dueAt: record.dueAt,
        state: record.state,
        closedAt: record.closedAt,
      },
    );
  }

  async update(id: string, change: Pick<PromisedRecord, 'owedKopecks' | 'state' | 'closedAt'>): Promise<void> {
    await this.sql.run('UPDATE promised_payments SET owed_kopecks = $owed, state = $state, closed_at = $closedAt WHERE id = $id', {
      id,
      owed: change.owedKopecks,
      state: change.state,
      closedAt: change.closedAt,
    });
  }
}

interface AutopayRow {
  line_id: string;
  card_id: string;
  amount_kopecks: number;
  mode: string;
  threshold_kopecks: number | null;
  day_of_month: number | null;
  paused: number;
  updated_at: string;
  [column: string]: SqlValue;
}

const toRule = (row: AutopayRow): AutopayRule => ({
  lineId: row.line_id,
  cardId: row.card_id,
  amountKopecks: row.amount_kopecks,
  mode: row.mode as AutopayRule['mode'],
  thresholdKopecks: row.threshold_kopecks,
  dayOfMonth: row.day_of_month,
  paused: row.paused === 1,
  updatedAt: row.updated_at,
});

export class SqlAutopayRepository implements AutopayRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async forLine(lineId: string): Promise<AutopayRule | null> {
    const row = await this.sql.one<AutopayRow>('SELECT * FROM autopay_rules WHERE line_id = $lineId', { lineId });
    return row ? toRule(row) : null;
  }

  async active(): Promise<AutopayRule[]> {
    return (await this.sql.all<AutopayRow>('SELECT * FROM autopay_rules WHERE paused = 0 ORDER BY line_id')).map(toRule);
  }

  async save(rule: AutopayRule): Promise<void> {
    await this.sql.run(
      `INSERT INTO autopay_rules (line_id, card_id, amount_kopecks, mode, threshold_kopecks, day_of_month, paused, updated_at)
       VALUES ($lineId, $cardId, $amount, $mode, $threshold, $day, $paused, $updatedAt)
       ON CONFLICT (line_id) DO UPDATE SET card_id = excluded.card_id, amount_kopecks = excluded.amount_kopecks, mode = excluded.mode,
         threshold_kopecks = excluded.threshold_kopecks, day_of_month = excluded.day_of_month, paused = excluded.paused, updated_at = excluded.updated_at`,
      {
        lineId: rule.lineId,
        cardId: rule.cardId,
        amount: rule.amountKopecks,
        mode: rule.mode,
        threshold: rule.thresholdKopecks,
        day: rule.dayOfMonth,
        paused: rule.paused ? 1 : 0,
        updatedAt: rule.updatedAt,
      },
    );
  }

  async remove(lineId: string): Promise<void> {
    await this.sql.run('DELETE FROM autopay_rules WHERE line_id = $lineId', { lineId });
  }
}
