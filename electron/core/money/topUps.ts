import { CARD_EXPECTED, expiryGoodAt, type ParsedCard } from '../../../shared/card';
import type { PaymentOptions, SavedCard } from './model';
import { ACQUIRER_CLEARING_ACCOUNT, lineAccount, walletClearingAccount } from '../account/ledgerAccounts';
import type { MonthlyFees } from '../account/monthlyFees';
import type { Clock } from '../clock';
import { DomainError, requireConfigured } from '../errors';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { afterMoneyArrived } from './moneyArrival';
import { requireWithin, type MoneyRules } from './moneyRules';
import { AcquirerTimeoutError, type Acquirer, type AcquirerAnswer, type PaymentRecord, type WalletGateway } from './ports';
import { transferredInZone } from './transferLimits';
import { queueMailNotice } from '../mail/mailNotices';

export interface CardTopUp {
  amountKopecks: number;
  card?: ParsedCard;
  savedCardId?: string;
  remember: boolean;
  idempotencyKey: string;
  /** Made by the autopay rule. */
  autopay?: boolean;
}

const brandNames: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', mir: 'Мир', maestro: 'Maestro', unionpay: 'UnionPay' };
export const cardLabel = (brand: string, last4: string) => `${brandNames[brand] ?? brand} •• ${last4}`;

/**
 * Top-ups by card and by e-wallet. A payment is written as `pending` (durably) before the acquirer is
 * asked, and credited in a second unit of work when it answers: a crash in between leaves a pending
 * payment that `recoverPending` settles on the next start by asking the acquirer, so the balance is never
 * credited without a charge and a charge is never lost. The acquirer knows the payment by our id, so
 * asking twice charges once; a repeat of the window's key answers with the payment already made.
 */
export class TopUps {
  /** Which payments asked to remember the card: decided when the acquirer answers with a token. */
  private readonly rememberAfterChallenge = new Set<string>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: MoneyRules,
    private readonly acquirer: Acquirer,
    private readonly wallets: WalletGateway,
    private readonly fees: MonthlyFees,
    private readonly logger: Logger,
    private readonly testCards: PaymentOptions['testCards'] = [],
    private readonly acquirerTimeoutMs = 30_000,
  ) {}

  async options(lineId: string): Promise<PaymentOptions> {
    return this.uow.read(async (repos) => {
      const line = await repos.account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const [sent, open, balance] = await Promise.all([
        transferredInZone(repos, lineId, this.clock.now(), line.region.timeZone),
        repos.promised.open(lineId),
        repos.account.balanceKopecks(lineId),
      ]);
      const rules = this.rules.transfer;
      // The preview's own checks that hold for any number and amount: even the smallest transfer is refused.
      const checks: Array<[boolean, NonNullable<PaymentOptions['transfer']['unavailable']>]> = [
        [line.status === 'blocked', 'sim-blocked'],
        [line.status === 'restricted', 'line-restricted'],
        [open !== null, 'promised-payment-open'],
        [sent.todayKopecks + rules.minKopecks > rules.perDayKopecks, 'daily-limit'],
        [sent.thisMonthKopecks + rules.minKopecks > rules.perMonthKopecks, 'monthly-limit'],
        [balance - rules.minKopecks - rules.commissionKopecks < 0, 'insufficient-funds'],
      ];
      return {
        card: {
          minKopecks: this.rules.cardTopUp.minKopecks,
          maxKopecks: this.rules.cardTopUp.maxKopecks,
          quickAmountsKopecks: this.rules.cardTopUp.quickAmountsKopecks ?? [],
        },
        wallets: this.rules.wallets,
        transfer: {
          ...rules,
          sentTodayKopecks: sent.todayKopecks,
          sentThisMonthKopecks: sent.thisMonthKopecks,
          unavailable: checks.find(([failed]) => failed)?.[1] ?? null,
        },
        savedCards: await this.savedCards(repos, lineId),
        testCards: this.acquirer.testMode ? this.testCards : [],
        challenge: this.acquirer.challenge ?? 'code',
      };
    });
  }

  async forgetCard(lineId: string, cardId: string): Promise<SavedCard[]> {
    return this.uow.write(async (repos) => {
      // An autopay rule cannot outlive its card.
      if ((await repos.autopay.forLine(lineId))?.cardId === cardId) await repos.autopay.remove(lineId);
      await repos.savedCards.remove(lineId, cardId);
      return this.savedCards(repos, lineId);
    });
  }

  async byCard(lineId: string, request: CardTopUp): Promise<PaymentRecord> {
    // No acquirer: refused before a payment is written, so nothing is left pending or charged.
    requireConfigured(this.acquirer, 'card-payments');
    requireWithin(request.amountKopecks, this.rules.cardTopUp);
    // By the app's clock, not the machine's: a machine whose clock is off neither refuses a good card nor takes an expired one.
    if (request.card && !expiryGoodAt({ month: request.card.expMonth, year: request.card.expYear }, this.clock.now())) {
      throw new DomainError('VALIDATION', `card.expiry: ${CARD_EXPECTED.expiry}`, { fields: [{ field: 'card.expiry', expected: CARD_EXPECTED.expiry }] });
    }
    const key = `card:${lineId}:${request.idempotencyKey}`;
    const started = await this.uow.write(async (repos) => {
      // Asked together (one round trip to a shared store): the key's payment, the line, the saved cards.
      const [existing, line, savedCards] = await Promise.all([
        repos.payments.byKey(key),
        repos.account.line(lineId),
        request.savedCardId !== undefined ? repos.savedCards.forLine(lineId) : Promise.resolve([]),
      ]);
      // A card payment still pending was cut short (its answer lost, the acquirer not asked or not heard): the
      // retry resumes it below, asking the acquirer again under the same payment id — it charges once per id.
      const resuming = existing?.kind === 'card' && existing.status === 'pending' && existing.lineId === lineId;
      if (existing && !resuming) return { existing, payment: existing, token: null };
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      let method: string;
      let token: string | null = null;
      if (request.savedCardId !== undefined) {
        const saved = savedCards.find((card) => card.id === request.savedCardId);
        if (!saved) throw new DomainError('NOT_FOUND', 'this card is not saved for the line', { field: 'savedCardId' });
        method = cardLabel(saved.brand, saved.last4);
        token = saved.token;
      } else if (request.card) {
        method = cardLabel(request.card.brand, request.card.last4);
      } else {
        throw new DomainError('VALIDATION', 'card: a new card or a saved one', { fields: [{ field: 'card', expected: 'a new card or a saved one' }] });
      }
      if (existing) return { existing: null, payment: existing, token, resumed: true };
      const payment = { ...this.newPayment(lineId, 'card', request.amountKopecks, method, key), autopay: request.autopay ?? false };
      await repos.payments.add(payment);
      return { existing: null, payment, token, resumed: false };
    });
    if (started.existing) return started.existing;
    const { payment, token, resumed } = started;
    if (request.remember && !token) this.rememberAfterChallenge.add(payment.id);
    const card = token ? { token } : { number: request.card!.number, expMonth: request.card!.expMonth, expYear: request.card!.expYear, cvc: request.card!.cvc };
    const answer = await this.ask(payment, () =>
      this.acquirer.charge({ paymentId: payment.id, amountKopecks: payment.amountKopecks, card, tokenize: request.remember && !token }),
    );
    // A repeat refused or not delivered says nothing of the resumed payment's earlier attempt, which may have been
    // charged: the acquirer's status decides, and without one the payment stays pending.
    if (resumed && answer?.outcome === 'declined') return this.settledByStatus(payment);
    return answer ? this.settle(payment.id, answer) : payment;
  }

  private async settledByStatus(payment: PaymentRecord): Promise<PaymentRecord> {
    const status = await this.ask(payment, () => this.acquirer.status(payment.id));
    if (!status || status.outcome === 'in-progress' || status.outcome === 'unknown') return (await this.uow.read((repos) => repos.payments.byId(payment.id))) ?? payment;
    return this.settle(payment.id, status);
  }

  async confirmChallenge(lineId: string, paymentId: string, code: string): Promise<PaymentRecord> {
    const payment = await this.uow.read((repos) => this.owned(repos, lineId, paymentId));
    if (payment.status !== 'challenge') return payment;
    const answer = await this.ask(payment, () => this.acquirer.completeChallenge(paymentId, code));
    return answer ? this.settle(paymentId, answer) : payment;
  }

  /**
   * The bank's page where the person confirms a payment waiting for 3-D Secure (an acquirer that confirms by
   * redirect), or null when none waits there any more (the acquirer has settled it: a status check tells).
   */
  async confirmationPage(lineId: string, paymentId: string): Promise<{ url: string; returnUrl: string } | null> {
    const payment = await this.uow.read((repos) => this.owned(repos, lineId, paymentId));
    if (payment.kind !== 'card' || payment.status !== 'challenge') return null;
    if (this.acquirer.challenge !== 'redirect' || !this.acquirer.confirmationPage) {
      throw new DomainError('NOT_ELIGIBLE', "this acquirer's bank asks for a code, not for its own page", { reason: 'challenge-by-code' });
    }
    const acquirer = this.acquirer;
    return this.ask(payment, () => acquirer.confirmationPage!(paymentId));
  }

  /**
   * Asks the acquirer about a payment it has not settled (pending, or waiting for 3-D Secure); a payment it never saw
   * (once it is past the deadline) failed, and nothing was charged. Money moves only on the acquirer's `succeeded`.
   */
  async checkStatus(lineId: string | null, paymentId: string): Promise<PaymentRecord> {
    const payment = await this.uow.read((repos) => (lineId === null ? repos.payments.byId(paymentId) : this.owned(repos, lineId, paymentId)));
    if (!payment) throw new DomainError('NOT_FOUND', 'no such payment');
    if (payment.kind !== 'card' || (payment.status !== 'pending' && payment.status !== 'challenge')) return payment;
    const answer = await this.ask(payment, () => this.acquirer.status(paymentId));
    if (!answer || answer.outcome === 'in-progress') return payment;
    if (answer.outcome === 'unknown') {
      // The acquirer has not seen it: either the charge never left (a crash before asking) and nothing was charged,
      // or it is still on its way — from this process, or from another app of a store chain sharing the store.
      // Only a payment older than twice the acquirer's deadline is taken as never sent.
      if (this.clock.now() - Date.parse(payment.createdAt) < 2 * this.acquirerTimeoutMs) return payment;
      return this.settle(paymentId, { outcome: 'declined', reason: 'not-found-at-acquirer' }, 'failed');
    }
    return this.settle(paymentId, answer);
  }

  /** On start: every card payment left pending (a timeout, a crash, a bank page left open) is settled by a status check. */
  async recoverPending(): Promise<number> {
    const pending = await this.uow.read((repos) => repos.payments.pending());
    for (const payment of pending) {
      try {
        await this.checkStatus(null, payment.id);
      } catch (error) {
        this.logger.warn('a pending payment could not be checked; it stays pending', { paymentId: payment.id, error: String(error) });
      }
    }
    return pending.length;
  }

  async byWallet(lineId: string, walletId: string, amountKopecks: number, idempotencyKey: string): Promise<PaymentRecord> {
    const wallet = this.rules.wallets.find((candidate) => candidate.id === walletId);
    if (!wallet) throw new DomainError('VALIDATION', 'walletId: one of the wallets offered', { fields: [{ field: 'walletId', expected: 'one of the wallets offered' }] });
    requireWithin(amountKopecks, wallet);
    requireConfigured(this.wallets, 'wallets');
    const key = `wallet:${lineId}:${idempotencyKey}`;
    const started = await this.uow.write(async (repos) => {
      const existing = await repos.payments.byKey(key);
      if (existing) return { existing, payment: existing, token: null };
      await this.requireLine(repos, lineId);
      const payment = { ...this.newPayment(lineId, 'wallet', amountKopecks, wallet.id, key), status: 'awaiting-confirmation' as const };
      await repos.payments.add(payment);
      return { payment };
    });
    if (started.existing) return started.existing;
    await this.wallets.begin({ paymentId: started.payment.id, walletId, amountKopecks });
    return started.payment;
  }

  async confirmWallet(lineId: string, paymentId: string, approve: boolean): Promise<PaymentRecord> {
    const payment = await this.uow.read((repos) => this.owned(repos, lineId, paymentId));
    if (payment.kind !== 'wallet' || payment.status !== 'awaiting-confirmation') return payment;
    const answer = await this.wallets.finish(paymentId, approve);
    return this.settle(paymentId, answer.outcome === 'succeeded' ? { outcome: 'succeeded' } : { outcome: 'declined', reason: approve ? 'wallet-declined' : 'cancelled' });
  }

  /** Records the acquirer's or wallet's answer once: a payment already settled is left as it is. */
  private settle(paymentId: string, answer: AcquirerAnswer, declinedStatus: 'declined' | 'failed' = 'declined'): Promise<PaymentRecord> {
    return this.uow.write(async (repos) => {
      const payment = (await repos.payments.byId(paymentId))!;
      if (!['pending', 'challenge', 'awaiting-confirmation'].includes(payment.status)) return payment;
      const at = new Date(this.clock.now()).toISOString();
      // What the update below writes, answered without reading it back.
      const updated = (status: PaymentRecord['status'], declineReason: PaymentRecord['declineReason'] = null): PaymentRecord => ({ ...payment, status, declineReason, updatedAt: at });
      if (answer.outcome === 'challenge') {
        await repos.payments.update(paymentId, { status: 'challenge', updatedAt: at });
        return updated('challenge');
      } else if (answer.outcome === 'declined') {
        await repos.payments.update(paymentId, { status: declinedStatus, declineReason: answer.reason, updatedAt: at });
        this.rememberAfterChallenge.delete(paymentId);
        return updated(declinedStatus, answer.reason);
      } else {
        const from = payment.kind === 'wallet' ? walletClearingAccount(payment.method) : ACQUIRER_CLEARING_ACCOUNT;
        await repos.ledger.post(
          {
            id: this.ids.next('txn'),
            kind: payment.kind === 'wallet' ? 'wallet-top-up' : 'card-top-up',
            idempotencyKey: `payment:${payment.id}`,
            at,
            entries: [
              { account: from, amountKopecks: -payment.amountKopecks },
              { account: lineAccount(payment.lineId), amountKopecks: payment.amountKopecks },
            ],
          },
          () => this.ids.next('entry'),
        );
        await repos.payments.update(paymentId, { status: 'succeeded', updatedAt: at });
        if (answer.token && this.rememberAfterChallenge.delete(paymentId)) {
          await repos.savedCards.save({ id: this.ids.next('card'), lineId: payment.lineId, savedAt: at, ...answer.token });
        }
        await afterMoneyArrived(repos, this.ids, this.fees, { lineId: payment.lineId, kopecks: payment.amountKopecks, paymentId, at });
        // The receipt is written with the payment: a crash loses both or neither.
        await queueMailNotice(repos, { lineId: payment.lineId }, { kind: 'top-up-receipt', paymentId, amountKopecks: payment.amountKopecks, method: this.methodName(payment), at }, { clock: this.clock, ids: this.ids });
        return updated('succeeded');
      }
    });
  }

  /** A card as its label (`Visa •• 1111`), a wallet by its name in both languages. */
  private methodName(payment: PaymentRecord): string | { ru: string; en: string } {
    return payment.kind === 'wallet' ? (this.rules.wallets.find((wallet) => wallet.id === payment.method)?.name ?? payment.method) : payment.method;
  }

  /** Calls the acquirer with a deadline; no answer (a timeout or a fault) leaves the payment pending. */
  private async ask<T>(payment: PaymentRecord, call: () => Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        call(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new AcquirerTimeoutError()), this.acquirerTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.logger.warn('the acquirer gave no answer; the payment stays pending until a status check', {
        paymentId: payment.id,
        error: error instanceof AcquirerTimeoutError ? 'timeout' : String(error),
      });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private newPayment(lineId: string, kind: 'card' | 'wallet', amountKopecks: number, method: string, key: string): PaymentRecord {
    const at = new Date(this.clock.now()).toISOString();
    return {
      id: this.ids.next('pay'),
      lineId,
      kind,
      status: 'pending',
      amountKopecks,
      feeKopecks: 0,
      method,
      counterparty: null,
      declineReason: null,
      idempotencyKey: key,
      relatedId: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  private async requireLine(repos: Repositories, lineId: string): Promise<void> {
    if (!(await repos.account.line(lineId))) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
  }

  private async owned(repos: Repositories, lineId: string, paymentId: string): Promise<PaymentRecord> {
    const payment = await repos.payments.byId(paymentId);
    // Another line's payment is answered exactly like a missing one.
    if (!payment || payment.lineId !== lineId) throw new DomainError('NOT_FOUND', 'no such payment on this line');
    return payment;
  }

  private async savedCards(repos: Repositories, lineId: string): Promise<SavedCard[]> {
    return (await repos.savedCards.forLine(lineId)).map(({ id, brand, last4, expMonth, expYear }) => ({ id, brand, last4, expMonth, expYear }));
  }
}
