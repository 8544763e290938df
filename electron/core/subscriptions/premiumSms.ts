import { chargeLine } from '../account/charges';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { UnitOfWork } from '../unitOfWork';
import { isBanned } from './lineBans';

/** A premium-rate short number (operator data, content.json `premiumNumbers`). */
export interface PremiumNumber {
  shortNumber: string;
  priceKopecks: number;
}

/**
 * An SMS to a premium-rate short number (a vote, a donation): charged its price through the money ledger, once per
 * key. Refused while the number bans premium-rate SMS (`premium-sms-banned`), and on a line that is not active.
 */
export class PremiumSms {
  private readonly numbers: Map<string, PremiumNumber>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    numbers: readonly PremiumNumber[],
  ) {
    this.numbers = new Map(numbers.map((number) => [number.shortNumber, number]));
  }

  /** Whether `to` is a premium-rate number (an SMS to any other number is rated as usual). */
  isPremium(to: string): boolean {
    return this.numbers.has(to);
  }

  async send(lineId: string, to: string, idempotencyKey: string): Promise<{ chargedKopecks: number }> {
    const number = this.numbers.get(to);
    if (!number) throw new DomainError('VALIDATION', 'to: a premium-rate short number', { fields: [{ field: 'to', expected: 'a premium-rate short number' }] });
    return this.uow.write(async (repos) => {
      const key = `premium-sms:${lineId}:${idempotencyKey}`;
      if (await repos.ledger.hasKey(key)) return { chargedKopecks: number.priceKopecks };
      const line = await repos.account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      if (await isBanned(repos, lineId, 'premium-sms', null)) throw new DomainError('NOT_ELIGIBLE', 'premium-rate SMS are banned on this line', { reason: 'premium-sms-banned' });
      if (line.status !== 'active') throw new DomainError('NOT_ELIGIBLE', 'the line is not active', { reason: `line-${line.status}` });
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < number.priceKopecks) throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the message', { neededKopecks: number.priceKopecks, balanceKopecks: balance });
      await chargeLine(repos, this.ids, { lineId, kopecks: number.priceKopecks, kind: 'premium-sms', idempotencyKey: key, at: new Date(this.clock.now()).toISOString() });
      return { chargedKopecks: number.priceKopecks };
    });
  }
}
