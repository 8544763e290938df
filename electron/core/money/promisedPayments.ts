import type { PromisedIneligibility, PromisedOffer } from './model';
import { lineAccount, OPERATOR_FEES_ACCOUNT, PROMISED_CREDIT_ACCOUNT } from '../account/ledgerAccounts';
import type { MonthlyFees } from '../account/monthlyFees';
import type { Upkeep } from '../account/accountOverview';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { promisedFee } from '../../../shared/promisedFee';
import { promisedCeiling, requireWithin, type MoneyRules } from './moneyRules';

const DAY = 86_400_000;

/**
 * «Обещанный платёж»: credit for a few days, offered by the line's age, with a fee above a threshold.
 * The next money that arrives repays it first (see afterMoneyArrived); what is still owed when the term
 * runs out is written off the balance, and a balance that falls below zero restricts the line.
 */
export class PromisedPayments {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: MoneyRules['promisedPayment'],
  ) {}

  async offer(lineId: string): Promise<PromisedOffer> {
    if (await this.uow.read((repos) => this.overdue(repos, lineId))) await this.uow.write((repos) => this.writeOffDue(repos, lineId));
    return this.uow.read((repos) => this.offerIn(repos, lineId));
  }

  async take(lineId: string, amountKopecks: number, idempotencyKey: string): Promise<PromisedOffer> {
    await this.offer(lineId);
    return this.uow.write(async (repos) => {
      const key = `promised:${lineId}:${idempotencyKey}`;
      if (await repos.payments.byKey(key)) return this.offerIn(repos, lineId);
      const offer = await this.offerIn(repos, lineId);
      if (!offer.eligible) {
        throw new DomainError('NOT_ELIGIBLE', `no promised payment now: ${offer.reasons.join(', ')}`, { reason: offer.reasons[0], reasons: offer.reasons });
      }
      requireWithin(amountKopecks, { minKopecks: offer.minKopecks, maxKopecks: offer.maxKopecks });
      const now = this.clock.now();
      const at = new Date(now).toISOString();
      const fee = promisedFee(amountKopecks, this.rules.fee);
      const entries = [
        { account: PROMISED_CREDIT_ACCOUNT, amountKopecks: -amountKopecks },
        { account: lineAccount(lineId), amountKopecks: amountKopecks - fee },
      ];
      if (fee > 0) entries.push({ account: OPERATOR_FEES_ACCOUNT, amountKopecks: fee });
      await repos.ledger.post({ id: this.ids.next('txn'), kind: 'promised-payment', idempotencyKey: key, at, entries }, () => this.ids.next('entry'));
      const id = this.ids.next('promised');
      await repos.promised.add({
        id,
        lineId,
        amountKopecks,
        feeKopecks: fee,
        owedKopecks: amountKopecks,
        takenAt: at,
        dueAt: new Date(now + this.rules.termDays * DAY).toISOString(),
        state: 'open',
        closedAt: null,
      });
      await repos.payments.add({
        id: this.ids.next('pay'),
        lineId,
        kind: 'promised',
        status: 'succeeded',
        amountKopecks,
        feeKopecks: fee,
        method: 'promised-payment',
        counterparty: null,
        declineReason: null,
        idempotencyKey: key,
        relatedId: id,
        createdAt: at,
        updatedAt: at,
      });
      return this.offerIn(repos, lineId);
    });
  }

  /** Whether an open promised payment's term has run out (a read, so the common case writes nothing). */
  async overdue(repos: Repositories, lineId: string): Promise<boolean> {
    const open = await repos.promised.open(lineId);
    return open !== null && Date.parse(open.dueAt) <= this.clock.now();
  }

  /** Writes off what is still owed of an overdue promised payment; inside the caller's unit of work. */
  async writeOffDue(repos: Repositories, lineId: string): Promise<void> {
    const open = await repos.promised.open(lineId);
    if (!open || Date.parse(open.dueAt) > this.clock.now()) return;
    const at = open.dueAt;
    const key = `promised-write-off:${open.id}`;
    await repos.ledger.post(
      {
        id: this.ids.next('txn'),
        kind: 'promised-write-off',
        idempotencyKey: key,
        at,
        entries: [
          { account: lineAccount(lineId), amountKopecks: -open.owedKopecks },
          { account: PROMISED_CREDIT_ACCOUNT, amountKopecks: open.owedKopecks },
        ],
      },
      () => this.ids.next('entry'),
    );
    await repos.promised.update(open.id, { owedKopecks: 0, state: 'written-off', closedAt: at });
    await repos.payments.add({
      id: this.ids.next('pay'),
      lineId,
      kind: 'promised-write-off',
      status: 'succeeded',
      amountKopecks: open.owedKopecks,
      feeKopecks: 0,
      method: 'promised-payment',
      counterparty: null,
      declineReason: null,
      idempotencyKey: key,
      relatedId: open.id,
      createdAt: at,
      updatedAt: at,
    });
    const line = await repos.account.line(lineId);
    if (line?.status === 'active' && (await repos.account.balanceKopecks(lineId)) < 0) await repos.usage.setLineStatus(lineId, 'restricted');
  }

  private async offerIn(repos: Repositories, lineId: string): Promise<PromisedOffer> {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const now = this.clock.now();
    const ageDays = Math.floor((now - Date.parse(line.activatedAt)) / DAY);
    const [open, latest, balance] = await Promise.all([repos.promised.open(lineId), repos.promised.latest(lineId), repos.account.balanceKopecks(lineId)]);
    const ceiling = promisedCeiling(ageDays, this.rules.scale);
    const availableFrom = latest ? Date.parse(latest.takenAt) + this.rules.cooldownDays * DAY : null;
    const reasons: PromisedIneligibility[] = [];
    if (line.status === 'blocked') reasons.push('sim-blocked');
    if (line.status === 'restricted') reasons.push('line-restricted');
    if (ceiling === 0) reasons.push('line-too-young');
    if (open) reasons.push('already-open');
    else if (availableFrom !== null && availableFrom > now) reasons.push('taken-recently');
    if (balance < this.rules.lowestBalanceKopecks) reasons.push('balance-too-low');
    const eligible = reasons.length === 0;
    return {
      eligible,
      reasons,
      minKopecks: this.rules.minKopecks,
      maxKopecks: eligible ? ceiling : 0,
      termDays: this.rules.termDays,
      fee: this.rules.fee,
      lineAgeDays: ageDays,
      rules: {
        minLineAgeDays: Math.min(...this.rules.scale.filter((step) => step.maxKopecks > 0).map((step) => step.minLineAgeDays)),
        cooldownDays: this.rules.cooldownDays,
        lowestBalanceKopecks: this.rules.lowestBalanceKopecks,
      },
      open: open ? { amountKopecks: open.amountKopecks, feeKopecks: open.feeKopecks, owedKopecks: open.owedKopecks, takenAt: open.takenAt, dueAt: open.dueAt } : null,
      availableFrom: !open && availableFrom !== null && availableFrom > now ? new Date(availableFrom).toISOString() : null,
    };
  }
}

/** The upkeep a line's read triggers: an overdue promised payment, last periods' fees, then any other (a SIM block's daily fee). */
export function lineUpkeep(fees: MonthlyFees, promised: PromisedPayments, ...others: Upkeep[]): Upkeep {
  return {
    // Independent reads, asked together: one round trip to a shared store.
    due: async (repos, lineId) => (await Promise.all([fees.due(repos, lineId), promised.overdue(repos, lineId), ...others.map((other) => other.due(repos, lineId))])).includes(true),
    catchUp: async (repos, lineId) => {
      await promised.writeOffDue(repos, lineId);
      await fees.catchUp(repos, lineId);
      for (const other of others) await other.catchUp(repos, lineId);
    },
  };
}
