import type { TransferPreview } from './model';
import type { E164 } from '../../../shared/phone';
import { lineAccount, OPERATOR_FEES_ACCOUNT } from '../account/ledgerAccounts';
import type { MonthlyFees } from '../account/monthlyFees';
import type { LineProfile } from '../account/ports';
import type { CodeSubject, OneTimeCodes } from '../auth/oneTimeCodes';
import type { SmsGateway } from '../auth/ports';
import type { Clock } from '../clock';
import { DomainError, requireConfigured } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { afterMoneyArrived } from './moneyArrival';
import { amountExpected, type MoneyRules } from './moneyRules';
import type { PaymentRecord } from './ports';
import { transferredInZone } from './transferLimits';
import { queueMailNotice } from '../mail/mailNotices';
import { isBanned } from '../subscriptions/lineBans';

type Reason = NonNullable<TransferPreview['reason']>;

/**
 * «Мобильный перевод»: money from the signed-in line to another of the operator's numbers. The preview
 * applies every rule; starting sends an SMS code to the sender's phone; the code moves the money as one
 * balanced transaction (sender − amount − commission, recipient + amount, operator fees + commission).
 */
export class Transfers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: MoneyRules,
    private readonly codes: OneTimeCodes,
    private readonly sms: SmsGateway,
    private readonly fees: MonthlyFees,
    /** Told after money left the line (autopay looks whether the balance fell below its threshold). */
    private readonly afterDebit: (lineId: string) => Promise<unknown> = async () => undefined,
  ) {}

  preview(lineId: string, to: E164, amountKopecks: number): Promise<TransferPreview> {
    return this.uow.read(async (repos) => (await this.evaluate(repos, lineId, to, amountKopecks)).preview);
  }

  /**
   * Writes the transfer (awaiting its code) and the code in one transaction, then sends the SMS and records that
   * it was sent. A retry with the same key resumes where the first call stopped: a code whose SMS never left (the
   * answer lost after COMMIT, the sending failed) is replaced by a new one for the same transfer, and sent.
   */
  async start(lineId: string, to: E164, amountKopecks: number, idempotencyKey: string): Promise<{ payment: PaymentRecord; codeExpiresAt: number }> {
    // A transfer is confirmed by an SMS code: without SMS nothing is written.
    requireConfigured(this.sms, 'sms');
    const key = `transfer:${lineId}:${idempotencyKey}`;
    const started = await this.uow.write(async (repos): Promise<{ payment: PaymentRecord; codeExpiresAt: number; send: { msisdn: E164; code: string; challengeId: string } | null }> => {
      const existing = await repos.payments.byKey(key);
      if (existing) {
        const sender = (await repos.account.line(lineId))!;
        const subject = transferSubject(existing);
        const challenge = await this.codes.latest(repos, sender.msisdn, 'transfer', subject);
        const awaiting = existing.kind === 'transfer-out' && existing.status === 'awaiting-confirmation';
        if (awaiting && (!challenge || (challenge.state === 'active' && challenge.sentAt === null))) {
          const issued = await this.codes.reissueUnsent(repos, sender.msisdn, 'transfer', subject);
          return { payment: existing, codeExpiresAt: issued.challenge.expiresAt, send: { msisdn: sender.msisdn, code: issued.code, challengeId: issued.challenge.id } };
        }
        return { payment: existing, codeExpiresAt: challenge?.expiresAt ?? this.clock.now(), send: null };
      }
      const { preview, sender } = await this.evaluate(repos, lineId, to, amountKopecks);
      refuse(preview, this.rules);
      const at = new Date(this.clock.now()).toISOString();
      const payment: PaymentRecord = {
        id: this.ids.next('pay'),
        lineId,
        kind: 'transfer-out',
        status: 'awaiting-confirmation',
        amountKopecks,
        feeKopecks: preview.commissionKopecks,
        method: 'mobile-transfer',
        counterparty: to,
        declineReason: null,
        idempotencyKey: key,
        relatedId: null,
        createdAt: at,
        updatedAt: at,
      };
      await repos.payments.add(payment);
      const issued = await this.codes.issue(repos, sender.msisdn, 'transfer', transferSubject(payment));
      return { payment, codeExpiresAt: issued.challenge.expiresAt, send: { msisdn: sender.msisdn, code: issued.code, challengeId: issued.challenge.id } };
    });
    if (started.send) {
      const { msisdn, code, challengeId } = started.send;
      // The SMS names what was written (a retry's request may differ from the transfer its key started).
      await this.sms.send(msisdn, transferSms(started.payment.amountKopecks, started.payment.counterparty as E164, code));
      await this.uow.write((repos) => this.codes.markSent(repos, challengeId));
    }
    return { payment: started.payment, codeExpiresAt: started.codeExpiresAt };
  }

  async confirm(lineId: string, paymentId: string, code: string): Promise<{ payment: PaymentRecord; recipient: E164 | null }> {
    const outcome = await this.uow.write(async (repos) => {
      const payment = await repos.payments.byId(paymentId);
      if (!payment || payment.lineId !== lineId || payment.kind !== 'transfer-out') throw new DomainError('NOT_FOUND', 'no such transfer on this line');
      if (payment.status !== 'awaiting-confirmation') return { payment, recipient: null };
      const sender = (await repos.account.line(lineId))!;
      // The code confirms this transfer, of this amount to this number, and nothing else.
      const refusal = await this.codes.redeem(repos, sender.msisdn, 'transfer', code, transferSubject(payment));
      if (refusal) return { refusal };
      const at = new Date(this.clock.now()).toISOString();
      // The rules are applied again: the balance or the day's total may have changed since the code was sent
      // (and the day itself: the limits count the transfer on the day it is confirmed).
      const { preview, recipient, today } = await this.evaluate(repos, lineId, payment.counterparty as E164, payment.amountKopecks);
      if (!preview.allowed || !recipient) {
        await repos.payments.update(paymentId, { status: 'failed', declineReason: 'code-failed', updatedAt: at });
        return { refusal: refusalFor(preview, this.rules) };
      }
      await repos.ledger.post(
        {
          id: this.ids.next('txn'),
          kind: 'mobile-transfer',
          idempotencyKey: `transfer:${paymentId}`,
          at,
          entries: [
            { account: lineAccount(lineId), amountKopecks: -(payment.amountKopecks + payment.feeKopecks) },
            { account: lineAccount(recipient.lineId), amountKopecks: payment.amountKopecks },
            { account: OPERATOR_FEES_ACCOUNT, amountKopecks: payment.feeKopecks },
          ],
        },
        () => this.ids.next('entry'),
      );
      await repos.payments.update(paymentId, { status: 'succeeded', updatedAt: at, confirmedOn: today });
      const incomingId = this.ids.next('pay');
      await repos.payments.add({
        id: incomingId,
        lineId: recipient.lineId,
        kind: 'transfer-in',
        status: 'succeeded',
        amountKopecks: payment.amountKopecks,
        feeKopecks: 0,
        method: 'mobile-transfer',
        counterparty: sender.msisdn,
        declineReason: null,
        idempotencyKey: `transfer-in:${paymentId}`,
        relatedId: paymentId,
        createdAt: at,
        updatedAt: at,
      });
      await afterMoneyArrived(repos, this.ids, this.fees, { lineId: recipient.lineId, kopecks: payment.amountKopecks, paymentId: incomingId, at });
      await queueMailNotice(
        repos,
        { lineId },
        { kind: 'transfer-receipt', paymentId, amountKopecks: payment.amountKopecks, feeKopecks: payment.feeKopecks, recipient: recipient.msisdn, at },
        { clock: this.clock, ids: this.ids },
      );
      return { payment: (await repos.payments.byId(paymentId))!, recipient: recipient.msisdn };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    // The transfer may take the balance below an autopay threshold.
    await this.afterDebit(lineId);
    return outcome;
  }

  private async evaluate(
    repos: Repositories,
    lineId: string,
    to: E164,
    amountKopecks: number,
  ): Promise<{ preview: TransferPreview; sender: LineProfile; recipient: LineProfile | null; today: string }> {
    const sender = await repos.account.line(lineId);
    if (!sender) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const rules = this.rules.transfer;
    const recipientLineId = (await repos.credentials.forNumber(to))?.lineId;
    const recipient = recipientLineId ? await repos.account.line(recipientLineId) : null;
    const balance = await repos.account.balanceKopecks(lineId);
    const commission = rules.commissionKopecks;
    const total = amountKopecks + commission;
    const sent = await transferredInZone(repos, lineId, this.clock.now(), sender.region.timeZone);
    const checks: Array<[boolean, Reason]> = [
      [to === sender.msisdn, 'same-number'],
      [recipient === null, 'not-a-subscriber'],
      // A ban the subscriber set with the password («Подписки и запреты»): no transfer leaves the line.
      [await isBanned(repos, lineId, 'transfers', null), 'transfers-banned'],
      [sender.status === 'blocked', 'sim-blocked'],
      [sender.status === 'restricted', 'line-restricted'],
      [(await repos.promised.open(lineId)) !== null, 'promised-payment-open'],
      [amountKopecks < rules.minKopecks, 'below-minimum'],
      [amountKopecks > rules.maxKopecks, 'above-maximum'],
      [sent.todayKopecks + amountKopecks > rules.perDayKopecks, 'daily-limit'],
      [sent.thisMonthKopecks + amountKopecks > rules.perMonthKopecks, 'monthly-limit'],
      [balance - total < 0, 'insufficient-funds'],
    ];
    const reason = checks.find(([failed]) => failed)?.[1] ?? null;
    return {
      sender,
      recipient,
      today: sent.today,
      preview: {
        to,
        amountKopecks,
        commissionKopecks: commission,
        recipientGetsKopecks: amountKopecks,
        totalKopecks: total,
        balanceAfterKopecks: balance - total,
        allowed: reason === null,
        reason,
      },
    };
  }
}

/** A transfer's code is bound to its payment id and to the amount and recipient its SMS named. */
export function transferSubject(payment: Pick<PaymentRecord, 'id' | 'amountKopecks' | 'counterparty'>): CodeSubject {
  return { id: payment.id, terms: `${payment.amountKopecks} kopecks to ${payment.counterparty}` };
}

/** «Перевод 5 000 ₽ на +7 900 ***-**-12. Код: 4821. Никому не сообщайте.»: the SMS says what the code confirms. */
export function transferSms(amountKopecks: number, to: E164, code: string): string {
  const rubles = (amountKopecks / 100).toLocaleString('ru-RU', { minimumFractionDigits: amountKopecks % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 }).replace(/[\u00a0\u202f]/g, ' ');
  return `Перевод ${rubles} ₽ на ${maskedNumber(to)}. Код: ${code}. Никому не сообщайте.`;
}

/** "+79001234512" → "+7 900 ***-**-12": enough to recognise the recipient, not enough to learn the number. */
function maskedNumber(msisdn: E164): string {
  const m = /^\+7(\d{3})\d{5}(\d{2})$/.exec(msisdn);
  return m ? `+7 ${m[1]} ***-**-${m[2]}` : msisdn;
}

function refuse(preview: TransferPreview, rules: MoneyRules): void {
  if (!preview.allowed) throw refusalFor(preview, rules);
}

/** Each rule's refusal names the field or the reason, so the form can say what to change. */
function refusalFor(preview: TransferPreview, rules: MoneyRules): DomainError {
  const field = (name: string, expected: string, extra: Record<string, unknown> = {}) =>
    new DomainError('VALIDATION', `${name}: ${expected}`, { fields: [{ field: name, expected }], reason: preview.reason, ...extra });
  switch (preview.reason) {
    case 'same-number':
      return field('to', 'another number than your own');
    case 'not-a-subscriber':
      return field('to', 'a number of this operator');
    case 'below-minimum':
    case 'above-maximum':
      return field('amountKopecks', amountExpected(rules.transfer));
    case 'daily-limit':
      return field('amountKopecks', `no more than ${rules.transfer.perDayKopecks / 100} ₽ of transfers a day`, { perDayKopecks: rules.transfer.perDayKopecks });
    case 'monthly-limit':
      return field('amountKopecks', `no more than ${rules.transfer.perMonthKopecks / 100} ₽ of transfers a calendar month`, { perMonthKopecks: rules.transfer.perMonthKopecks });
    case 'insufficient-funds':
      return new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the transfer and its commission', {
        neededKopecks: preview.totalKopecks,
        balanceAfterKopecks: preview.balanceAfterKopecks,
      });
    case 'transfers-banned':
      return new DomainError('NOT_ELIGIBLE', 'transfers are banned on this line; lift the ban with the password first', { reason: 'transfers-banned' });
    case 'sim-blocked':
      return new DomainError('SIM_BLOCKED', 'the SIM is blocked: transfers are off until it is unblocked');
    default:
      return new DomainError('NOT_ELIGIBLE', `a transfer is not allowed now: ${preview.reason}`, { reason: preview.reason });
  }
}
