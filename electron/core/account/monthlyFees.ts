import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import { billingPeriodAt } from './billingPeriod';
import { chargeLine } from './charges';

/**
 * The monthly fee (tariff plus connected services) is charged at the start of each period, in the
 * region's calendar. A period whose fee the balance cannot pay restricts the line (no outgoing usage)
 * and stays due. Catching up is idempotent: each period's fee has its own ledger key.
 *
 * A blocked SIM pays no monthly fee (only what its tariff says a blocked SIM pays, see SimBlocking): a
 * period the SIM was blocked through from its first moment to its last is settled without a charge, and
 * the period a SIM is unblocked in is charged then (the line has that period's packages from then on).
 */
export class MonthlyFees {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Whether a period began whose fee is not charged yet (a read, so the common case writes nothing). */
  async due(repos: Repositories, lineId: string): Promise<boolean> {
    const line = await repos.account.line(lineId);
    if (!line || line.status === 'blocked') return false;
    const current = billingPeriodAt(this.clock.now(), line.region.timeZone, line.billingDay).start;
    return line.feePaidFrom === null || line.feePaidFrom < current;
  }

  /** Charges every period begun since the last paid one; inside the caller's unit of work. */
  async catchUp(repos: Repositories, lineId: string): Promise<void> {
    const line = await repos.account.line(lineId);
    if (!line || line.status === 'blocked') return;
    const zone = line.region.timeZone;
    const current = billingPeriodAt(this.clock.now(), zone, line.billingDay).start;
    if (line.feePaidFrom === null) {
      await repos.billing.markFeePaid(lineId, current);
      return;
    }
    const startOf = (day: string) => new Date(DateTime.fromISO(day, { zone }).toMillis()).toISOString();
    const after = (day: string) => DateTime.fromISO(day, { zone }).plus({ months: 1 }).set({ day: line.billingDay }).toISODate()!;
    let paid = line.feePaidFrom;
    while (paid < current) {
      const next = after(paid);
      // Blocked all through: no fee (fee_paid_from moves on, as "settled up to here").
      if (await repos.simBlocks.coveredThroughout(lineId, startOf(next), startOf(after(next)))) {
        await repos.billing.markFeePaid(lineId, next);
        paid = next;
        continue;
      }
      const fee = await repos.billing.monthlyFees(lineId);
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < fee) {
        await repos.usage.setLineStatus(lineId, 'restricted');
        return;
      }
      await chargeLine(repos, this.ids, { lineId, kopecks: fee, kind: 'monthly-fee', idempotencyKey: `monthly-fee:${lineId}:${next}`, at: startOf(next) });
      await repos.billing.markFeePaid(lineId, next);
      paid = next;
    }
  }
}
