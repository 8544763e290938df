import type { LedgerEntry, LedgerRepository } from '../../core/account/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class UnbalancedTransactionError extends Error {
  constructor(sum: number) {
    super(`a ledger transaction must sum to zero, this one sums to ${sum}`);
    this.name = 'UnbalancedTransactionError';
  }
}

export class SqlLedgerRepository implements LedgerRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async post(
    transaction: { id: string; kind: string; idempotencyKey: string; at: string; entries: LedgerEntry[] },
    entryId: () => string,
  ): Promise<void> {
    const sum = transaction.entries.reduce((total, entry) => total + entry.amountKopecks, 0);
    if (sum !== 0 || transaction.entries.some((entry) => !Number.isSafeInteger(entry.amountKopecks))) throw new UnbalancedTransactionError(sum);
    await this.sql.run('INSERT INTO ledger_transactions (id, kind, idempotency_key, created_at) VALUES ($id, $kind, $key, $at)', {
      id: transaction.id,
      kind: transaction.kind,
      key: transaction.idempotencyKey,
      at: transaction.at,
    });
    for (const entry of transaction.entries) {
      await this.sql.run('INSERT INTO ledger_entries (id, transaction_id, account, amount_kopecks) VALUES ($id, $transactionId, $account, $amount)', {
        id: entryId(),
        transactionId: transaction.id,
        account: entry.account,
        amount: entry.amountKopecks,
      });
    }
  }

  async hasKey(idempotencyKey: string): Promise<boolean> {
    return await this.sql.one('SELECT 1 AS found FROM ledger_transactions WHERE idempotency_key = $key', { key: idempotencyKey }) !== null;
  }

  async total(): Promise<number> {
    return (await this.sql.one<{ total: number }>('SELECT COALESCE(SUM(amount_kopecks), 0) AS total FROM ledger_entries'))?.total ?? 0;
  }
}
