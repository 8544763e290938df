import { lineAccount } from '../account/ledgerAccounts';
import type { RolloverMemo } from '../account/packageAllowance';
import { billingPeriodAt } from '../account/billingPeriod';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { LotRecord, MovableKind } from './ports';
import { bucketEntry, lotAccount, packageEntry, systemEntry } from './remainderLedger';
import { positionOf } from './remainderPosition';
import { KB_PER_GB, type MarketBounds, type RemainderRules } from './remainderRules';

/** A lot as a buyer or its seller sees it (the seller's number is not shown to buyers). */
export interface Lot {
  id: string;
  kind: MovableKind;
  /** Minutes, or whole gigabytes. */
  amount: number;
  priceKopecks: number;
  state: LotRecord['state'];
  listedAt: string;
  validUntil: string;
  mine: boolean;
}

/** Billed units of a lot: minutes stay minutes, gigabytes become kilobytes. */
const unitsOf = (kind: MovableKind, amount: number): number => (kind === 'data' ? amount * KB_PER_GB : amount);

/**
 * «Маркет остатков»: a subscriber puts up unused minutes or gigabytes of the period's package at a price within the
 * operator's bounds (remainders.json). While listed, the lot's units sit on the lot's own account; a buyer pays the
 * price from the balance to the seller's balance (the money ledger) and the units move to the buyer's `bought`
 * package until the buyer's period ends (the remainders ledger) — in one unit of work, so a lot is sold once: the
 * second of two buyers finds it sold and nothing of theirs moves. Until sold, the seller can withdraw it, and its
 * units go back to the package they came from. A lot can be bought until the seller's period ends.
 */
export class RemaindersMarket {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: RemainderRules['market'],
    private readonly rollovers?: RolloverMemo,
  ) {}

  bounds(kind: MovableKind): MarketBounds {
    return this.rules[kind];
  }

  async list(lineId: string, kind: MovableKind, amount: number, priceKopecks: number, idempotencyKey: string): Promise<Lot> {
    const key = `lot:${lineId}:${idempotencyKey}`;
    return this.uow.write(async (repos) => {
      const existing = await repos.remainders.lotByKey(key);
      if (existing) return lotView(existing, lineId);
      const bounds = this.rules[kind];
      if (!Number.isSafeInteger(amount) || amount < bounds.minAmount || amount > bounds.maxAmount) {
        const expected = `from ${bounds.minAmount} to ${bounds.maxAmount} ${kind === 'voice' ? 'minutes' : 'gigabytes'}`;
        throw new DomainError('VALIDATION', `amount: ${expected}`, { fields: [{ field: 'amount', expected }] });
      }
      const lowest = amount * bounds.minKopecksPerUnit;
      const highest = amount * bounds.maxKopecksPerUnit;
      if (priceKopecks < lowest || priceKopecks > highest) {
        const expected = `a price from ${lowest / 100} ₽ to ${highest / 100} ₽ for this lot`;
        throw new DomainError('VALIDATION', `priceKopecks: ${expected}`, { fields: [{ field: 'priceKopecks', expected }], minKopecks: lowest, maxKopecks: highest });
      }
      const line = await this.activeLine(repos, lineId);
      const listed = (await repos.remainders.lotsOf(lineId, 100)).filter((lot) => lot.state === 'listed' && lot.validUntil > new Date(this.clock.now()).toISOString());
      if (listed.length >= this.rules.lotsListedAtOnce) {
        throw new DomainError('NOT_ELIGIBLE', `at most ${this.rules.lotsListedAtOnce} lots listed at once`, { reason: 'too-many-lots', lotsListedAtOnce: this.rules.lotsListedAtOnce });
      }
      const position = await positionOf(repos, line, this.clock.now(), this.rollovers);
      const units = unitsOf(kind, amount);
      // Only the period's package is sold: a received, bought or exchanged package is not.
      if (!position.hasPackage[kind] || position.packageLeft[kind] < units) {
        throw new DomainError('NOT_ELIGIBLE', 'the package has not that much left to sell', { reason: 'not-enough' });
      }
      const at = new Date(this.clock.now()).toISOString();
      const lot: LotRecord = {
        id: this.ids.next('lot'),
        sellerLineId: lineId,
        kind,
        amount,
        priceKopecks,
        state: 'listed',
        listedAt: at,
        windowFrom: position.window.fromIso,
        validUntil: position.period.toIso,
        buyerLineId: null,
        closedAt: null,
        idempotencyKey: key,
        buyKey: null,
      };
      await repos.remainders.addLot(lot);
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'lot-listed',
          idempotencyKey: `lot-listed:${lot.id}`,
          lineId,
          at,
          entries: [packageEntry(lineId, kind, -units, position.window), systemEntry(lotAccount(lot.id), kind, units)],
        },
        () => this.ids.next('rentry'),
      );
      return lotView(lot, lineId);
    });
  }

  /** Lots on sale now, cheapest per unit first; the buyer's own are marked. */
  browse(lineId: string, kind: MovableKind): Promise<Lot[]> {
    return this.uow.read(async (repos) => (await repos.remainders.openLots(kind, new Date(this.clock.now()).toISOString(), 50)).map((lot) => lotView(lot, lineId)));
  }

  mine(lineId: string): Promise<Lot[]> {
    return this.uow.read(async (repos) => (await repos.remainders.lotsOf(lineId, 50)).map((lot) => lotView(lot, lineId)));
  }

  /** `seller`: the seller's number, so that its windows follow the sale (null on a repeated call). */
  async buy(lineId: string, lotId: string, idempotencyKey: string): Promise<{ lot: Lot; balanceAfterKopecks: number; seller: string | null }> {
    const buyKey = `buy:${lineId}:${idempotencyKey}`;
    return this.uow.write(async (repos) => {
      const bought = await repos.remainders.lotByBuyKey(buyKey);
      if (bought) return { lot: lotView(bought, lineId), balanceAfterKopecks: await repos.account.balanceKopecks(lineId), seller: null };
      const lot = await repos.remainders.lot(lotId);
      if (!lot) throw new DomainError('NOT_FOUND', 'no such lot', { reason: 'no-lot' });
      const now = this.clock.now();
      const at = new Date(now).toISOString();
      if (lot.sellerLineId === lineId) throw new DomainError('NOT_ELIGIBLE', 'your own lot cannot be bought; withdraw it instead', { reason: 'own-lot' });
      if (lot.state !== 'listed') throw new DomainError('NOT_ELIGIBLE', 'the lot is no longer on sale', { reason: 'lot-gone' });
      if (lot.validUntil <= at) throw new DomainError('NOT_ELIGIBLE', 'the lot expired with its seller’s period', { reason: 'lot-gone' });
      const buyer = await this.activeLine(repos, lineId);
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < lot.priceKopecks) {
        throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay for the lot', { neededKopecks: lot.priceKopecks, balanceKopecks: balance });
      }
      // The lot is taken first: of two buyers at once, the second finds it sold and nothing of theirs moves.
      if (!(await repos.remainders.sell(lot.id, lineId, buyKey, at))) throw new DomainError('NOT_ELIGIBLE', 'the lot is no longer on sale', { reason: 'lot-gone' });
      await repos.ledger.post(
        {
          id: this.ids.next('txn'),
          kind: 'remainders-purchase',
          idempotencyKey: `lot-sale:${lot.id}`,
          at,
          entries: [
            { account: lineAccount(lineId), amountKopecks: -lot.priceKopecks },
            { account: lineAccount(lot.sellerLineId), amountKopecks: lot.priceKopecks },
          ],
        },
        () => this.ids.next('entry'),
      );
      const period = billingPeriodAt(now, buyer.region.timeZone, buyer.billingDay);
      const units = unitsOf(lot.kind, lot.amount);
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'lot-bought',
          idempotencyKey: `lot-bought:${lot.id}`,
          lineId,
          at,
          entries: [systemEntry(lotAccount(lot.id), lot.kind, -units), bucketEntry(lineId, 'bought', lot.kind, units, at, period.toIso)],
        },
        () => this.ids.next('rentry'),
      );
      const seller = await repos.credentials.forLineId(lot.sellerLineId);
      return { lot: lotView((await repos.remainders.lot(lot.id))!, lineId), balanceAfterKopecks: balance - lot.priceKopecks, seller: seller?.msisdn ?? null };
    });
  }

  /** Takes an unsold lot off the market; its units go back to the package they came from. Withdrawing twice is one withdrawal. */
  async withdraw(lineId: string, lotId: string): Promise<Lot> {
    return this.uow.write(async (repos) => {
      const lot = await repos.remainders.lot(lotId);
      if (!lot || lot.sellerLineId !== lineId) throw new DomainError('NOT_FOUND', 'no such lot of yours', { reason: 'no-lot' });
      if (lot.state === 'withdrawn') return lotView(lot, lineId);
      const at = new Date(this.clock.now()).toISOString();
      if (!(await repos.remainders.withdraw(lot.id, at))) throw new DomainError('NOT_ELIGIBLE', 'the lot is sold: it cannot be withdrawn', { reason: 'lot-sold' });
      const seller = (await repos.account.line(lineId))!;
      const units = unitsOf(lot.kind, lot.amount);
      const period = billingPeriodAt(Date.parse(lot.windowFrom), seller.region.timeZone, seller.billingDay);
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'lot-withdrawn',
          idempotencyKey: `lot-withdrawn:${lot.id}`,
          lineId,
          at,
          entries: [systemEntry(lotAccount(lot.id), lot.kind, -units), packageEntry(lineId, lot.kind, units, { fromIso: lot.windowFrom, toIso: period.toIso })],
        },
        () => this.ids.next('rentry'),
      );
      // Withdrawn after its period ended: that period's unused package grew, and what rolled over from it with it.
      if (lot.validUntil <= at) this.rollovers?.forget(lineId);
      return lotView((await repos.remainders.lot(lot.id))!, lineId);
    });
  }

  private async activeLine(repos: Repositories, lineId: string) {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    if (line.status === 'blocked') throw new DomainError('SIM_BLOCKED', 'the SIM is blocked: the market is closed to it until it is unblocked');
    if (line.status === 'restricted') throw new DomainError('NOT_ELIGIBLE', 'the line is restricted until the balance is topped up', { reason: 'line-restricted' });
    return line;
  }
}

function lotView(lot: LotRecord, lineId: string): Lot {
  return { id: lot.id, kind: lot.kind, amount: lot.amount, priceKopecks: lot.priceKopecks, state: lot.state, listedAt: lot.listedAt, validUntil: lot.validUntil, mine: lot.sellerLineId === lineId };
}

