import { billingPeriodAt } from '../account/billingPeriod';

/** A movement of the line's balance: negative amounts take money from it. */
export interface BalanceMovement {
  at: string;
  kind: string;
  amountKopecks: number;
}

/**
 * Money that leaves the balance but is not the phone's bill: a transfer to another number, a promised payment
 * repaid or written off (the money was the operator's loan, not a charge), a debt the line started with (an
 * opening balance below zero is not this period's spend). Every other charge is spend, so a new kind of fee counts
 * without touching this.
 */
export const NOT_SPEND_KINDS: ReadonlySet<string> = new Set(['mobile-transfer', 'promised-repayment', 'promised-write-off', 'opening-balance']);

export interface ForecastInput {
  nowMs: number;
  /** The line's region's time zone and billing day: the period is that region's calendar month from that day. */
  timeZone: string;
  billingDay: number;
  /** The line's balance movements; those outside [period start, now) are left out here. */
  movements: readonly BalanceMovement[];
  /** The monthly fee (tariff and services); added when this period's has not been charged yet. */
  monthlyFeeKopecks: number;
  /** Whether the line pays the monthly fee this period (a blocked SIM does not). */
  paysMonthlyFee: boolean;
  /** Fees of content subscriptions that fall due after now and before the period ends. */
  contentDueKopecks: number;
  /**
   * The shortest stretch the usage rate is taken over (operator data, content.json `forecast.minElapsedHours`): an
   * hour's calls at the very start of the period would otherwise project to hundreds of times themselves.
   */
  minElapsedMs: number;
}

export interface SpendForecast {
  period: { start: string; end: string; fromIso: string; toIso: string };
  /** What the period has charged so far (usage, fees, content, …). */
  chargedKopecks: number;
  /** Of that, rated usage. */
  usageKopecks: number;
  /** Usage the rest of the period should bring at the rate so far. */
  projectedUsageKopecks: number;
  /** Fees still to come this period: the monthly fee not yet charged, content subscriptions falling due. */
  feesDueKopecks: number;
  /** charged + fees due + projected usage. */
  forecastKopecks: number;
}

/**
 * The period's spend, forecast from what it charged so far: every charge of the period stays, fees still to come
 * are added, and usage is projected to the period's end at its rate so far (usage ÷ time elapsed × time left).
 * The period is the billing period holding `nowMs` in the region's calendar, so a line in Vladivostok starts its
 * new period — and a fresh forecast — at its own midnight, not Moscow's or the machine's.
 */
export function forecastSpend(input: ForecastInput): SpendForecast {
  const period = billingPeriodAt(input.nowMs, input.timeZone, input.billingDay);
  const fromMs = Date.parse(period.fromIso);
  const toMs = Date.parse(period.toIso);
  let charged = 0;
  let usage = 0;
  let feeCharged = false;
  for (const movement of input.movements) {
    const at = Date.parse(movement.at);
    if (at < fromMs || at > input.nowMs) continue;
    if (movement.kind === 'monthly-fee') feeCharged = true;
    if (movement.amountKopecks >= 0 || NOT_SPEND_KINDS.has(movement.kind)) continue;
    charged += -movement.amountKopecks;
    if (movement.kind === 'usage') usage += -movement.amountKopecks;
  }
  const elapsed = Math.max(input.nowMs - fromMs, input.minElapsedMs, 1);
  const left = Math.max(toMs - input.nowMs, 0);
  const projected = Math.round((usage * left) / elapsed);
  const feesDue = (input.paysMonthlyFee && !feeCharged ? input.monthlyFeeKopecks : 0) + input.contentDueKopecks;
  return {
    period: { start: period.start, end: period.end, fromIso: period.fromIso, toIso: period.toIso },
    chargedKopecks: charged,
    usageKopecks: usage,
    projectedUsageKopecks: projected,
    feesDueKopecks: feesDue,
    forecastKopecks: charged + feesDue + projected,
  };
}
