import type { PackageKind, TariffAdvice, TariffCard } from '../account/model';
import { billingPeriodAt, type BillingPeriod } from '../account/billingPeriod';
import type { OverageRates } from '../account/ports';
import { billedUnits } from '../account/usageBilling';
import { overageCharge } from '../account/usageRating';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';

export const ADVICE_PERIODS = 3;

type Usage = Array<{ kind: PackageKind; quantity: number }>;

/** What a period's usage costs on a tariff: its fee, plus what goes beyond its packages, event by event as the engine rates it. */
export function periodCost(tariff: TariffCard, rates: OverageRates, usage: Usage): number {
  const left: Record<PackageKind, number> = {
    voice: tariff.packages.voice ?? 0,
    sms: tariff.packages.sms ?? 0,
    data: (tariff.packages.data ?? 0) * 1024,
  };
  let cost = tariff.monthlyFeeKopecks;
  for (const event of usage) {
    const billed = billedUnits(event.kind, event.quantity);
    const fromPackage = Math.min(billed, left[event.kind]);
    left[event.kind] -= fromPackage;
    cost += overageCharge(event.kind, billed - fromPackage, rates);
  }
  return cost;
}

/**
 * The tariff advisor: the line's last three complete periods of real usage, rated on every tariff
 * offered in its region, with what each would have cost, the cheapest, and the yearly saving.
 */
export class TariffAdvisor {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async advise(lineId: string): Promise<TariffAdvice> {
    return this.uow.read(async (repos) => {
      const line = await repos.account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const periods: BillingPeriod[] = [];
      let period = billingPeriodAt(this.clock.now(), line.region.timeZone, line.billingDay);
      for (let i = 0; i < ADVICE_PERIODS; i += 1) {
        period = billingPeriodAt(Date.parse(period.fromIso) - 1, line.region.timeZone, line.billingDay);
        periods.unshift(period);
      }
      const usage = await Promise.all(periods.map((p) => repos.account.usageEvents(lineId, p.fromIso, p.toIso)));

      const candidates = await repos.tariffs.offeredIn(line.region.id);
      if (!candidates.some((card) => card.id === line.tariff.id)) {
        const current = await repos.tariffs.card(line.tariff.id, line.region.id);
        if (current) candidates.push(current);
      }
      const options = [];
      for (const tariff of candidates) {
        const rates = await repos.usage.overage(tariff.id);
        if (!rates) continue;
        const total = usage.reduce((sum, periodUsage) => sum + periodCost(tariff, rates, periodUsage), 0);
        options.push({ tariff, totalKopecks: total, averageMonthlyKopecks: Math.round(total / ADVICE_PERIODS), current: tariff.id === line.tariff.id });
      }
      options.sort((a, b) => a.totalKopecks - b.totalKopecks || Number(b.current) - Number(a.current));
      const cheapest = options[0]!;
      const current = options.find((option) => option.current);
      const yearlySaving = current ? Math.max(0, Math.round(((current.totalKopecks - cheapest.totalKopecks) / ADVICE_PERIODS) * 12)) : 0;
      return {
        periods: periods.map((p) => ({ start: p.start, end: p.end })),
        options,
        cheapestId: cheapest.tariff.id,
        yearlySavingKopecks: yearlySaving,
      };
    });
  }
}
