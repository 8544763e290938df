import { z } from 'zod';
import { method } from './method';
import { E164Schema, Instant, Kopecks, LocalDate, LocalizedText, NoInput } from './common';

export const PackageKind = z.enum(['voice', 'sms', 'data']);
export type PackageKind = z.infer<typeof PackageKind>;

/** Units a package is counted in: minutes, messages, megabytes. */
export const PackageUnit = z.enum(['min', 'sms', 'mb']);
export type PackageUnit = z.infer<typeof PackageUnit>;

export const Remainder = z.object({
  kind: PackageKind,
  unit: PackageUnit,
  /** The whole allowance of the period, the amount rolled over from the last one included. */
  total: z.number().int().nonnegative(),
  used: z.number().int().nonnegative(),
  left: z.number().int().nonnegative(),
  /** What was left of the last period and carried into this one (used first; it does not roll again). */
  rolledOver: z.number().int().nonnegative(),
});
export type Remainder = z.infer<typeof Remainder>;

export const LineStatus = z.enum(['active', 'restricted', 'blocked']);

export const AccountOverview = z.object({
  msisdn: E164Schema,
  subscriberName: z.string(),
  lineStatus: LineStatus,
  region: z.object({ id: z.string(), name: LocalizedText, timeZone: z.string() }),
  tariff: z.object({
    id: z.string(),
    name: LocalizedText,
    monthlyFeeKopecks: Kopecks,
  }),
  balanceKopecks: Kopecks,
  /** The current billing period in the region's calendar; `end` is its last day. */
  period: z.object({ start: LocalDate, end: LocalDate, nextChargeDate: LocalDate }),
  remainders: z.array(Remainder),
  /**
   * The next monthly charge: the tariff's fee plus connected services', the day (region's calendar) and how many
   * days away, and what the balance lacks to cover it (0 when it covers it or while the SIM is blocked).
   */
  nextCharge: z.object({
    date: LocalDate,
    inDays: z.number().int().nonnegative(),
    amountKopecks: Kopecks,
    servicesKopecks: Kopecks,
    shortfallKopecks: Kopecks,
    waivedWhileBlocked: z.boolean(),
  }),
  /** An open promised payment: what is still owed and when it is written off. */
  promisedPayment: z.object({ owedKopecks: Kopecks, dueAt: Instant }).nullable(),
  asOf: Instant,
});
export type AccountOverview = z.infer<typeof AccountOverview>;

export const TariffCard = z.object({
  id: z.string(),
  name: LocalizedText,
  description: LocalizedText,
  monthlyFeeKopecks: Kopecks,
  packages: z.object({ voice: z.number().int().optional(), sms: z.number().int().optional(), data: z.number().int().optional() }),
  /** Packages whose unused part rolls over to the next period. */
  rollover: z.array(PackageKind),
  /** App traffic that consumes nothing on this tariff. */
  unlimited: z.array(z.string()),
  archived: z.boolean(),
});
export type TariffCard = z.infer<typeof TariffCard>;

export const TariffChangePreview = z.object({
  tariff: TariffCard,
  /** The new tariff's monthly fee, charged at once. */
  feeNowKopecks: Kopecks,
  balanceNowKopecks: Kopecks,
  balanceAfterKopecks: Kopecks,
  affordable: z.boolean(),
  /** What is left of the current packages: it stops with the change. */
  stops: z.array(Remainder),
  /** The new tariff's packages, whole, until the end of the period. */
  starts: z.array(Remainder),
  periodEnd: LocalDate,
});
export type TariffChangePreview = z.infer<typeof TariffChangePreview>;

const TariffId = z.string({ error: 'expected a tariff id' }).regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a tariff id from the catalog');

export const TariffAdvice = z.object({
  /** The complete periods the advice is based on, oldest first. */
  periods: z.array(z.object({ start: LocalDate, end: LocalDate })),
  options: z.array(
    z.object({
      tariff: TariffCard,
      /** What this usage would have cost on it over those periods: fees plus usage beyond its packages. */
      totalKopecks: Kopecks,
      averageMonthlyKopecks: Kopecks,
      current: z.boolean(),
    }),
  ),
  cheapestId: z.string(),
  /** What the cheapest saves in a year against the current tariff (0 when the current one is the cheapest). */
  yearlySavingKopecks: Kopecks,
});
export type TariffAdvice = z.infer<typeof TariffAdvice>;

export const tariffs = {
  /** Rates the line's last 3 periods of usage on every tariff offered in its region, with the same engine. */
  advice: method({ access: 'session', input: NoInput, output: TariffAdvice }),
  /** The line's tariff and the tariffs offered in its region (archived ones are not offered). */
  catalog: method({ access: 'session', input: NoInput, output: z.object({ current: TariffCard, offered: z.array(TariffCard) }) }),
  previewChange: method({ access: 'session', input: z.strictObject({ tariffId: TariffId }), output: TariffChangePreview }),
  /** Idempotent: the same key changes the tariff and charges the fee once, however often it is sent. */
  change: method({
    access: 'session',
    input: z.strictObject({ tariffId: TariffId, idempotencyKey: z.uuid({ error: 'expected a UUID made by the window for this change' }) }),
    output: AccountOverview,
  }),
};

export const ServiceCategory = z.enum(['calls', 'internet', 'messages', 'entertainment', 'security', 'roaming']);

export const ServiceCard = z.object({
  id: z.string(),
  category: ServiceCategory,
  name: LocalizedText,
  description: LocalizedText,
  monthlyFeeKopecks: Kopecks,
  /** Packages it adds while connected. */
  adds: z.object({ voice: z.number().int().optional(), sms: z.number().int().optional(), data: z.number().int().optional() }),
  connected: z.boolean(),
  /** Why it cannot be connected now: the tariff or a connected service it does not go with. */
  blockedBy: z.array(z.object({ kind: z.enum(['tariff', 'service']), id: z.string(), name: LocalizedText })),
});
export type ServiceCard = z.infer<typeof ServiceCard>;

const ServiceId = z.string({ error: 'expected a service id' }).regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a service id from the catalog');
const ServiceChange = z.strictObject({
  serviceId: ServiceId,
  idempotencyKey: z.uuid({ error: 'expected a UUID made by the window for this change' }),
});

export const services = {
  /** Every service priced in the line's region, with whether it is connected and what stands in its way. */
  catalog: method({ access: 'session', input: NoInput, output: z.array(ServiceCard) }),
  /** Charges the monthly fee now; idempotent under its key. */
  connect: method({ access: 'session', input: ServiceChange, output: z.array(ServiceCard) }),
  disconnect: method({ access: 'session', input: ServiceChange, output: z.array(ServiceCard) }),
};

export const DetailKind = z.enum(['all', 'voice', 'sms', 'data', 'money']);

export const DetailRow = z.object({
  at: Instant,
  /** voice / sms / data: usage; money: a charge or a payment on the balance. */
  kind: z.enum(['voice', 'sms', 'data', 'money']),
  /** What it was: for money, the kind of movement (usage, tariff-fee, service-fee, opening-balance …). */
  what: z.string(),
  /** voice: seconds; sms: messages; data: kilobytes; money: 0. */
  quantity: z.number().int().nonnegative(),
  /** Kopecks taken from (negative) or put on (positive) the balance. */
  amountKopecks: Kopecks,
});
export type DetailRow = z.infer<typeof DetailRow>;

export const UsageDetail = z.object({
  from: LocalDate,
  to: LocalDate,
  rows: z.array(DetailRow),
  totals: z.object({ voiceMinutes: z.number().int(), sms: z.number().int(), dataMb: z.number().int(), chargedKopecks: Kopecks, paidKopecks: Kopecks }),
  /** Per day of the range, in the region's calendar. */
  daily: z.array(z.object({ date: LocalDate, voiceMinutes: z.number().int(), sms: z.number().int(), dataMb: z.number().int() })),
});
export type UsageDetail = z.infer<typeof UsageDetail>;

/** The detail of a range without its rows: totals, a bucket per day, and how many rows the kind asked for has. */
export const DetailSummary = UsageDetail.omit({ rows: true }).extend({ rowCount: z.number().int().nonnegative() });
export type DetailSummary = z.infer<typeof DetailSummary>;

/** One page of the detail's rows, oldest first; `nextCursor` asks for the next page (null: this was the last). */
export const DetailPage = z.object({ rows: z.array(DetailRow), nextCursor: z.string().nullable() });
export type DetailPage = z.infer<typeof DetailPage>;

/** A money movement of the line as the main screen lists it, newest first. */
export const ActivityItem = z.object({ at: Instant, kind: z.string(), amountKopecks: Kopecks });
export type ActivityItem = z.infer<typeof ActivityItem>;

export const account = {
  overview: method({ access: 'session', input: NoInput, output: AccountOverview }),
  /** The line's last few money movements (payments in, fees and charges out), newest first, from the last 60 days. */
  recentActivity: method({ access: 'session', input: NoInput, output: z.array(ActivityItem).max(10) }),
  /**
   * «Детализация» of a range of days (at most a year): its totals, a bucket per day and its row count — the rows
   * themselves come a page at a time from `detailPage`, so a year of usage is never one read or one message.
   */
  detailSummary: method({
    access: 'session',
    input: z.strictObject({ from: LocalDate, to: LocalDate, kind: DetailKind.default('all') }),
    output: DetailSummary,
  }),
  /**
   * The detail's rows a page at a time, oldest first (usage before money at the same instant), read from the store
   * page by page. `cursor` is the previous page's `nextCursor`.
   */
  detailPage: method({
    access: 'session',
    input: z.strictObject({
      from: LocalDate,
      to: LocalDate,
      kind: DetailKind.default('all'),
      cursor: z.string().max(512).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: DetailPage,
  }),
  /**
   * The detail of a range as a PDF or CSV file, written on the main side off its event loop: the subscriber picks the
   * file, `export.progress` events tell this window how far it is, `cancelExport` stops it (nothing is left behind).
   */
  exportDetail: method({
    access: 'session',
    input: z.strictObject({
      from: LocalDate,
      to: LocalDate,
      kind: DetailKind.default('all'),
      format: z.enum(['pdf', 'csv'], { error: 'expected "pdf" or "csv"' }),
    }),
    output: z.discriminatedUnion('outcome', [
      /** `fileName` is the chosen file's name only, never its folder. */
      z.object({ outcome: z.literal('saved'), fileName: z.string(), rows: z.number().int().nonnegative() }),
      z.object({ outcome: z.literal('cancelled') }),
    ]),
  }),
  /** Stops this window's export; `cancelled` is false when none was running. */
  cancelExport: method({ access: 'session', input: NoInput, output: z.object({ cancelled: z.boolean() }) }),
};
