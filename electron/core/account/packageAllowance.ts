import type { PackageKind } from './model';
import type { Repositories } from '../unitOfWork';
import { billingPeriodAt, packageWindowStart, type BillingPeriod } from './billingPeriod';
import type { BilledUsage, LineProfile } from './ports';
import type { SpendableBucket } from '../remainders/ports';

/** How far back a rollover is traced; a line's packages before that are taken as having rolled nothing in. */
const ROLLOVER_LOOKBACK_PERIODS = 6;

/** Package sizes in billed units: minutes, messages, kilobytes. */
export const packageInBilledUnits = (kind: PackageKind, size: number): number => (kind === 'data' ? size * 1024 : size);

export interface Allowance {
  /** The period's own package, billed units (0 when the line has none of this kind). */
  packageUnits: number;
  /** Carried over from the last period, billed units; used first and never carried again. */
  rolledInUnits: number;
  /** Billed units used in the period's package window (free app traffic excluded). */
  usedUnits: number;
  /**
   * Moved in and out of the package by the remainders ledger in this window: negative when exchanged, listed or
   * given away, positive for what spendable packages paid of the window's usage.
   */
  movedUnits: number;
}

/** What is left of the package itself (rolled-over and own), billed units. */
export const packageLeft = (allowance: Allowance): number => Math.max(0, allowance.packageUnits + allowance.rolledInUnits + allowance.movedUnits - allowance.usedUnits);

/**
 * What the line may use from its packages in the period that contains `nowMs`: the period's own package plus
 * what rolled over from the last period where the tariff says so. Rolled-over units are used first, so what
 * rolls on is only the unused part of a period's *own* package — one period, never two. Only the tariff's own
 * package rolls over, not what a service adds.
 */
export async function allowancesAt(
  repos: Repositories,
  line: LineProfile,
  nowMs: number,
  memo?: RolloverMemo,
  /** In a write that is about to rate usage: keep the window's running totals from now on. */
  keepTotals = false,
  /**
   * The usage of a window already read in this unit of work (asked for beside the line), and the remainders ledger's
   * position for it at `nowMs`: used if it is this window.
   */
  known?: UsageWindow & { used: BilledUsage; position?: Awaited<ReturnType<Repositories['remainders']['position']>> },
): Promise<{ period: BillingPeriod; byKind: Record<PackageKind, Allowance>; window: UsageWindow; buckets: SpendableBucket[] }> {
  const period = billingPeriodAt(nowMs, line.region.timeZone, line.billingDay);
  const windowStart = packageWindowStart(period, line.tariffSince);
  const window = { fromIso: windowStart, toIso: period.toIso };
  // Asked together (one round trip to a shared store): the window's usage and the remainders ledger's position.
  const reuse = known && !keepTotals && known.fromIso === window.fromIso && known.toIso === window.toIso ? known : null;
  const [used, position] = await Promise.all([
    reuse ? reuse.used : repos.account.billedUsage(line.lineId, windowStart, period.toIso, keepTotals),
    reuse?.position ?? repos.remainders.position(line.lineId, windowStart, period.toIso, new Date(nowMs).toISOString()),
  ]);
  const rolled =
    windowStart === period.fromIso
      ? ((await memo?.get(line, period, () => rolledIntoPeriod(repos, line, period))) ?? (await rolledIntoPeriod(repos, line, period)))
      : { voice: 0, sms: 0, data: 0 };
  const byKind = {} as Record<PackageKind, Allowance>;
  for (const kind of ['voice', 'sms', 'data'] as const) {
    const size = line.tariff.packages[kind];
    const movedUnits = kind === 'sms' ? 0 : position.moved[kind];
    byKind[kind] = { packageUnits: size === undefined ? 0 : packageInBilledUnits(kind, size), rolledInUnits: rolled[kind], usedUnits: used[kind], movedUnits };
  }
  return { period, byKind, window, buckets: position.buckets };
}

/** A line's package window: the period, or its part since the tariff changed. */
export interface UsageWindow {
  fromIso: string;
  toIso: string;
}

async function rolledIntoPeriod(repos: Repositories, line: LineProfile, period: BillingPeriod): Promise<BilledUsage> {
  const carry: BilledUsage = { voice: 0, sms: 0, data: 0 };
  const kinds = line.tariff.rollover.filter((kind) => line.tariff.ownPackages[kind] !== undefined);
  if (kinds.length === 0) return carry;
  // The earlier periods spent on this tariff and this line, oldest first.
  const since = [line.tariffSince, line.activatedAt].filter((instant): instant is string => instant !== null).sort().at(-1) ?? '';
  const earlier: Array<{ from: string; to: string }> = [];
  let cursor = period;
  for (let step = 0; step < ROLLOVER_LOOKBACK_PERIODS; step += 1) {
    cursor = billingPeriodAt(Date.parse(cursor.fromIso) - 1, line.region.timeZone, line.billingDay);
    if (cursor.toIso <= since) break;
    earlier.unshift({ from: cursor.fromIso > since ? cursor.fromIso : since, to: cursor.toIso });
  }
  for (const window of earlier) {
    const [used, position] = await Promise.all([
      repos.account.billedUsage(line.lineId, window.from, window.to),
      repos.remainders.position(line.lineId, window.from, window.to, window.to),
    ]);
    for (const kind of kinds) {
      // What the remainders ledger moved out of the package (exchanged, sold, given) is used as much as a call is;
      // what a spendable package paid of the window's usage is not the package's.
      const moved = kind === 'sms' ? 0 : position.moved[kind];
      const own = Math.max(0, used[kind] - moved - carry[kind]);
      carry[kind] = Math.max(0, packageInBilledUnits(kind, line.tariff.ownPackages[kind]!) - own);
    }
  }
  return carry;
}

/**
 * What rolled into a period depends only on earlier periods, whose usage never changes (usage is recorded
 * as it happens): once worked out it is kept, keyed by everything it depends on. Bounded, oldest out first.
 */
export class RolloverMemo {
  private readonly known = new Map<string, BilledUsage>();

  constructor(private readonly capacity = 5000) {}

  /**
   * Forgets what is kept for a line: an earlier period of it changed after all (a lot listed then was withdrawn
   * later, and its units went back to the package they came from).
   */
  forget(lineId: string): void {
    for (const key of [...this.known.keys()]) if ((JSON.parse(key) as unknown[])[0] === lineId) this.known.delete(key);
  }

  async get(line: LineProfile, period: BillingPeriod, work: () => Promise<BilledUsage>): Promise<BilledUsage> {
    const key = JSON.stringify([line.lineId, period.fromIso, line.tariffSince, line.activatedAt, line.tariff.rollover, line.tariff.ownPackages]);
    const found = this.known.get(key);
    if (found) return found;
    const rolled = await work();
    if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, rolled);
    return rolled;
  }
}
