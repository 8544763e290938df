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
  total: z.number().int().nonnegative(),
  used: z.number().int().nonnegative(),
  left: z.number().int().nonnegative(),
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
  asOf: Instant,
});
export type AccountOverview = z.infer<typeof AccountOverview>;

export const account = {
  overview: method({ access: 'session', input: NoInput, output: AccountOverview }),
};
