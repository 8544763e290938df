import type { AccountOverview, PackageKind, PackageUnit, Remainder } from '../../../shared/contract/account';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import { allowancesAt, type Allowance, type RolloverMemo } from './packageAllowance';
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
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly fees?: Upkeep,
    private readonly rollovers?: RolloverMemo,
  ) {}

  async forLine(lineId: string): Promise<AccountOverview> {
    const fees = this.fees;
    if (fees && (await this.uow.read((repos) => fees.due(repos, lineId)))) {
      await this.uow.write((repos) => fees.catchUp(repos, lineId));
    }
    const now = this.clock.now();
    return this.uow.read(async (repos) => {
      const { account, promised } = repos;
      const line = await account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const [{ period, byKind }, balanceKopecks] = await Promise.all([allowancesAt(repos, line, now, this.rollovers), account.balanceKopecks(lineId)]);
      const remainders: Remainder[] = packageOrder.flatMap((kind) => {
        if (line.tariff.packages[kind] === undefined) return [];
        return [remainderOf(kind, byKind[kind])];
      });
      const open = await promised.open(lineId);
      return {
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
      };
    });
  }
}

/** A package as the person reads it: rolled-over units are part of the total, used first, and shown apart. */
export function remainderOf(kind: PackageKind, allowance: Allowance): Remainder {
  const rolledOver = kind === 'data' ? Math.floor(allowance.rolledInUnits / 1024) : allowance.rolledInUnits;
  const total = inPackageUnits(kind, allowance.packageUnits) + rolledOver;
  const used = Math.min(total, inPackageUnits(kind, allowance.usedUnits));
  return { kind, unit: unitOf[kind], total, used, left: total - used, rolledOver };
}
