import { DateTime } from 'luxon';
import type { Upkeep } from '../account/accountOverview';
import { chargeLine } from '../account/charges';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { isBanned } from './lineBans';
import type { ChargeEvery, ContentOffer, ContentSubscriptionRecord } from './ports';

export interface ContentSubscriptionView {
  id: string;
  offer: ContentOffer;
  startedAt: string;
  cancelledAt: string | null;
  /** When the next period is charged (null: cancelled). */
  nextChargeAt: string | null;
}

/**
 * The next period's start after the one beginning at `fromIso`: a day, a week or a calendar month later, in the
 * region's calendar. Months count from the subscription's first start (`anchorIso`), so one started on 31 January is
 * charged on 28 February and then on 31 March, not on the 28th ever after.
 */
export function nextPeriodStart(fromIso: string, every: ChargeEvery, timeZone: string, anchorIso: string = fromIso): string {
  const start = DateTime.fromISO(fromIso, { zone: timeZone });
  if (every === 'day') return start.plus({ days: 1 }).toUTC().toISO()!;
  if (every === 'week') return start.plus({ weeks: 1 }).toUTC().toISO()!;
  const anchor = DateTime.fromISO(anchorIso, { zone: timeZone });
  const months = Math.round(start.diff(anchor, 'months').months);
  return anchor.plus({ months: months + 1 }).toUTC().toISO()!;
}

/** Period starts in (fromMs, toMs) of a subscription whose next unpaid period starts at `next`: what falls due there. */
export function chargesDueBetween(next: string, every: ChargeEvery, timeZone: string, fromMs: number, toMs: number, anchorIso: string = next): number {
  let count = 0;
  for (let start = next; Date.parse(start) < toMs && count < 1000; start = nextPeriodStart(start, every, timeZone, anchorIso)) {
    if (Date.parse(start) > fromMs) count += 1;
  }
  return count;
}

/**
 * «Платные подписки»: content providers' subscriptions on the line (operator data lists the providers and what
 * each costs). A subscription is charged at the start of each of its periods — a day, a week or a month from when
 * it started, in the region's calendar — through the money ledger, once per period (the key names the period).
 * A period that starts while the line is blocked or restricted, or whose fee the balance cannot pay, is not
 * charged (nothing is delivered then). Cancelling stops the periods to come; the one paid is not refunded.
 */
export class ContentSubscriptions implements Upkeep {
  private readonly offers: Map<string, ContentOffer>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    offers: readonly ContentOffer[],
    /** The catalog's service that is the content ban too (content.json `bans.contentServiceId`). */
    private readonly contentServiceId: string | null,
  ) {
    this.offers = new Map(offers.map((offer) => [offer.id, offer]));
  }

  offer(offerId: string): ContentOffer | undefined {
    return this.offers.get(offerId);
  }

  async list(lineId: string): Promise<ContentSubscriptionView[]> {
    if (await this.uow.read(async (repos) => (await this.lineOf(repos, lineId)) && (await this.due(repos, lineId)))) await this.uow.write((repos) => this.catchUp(repos, lineId));
    return this.uow.read(async (repos) => this.views(await repos.contentSubscriptions.ofLine(lineId)));
  }

  /**
   * Cancels the line's subscription `id`. Idempotent: cancelling one already cancelled answers the same list and
   * changes nothing; a subscription of another line is NOT_FOUND. Periods already due are charged first.
   */
  async cancel(lineId: string, id: string): Promise<ContentSubscriptionView[]> {
    return this.uow.write(async (repos) => {
      await this.lineOf(repos, lineId);
      const record = (await repos.contentSubscriptions.ofLine(lineId)).find((candidate) => candidate.id === id);
      if (!record) throw new DomainError('NOT_FOUND', 'no such subscription on this line', { fields: [{ field: 'subscriptionId', expected: 'a subscription of this number' }] });
      if (record.cancelledAt === null) {
        await this.catchUp(repos, lineId);
        await repos.contentSubscriptions.cancel(id, this.nowIso());
      }
      return this.views(await repos.contentSubscriptions.ofLine(lineId));
    });
  }

  /**
   * A new subscription (a provider's short number was texted): refused while the line bans content services, or
   * is not active; the first period is charged at once. The key makes a retry start it once.
   */
  async subscribe(lineId: string, offerId: string, idempotencyKey: string): Promise<ContentSubscriptionView[]> {
    const offer = this.offers.get(offerId);
    if (!offer) throw new DomainError('NOT_FOUND', 'no such content subscription', { fields: [{ field: 'offerId', expected: 'a subscription the operator data lists' }] });
    return this.uow.write(async (repos) => {
      const line = await this.lineOf(repos, lineId);
      const key = `content-subscribe:${lineId}:${idempotencyKey}`;
      if (!(await repos.ledger.hasKey(key))) {
        if (await isBanned(repos, lineId, 'content', this.contentServiceId)) throw new DomainError('NOT_ELIGIBLE', 'content services are banned on this line', { reason: 'content-banned' });
        if (line.status !== 'active') throw new DomainError('NOT_ELIGIBLE', 'the line is not active', { reason: `line-${line.status}` });
        const balance = await repos.account.balanceKopecks(lineId);
        if (balance < offer.feeKopecks) throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the first period', { neededKopecks: offer.feeKopecks, balanceKopecks: balance });
        const at = this.nowIso();
        const id = this.ids.next('content');
        await chargeLine(repos, this.ids, { lineId, kopecks: offer.feeKopecks, kind: 'content-fee', idempotencyKey: key, at });
        await repos.contentSubscriptions.add({ id, lineId, offerId, startedAt: at, cancelledAt: null, paidThrough: nextPeriodStart(at, offer.every, line.region.timeZone) });
      }
      return this.views(await repos.contentSubscriptions.ofLine(lineId));
    });
  }

  /** Fees of the line's subscriptions (`records`, as `repos.contentSubscriptions.ofLine` reads them) that fall due in (fromMs, toMs): what the spend forecast adds. */
  dueBetween(records: readonly ContentSubscriptionRecord[], timeZone: string, fromMs: number, toMs: number): number {
    let kopecks = 0;
    for (const record of records) {
      const offer = this.offers.get(record.offerId);
      if (!offer || record.cancelledAt !== null) continue;
      kopecks += offer.feeKopecks * chargesDueBetween(record.paidThrough ?? record.startedAt, offer.every, timeZone, fromMs, toMs, record.startedAt);
    }
    return kopecks;
  }

  async due(repos: Repositories, lineId: string): Promise<boolean> {
    const now = this.clock.now();
    return (await repos.contentSubscriptions.ofLine(lineId)).some((record) => record.cancelledAt === null && Date.parse(record.paidThrough ?? record.startedAt) <= now);
  }

  /** Charges every period of every active subscription that has started by now, each once. */
  async catchUp(repos: Repositories, lineId: string): Promise<void> {
    const now = this.clock.now();
    const line = await repos.account.line(lineId);
    if (!line) return;
    for (const record of await repos.contentSubscriptions.ofLine(lineId)) {
      const offer = this.offers.get(record.offerId);
      if (!offer || record.cancelledAt !== null) continue;
      let next = record.paidThrough ?? record.startedAt;
      if (Date.parse(next) > now) continue;
      for (let periods = 0; Date.parse(next) <= now && periods < 1000; periods += 1) {
        const balance = await repos.account.balanceKopecks(lineId);
        if (line.status === 'active' && balance >= offer.feeKopecks) {
          await chargeLine(repos, this.ids, { lineId, kopecks: offer.feeKopecks, kind: 'content-fee', idempotencyKey: `content-fee:${record.id}:${next}`, at: next });
        }
        next = nextPeriodStart(next, offer.every, line.region.timeZone, record.startedAt);
      }
      await repos.contentSubscriptions.setPaidThrough(record.id, next);
    }
  }

  private views(records: readonly ContentSubscriptionRecord[]): ContentSubscriptionView[] {
    return records.flatMap((record) => {
      const offer = this.offers.get(record.offerId);
      if (!offer) return [];
      return [{ id: record.id, offer, startedAt: record.startedAt, cancelledAt: record.cancelledAt, nextChargeAt: record.cancelledAt === null ? (record.paidThrough ?? record.startedAt) : null }];
    });
  }

  private async lineOf(repos: Repositories, lineId: string) {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    return line;
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
