import { DateTime } from 'luxon';
import type { SimBlockStatus } from '../../../shared/contract/security';
import type { Upkeep } from '../account/accountOverview';
import { chargeLine } from '../account/charges';
import type { PasswordHasher } from '../auth/passwordHasher';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { requireProfilePassword } from './profilePassword';

/**
 * «Добровольная блокировка»: a lost phone's SIM is blocked from the cabinet, confirmed by the password. A
 * blocked line makes no calls, gets no SMS and no sign-in prompts; the monthly fee stops, and after the free
 * days a daily fee is charged instead (caught up whenever the line is read). Unblocking needs the password too.
 */
export class SimBlocking implements Upkeep {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: { freeDays: number; dailyFeeKopecks: number },
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
        await repos.simBlocks.add({ id: this.ids.next('block'), lineId: line.lineId, blockedAt: this.nowIso(), unblockedAt: null, feesPaidThrough: null });
        await repos.usage.setLineStatus(line.lineId, 'blocked');
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
        // Back to service; a balance the block fees took below zero keeps the line restricted until a top-up.
        await repos.usage.setLineStatus(line.lineId, (await repos.account.balanceKopecks(line.lineId)) < 0 ? 'restricted' : 'active');
      }
      return this.statusIn(repos, line.lineId);
    });
  }

  async due(repos: Repositories, lineId: string): Promise<boolean> {
    const block = await repos.simBlocks.open(lineId);
    if (!block) return false;
    const line = await repos.account.line(lineId);
    if (!line) return false;
    const { firstPaidDay, today } = this.days(block.blockedAt, line.region.timeZone);
    const from = block.feesPaidThrough ? DateTime.fromISO(block.feesPaidThrough).plus({ days: 1 }).toISODate()! : firstPaidDay;
    return from <= today;
  }

  /** Charges the daily fee for every paid day up to today, once per day (each day range has its own key). */
  async catchUp(repos: Repositories, lineId: string): Promise<void> {
    const block = await repos.simBlocks.open(lineId);
    const line = await repos.account.line(lineId);
    if (!block || !line) return;
    const { firstPaidDay, today } = this.days(block.blockedAt, line.region.timeZone);
    const from = block.feesPaidThrough ? DateTime.fromISO(block.feesPaidThrough).plus({ days: 1 }).toISODate()! : firstPaidDay;
    if (from > today) return;
    const days = DateTime.fromISO(today).diff(DateTime.fromISO(from), 'days').days + 1;
    await chargeLine(repos, this.ids, {
      lineId,
      kopecks: days * this.rules.dailyFeeKopecks,
      kind: 'sim-block-fee',
      idempotencyKey: `sim-block-fee:${block.id}:${from}:${today}`,
      at: this.nowIso(),
    });
    await repos.simBlocks.update(block.id, { unblockedAt: null, feesPaidThrough: today });
  }

  private async statusIn(repos: Repositories, lineId: string): Promise<SimBlockStatus> {
    const block = await repos.simBlocks.open(lineId);
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', 'no such line');
    const rules = { freeDays: this.rules.freeDays, dailyFeeKopecks: this.rules.dailyFeeKopecks };
    if (line.status !== 'blocked') return { blocked: false, since: null, freeUntil: null, ...rules };
    // A SIM blocked at the operator's office (no block on record here) is blocked all the same.
    if (!block) return { blocked: true, since: null, freeUntil: null, ...rules };
    return { blocked: true, since: block.blockedAt, freeUntil: this.days(block.blockedAt, line.region.timeZone).lastFreeDay, ...rules };
  }

  /** Days in the region's calendar: the block's first day is day 1, free through day `freeDays`. */
  private days(blockedAt: string, zone: string) {
    const first = DateTime.fromISO(blockedAt, { zone }).startOf('day');
    return {
      lastFreeDay: first.plus({ days: this.rules.freeDays - 1 }).toISODate()!,
      firstPaidDay: first.plus({ days: this.rules.freeDays }).toISODate()!,
      today: DateTime.fromMillis(this.clock.now(), { zone }).toISODate()!,
    };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
