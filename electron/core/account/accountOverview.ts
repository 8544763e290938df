import type { AccountOverview, PackageKind, PackageUnit, Remainder } from '../../../shared/contract/account';
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

  /** The overview, or null when `checkUpkeep` found work due (then the overview read would be stale). */
  private async read(repos: Repositories, lineId: string, checkUpkeep: boolean): Promise<{ overview: AccountOverview | null }> {
    const fees = this.fees;
    const now = this.clock.now();
    const { account, promised } = repos;
    // Asked together (one round trip to a shared store): the upkeep check, the line, its promised payment.
    const guess = this.lastWindows.get(lineId);
    const [due, line, open, balanceKopecks, guessedUsage] = await Promise.all([
      checkUpkeep && fees ? fees.due(repos, lineId) : false,
      account.line(lineId),
      promised.open(lineId),
      account.balanceKopecks(lineId),
      guess ? account.billedUsage(lineId, guess.fromIso, guess.toIso) : null,
    ]);
    if (due) return { overview: null };
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const { period, byKind, window, buckets } = await allowancesAt(repos, line, now, this.rollovers, false, guess && guessedUsage ? { ...guess, used: guessedUsage } : undefined);
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
        promisedPayment: open ? { owedKopecks: open.owedKopecks, dueAt: open.dueAt } : null,
        asOf: new Date(now).toISOString(),
      },
    };
  }
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
