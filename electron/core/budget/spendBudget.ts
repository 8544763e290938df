import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { ContentSubscriptions } from '../subscriptions/contentSubscriptions';
import type { UnitOfWork } from '../unitOfWork';
import { forecastSpend, type SpendForecast } from './spendForecast';

/** Operator data (content.json `budget` and `forecast`): the bounds of a budget and the forecast's shortest rate window. */
export interface BudgetRules {
  minKopecks: number;
  maxKopecks: number;
  minElapsedHours: number;
}

export interface BudgetForecast extends SpendForecast {
  /** The subscriber's monthly budget for the line (null: none set). */
  budgetKopecks: number | null;
  /** The forecast passes the budget. */
  overBudget: boolean;
  minBudgetKopecks: number;
  maxBudgetKopecks: number;
  asOf: string;
}

/**
 * «Прогноз и бюджет»: the period's spend forecast (spendForecast.ts) beside the monthly budget the subscriber set for
 * the line; the cabinet raises an alert once a period when the forecast passes it (profile/lineAlerts.ts).
 */
export class SpendBudget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly content: ContentSubscriptions,
    private readonly rules: BudgetRules,
  ) {}

  forecast(lineId: string): Promise<BudgetForecast> {
    const now = this.clock.now();
    return this.uow.read(async (repos) => {
      // The period can start at most a month (and a day, for the time zones) before now.
      const since = new Date(now - 32 * 24 * 3600_000).toISOString();
      // Asked together (one round trip to a shared store): nothing here needs another's answer to be asked.
      const [line, movements, monthlyFee, budget, subscriptions] = await Promise.all([
        repos.account.line(lineId),
        repos.account.balanceMovements(lineId, since, new Date(now + 1).toISOString()),
        repos.billing.monthlyFees(lineId),
        repos.budgets.of(lineId),
        repos.contentSubscriptions.ofLine(lineId),
      ]);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const probe = forecastSpend({ nowMs: now, timeZone: line.region.timeZone, billingDay: line.billingDay, movements: [], monthlyFeeKopecks: 0, paysMonthlyFee: false, contentDueKopecks: 0, minElapsedMs: 0 });
      // Every unpaid period start of a subscription inside this billing period is still to be charged.
      const contentDue = this.content.dueBetween(subscriptions, line.region.timeZone, Date.parse(probe.period.fromIso) - 1, Date.parse(probe.period.toIso));
      const forecast = forecastSpend({
        nowMs: now,
        timeZone: line.region.timeZone,
        billingDay: line.billingDay,
        movements,
        monthlyFeeKopecks: monthlyFee,
        // A blocked SIM pays no monthly fee; a period whose fee is already paid (also one paid before the cabinet
        // knew the line: feePaidFrom without a ledger entry of this period) has none still to come.
        paysMonthlyFee: line.status !== 'blocked' && !(line.feePaidFrom !== null && line.feePaidFrom >= probe.period.start),
        contentDueKopecks: contentDue,
        minElapsedMs: this.rules.minElapsedHours * 3600_000,
      });
      const budgetKopecks = budget?.monthlyKopecks ?? null;
      return { ...forecast, budgetKopecks, overBudget: budgetKopecks !== null && forecast.forecastKopecks > budgetKopecks, minBudgetKopecks: this.rules.minKopecks, maxBudgetKopecks: this.rules.maxKopecks, asOf: new Date(now).toISOString() };
    });
  }

  /** Sets the line's monthly budget (null removes it); a figure outside the operator's bounds is a VALIDATION error. */
  async setBudget(lineId: string, monthlyKopecks: number | null): Promise<BudgetForecast> {
    if (monthlyKopecks !== null && (!Number.isInteger(monthlyKopecks) || monthlyKopecks < this.rules.minKopecks || monthlyKopecks > this.rules.maxKopecks)) {
      const expected = `a whole number of kopecks from ${this.rules.minKopecks} to ${this.rules.maxKopecks}`;
      throw new DomainError('VALIDATION', `monthlyKopecks: ${expected}`, { fields: [{ field: 'monthlyKopecks', expected }], minKopecks: this.rules.minKopecks, maxKopecks: this.rules.maxKopecks });
    }
    await this.uow.write(async (repos) => {
      if (monthlyKopecks === null) await repos.budgets.clear(lineId);
      else await repos.budgets.set({ lineId, monthlyKopecks, setAt: new Date(this.clock.now()).toISOString() });
    });
    return this.forecast(lineId);
  }
}
