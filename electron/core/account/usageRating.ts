import type { PackageKind } from './model';
import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { UnitOfWork } from '../unitOfWork';
import { allowancesAt, packageLeft, type RolloverMemo } from './packageAllowance';
import { spendFromBuckets } from '../remainders/remainderLedger';
import type { OverageRates } from './ports';
import { billedUnits } from './usageBilling';
import { chargeLine } from './charges';
import type { MonthlyFees } from './monthlyFees';


export interface RatedUsage {
  lineId: string;
  kind: PackageKind;
  billedUnits: number;
  /** Billed units that came out of the period's package. */
  fromPackage: number;
  chargedKopecks: number;
  balanceAfterKopecks: number;
  /** The unlimited option that made it free, if one did. */
  freeBy: string | null;
}


/** What the units beyond the package cost: per started minute, per SMS, per started megabyte. */
export function overageCharge(kind: PackageKind, overflowUnits: number, rates: OverageRates): number {
  if (overflowUnits <= 0) return 0;
  switch (kind) {
    case 'voice':
      return overflowUnits * rates.voicePerMinute;
    case 'sms':
      return overflowUnits * rates.smsEach;
    case 'data':
      return Math.ceil(overflowUnits / 1024) * rates.dataPerMb;
  }
}

/**
 * The rating engine: a call, an SMS or a data session is taken first from the tariff's package
 * for the current period (in the region's calendar), and what is left over is charged from the
 * balance at the tariff's rates, as one balanced ledger transaction. A line whose balance goes
 * below zero is restricted: no further outgoing usage until it is topped up.
 */
export class UsageRating {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly fees?: MonthlyFees,
    private readonly rollovers?: RolloverMemo,
  ) {}

  /** `app` names the app data went to: an unlimited option for it makes the session free. */
  async record(msisdn: E164, kind: PackageKind, quantity: number, app?: string): Promise<RatedUsage> {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) {
      throw new DomainError('VALIDATION', 'quantity: a positive whole amount', { fields: [{ field: 'quantity', expected: 'a positive whole amount' }] });
    }
    const now = this.clock.now();
    return this.uow.write(async (repos) => {
      const credential = await repos.credentials.forNumber(msisdn);
      if (!credential) throw new DomainError('NOT_FOUND', 'this number is not a subscriber of the operator', { reason: 'not-a-subscriber' });
      // A new period's fee comes first: usage is rated against the period it falls in.
      await this.fees?.catchUp(repos, credential.lineId);
      const line = (await repos.account.line(credential.lineId))!;
      if (line.status === 'blocked') throw new DomainError('SIM_BLOCKED', 'the SIM is blocked: no calls, SMS or data');
      if (line.status === 'restricted') throw new DomainError('NOT_ELIGIBLE', 'the line is restricted until the balance is topped up', { reason: 'restricted' });

      const billed = billedUnits(kind, quantity);
      const freeBy = kind === 'data' && app !== undefined && line.tariff.unlimited.includes(app) ? app : null;
      const allowances = await allowancesAt(repos, line, now, this.rollovers, true);
      const allowance = allowances.byKind[kind];
      const fromBuckets = kind === 'sms' || freeBy ? 0 : Math.min(billed, allowances.buckets.filter((bucket) => bucket.kind === kind).reduce((sum, bucket) => sum + bucket.units, 0));
      const remaining = fromBuckets + packageLeft(allowance);
      // Traffic of an unlimited option consumes nothing: neither the package nor the balance.
      const fromPackage = freeBy ? 0 : Math.min(billed, remaining);
      const overflow = freeBy ? 0 : billed - fromPackage;

      let charged = 0;
      const balance = await repos.account.balanceKopecks(line.lineId);
      if (overflow > 0) {
        const rates = await repos.usage.overage(line.tariff.id);
        if (!rates) throw new DomainError('NOT_ELIGIBLE', 'the tariff has no rates for usage beyond its packages', { reason: 'no-overage' });
        if (balance <= 0) throw new DomainError('INSUFFICIENT_FUNDS', 'the package is used up and the balance cannot pay for more');
        charged = overageCharge(kind, overflow, rates);
      }

      const eventId = this.ids.next('usage');
      const at = new Date(now).toISOString();
      await repos.usage.record({ id: eventId, lineId: line.lineId, kind, occurredAt: at, quantity, billedUnits: billed, chargedKopecks: charged, freeBy });
      // Received, bought and exchanged packages pay first (the remainders ledger), then the rolled-over and the tariff's.
      if (fromBuckets > 0 && kind !== 'sms') {
        await spendFromBuckets(repos, this.ids, { lineId: line.lineId, kind, units: fromBuckets, buckets: allowances.buckets, window: allowances.window, usageId: eventId, at });
      }
      if (charged > 0) {
        await chargeLine(repos, this.ids, { lineId: line.lineId, kopecks: charged, kind: 'usage', idempotencyKey: `usage:${eventId}`, at });
      }
      const balanceAfter = balance - charged;
      if (balanceAfter < 0) await repos.usage.setLineStatus(line.lineId, 'restricted');
      return { lineId: line.lineId, kind, billedUnits: billed, fromPackage, chargedKopecks: charged, balanceAfterKopecks: balanceAfter, freeBy };
    });
  }
}
