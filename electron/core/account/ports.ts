import type { PackageKind } from './model';
import type { LocalizedText } from '../model';
import type { ServiceCard, TariffCard } from './model';
import type { E164 } from '../../../shared/phone';

export type LineStatus = 'active' | 'restricted' | 'blocked';

export interface LineProfile {
  lineId: string;
  msisdn: E164;
  status: LineStatus;
  billingDay: number;
  /** The first day of the last period whose monthly fee is paid (null: never charged yet). */
  feePaidFrom: string | null;
  /** When the line moved to its tariff; its packages count usage from then (null: the whole period). */
  tariffSince: string | null;
  /** When the line was activated: the promised payment grows with the line's age. */
  activatedAt: string;
  subscriberId: string;
  subscriberName: string;
  region: { id: string; name: LocalizedText; timeZone: string };
  tariff: {
    id: string;
    name: LocalizedText;
    /** The fee in the line's region, kopecks a month. */
    monthlyFeeKopecks: number;
    /** Package sizes: voice minutes, sms messages, data megabytes. */
    packages: Partial<Record<PackageKind, number>>;
    /** The tariff's own packages, without what services add: what rolls over. */
    ownPackages: Partial<Record<PackageKind, number>>;
    /** Kinds whose unused part carries over to the next period (one period only). */
    rollover: PackageKind[];
    /** App traffic that consumes nothing: the tariff's and the connected services' unlimited options. */
    unlimited: string[];
  };
}

/** Billed usage of one kind: voice in minutes, sms in messages, data in kilobytes. */
export type BilledUsage = Record<PackageKind, number>;

export interface DirectoryEntry {
  msisdn: E164;
  subscriberName: string;
  status: LineStatus;
}

export interface AccountRepository {
  /** Every number the operator serves, for the virtual handset's SIM choice. */
  directory(): Promise<DirectoryEntry[]>;
  line(lineId: string): Promise<LineProfile | null>;
  /** The same line, found by its number (read beside the number's credential before its ids are known). */
  lineOfNumber(msisdn: E164): Promise<LineProfile | null>;
  /** The balance is the sum of the line's ledger entries, never a stored figure. */
  balanceKopecks(lineId: string): Promise<number>;
  /** Ledger movements of the line's balance within [fromIso, toIso), oldest first. */
  balanceMovements(lineId: string, fromIso: string, toIso: string): Promise<Array<{ at: string; kind: string; amountKopecks: number }>>;
  /** Usage events within [fromIso, toIso), oldest first. */
  usageEvents(lineId: string, fromIso: string, toIso: string): Promise<Array<{ kind: PackageKind; quantity: number; occurredAt: string }>>;
  /** Usage events in [fromIso, toIso) after the (occurredAt, id) given, in that order, at most `limit`; `kind` narrows them. */
  usageEventsPage(lineId: string, fromIso: string, toIso: string, kind: PackageKind | null, after: { at: string; id: string } | null, limit: number): Promise<Array<{ id: string; kind: PackageKind; quantity: number; occurredAt: string }>>;
  /** Balance movements (one per ledger transaction) in [fromIso, toIso) after the (at, transaction id) given, in that order, at most `limit`. */
  balanceMovementsPage(lineId: string, fromIso: string, toIso: string, after: { at: string; id: string } | null, limit: number): Promise<Array<{ id: string; at: string; kind: string; amountKopecks: number }>>;
  /**
   * Billed units used within [fromIso, toIso), free app traffic excluded. `keep` (in a write) starts running
   * totals for that window, so later calls read one row instead of summing the window's events.
   */
  billedUsage(lineId: string, fromIso: string, toIso: string, keep?: boolean): Promise<BilledUsage>;
}

/** What usage beyond the packages costs, kopecks. */
export interface OverageRates {
  voicePerMinute: number;
  smsEach: number;
  dataPerMb: number;
}

export interface UsageEvent {
  id: string;
  lineId: string;
  kind: PackageKind;
  occurredAt: string;
  /** voice: seconds; sms: messages; data: kilobytes. */
  quantity: number;
  billedUnits: number;
  chargedKopecks: number;
  /** The unlimited option (app category) that made it free; it then counts against no package. */
  freeBy?: string | null;
}

export interface BillingRepository {
  /** The line's monthly fee: its tariff's in its region plus its connected services'. */
  monthlyFees(lineId: string): Promise<number>;
  markFeePaid(lineId: string, periodStart: string): Promise<void>;
}

export interface UsageRepository {
  overage(tariffId: string): Promise<OverageRates | null>;
  record(event: UsageEvent): Promise<void>;
  setLineStatus(lineId: string, status: LineStatus): Promise<void>;
}

export interface LedgerEntry {
  account: string;
  amountKopecks: number;
}

/** Double entry: a transaction's entries sum to zero, or it is refused. */
export interface TariffRepository {
  /** Tariffs offered in a region: priced there and not archived. */
  offeredIn(regionId: string): Promise<TariffCard[]>;
  /** A tariff as priced in a region, archived or not; null where it has no price. */
  card(tariffId: string, regionId: string): Promise<TariffCard | null>;
  moveLine(lineId: string, tariffId: string, since: string): Promise<void>;
}

export interface ServiceOffer {
  card: Omit<ServiceCard, 'connected' | 'blockedBy'>;
  incompatibleTariffs: string[];
  incompatibleServices: string[];
}

export interface ServiceRepository {
  /** Services priced in the region. */
  offeredIn(regionId: string): Promise<ServiceOffer[]>;
  connectedTo(lineId: string): Promise<string[]>;
  connect(lineId: string, serviceId: string, at: string): Promise<void>;
  disconnect(lineId: string, serviceId: string): Promise<void>;
  tariffName(tariffId: string): Promise<LocalizedText | null>;
}

export interface LedgerRepository {
  /** Whether a transaction with this idempotency key was already posted. */
  hasKey(idempotencyKey: string): Promise<boolean>;
  post(transaction: { id: string; kind: string; idempotencyKey: string; at: string; entries: LedgerEntry[] }, entryId: () => string): Promise<void>;
  /** The sum of every entry in the ledger: zero, always. */
  total(): Promise<number>;
}
