import type { AccountOverview, Remainder, TariffCard, TariffChangePreview } from '../account/model';
import type { AccountOverviewService } from '../account/accountOverview';
import { chargeLine } from '../account/charges';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';

const units = { voice: 'min', sms: 'sms', data: 'mb' } as const;

/** A new tariff's packages, whole: nothing of them is used yet. */
function fullPackages(card: TariffCard): Remainder[] {
  return (['voice', 'data', 'sms'] as const).flatMap((kind) => {
    const total = card.packages[kind];
    return total === undefined ? [] : [{ kind, unit: units[kind], total, used: 0, left: total, rolledOver: 0 }];
  });
}

/**
 * The tariff catalog of the line's region and the move to another tariff: its monthly fee is
 * charged at once, the current packages stop, the new ones start whole until the period's end.
 * A change is idempotent under its key: a retry or a double click moves and charges once.
 */
export class TariffChange {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly overview: AccountOverviewService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async catalog(lineId: string): Promise<{ current: TariffCard; offered: TariffCard[] }> {
    return this.uow.read(async (repos) => {
      const line = await this.line(repos, lineId);
      const current = await repos.tariffs.card(line.tariff.id, line.region.id);
      if (!current) throw new DomainError('NOT_FOUND', 'the line’s tariff has no price in its region');
      return { current, offered: await repos.tariffs.offeredIn(line.region.id) };
    });
  }

  async preview(lineId: string, tariffId: string): Promise<TariffChangePreview> {
    const now = await this.overview.forLine(lineId);
    const card = await this.uow.read(async (repos) => this.target(repos, lineId, tariffId));
    const balanceAfter = now.balanceKopecks - card.monthlyFeeKopecks;
    return {
      tariff: card,
      feeNowKopecks: card.monthlyFeeKopecks,
      balanceNowKopecks: now.balanceKopecks,
      balanceAfterKopecks: balanceAfter,
      affordable: balanceAfter >= 0,
      stops: now.remainders.filter((remainder) => remainder.left > 0),
      starts: fullPackages(card),
      periodEnd: now.period.end,
    };
  }

  async change(lineId: string, tariffId: string, idempotencyKey: string): Promise<AccountOverview> {
    // Scoped by method and line: the same key sent for another number is another request, not a retry.
    const key = `tariff-change:${lineId}:${idempotencyKey}`;
    await this.uow.write(async (repos) => {
      if (await repos.ledger.hasKey(key)) return;
      const card = await this.target(repos, lineId, tariffId);
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < card.monthlyFeeKopecks) {
        throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the new tariff’s fee', {
          neededKopecks: card.monthlyFeeKopecks,
          balanceKopecks: balance,
        });
      }
      const at = new Date(this.clock.now()).toISOString();
      await chargeLine(repos, this.ids, { lineId, kopecks: card.monthlyFeeKopecks, kind: 'tariff-fee', idempotencyKey: key, at });
      await repos.tariffs.moveLine(lineId, card.id, at);
    });
    return this.overview.forLine(lineId);
  }

  private async line(repos: Repositories, lineId: string) {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    return line;
  }

  private async target(repos: Repositories, lineId: string, tariffId: string): Promise<TariffCard> {
    const line = await this.line(repos, lineId);
    if (line.status === 'blocked') throw new DomainError('SIM_BLOCKED', 'a blocked line cannot change its tariff');
    if (line.tariff.id === tariffId) throw new DomainError('NOT_ELIGIBLE', 'the line already has this tariff', { reason: 'same-tariff' });
    const card = await repos.tariffs.card(tariffId, line.region.id);
    if (!card || card.archived) throw new DomainError('NOT_ELIGIBLE', 'this tariff is not offered in the line’s region', { reason: 'not-offered' });
    return card;
  }
}
