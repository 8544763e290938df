import { DateTime } from 'luxon';

export interface BillingPeriod {
  /** First day of the period, in the region's calendar. */
  start: string;
  /** Last day of the period. */
  end: string;
  /** The day the next fee is charged and the packages renew. */
  nextChargeDate: string;
  /** The period as instants, [from, to), for querying usage. */
  fromIso: string;
  toIso: string;
}

/**
 * The monthly period that contains `nowMs`, in the region's time zone: it starts on the billing
 * day at local midnight. A billing day is 1–28, so every month has it.
 */
export function billingPeriodAt(nowMs: number, timeZone: string, billingDay: number): BillingPeriod {
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) {
    throw new RangeError(`billingDay must be 1–28, got ${billingDay}`);
  }
  // Every rating and every screen asks for the period that holds "now": the last answer per zone and day is kept.
  const key = `${timeZone}|${billingDay}`;
  const last = lastPeriods.get(key);
  if (last && nowMs >= last.fromMs && nowMs < last.toMs) return last.period;
  const period = Object.freeze(computePeriod(nowMs, timeZone, billingDay));
  lastPeriods.set(key, { fromMs: Date.parse(period.fromIso), toMs: Date.parse(period.toIso), period });
  return period;
}

/** At most one entry per time zone and billing day (a few hundred). */
const lastPeriods = new Map<string, { fromMs: number; toMs: number; period: BillingPeriod }>();

function computePeriod(nowMs: number, timeZone: string, billingDay: number): BillingPeriod {
  const local = DateTime.fromMillis(nowMs, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`unknown time zone "${timeZone}"`);
  const thisMonth = local.startOf('month').set({ day: billingDay });
  const start = local >= thisMonth ? thisMonth : thisMonth.minus({ months: 1 });
  const next = start.plus({ months: 1 });
  return {
    start: start.toISODate()!,
    end: next.minus({ days: 1 }).toISODate()!,
    nextChargeDate: next.toISODate()!,
    fromIso: start.toUTC().toISO()!,
    toIso: next.toUTC().toISO()!,
  };
}

/** Usage counts against the packages from the start of the period, or from a tariff change within it. */
export function packageWindowStart(period: BillingPeriod, tariffSince: string | null): string {
  return tariffSince && tariffSince > period.fromIso ? tariffSince : period.fromIso;
}
