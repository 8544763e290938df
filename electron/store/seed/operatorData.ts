import { z } from 'zod';
import { LocalizedText } from '../../../shared/contract/common';
import { PackageKind } from '../../../shared/contract/account';

/**
 * The shape of the operator data files in electron/data/operator/*.json.
 * Regions, catalogs, prices and demo subscribers are data, not code: an operator edits these files.
 */
const RegionId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id like "moscow"');
const Kopecks = z.number().int().nonnegative();

export const RegionData = z.strictObject({
  id: RegionId,
  name: LocalizedText,
  /** IANA time zone; billing periods and "today" are in this zone. */
  timeZone: z.string().refine(isKnownTimeZone, 'expected an IANA time zone like "Asia/Novosibirsk"'),
});

/** Kinds of app traffic an unlimited option can cover: such data consumes nothing. */
export const AppCategory = z.enum(['messengers', 'social', 'video', 'music']);

/** «Добровольная блокировка»: free for the first days, then a daily fee (0: a blocked SIM pays nothing). */
const SimBlockData = z.strictObject({ freeDays: z.number().int().nonnegative(), dailyFeeKopecks: Kopecks });

export const TariffData = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: LocalizedText,
  description: LocalizedText,
  archived: z.boolean(),
  /** Monthly package: voice in minutes, sms in messages, data in megabytes. A missing kind is not in the package. */
  packages: z.strictObject({
    voice: z.number().int().positive().optional(),
    sms: z.number().int().positive().optional(),
    data: z.number().int().positive().optional(),
  }),
  /** Packages whose unused part carries over to the next period (one period only). */
  rollover: z.array(z.enum(['voice', 'data'])).default([]),
  /** App traffic that consumes nothing on this tariff. */
  unlimited: z.array(AppCategory).default([]),
  /** What usage beyond the packages costs, kopecks: per started minute, per SMS, per started megabyte. */
  overage: z.strictObject({ voicePerMinute: Kopecks, smsEach: Kopecks, dataPerMb: Kopecks }),
  /** Monthly fee by region id, kopecks. A tariff is offered only where it has a price. */
  monthlyFee: z.record(RegionId, Kopecks),
  /** What a blocked SIM on this tariff pays instead of the monthly fee; absent: the operator's rule (payments.json `simBlock`). */
  simBlock: SimBlockData.optional(),
});

export const ServiceData = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  category: z.enum(['calls', 'internet', 'messages', 'entertainment', 'security', 'roaming']),
  name: LocalizedText,
  description: LocalizedText,
  /** Monthly fee by region id, kopecks (0 = free). */
  monthlyFee: z.record(RegionId, Kopecks),
  /** Packages the service adds while connected: voice minutes, sms, data megabytes. */
  adds: z.strictObject({ voice: z.number().int().positive().optional(), sms: z.number().int().positive().optional(), data: z.number().int().positive().optional() }),
  /** App traffic that consumes nothing while the service is connected. */
  unlimited: z.array(AppCategory).default([]),
  /** Tariffs and services it cannot be connected with (e.g. already included in the tariff). */
  incompatibleWith: z.strictObject({ tariffs: z.array(z.string()), services: z.array(z.string()) }),
});

export const UsageData = z.strictObject({
  kind: PackageKind,
  /** Day of the current billing period it happened on (1 = the first day); clamped to "now". */
  periodDay: z.number().int().min(1).max(31),
  /** voice: seconds; sms: messages; data: kilobytes. */
  quantity: z.number().int().positive(),
});

export const DemoLineData = z.strictObject({
  msisdn: z.string().regex(/^\+79\d{9}$/, 'expected an E.164 Russian mobile number'),
  tariffId: z.string(),
  /** The day of month the period starts and the fee is charged (1–28). */
  billingDay: z.number().int().min(1).max(28),
  /** How long ago the line was activated: the promised payment depends on the line's age. */
  activatedDaysAgo: z.number().int().nonnegative().default(365),
  openingBalanceKopecks: z.number().int(),
  /** The 8-digit PUK printed on the SIM card's holder; stored only as a keyed hash. */
  puk: z.string().regex(/^\d{8}$/, 'expected the 8 digits of the PUK'),
  /** Services connected on the line (ids from services.json). */
  services: z.array(z.string()).default([]),
  /** A blocked line (a lost phone) receives no SMS and no confirmation prompts. */
  status: z.enum(['active', 'blocked']).default('active'),
  usage: z.array(UsageData),
});

export const DemoSubscriberData = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  regionId: RegionId,
  /** Demo only: hashed with scrypt on seeding, never stored as given; null = not registered yet. */
  password: z.string().min(8).nullable(),
  lines: z.array(DemoLineData).min(1),
  /** Social identities already linked to the subscriber's first line (VK ID, OK, Facebook). */
  socialIdentities: z.array(z.strictObject({ provider: z.enum(['vk', 'ok', 'facebook']), subject: z.string().min(1) })).default([]),
});


/** The money rules of payments.json: limits, wallets, transfers, the promised payment's scale and fee. */
export const MoneyRulesData = z.strictObject({
  operator: z.strictObject({ name: z.string().min(1), inn: z.string().regex(/^\d{10}(\d{2})?$/, 'expected a 10- or 12-digit INN') }),
  /** The limits of a card top-up, and the amounts offered as one-tap chips beside its field (each within the limits). */
  cardTopUp: z
    .strictObject({ minKopecks: Kopecks, maxKopecks: Kopecks, quickAmountsKopecks: z.array(Kopecks).max(6, 'expected at most 6 quick amounts').default([]) })
    .refine((limits) => limits.minKopecks <= limits.maxKopecks, 'minKopecks must not exceed maxKopecks')
    .refine((limits) => limits.quickAmountsKopecks.every((kopecks) => kopecks >= limits.minKopecks && kopecks <= limits.maxKopecks), 'every quick amount must be within minKopecks..maxKopecks'),
  wallets: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), name: LocalizedText, minKopecks: Kopecks, maxKopecks: Kopecks })).min(1),
  /** Per transfer, per day and per calendar month: the day and the month are the sender's region's, of the confirmation. */
  transfer: z
    .strictObject({ minKopecks: Kopecks, maxKopecks: Kopecks, perDayKopecks: Kopecks, perMonthKopecks: Kopecks, commissionKopecks: Kopecks })
    .refine((limits) => limits.maxKopecks <= limits.perDayKopecks && limits.perDayKopecks <= limits.perMonthKopecks, 'expected maxKopecks ≤ perDayKopecks ≤ perMonthKopecks'),
  promisedPayment: z.strictObject({
    termDays: z.number().int().positive(),
    /** Line age → the most on offer; the highest step the line has reached applies. */
    scale: z.array(z.strictObject({ minLineAgeDays: z.number().int().nonnegative(), maxKopecks: Kopecks })).min(1),
    minKopecks: Kopecks,
    /** No new promised payment within this many days of the last one. */
    cooldownDays: z.number().int().nonnegative(),
    /** Below this balance no promised payment is given. */
    lowestBalanceKopecks: z.number().int(),
    /** No fee up to `freeUpToKopecks`; above it, `percentAbove` per cent of the whole amount or of the part above, as `percentOf` says. */
    fee: z.strictObject({
      freeUpToKopecks: Kopecks,
      percentAbove: z.number().nonnegative().max(100),
      percentOf: z.enum(['whole-amount', 'part-above'], { error: 'expected "whole-amount" or "part-above"' }),
    }),
  }),
  /** «Добровольная блокировка» on tariffs that do not say otherwise; a blocked SIM pays no monthly fee. */
  simBlock: SimBlockData,
  /** How many numbers one profile may hold. */
  profile: z.strictObject({ maxNumbers: z.number().int().min(1).max(50) }),
});
export type MoneyRules = z.infer<typeof MoneyRulesData>;

const Positive = z.number().int().positive();
const MarketBoundsData = z
  .strictObject({ minAmount: Positive, maxAmount: Positive, minKopecksPerUnit: Positive, maxKopecksPerUnit: Positive })
  .refine((bounds) => bounds.minAmount <= bounds.maxAmount && bounds.minKopecksPerUnit <= bounds.maxKopecksPerUnit, 'expected minAmount ≤ maxAmount and minKopecksPerUnit ≤ maxKopecksPerUnit');

/** remainders.json: the exchange rate of minutes and gigabytes, the limits of sharing, the market's bounds. */
export const RemainderRulesData = z.strictObject({
  exchange: z
    .strictObject({ minutesPerGigabyteGiven: Positive, minutesPerGigabyteTaken: Positive, minGigabytes: Positive, maxGigabytes: Positive })
    .refine((rules) => rules.minGigabytes <= rules.maxGigabytes, 'expected minGigabytes ≤ maxGigabytes')
    // Minutes → gigabytes → minutes must not come back with more minutes than went in.
    .refine((rules) => rules.minutesPerGigabyteTaken <= rules.minutesPerGigabyteGiven, 'expected minutesPerGigabyteTaken ≤ minutesPerGigabyteGiven'),
  share: z
    .strictObject({
      minGigabytes: Positive,
      maxGigabytes: Positive,
      perPeriodGigabytes: Positive,
      feeKopecks: Kopecks,
      receivedDays: Positive,
      extendedDays: Positive,
      extensionFeeKopecks: Kopecks,
      receivedPackagesAtOnce: Positive,
    })
    .refine((rules) => rules.minGigabytes <= rules.maxGigabytes && rules.maxGigabytes <= rules.perPeriodGigabytes, 'expected minGigabytes ≤ maxGigabytes ≤ perPeriodGigabytes')
    .refine((rules) => rules.receivedDays <= rules.extendedDays, 'expected receivedDays ≤ extendedDays'),
  market: z.strictObject({ lotsListedAtOnce: Positive, voice: MarketBoundsData, data: MarketBoundsData }),
});

/** codes.json: the length of every one-time code the operator sends (SMS and letters): 4 as today, or 6. */
const Count = z.number().int().min(1).max(100_000);

/**
 * How many messages (SMS codes of the ways in, passwordless prompts) go to a phone, and how many codes and PUKs may
 * be tried, per number and per device, in a rolling hour and in a calendar day of `dayRegion` (a region's id): one
 * region for every number, so that when a day starts never tells a served number from another.
 */
export const SignInLimitsData = z.strictObject({
  dayRegion: z.string().min(1),
  messages: z.strictObject({ perNumberPerHour: Count, perNumberPerDay: Count, perDevicePerHour: Count, perDevicePerDay: Count }),
  verifies: z.strictObject({ perDevicePerHour: Count, perDevicePerDay: Count }),
});
export type SignInLimitsData = z.infer<typeof SignInLimitsData>;

/** What older data without `signInLimits` gets: the limits README's security section lists. */
export const defaultSignInLimits: SignInLimitsData = {
  dayRegion: 'moscow',
  messages: { perNumberPerHour: 5, perNumberPerDay: 10, perDevicePerHour: 30, perDevicePerDay: 200 },
  verifies: { perDevicePerHour: 60, perDevicePerDay: 300 },
};

export const CodeRulesData = z.strictObject({
  digits: z.union([z.literal(4), z.literal(6)], { error: 'expected 4 or 6 digits' }),
  signInLimits: SignInLimitsData.default(defaultSignInLimits),
});

export const OperatorData = z.strictObject({
  regions: z.array(RegionData).min(1),
  tariffs: z.array(TariffData).min(1),
  services: z.array(ServiceData),
  demoSubscribers: z.array(DemoSubscriberData),
  payments: MoneyRulesData,
  remainders: RemainderRulesData,
  /** Absent in older data: 4 digits, as the operator sends today. */
  codes: CodeRulesData.default({ digits: 4, signInLimits: defaultSignInLimits }),
});
export type OperatorData = z.infer<typeof OperatorData>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
