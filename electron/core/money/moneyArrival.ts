import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import type { MonthlyFees } from '../account/monthlyFees';
import { lineAccount, PROMISED_CREDIT_ACCOUNT } from '../account/ledgerAccounts';

/**
 * What happens whenever money lands on a line (a top-up, a transfer in), inside the same unit of work:
 * an open promised payment is repaid first, then a line restricted for debt is let out again once its
 * fees are paid and its balance is not negative.
 */
export async function afterMoneyArrived(
  repos: Repositories,
  ids: IdGenerator,
  fees: MonthlyFees,
  arrival: { lineId: string; kopecks: number; paymentId: string; at: string },
): Promise<void> {
  // Asked together (one round trip to a shared store); the repayment below does not change the line's status.
  const [open, line] = await Promise.all([repos.promised.open(arrival.lineId), repos.account.line(arrival.lineId)]);
  if (open && open.owedKopecks > 0) {
    const repaid = Math.min(open.owedKopecks, arrival.kopecks);
    await repos.ledger.post(
      {
        id: ids.next('txn'),
        kind: 'promised-repayment',
        idempotencyKey: `promised-repayment:${arrival.paymentId}`,
        at: arrival.at,
        entries: [
          { account: lineAccount(arrival.lineId), amountKopecks: -repaid },
          { account: PROMISED_CREDIT_ACCOUNT, amountKopecks: repaid },
        ],
      },
      () => ids.next('entry'),
    );
    const owed = open.owedKopecks - repaid;
    await repos.promised.update(open.id, { owedKopecks: owed, state: owed === 0 ? 'repaid' : 'open', closedAt: owed === 0 ? arrival.at : null });
    await repos.payments.add({
      id: ids.next('pay'),
      lineId: arrival.lineId,
      kind: 'promised-repayment',
      status: 'succeeded',
      amountKopecks: repaid,
      feeKopecks: 0,
      method: 'promised-payment',
      counterparty: null,
      declineReason: null,
      idempotencyKey: `promised-repayment:${arrival.paymentId}`,
      relatedId: arrival.paymentId,
      createdAt: arrival.at,
      updatedAt: arrival.at,
    });
  }
  if (line?.status === 'restricted') await restoreIfPaid(repos, fees, arrival.lineId);
}

/** A restricted line is active again once no fee is due and its balance is not negative. */
export async function restoreIfPaid(repos: Repositories, fees: MonthlyFees, lineId: string): Promise<void> {
  const line = await repos.account.line(lineId);
  if (line?.status !== 'restricted') return;
  await fees.catchUp(repos, lineId);
  if (await fees.due(repos, lineId)) return;
  if ((await repos.account.balanceKopecks(lineId)) < 0) return;
  await repos.usage.setLineStatus(lineId, 'active');
}
