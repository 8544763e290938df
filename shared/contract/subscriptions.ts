import { z } from 'zod';
import { method } from './method';
import { Instant, Kopecks, LocalDate, LocalizedText, NoInput } from './common';

export const BanKind = z.enum(['content', 'premium-sms', 'transfers']);
export type BanKind = z.infer<typeof BanKind>;

export const ContentSubscription = z.object({
  id: z.string(),
  name: LocalizedText,
  provider: z.object({ name: LocalizedText, shortNumber: z.string() }),
  feeKopecks: Kopecks,
  every: z.enum(['day', 'week', 'month']),
  startedAt: Instant,
  /** Null: still active. */
  cancelledAt: Instant.nullable(),
  /** When the next period is charged (null: cancelled). */
  nextChargeAt: Instant.nullable(),
});
export type ContentSubscription = z.infer<typeof ContentSubscription>;

export const BanState = z.object({ kind: BanKind, on: z.boolean(), since: Instant.nullable() });
export type BanState = z.infer<typeof BanState>;

export const SubscriptionsAndBans = z.object({ subscriptions: z.array(ContentSubscription), bans: z.array(BanState) });
export type SubscriptionsAndBans = z.infer<typeof SubscriptionsAndBans>;

export const BudgetForecast = z.object({
  period: z.object({ start: LocalDate, end: LocalDate }),
  chargedKopecks: Kopecks,
  usageKopecks: Kopecks,
  projectedUsageKopecks: Kopecks,
  feesDueKopecks: Kopecks,
  forecastKopecks: Kopecks,
  budgetKopecks: Kopecks.nullable(),
  overBudget: z.boolean(),
  /** The bounds of a budget (operator data). */
  minBudgetKopecks: Kopecks,
  maxBudgetKopecks: Kopecks,
  asOf: Instant,
});
export type BudgetForecast = z.infer<typeof BudgetForecast>;

const Password = z.string({ error: 'expected the password' }).min(1, 'expected the password').max(200);

export const subscriptions = {
  /** Paid content subscriptions of the number the window looks at (active and cancelled) and its bans. */
  list: method({ access: 'session', input: NoInput, output: SubscriptionsAndBans }),
  /** One-click cancel; cancelling one already cancelled changes nothing and answers the same. */
  cancel: method({
    access: 'session',
    input: z.strictObject({ subscriptionId: z.string({ error: 'expected a subscription id' }).regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a subscription id') }),
    output: SubscriptionsAndBans,
  }),
  /** Turns a ban on or off, confirmed by the profile owner's password (the sign-in try limits apply). */
  setBan: method({
    access: 'session',
    input: z.strictObject({ kind: BanKind, on: z.boolean({ error: 'expected true or false' }), password: Password }),
    output: SubscriptionsAndBans,
  }),
  /** The period's spend forecast and the monthly budget. */
  forecast: method({ access: 'session', input: NoInput, output: BudgetForecast }),
  /** Sets the monthly budget (kopecks; null removes it) within the operator's bounds. */
  setBudget: method({
    access: 'session',
    input: z.strictObject({ monthlyKopecks: z.number({ error: 'expected an amount in kopecks or null' }).int('expected whole kopecks').nullable() }),
    output: BudgetForecast,
  }),
};
