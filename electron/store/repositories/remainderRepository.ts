import type { LotRecord, MovableKind, RemainderBucket, RemainderRepository, RemainderTransaction, ShareRecord, SpendableBucket } from '../../core/remainders/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class UnbalancedRemaindersError extends Error {
  constructor(kind: string, sum: number) {
    super(`a remainders transaction must sum to zero for each kind, its ${kind} sums to ${sum}`);
    this.name = 'UnbalancedRemaindersError';
  }
}

interface LotRow {
  [column: string]: string | number | null;
  id: string;
  seller_line_id: string;
  kind: MovableKind;
  amount: number;
  price_kopecks: number;
  state: LotRecord['state'];
  listed_at: string;
  window_from: string;
  valid_until: string;
  buyer_line_id: string | null;
  closed_at: string | null;
  idempotency_key: string;
  buy_key: string | null;
}

const lotOf = (row: LotRow): LotRecord => ({
  id: row.id,
  sellerLineId: row.seller_line_id,
  kind: row.kind,
  amount: Number(row.amount),
  priceKopecks: Number(row.price_kopecks),
  state: row.state,
  listedAt: row.listed_at,
  windowFrom: row.window_from,
  validUntil: row.valid_until,
  buyerLineId: row.buyer_line_id,
  closedAt: row.closed_at,
  idempotencyKey: row.idempotency_key,
  buyKey: row.buy_key,
});

export class SqlRemainderRepository implements RemainderRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async post(transaction: RemainderTransaction, entryId: () => string): Promise<void> {
    for (const kind of ['voice', 'data'] as const) {
      const sum = transaction.entries.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.units, 0);
      if (sum !== 0) throw new UnbalancedRemaindersError(kind, sum);
    }
    if (transaction.entries.some((entry) => !Number.isSafeInteger(entry.units))) throw new UnbalancedRemaindersError('any', NaN);
    await this.sql.run('INSERT INTO remainder_transactions (id, kind, idempotency_key, line_id, created_at) VALUES ($id, $kind, $key, $lineId, $at)', {
      id: transaction.id,
      kind: transaction.kind,
      key: transaction.idempotencyKey,
      lineId: transaction.lineId,
      at: transaction.at,
    });
    for (const entry of transaction.entries) {
      await this.sql.run(
        `INSERT INTO remainder_entries (id, transaction_id, account, line_id, bucket, kind, units, valid_from, valid_until)
         VALUES ($id, $transactionId, $account, $lineId, $bucket, $kind, $units, $validFrom, $validUntil)`,
        { id: entryId(), transactionId: transaction.id, ...entry },
      );
    }
  }

  async hasKey(idempotencyKey: string): Promise<boolean> {
    return (await this.sql.one('SELECT 1 AS found FROM remainder_transactions WHERE idempotency_key = $key', { key: idempotencyKey })) !== null;
  }

  async position(lineId: string, windowFrom: string, windowTo: string, atIso: string): Promise<{ moved: Record<MovableKind, number>; buckets: SpendableBucket[] }> {
    const rows = await this.sql.all<{ account: string; bucket: RemainderBucket; kind: MovableKind; units: number; valid_from: string; valid_until: string }>(
      `SELECT account, bucket, kind, SUM(units) AS units, MIN(valid_from) AS valid_from, MAX(valid_until) AS valid_until
         FROM remainder_entries
        WHERE line_id = $lineId
          AND ((bucket = 'package' AND valid_from >= $windowFrom AND valid_from < $windowTo)
            OR (bucket <> 'package' AND valid_from <= $at AND valid_until > $at))
        GROUP BY account, bucket, kind`,
      { lineId, windowFrom, windowTo, at: atIso },
    );
    const moved: Record<MovableKind, number> = { voice: 0, data: 0 };
    const buckets: SpendableBucket[] = [];
    for (const row of rows) {
      const units = Number(row.units);
      if (row.bucket === 'package') moved[row.kind] += units;
      else if (units > 0) buckets.push({ account: row.account, bucket: row.bucket, kind: row.kind, units, validFrom: row.valid_from, validUntil: row.valid_until });
    }
    return { moved, buckets };
  }

  async history(lineId: string, limit: number): Promise<Array<{ id: string; kind: string; at: string; entries: Array<{ bucket: RemainderBucket; kind: MovableKind; units: number }> }>> {
    // Moves that touched the line (its own, and what others gave or sold it); spending by usage is the detail's.
    const transactions = await this.sql.all<{ id: string; kind: string; created_at: string }>(
      `SELECT t.id, t.kind, t.created_at FROM remainder_transactions t
        WHERE t.kind <> 'usage' AND EXISTS (SELECT 1 FROM remainder_entries e WHERE e.transaction_id = t.id AND e.line_id = $lineId)
        ORDER BY t.created_at DESC, t.id DESC LIMIT $limit`,
      { lineId, limit },
    );
    if (transactions.length === 0) return [];
    const entries = await this.sql.all<{ transaction_id: string; bucket: RemainderBucket; kind: MovableKind; units: number }>(
      `SELECT e.transaction_id, e.bucket, e.kind, e.units FROM remainder_entries e
         JOIN remainder_transactions t ON t.id = e.transaction_id
        WHERE e.line_id = $lineId AND t.kind <> 'usage' AND t.created_at >= $oldest`,
      { lineId, oldest: transactions.at(-1)!.created_at },
    );
    return transactions.map((transaction) => ({
      id: transaction.id,
      kind: transaction.kind,
      at: transaction.created_at,
      entries: entries.filter((entry) => entry.transaction_id === transaction.id).map((entry) => ({ bucket: entry.bucket, kind: entry.kind, units: Number(entry.units) })),
    }));
  }

  async totals(): Promise<Record<MovableKind, number>> {
    const rows = await this.sql.all<{ kind: MovableKind; total: number }>('SELECT kind, COALESCE(SUM(units), 0) AS total FROM remainder_entries GROUP BY kind');
    return { voice: Number(rows.find((row) => row.kind === 'voice')?.total ?? 0), data: Number(rows.find((row) => row.kind === 'data')?.total ?? 0) };
  }

  async accountBalance(account: string, kind: MovableKind): Promise<number> {
    const row = await this.sql.one<{ total: number }>('SELECT COALESCE(SUM(units), 0) AS total FROM remainder_entries WHERE account = $account AND kind = $kind', { account, kind });
    return Number(row?.total ?? 0);
  }

  async movedOutBy(lineId: string, transactionKind: string, fromIso: string, toIso: string): Promise<number> {
    const row = await this.sql.one<{ total: number }>(
      `SELECT COALESCE(SUM(-e.units), 0) AS total FROM remainder_entries e JOIN remainder_transactions t ON t.id = e.transaction_id
        WHERE t.line_id = $lineId AND t.kind = $kind AND t.created_at >= $fromIso AND t.created_at < $toIso AND e.line_id = $lineId AND e.units < 0`,
      { lineId, kind: transactionKind, fromIso, toIso },
    );
    return Number(row?.total ?? 0);
  }

  async addLot(lot: LotRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO remainder_lots (id, seller_line_id, kind, amount, price_kopecks, state, listed_at, window_from, valid_until, buyer_line_id, closed_at, idempotency_key, buy_key)
       VALUES ($id, $sellerLineId, $kind, $amount, $priceKopecks, $state, $listedAt, $windowFrom, $validUntil, $buyerLineId, $closedAt, $idempotencyKey, $buyKey)`,
      { ...lot },
    );
  }

  async lot(id: string): Promise<LotRecord | null> {
    const row = await this.sql.one<LotRow>('SELECT * FROM remainder_lots WHERE id = $id', { id });
    return row ? lotOf(row) : null;
  }

  async lotByKey(idempotencyKey: string): Promise<LotRecord | null> {
    const row = await this.sql.one<LotRow>('SELECT * FROM remainder_lots WHERE idempotency_key = $key', { key: idempotencyKey });
    return row ? lotOf(row) : null;
  }

  async lotByBuyKey(buyKey: string): Promise<LotRecord | null> {
    const row = await this.sql.one<LotRow>('SELECT * FROM remainder_lots WHERE buy_key = $key', { key: buyKey });
    return row ? lotOf(row) : null;
  }

  async sell(id: string, buyerLineId: string, buyKey: string, at: string): Promise<boolean> {
    await this.sql.run(
      `UPDATE remainder_lots SET state = 'sold', buyer_line_id = $buyer, buy_key = $buyKey, closed_at = $at WHERE id = $id AND state = 'listed'`,
      { id, buyer: buyerLineId, buyKey, at },
    );
    return (await this.sql.one('SELECT 1 AS found FROM remainder_lots WHERE id = $id AND buy_key = $buyKey', { id, buyKey })) !== null;
  }

  async withdraw(id: string, at: string): Promise<boolean> {
    const before = await this.sql.one<{ state: string }>('SELECT state FROM remainder_lots WHERE id = $id', { id });
    if (before?.state !== 'listed') return false;
    await this.sql.run(`UPDATE remainder_lots SET state = 'withdrawn', closed_at = $at WHERE id = $id AND state = 'listed'`, { id, at });
    return true;
  }

  async openLots(kind: MovableKind, atIso: string, limit: number): Promise<LotRecord[]> {
    const rows = await this.sql.all<LotRow>(
      `SELECT * FROM remainder_lots WHERE state = 'listed' AND kind = $kind AND valid_until > $at
        ORDER BY price_kopecks * 1.0 / amount, listed_at, id LIMIT $limit`,
      { kind, at: atIso, limit },
    );
    return rows.map(lotOf);
  }

  async lotsOf(sellerLineId: string, limit: number): Promise<LotRecord[]> {
    const rows = await this.sql.all<LotRow>('SELECT * FROM remainder_lots WHERE seller_line_id = $seller ORDER BY listed_at DESC, id DESC LIMIT $limit', {
      seller: sellerLineId,
      limit,
    });
    return rows.map(lotOf);
  }

  async addShare(share: ShareRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO remainder_shares (id, sender_line_id, recipient_msisdn, gigabytes, fee_kopecks, state, idempotency_key, created_at, confirmed_at)
       VALUES ($id, $senderLineId, $recipientMsisdn, $gigabytes, $feeKopecks, $state, $idempotencyKey, $createdAt, $confirmedAt)`,
      { ...share },
    );
  }

  async share(id: string): Promise<ShareRecord | null> {
    return shareOf(await this.sql.one<ShareRow>('SELECT * FROM remainder_shares WHERE id = $id', { id }));
  }

  async shareByKey(idempotencyKey: string): Promise<ShareRecord | null> {
    return shareOf(await this.sql.one<ShareRow>('SELECT * FROM remainder_shares WHERE idempotency_key = $key', { key: idempotencyKey }));
  }

  async settleShare(id: string, state: 'done' | 'failed', at: string): Promise<boolean> {
    const before = await this.sql.one<{ state: string }>('SELECT state FROM remainder_shares WHERE id = $id', { id });
    if (before?.state !== 'awaiting-confirmation') return false;
    await this.sql.run(`UPDATE remainder_shares SET state = $state, confirmed_at = $at WHERE id = $id AND state = 'awaiting-confirmation'`, { id, state, at });
    return true;
  }
}

interface ShareRow {
  [column: string]: string | number | null;
  id: string;
  sender_line_id: string;
  recipient_msisdn: string;
  gigabytes: number;
  fee_kopecks: number;
  state: ShareRecord['state'];
  idempotency_key: string;
  created_at: string;
  confirmed_at: string | null;
}

function shareOf(row: ShareRow | null): ShareRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    senderLineId: row.sender_line_id,
    recipientMsisdn: row.recipient_msisdn,
    gigabytes: Number(row.gigabytes),
    feeKopecks: Number(row.fee_kopecks),
    state: row.state,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}
