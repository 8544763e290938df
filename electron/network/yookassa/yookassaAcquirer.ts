import type { AdapterHealth } from '../../../shared/contract/settings';
import { systemClock, type Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { AcquirerTimeoutError, type Acquirer, type AcquirerAnswer, type CardDetails } from '../../core/money/ports';
import { YooKassaHttp, YooKassaRefusedError, YooKassaUnreachableError, type YooKassaConnection } from './yookassaHttp';
import { notifiedPayment } from './yookassaNotifications';
import { answerOf, CABINET_PAYMENT_ID, rublesValue, YooKassaPayment, YooKassaPaymentList } from './yookassaPayment';

export interface YooKassaOptions extends YooKassaConnection {
  /** Where the bank's page sends the person back when they are done (the confirmation window closes there). */
  returnUrl: string;
  /** How far back a status query looks through the payment list for a payment whose YooKassa id was lost (a restart). */
  lookbackMs?: number;
  /** What the receipt at the acquirer says. */
  description?: string;
  clock?: Clock;
  logger: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pages of 100 payments a lookup reads at most: a cabinet's payments of a week fit many times over. */
const MAX_LIST_PAGES = 20;

/**
 * A card acquirer speaking YooKassa API v3 (https://yookassa.ru/developers/api). A payment is created with our
 * payment id as the Idempotence-Key — a retry, even from the core after a restart within the API's 24 hours,
 * is the same payment — and with our id in its metadata, so that a status query can find it again by listing
 * payments when its YooKassa id was lost with the process. 3-D Secure is YooKassa's redirect confirmation: the
 * person confirms on the bank's page (`confirmation_url`), which then sends them to `returnUrl`.
 *
 * Money moves only on `succeeded`. A payment `waiting_for_capture` (a shop set up for two stages) is captured
 * under its own Idempotence-Key. When no attempt reached the API at all, the payment is declined as
 * `acquirer-unavailable` (nothing can have been charged); when some attempt may have, it stays pending for a
 * status query. Card data goes only into the request body: it is never logged and never kept.
 */
export class YooKassaAcquirer implements Acquirer {
  readonly testMode = false;
  readonly challenge = 'redirect';
  private readonly http: YooKassaHttp;
  private readonly clock: Clock;
  /** Our payment id → YooKassa's, for this process; a restart finds them again in the payment list. */
  private readonly theirIds = new Map<string, string>();

  /** The diagnostics screen's view: the last request's fate, the API's host. */
  health(): AdapterHealth {
    return this.http.health.health();
  }

  constructor(private readonly options: YooKassaOptions) {
    this.http = new YooKassaHttp(options);
    this.clock = options.clock ?? systemClock;
  }

  async charge(request: { paymentId: string; amountKopecks: number; card: CardDetails | { token: string }; tokenize: boolean }): Promise<AcquirerAnswer> {
    const method =
      'token' in request.card
        ? { payment_method_id: request.card.token }
        : {
            payment_method_data: {
              type: 'bank_card',
              card: {
                number: request.card.number.replace(/\D/g, ''),
                expiry_year: String(request.card.expYear),
                expiry_month: String(request.card.expMonth).padStart(2, '0'),
                csc: request.card.cvc,
              },
            },
            ...(request.tokenize ? { save_payment_method: true } : {}),
          };
    const body = {
      amount: { value: rublesValue(request.amountKopecks), currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: this.options.returnUrl },
      description: this.options.description ?? 'Пополнение баланса',
      metadata: { [CABINET_PAYMENT_ID]: request.paymentId },
      ...method,
    };
    let created: YooKassaPayment;
    try {
      created = YooKassaPayment.parse(await this.http.post('payments', body, `create:${request.paymentId}`));
    } catch (error) {
      return this.unanswered(request.paymentId, error);
    }
    this.theirIds.set(request.paymentId, created.id);
    return this.settled(request.paymentId, created);
  }

  /** The bank's page took the code; what counts is what the API now says. */
  async completeChallenge(paymentId: string): Promise<AcquirerAnswer> {
    const answer = await this.status(paymentId);
    if (answer.outcome === 'unknown') return { outcome: 'declined', reason: 'not-found-at-acquirer' };
    if (answer.outcome === 'in-progress') throw new AcquirerTimeoutError();
    return answer;
  }

  async status(paymentId: string): Promise<AcquirerAnswer | { outcome: 'unknown' } | { outcome: 'in-progress' }> {
    const payment = await this.lookUp(paymentId);
    if (!payment) return { outcome: 'unknown' };
    const answer = await this.settled(paymentId, payment).catch((error: unknown) => {
      if (error instanceof AcquirerTimeoutError) return { outcome: 'in-progress' as const };
      throw error;
    });
    return answer;
  }

  async confirmationPage(paymentId: string): Promise<{ url: string; returnUrl: string } | null> {
    const payment = await this.lookUp(paymentId);
    const answer = payment ? answerOf(payment) : null;
    return answer?.outcome === 'challenge' && answer.confirmationUrl ? { url: answer.confirmationUrl, returnUrl: this.options.returnUrl } : null;
  }

  /**
   * A notification received by a host that can take them (a desktop app has no public address): checked by its
   * source address, then the payment is asked for again and our id read from the API's answer. Returns our payment
   * id for the core's status check, or null (not from YooKassa, not about a payment, not one of ours).
   */
  async notified(sourceAddress: string, body: unknown): Promise<string | null> {
    const theirs = notifiedPayment(sourceAddress, body);
    if (!theirs) return null;
    let payment: YooKassaPayment;
    try {
      payment = YooKassaPayment.parse(await this.http.get(`payments/${encodeURIComponent(theirs)}`));
    } catch (error) {
      if (error instanceof YooKassaRefusedError && error.httpStatus === 404) return null;
      throw error;
    }
    const ours = payment.metadata?.[CABINET_PAYMENT_ID];
    if (!ours) return null;
    this.theirIds.set(ours, payment.id);
    return ours;
  }

  /** The payment as the API has it now, or null when it has none under our id. */
  private async lookUp(paymentId: string): Promise<YooKassaPayment | null> {
    const theirs = this.theirIds.get(paymentId) ?? (await this.findInList(paymentId));
    if (!theirs) return null;
    try {
      return YooKassaPayment.parse(await this.http.get(`payments/${encodeURIComponent(theirs)}`));
    } catch (error) {
      if (error instanceof YooKassaRefusedError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  private async findInList(paymentId: string): Promise<string | null> {
    const since = new Date(this.clock.now() - (this.options.lookbackMs ?? 7 * DAY_MS)).toISOString();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const query = new URLSearchParams({ 'created_at.gte': since, limit: '100', ...(cursor ? { cursor } : {}) });
      const list = YooKassaPaymentList.parse(await this.http.get(`payments?${query.toString()}`));
      const found = list.items.find((item) => item.metadata?.[CABINET_PAYMENT_ID] === paymentId);
      if (found) {
        this.theirIds.set(paymentId, found.id);
        return found.id;
      }
      if (!list.next_cursor) return null;
      cursor = list.next_cursor;
    }
    this.options.logger.warn('a payment was not found within the pages of the payment list read', { paymentId });
    return null;
  }

  /** The core's answer for a payment object; one waiting for capture is captured first. A payment still in progress throws (it stays pending). */
  private async settled(paymentId: string, payment: YooKassaPayment): Promise<AcquirerAnswer> {
    let current = payment;
    if (current.status === 'waiting_for_capture') {
      try {
        current = YooKassaPayment.parse(await this.http.post(`payments/${encodeURIComponent(current.id)}/capture`, { amount: current.amount }, `capture:${paymentId}`));
      } catch (error) {
        this.options.logger.warn('a payment waiting for capture could not be captured yet', { paymentId, error: describe(error) });
        throw new AcquirerTimeoutError();
      }
    }
    const answer = answerOf(current);
    // Still being processed by the acquirer: no answer yet, the payment stays pending for a status query.
    if (answer.outcome === 'in-progress') throw new AcquirerTimeoutError();
    return answer;
  }

  /** No payment object came back: declined when the API cannot have acted, pending (a throw) when it may have. */
  private unanswered(paymentId: string, error: unknown): AcquirerAnswer {
    if (error instanceof YooKassaUnreachableError && error.reached === 'never') {
      this.options.logger.warn('the acquirer could not be reached; nothing was charged', { paymentId, error: error.lastProblem });
      return { outcome: 'declined', reason: 'acquirer-unavailable' };
    }
    if (error instanceof YooKassaRefusedError) {
      this.options.logger.warn('the acquirer refused the payment', { paymentId, httpStatus: error.httpStatus, code: error.code, parameter: error.parameter ?? '' });
      // Our shop's credentials or rights (401, 403): the acquirer is unusable from here; a bad field of the card: the bank's no.
      return { outcome: 'declined', reason: error.httpStatus === 401 || error.httpStatus === 403 ? 'acquirer-unavailable' : 'do-not-honor' };
    }
    this.options.logger.warn('the acquirer gave no answer; a status query will tell', { paymentId, error: describe(error) });
    throw new AcquirerTimeoutError();
  }
}

/** An error's class and the API's words, never a request body (which may hold a card). */
function describe(error: unknown): string {
  if (error instanceof YooKassaUnreachableError) return `unreachable: ${error.lastProblem}`;
  if (error instanceof YooKassaRefusedError) return `HTTP ${error.httpStatus} ${error.code}`;
  return error instanceof Error ? error.name : 'unknown';
}
