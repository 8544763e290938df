import type { AccountOverview } from '../account/model';
import type { PackageKind } from '../account/model';
import type { NotificationPreferences } from './ports';

export type LineAlert =
  | { kind: 'low-balance'; msisdn: string; balanceKopecks: number; thresholdKopecks: number }
  | { kind: 'package-low'; msisdn: string; packageKind: PackageKind; left: number; total: number; unit: string }
  | { kind: 'promised-due'; msisdn: string; owedKopecks: number; dueAt: string }
  | { kind: 'payment-arrived'; msisdn: string; amountKopecks: number; balanceKopecks: number }
  | { kind: 'budget-over'; msisdn: string; forecastKopecks: number; budgetKopecks: number; periodEnd: string };

/** The period's spend forecast beside the budget the subscriber set (budget/spendBudget.ts). */
export interface BudgetLook {
  forecastKopecks: number;
  budgetKopecks: number | null;
  periodEnd: string;
}

/** What was last seen of a line, so that each alert is raised once per crossing, not on every change. */
export interface AlertMemo {
  balanceKopecks: number;
  lowBalanceRaised: boolean;
  /** `${kind}@${periodEnd}` of packages already announced as nearly used up this period. */
  packagesRaised: string[];
  /** Due times of promised payments already announced. */
  promisedRaised: string[];
  /** Ends of periods whose forecast was already announced as over the budget. */
  budgetRaised?: string[];
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Decides which alerts a change of the line deserves, by the subscriber's preferences: the balance going below the
 * threshold, a package reaching its last few per cent, a promised payment due within a day, money arriving.
 * The first look at a line only remembers it — what was already so is not news.
 */
export function alertsFor(
  previous: AlertMemo | undefined,
  overview: AccountOverview,
  preferences: NotificationPreferences,
  now: number,
  budget: BudgetLook | null = null,
): { alerts: LineAlert[]; memo: AlertMemo } {
  const alerts: LineAlert[] = [];
  const msisdn = overview.msisdn;
  const balance = overview.balanceKopecks;
  const threshold = preferences.lowBalanceKopecks;
  const below = threshold !== null && balance < threshold;
  const memo: AlertMemo = {
    balanceKopecks: balance,
    lowBalanceRaised: below && (previous?.lowBalanceRaised ?? true),
    packagesRaised: [],
    promisedRaised: previous?.promisedRaised ?? [],
    budgetRaised: previous?.budgetRaised ?? [],
  };
  const low = overview.remainders.filter(
    (remainder) => preferences.packagePercent !== null && remainder.total > 0 && (remainder.left * 100) / remainder.total <= preferences.packagePercent,
  );
  memo.packagesRaised = low.map((remainder) => `${remainder.kind}@${overview.period.end}`);
  if (!previous) {
    // Remember what is already so; a promised payment already due within a day is still worth saying.
    memo.lowBalanceRaised = below;
  } else {
    if (below && !previous.lowBalanceRaised) {
      alerts.push({ kind: 'low-balance', msisdn, balanceKopecks: balance, thresholdKopecks: threshold! });
      memo.lowBalanceRaised = true;
    }
    for (const remainder of low) {
      if (!previous.packagesRaised.includes(`${remainder.kind}@${overview.period.end}`)) {
        alerts.push({ kind: 'package-low', msisdn, packageKind: remainder.kind, left: remainder.left, total: remainder.total, unit: remainder.unit });
      }
    }
    if (preferences.paymentArrived && balance > previous.balanceKopecks) {
      alerts.push({ kind: 'payment-arrived', msisdn, amountKopecks: balance - previous.balanceKopecks, balanceKopecks: balance });
    }
  }
  const promised = overview.promisedPayment;
  if (preferences.promisedDue && promised && Date.parse(promised.dueAt) - now <= DAY_MS && !memo.promisedRaised.includes(promised.dueAt)) {
    alerts.push({ kind: 'promised-due', msisdn, owedKopecks: promised.owedKopecks, dueAt: promised.dueAt });
    memo.promisedRaised = [...memo.promisedRaised, promised.dueAt];
  }
  // A budget is a request to be told: said once a period when the forecast passes it, on a first look too.
  if (budget && budget.budgetKopecks !== null && budget.forecastKopecks > budget.budgetKopecks && !memo.budgetRaised!.includes(budget.periodEnd)) {
    alerts.push({ kind: 'budget-over', msisdn, forecastKopecks: budget.forecastKopecks, budgetKopecks: budget.budgetKopecks, periodEnd: budget.periodEnd });
    memo.budgetRaised = [...memo.budgetRaised!, budget.periodEnd];
  }
  return { alerts, memo };
}
