import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import { lineAccount, OPERATOR_REVENUE_ACCOUNT } from './ledgerAccounts';

/**
 * Takes money from a line's balance to the operator's revenue as one balanced ledger transaction.
 * The idempotency key makes the same charge, sent twice, post once (the ledger refuses a repeat key).
 */
export async function chargeLine(
  repos: Repositories,
  ids: IdGenerator,
  charge: { lineId: string; kopecks: number; kind: string; idempotencyKey: string; at: string },
): Promise<void> {
  await repos.ledger.post(
    {
      id: ids.next('txn'),
      kind: charge.kind,
      idempotencyKey: charge.idempotencyKey,
      at: charge.at,
      entries: [
        { account: lineAccount(charge.lineId), amountKopecks: -charge.kopecks },
        { account: OPERATOR_REVENUE_ACCOUNT, amountKopecks: charge.kopecks },
      ],
    },
    () => ids.next('entry'),
  );
}
