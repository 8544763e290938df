import { DateTime } from 'luxon';
import type { SimBlockStatus } from './model';
import type { Upkeep } from '../account/accountOverview';
import { chargeLine } from '../account/charges';
import type { PasswordHasher } from '../auth/passwordHasher';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { requireProfilePassword } from './profilePassword';
import { queueMailNotice } from '../mail/mailNotices';

/** What a blocked SIM pays: nothing for the first `freeDays` days, then `dailyFeeKopecks` a day (0: nothing at all). */
export interface SimBlockRules {
  freeDays: number;
  dailyFeeKopecks: number;
}

/** The rules of a line's tariff: its own when its operator data says, else the operator's (payments.json). */
export function simBlockRulesOf(operatorRules: SimBlockRules, tariffs: ReadonlyArray<{ id: string; simBlock?: SimBlockRules | undefined }>): (tariffId: string) => SimBlockRules {
  const byTariff = new Map(tariffs.flatMap((tariff) => (tariff.simBlock ? [[tariff.id, tariff.simBlock] as const] : [])));
  return (tariffId) => byTariff.get(tariffId) ?? operatorRules;
}

/**
 * «Добровольная блокировка»: a lost phone's SIM is blocked from the cabinet, confirmed by the password. A
 * blocked line makes no calls, gets no SMS and no sign-in prompts; the monthly fee stops (MonthlyFees skips the
 * periods it stays blocked through), and after the free days its tariff's daily fee, if any, is charged instead
 * (caught up whenever the line is read). Unblocking needs the password too.
 */
export class SimBlocking implements Upkeep {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rulesFor: (tariffId: string) => SimBlockRules,
  ) {}

  status(lineId: string): Promise<SimBlockStatus> {
    return this.uow.read((repos) => this.statusIn(repos, lineId));
  }

  async block(session: Session, password: string): Promise<SimBlockStatus> {
    await requireProfilePassword(this.uow, this.hasher, this.clock, session.subscriberId, password);
    return this.uow.write(async (repos) => {
      const line = await repos.account.line(session.lineId);
      if (!line) throw new DomainError('NOT_FOUND', 'no such line');
      if (line.status !== 'blocked') {
        const block = { id: this.ids.next('block'), lineId: line.lineId, blockedAt: this.nowIso(), unblockedAt: null, feesPaidThrough: null };
        await repos.simBlocks.add(block);
        await repos.usage.setLineStatus(line.lineId, 'blocked');
        await queueMailNotice(repos, { lineId: line.lineId }, { kind: 'sim-blocked', blockId: block.id, at: block.blockedAt }, { clock: this.clock, ids: this.ids });
      }
      return this.statusIn(repos, line.lineId);
    });
  }

  async unblock(session: Session, password: string): Promise<SimBlockStatus> {
    await requireProfilePassword(this.uow, this.hasher, this.clock, session.subscriberId, password);
    return this.uow.write(async (repos) => {
      const line = await repos.account.line(session.lineId);
      if (!line) throw new DomainError('NOT_FOUND', 'no such line');
      if (line.status === 'blocked') {
        await this.catchUp(repos, line.lineId);
        const block = await repos.simBlocks.open(line.lineId);
        if (block) await repos.simBlocks.update(block.id, { unblockedAt: this.nowIso(), feesPaidThrough: block.feesPaidThrough });
        // A SIM blocked at the operator's office has no block on record: it is taken as blocked since the last
        // period it paid for (a blocked line pays no monthly fee), so those months are not charged now either.
        else if (line.feePaidFrom !== null) {
          const since = new Date(DateTime.fromISO(line.feePaidFrom, { zone: line.region.timeZone }).toMillis()).toISOString();
          await repos.simBlocks.add({ id: this.ids.next('block'), lineId: line.lineId, blockedAt: since, unblockedAt: this.nowIso(), feesPaidThrough: null });
        }
        // Back to service; a balance the block fees took below zero keeps the line restricted until a top-up.
        await repos.usage.setLineStatus(line.lineId, (await repos.account.balanceKopecks(line.lineId)) < 0 ? 'restricted' : 'active');
      }
      return this.statusIn(repos, line.lineId);
    });
  }

  async due(repos: Repositories, lineId: string): Promise<boolean> {
    const [block, line] = await Promise.all([repos.simBlocks.open(lineId), repos.account.line(lineId)]);
    if (!block || !line) return false;
    const { firstPaidDay, today } = this.days(block.blockedAt, line.region.timeZone, this.rulesFor(line.tariff.id));
    const from = block.feesPaidThrough ? DateTime.fromISO(block.feesPaidThrough).plus({ days: 1 }).toISODate()! : firstPaidDay;
    return from <= today;
  }

  /** Charges the daily fee for every paid day up to today, once per day (each day range has its own key). */
  async catchUp(repos: Repositories, lineId: string): Promise<void> {
    const block = await repos.simBlocks.open(lineId);
    const line = await repos.account.line(lineId);
    if (!block || !line) return;
    const rules = this.rulesFor(line.tariff.id);
    const { firstPaidDay, today } = this.days(block.blockedAt, line.region.timeZone, rules);
    const from = block.feesPaidThrough ? DateTime.fromISO(block.feesPaidThrough).plus({ days: 1 }).toISODate()! : firstPaidDay;
    if (from > today) return;
    const days = DateTime.fromISO(today).diff(DateTime.fromISO(from), 'days').days + 1;
    if (rules.dailyFeeKopecks > 0) {
      await chargeLine(repos, this.ids, {
        lineId,
        kopecks: days * rules.dailyFeeKopecks,
        kind: 'sim-block-fee',
        idempotencyKey: `sim-block-fee:${block.id}:${from}:${today}`,
        at: this.nowIso(),
      });
    }
    await repos.simBlocks.update(block.id, { unblockedAt: null, feesPaidThrough: today });
  }

  private async statusIn(repos: Repositories, lineId: string): Promise<SimBlockStatus> {
    const block = await repos.simBlocks.open(lineId);
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', 'no such line');
    const { freeDays, dailyFeeKopecks } = this.rulesFor(line.tariff.id);
    const rules = { freeDays, dailyFeeKopecks };
    if (line.status !== 'blocked') return { blocked: false, since: null, freeUntil: null, ...rules };
    // A SIM blocked at the operator's office (no block on record here) is blocked all the same.
    if (!block) return { blocked: true, since: null, freeUntil: null, ...rules };
    return { blocked: true, since: block.blockedAt, freeUntil: this.days(block.blockedAt, line.region.timeZone, rules).lastFreeDay, ...rules };
  }

  /** Days in the region's calendar: the block's first day is day 1, free through day `freeDays`. */
  private days(blockedAt: string, zone: string, rules: SimBlockRules) {
    const first = DateTime.fromISO(blockedAt, { zone }).startOf('day');
    return {
      lastFreeDay: first.plus({ days: rules.freeDays - 1 }).toISODate()!,
      firstPaidDay: first.plus({ days: rules.freeDays }).toISODate()!,
      today: DateTime.fromMillis(this.clock.now(), { zone }).toISODate()!,
    };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
