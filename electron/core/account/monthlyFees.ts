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
 */
export class MonthlyFees {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Whether a period began whose fee is not charged yet (a read, so the common case writes nothing). */
  async due(repos: Repositories, lineId: string): Promise<boolean> {
    const line = await repos.account.line(lineId);
    if (!line) return false;
    const current = billingPeriodAt(this.clock.now(), line.region.timeZone, line.billingDay).start;
    return line.feePaidFrom === null || line.feePaidFrom < current;
  }

  /** Charges every period begun since the last paid one; inside the caller's unit of work. */
  async catchUp(repos: Repositories, lineId: string): Promise<void> {
    const line = await repos.account.line(lineId);
    if (!line || line.status === 'blocked') return;
    const current = billingPeriodAt(this.clock.now(), line.region.timeZone, line.billingDay).start;
    if (line.feePaidFrom === null) {
      await repos.billing.markFeePaid(lineId, current);
      return;
    }
    let paid = line.feePaidFrom;
    while (paid < current) {
      const next = DateTime.fromISO(paid, { zone: line.region.timeZone }).plus({ months: 1 }).set({ day: line.billingDay }).toISODate()!;
      const fee = await repos.billing.monthlyFees(lineId);
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < fee) {
        await repos.usage.setLineStatus(lineId, 'restricted');
        return;
      }
      const at = DateTime.fromISO(next, { zone: line.region.timeZone }).toUTC().toISO()!;
      await chargeLine(repos, this.ids, { lineId, kopecks: fee, kind: 'monthly-fee', idempotencyKey: `monthly-fee:${lineId}:${next}`, at });
      await repos.billing.markFeePaid(lineId, next);
      paid = next;
    }
  }
}
