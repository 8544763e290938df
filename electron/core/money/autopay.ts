import { DateTime } from 'luxon';
import type { AutopayView } from './model';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { UnitOfWork } from '../unitOfWork';
import { requireWithin, type MoneyRules } from './moneyRules';
import type { AutopayRule, PaymentRecord } from './ports';
import type { TopUps } from './topUps';

export interface AutopaySetting {
  cardId: string;
  amountKopecks: number;
  mode: 'threshold' | 'monthly';
  thresholdKopecks?: number | undefined;
  dayOfMonth?: number | undefined;
}

const view = (rule: AutopayRule | null): AutopayView | null =>
  rule
    ? { cardId: rule.cardId, amountKopecks: rule.amountKopecks, mode: rule.mode, thresholdKopecks: rule.thresholdKopecks, dayOfMonth: rule.dayOfMonth, paused: rule.paused }
    : null;

/**
 * «Автоплатёж»: a saved card tops the line up by a fixed amount when the balance falls below a threshold
 * (at most once a day), or once a month on a chosen day. Each run is a normal card payment with its own
 * receipt; its idempotency key is the day or the month, so however often the rule is checked it pays once.
 */
export class Autopay {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly topUps: TopUps,
    private readonly rules: MoneyRules,
    private readonly logger: Logger,
  ) {}

  get(lineId: string): Promise<AutopayView | null> {
    return this.uow.read(async (repos) => view(await repos.autopay.forLine(lineId)));
  }

  async set(lineId: string, setting: AutopaySetting): Promise<AutopayView | null> {
    requireWithin(setting.amountKopecks, this.rules.cardTopUp);
    await this.uow.write(async (repos) => {
      const cards = await repos.savedCards.forLine(lineId);
      if (!cards.some((card) => card.id === setting.cardId)) {
        throw new DomainError('VALIDATION', 'cardId: a card saved for this line', { fields: [{ field: 'cardId', expected: 'a card saved for this line' }] });
      }
      await repos.autopay.save({
        lineId,
        cardId: setting.cardId,
        amountKopecks: setting.amountKopecks,
        mode: setting.mode,
        thresholdKopecks: setting.mode === 'threshold' ? (setting.thresholdKopecks ?? 0) : null,
        dayOfMonth: setting.mode === 'monthly' ? (setting.dayOfMonth ?? 1) : null,
        paused: false,
        updatedAt: new Date(this.clock.now()).toISOString(),
      });
    });
    await this.run(lineId);
    return this.get(lineId);
  }

  async pause(lineId: string, paused: boolean): Promise<AutopayView | null> {
    await this.uow.write(async (repos) => {
      const rule = await repos.autopay.forLine(lineId);
      if (!rule) throw new DomainError('NOT_FOUND', 'there is no autopay to pause');
      await repos.autopay.save({ ...rule, paused, updatedAt: new Date(this.clock.now()).toISOString() });
    });
    if (!paused) await this.run(lineId);
    return this.get(lineId);
  }

  async remove(lineId: string): Promise<null> {
    await this.uow.write((repos) => repos.autopay.remove(lineId));
    return null;
  }

  /** Tops up if the rule's condition holds now; null when nothing was due. */
  async run(lineId: string): Promise<PaymentRecord | null> {
    const due = await this.uow.read(async (repos) => {
      const rule = await repos.autopay.forLine(lineId);
      const line = await repos.account.line(lineId);
      if (!rule || rule.paused || !line) return null;
      const today = DateTime.fromMillis(this.clock.now(), { zone: line.region.timeZone });
      if (rule.mode === 'threshold') {
        const balance = await repos.account.balanceKopecks(lineId);
        return balance < (rule.thresholdKopecks ?? 0) ? { rule, key: `autopay:threshold:${today.toISODate()}` } : null;
      }
      return today.day >= (rule.dayOfMonth ?? 1) ? { rule, key: `autopay:monthly:${today.toFormat('yyyy-MM')}` } : null;
    });
    if (!due) return null;
    // Already paid (or declined) today / this month: a declined card is not retried until the next one.
    if (await this.uow.read((repos) => repos.payments.byKey(`card:${lineId}:${due.key}`))) return null;
    return this.topUps.byCard(lineId, { amountKopecks: due.rule.amountKopecks, savedCardId: due.rule.cardId, remember: false, idempotencyKey: due.key, autopay: true });
  }

  /** Checks every active rule (a timer calls this); returns the payments it made. */
  async runAll(): Promise<Array<{ lineId: string; payment: PaymentRecord }>> {
    const rules = await this.uow.read((repos) => repos.autopay.active());
    const made: Array<{ lineId: string; payment: PaymentRecord }> = [];
    for (const rule of rules) {
      try {
        const payment = await this.run(rule.lineId);
        if (payment) made.push({ lineId: rule.lineId, payment });
      } catch (error) {
        this.logger.warn('an autopay could not run; it will be checked again', { lineId: rule.lineId, error: String(error) });
      }
    }
    return made;
  }
}
