import { DateTime } from 'luxon';
import type { AccountOverview, PackageKind, PackageUnit, Remainder } from './model';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import { allowancesAt, type Allowance, type RolloverMemo, type UsageWindow } from './packageAllowance';
import { inPackageUnits } from './usageBilling';
import type { Repositories } from '../unitOfWork';

/** Work a line's clock makes due (a period's fee, an overdue promised payment), done before it is read. */
export interface Upkeep {
  due(repos: Repositories, lineId: string): Promise<boolean>;
  catchUp(repos: Repositories, lineId: string): Promise<void>;
}

const unitOf: Record<PackageKind, PackageUnit> = { voice: 'min', sms: 'sms', data: 'mb' };
const packageOrder: PackageKind[] = ['voice', 'data', 'sms'];

/** The main screen's read model: tariff, balance and what is left of the period's packages. */
export class AccountOverviewService {
  /**
   * Each line's package window as last read: the next overview asks for that window's usage beside the line itself
   * (one round trip to a shared store instead of two); a window that moved on is read again after.
   */
  private readonly lastWindows = new Map<string, UsageWindow>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly fees?: Upkeep,
    private readonly rollovers?: RolloverMemo,
  ) {}

  async forLine(lineId: string): Promise<AccountOverview> {
    // One read both asks whether the line's clock made work due and reads the screen; only when work is due (a
    // new period's fee, an overdue promised payment) is it done and the screen read again.
    const first = await this.uow.read((repos) => this.read(repos, lineId, true));
    if (first.overview) return first.overview;
    await this.uow.write((repos) => this.fees!.catchUp(repos, lineId));
    return (await this.uow.read((repos) => this.read(repos, lineId, false))).overview!;
  }

  /** The line's last `limit` money movements of the last 60 days, newest first (the main screen's «Последние операции»). */
  async recentActivity(lineId: string, limit = 5): Promise<ActivityEntry[]> {
    const now = this.clock.now();
    const from = new Date(now - RECENT_DAYS * 86_400_000).toISOString();
    const movements = await this.uow.read((repos) => repos.account.balanceMovements(lineId, from, new Date(now + 1).toISOString()));
    return movements
      .filter((movement) => movement.amountKopecks !== 0)
      .slice(-limit)
      .reverse()
      .map(({ at, kind, amountKopecks }) => ({ at, kind, amountKopecks }));
  }

  /** The overview, or null when `checkUpkeep` found work due (then the overview read would be stale). */
  private async read(repos: Repositories, lineId: string, checkUpkeep: boolean): Promise<{ overview: AccountOverview | null }> {
    const fees = this.fees;
    const now = this.clock.now();
    const { account, promised } = repos;
    // Asked together (one round trip to a shared store): the upkeep check, the line, its promised payment.
    const guess = this.lastWindows.get(lineId);
    // The last window's usage and remainders position are asked for on the guess that the window has not moved.
    const [due, line, open, balanceKopecks, guessedUsage, guessedPosition, feesKopecks] = await Promise.all([
      checkUpkeep && fees ? fees.due(repos, lineId) : false,
      account.line(lineId),
      promised.open(lineId),
      account.balanceKopecks(lineId),
      guess ? account.billedUsage(lineId, guess.fromIso, guess.toIso) : null,
      guess ? repos.remainders.position(lineId, guess.fromIso, guess.toIso, new Date(now).toISOString()) : null,
      repos.billing.monthlyFees(lineId),
    ]);
    if (due) return { overview: null };
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const { period, byKind, window, buckets } = await allowancesAt(repos, line, now, this.rollovers, false, guess && guessedUsage ? { ...guess, used: guessedUsage, ...(guessedPosition ? { position: guessedPosition } : {}) } : undefined);
    if (this.lastWindows.size >= 10_000) this.lastWindows.clear();
    this.lastWindows.set(lineId, window);
    const remainders: Remainder[] = packageOrder.flatMap((kind) => {
      if (line.tariff.packages[kind] === undefined) return [];
      const extra = buckets.filter((bucket) => bucket.kind === kind).reduce((sum, bucket) => sum + bucket.units, 0);
      return [remainderOf(kind, byKind[kind], extra)];
    });
    return {
      overview: {
        msisdn: line.msisdn,
        subscriberName: line.subscriberName,
        lineStatus: line.status,
        region: line.region,
        tariff: { id: line.tariff.id, name: line.tariff.name, monthlyFeeKopecks: line.tariff.monthlyFeeKopecks },
        balanceKopecks,
        period: { start: period.start, end: period.end, nextChargeDate: period.nextChargeDate },
        remainders,
        nextCharge: nextChargeOf({ now, timeZone: line.region.timeZone, date: period.nextChargeDate, feesKopecks, tariffFeeKopecks: line.tariff.monthlyFeeKopecks, balanceKopecks, blocked: line.status === 'blocked' }),
        promisedPayment: open ? { owedKopecks: open.owedKopecks, dueAt: open.dueAt } : null,
        asOf: new Date(now).toISOString(),
      },
    };
  }
}

const RECENT_DAYS = 60;

/** A money movement of a line: when, what (the ledger transaction's kind), how much in (+) or out (−). */
export interface ActivityEntry {
  at: string;
  kind: string;
  amountKopecks: number;
}

/** The next monthly charge as the core's own model (the wire type mirrors it). */
export interface NextCharge {
  /** The day it is charged, in the region's calendar. */
  date: string;
  /** Whole days from today (region's calendar) to that day. */
  inDays: number;
  /** The tariff's fee plus every connected service's: what the balance is charged that day. */
  amountKopecks: number;
  /** The connected services' part of it. */
  servicesKopecks: number;
  /** What the balance lacks to cover it (0 when it does); nothing is charged while the SIM is blocked. */
  shortfallKopecks: number;
  /** The SIM is blocked: no monthly fee while it stays so. */
  waivedWhileBlocked: boolean;
}

/**
 * What the next period's charge will be and whether the balance covers it: the fee is the tariff's plus the
 * connected services' (as MonthlyFees charges it), due at the start of the region's next period.
 */
export function nextChargeOf(input: {
  now: number;
  timeZone: string;
  date: string;
  feesKopecks: number;
  tariffFeeKopecks: number;
  balanceKopecks: number;
  blocked: boolean;
}): NextCharge {
  // Whole calendar days between two dates of the region's calendar: counted on the dates themselves (what luxon's
  // diff of the two local midnights, rounded, gave across a DST change too, at a fraction of its cost).
  const today = DateTime.fromMillis(input.now, { zone: input.timeZone }).toISODate()!;
  const inDays = Math.max(0, Math.round((Date.parse(`${input.date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000));
  const amountKopecks = input.feesKopecks;
  const shortfallKopecks = input.blocked ? 0 : Math.max(0, amountKopecks - input.balanceKopecks);
  return {
    date: input.date,
    inDays,
    amountKopecks,
    servicesKopecks: Math.max(0, amountKopecks - input.tariffFeeKopecks),
    shortfallKopecks,
    waivedWhileBlocked: input.blocked,
  };
}

/**
 * A package as the person reads it: rolled-over units are part of the total, used first, and shown apart.
 * Received, bought and exchanged packages (`extraUnits`, billed units) are part of the total and of what is left;
 * what the remainders ledger moved out of the package counts as used.
 */
export function remainderOf(kind: PackageKind, allowance: Allowance, extraUnits = 0): Remainder {
  const rolledOver = kind === 'data' ? Math.floor(allowance.rolledInUnits / 1024) : allowance.rolledInUnits;
  const extra = kind === 'data' ? Math.floor(extraUnits / 1024) : extraUnits;
  const total = inPackageUnits(kind, allowance.packageUnits) + rolledOver + extra;
  const netUsed = Math.max(0, allowance.usedUnits - allowance.movedUnits);
  const used = Math.min(total, inPackageUnits(kind, netUsed));
  return { kind, unit: unitOf[kind], total, used, left: total - used, rolledOver };
}
