import type { LocalizedText } from '../model';

/**
 * The account's read models as the core makes them. The IPC contract (shared/contract/account.ts) declares the
 * same shapes for the wire; `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same, so the
 * handlers pass the core's values on as they are.
 */
export type PackageKind = 'voice' | 'sms' | 'data';
/** Units a package is counted in: minutes, messages, megabytes. */
export type PackageUnit = 'min' | 'sms' | 'mb';
export type LineStatusName = 'active' | 'restricted' | 'blocked';

export interface Remainder {
  kind: PackageKind;
  unit: PackageUnit;
  /** The whole allowance of the period, the amount rolled over from the last one included. */
  total: number;
  used: number;
  left: number;
  /** What was left of the last period and carried into this one (used first; it does not roll again). */
  rolledOver: number;
}

export interface AccountOverview {
  msisdn: string;
  subscriberName: string;
  lineStatus: LineStatusName;
  region: { id: string; name: LocalizedText; timeZone: string };
  tariff: { id: string; name: LocalizedText; monthlyFeeKopecks: number };
  balanceKopecks: number;
  /** The current billing period in the region's calendar; `end` is its last day. */
  period: { start: string; end: string; nextChargeDate: string };
  remainders: Remainder[];
  /** The next monthly charge: fees, the day, how many days away, and what the balance lacks. */
  nextCharge: { date: string; inDays: number; amountKopecks: number; servicesKopecks: number; shortfallKopecks: number; waivedWhileBlocked: boolean };
  /** An open promised payment: what is still owed and when it is written off. */
  promisedPayment: { owedKopecks: number; dueAt: string } | null;
  asOf: string;
}

/** A package size per kind, where the tariff or service has one. */
export interface Packages {
  voice?: number | undefined;
  sms?: number | undefined;
  data?: number | undefined;
}

export interface TariffCard {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  monthlyFeeKopecks: number;
  packages: Packages;
  /** Packages whose unused part rolls over to the next period. */
  rollover: PackageKind[];
  /** App traffic that consumes nothing on this tariff. */
  unlimited: string[];
  archived: boolean;
}

export interface TariffChangePreview {
  tariff: TariffCard;
  feeNowKopecks: number;
  balanceNowKopecks: number;
  balanceAfterKopecks: number;
  affordable: boolean;
  /** What is left of the current packages: it stops with the change. */
  stops: Remainder[];
  /** The new tariff's packages, whole, until the end of the period. */
  starts: Remainder[];
  periodEnd: string;
}

export interface TariffAdvice {
  periods: Array<{ start: string; end: string }>;
  options: Array<{ tariff: TariffCard; totalKopecks: number; averageMonthlyKopecks: number; current: boolean }>;
  cheapestId: string;
  yearlySavingKopecks: number;
}

export type ServiceCategory = 'calls' | 'internet' | 'messages' | 'entertainment' | 'security' | 'roaming';

export interface ServiceCard {
  id: string;
  category: ServiceCategory;
  name: LocalizedText;
  description: LocalizedText;
  monthlyFeeKopecks: number;
  /** Packages it adds while connected. */
  adds: Packages;
  connected: boolean;
  /** Why it cannot be connected now: the tariff or a connected service it does not go with. */
  blockedBy: Array<{ kind: 'tariff' | 'service'; id: string; name: LocalizedText }>;
}

export interface DetailRow {
  at: string;
  /** voice / sms / data: usage; money: a charge or a payment on the balance. */
  kind: 'voice' | 'sms' | 'data' | 'money';
  what: string;
  /** voice: seconds; sms: messages; data: kilobytes; money: 0. */
  quantity: number;
  /** Kopecks taken from (negative) or put on (positive) the balance. */
  amountKopecks: number;
}

export interface DetailTotals {
  voiceMinutes: number;
  sms: number;
  dataMb: number;
  chargedKopecks: number;
  paidKopecks: number;
}

export interface DetailDay {
  date: string;
  voiceMinutes: number;
  sms: number;
  dataMb: number;
}

export interface UsageDetail {
  from: string;
  to: string;
  rows: DetailRow[];
  totals: DetailTotals;
  daily: DetailDay[];
}

/** The detail of a range without its rows, and how many rows the kind asked for has. */
export interface DetailSummary {
  from: string;
  to: string;
  totals: DetailTotals;
  daily: DetailDay[];
  rowCount: number;
}

/** One page of the detail's rows, oldest first; `nextCursor` asks for the next page (null: this was the last). */
export interface DetailPage {
  rows: DetailRow[];
  nextCursor: string | null;
}
