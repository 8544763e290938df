import type { AccountOverview, PackageKind, PackageUnit, Remainder } from '../../../shared/contract/account';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import { billingPeriodAt, packageWindowStart } from './billingPeriod';
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
  ) {}

  async forLine(lineId: string): Promise<AccountOverview> {
    const fees = this.fees;
    if (fees && (await this.uow.read((repos) => fees.due(repos, lineId)))) {
      await this.uow.write((repos) => fees.catchUp(repos, lineId));
    }
    const now = this.clock.now();
    return this.uow.read(async ({ account, promised }) => {
      const line = await account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const period = billingPeriodAt(now, line.region.timeZone, line.billingDay);
      const [balanceKopecks, usage] = await Promise.all([
        account.balanceKopecks(lineId),
        account.billedUsage(lineId, packageWindowStart(period, line.tariffSince), period.toIso),
      ]);
      const open = await promised.open(lineId);
      const remainders: Remainder[] = packageOrder.flatMap((kind) => {
        const total = line.tariff.packages[kind];
        if (total === undefined) return [];
        const used = Math.min(total, inPackageUnits(kind, usage[kind]));
        return [{ kind, unit: unitOf[kind], total, used, left: total - used }];
      });
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
