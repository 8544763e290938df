import { randomBytes } from 'node:crypto';
import type { PaymentOptions } from '../../shared/contract/payments';
import { cardBrand } from '../../shared/card';
import { AcquirerTimeoutError, type Acquirer, type AcquirerAnswer, type CardDetails, type WalletGateway } from '../core/money/ports';

type Outcome = PaymentOptions['testCards'][number]['outcome'];
type SeenCard = { last4: string; brand: string; expMonth: number; expYear: number };

/** The documented test cards of the embedded test-mode acquirer (any future expiry, any CVC). */
export const TEST_CARDS: Array<{ number: string; outcome: Outcome }> = [
  { number: '4111 1111 1111 1111', outcome: 'succeeds' },
  { number: '2200 0000 0000 0004', outcome: 'succeeds' },
  { number: '4000 0000 0000 9995', outcome: 'insufficient-funds' },
  { number: '4000 0000 0000 3220', outcome: 'asks-3ds' },
  { number: '4000 0000 0000 0119', outcome: 'times-out' },
];
/** The 3-D Secure code the test bank accepts. */
export const TEST_3DS_CODE = '1234';

const outcomeByLast4 = new Map(TEST_CARDS.map((card) => [card.number.slice(-4), card.outcome]));

/**
 * A test-mode acquirer in the process: each test card has a fixed outcome, and every other valid card
 * succeeds. Like a real acquirer it knows payments by the merchant's id (a repeat is the same payment),
 * tokenizes cards without keeping their numbers, and a "timed out" payment was in fact charged: only a
 * status check finds out. Its memory is the process: after a restart it knows no payment (`unknown`).
 */
export class TestAcquirer implements Acquirer {
  readonly testMode = true;
  /** Each payment's answer, and the card it was made with until `forgetCardData` (the end of a kiosk visit). */
  private readonly payments = new Map<string, { answer: AcquirerAnswer; tokenize: boolean; card: SeenCard | null }>();
  /** Counts charges the acquirer really made: tests check that a retry never charges twice. */
  charged = 0;

  async charge(request: { paymentId: string; amountKopecks: number; card: CardDetails | { token: string }; tokenize: boolean }): Promise<AcquirerAnswer> {
    const known = this.payments.get(request.paymentId);
    if (known) return known.answer;
    const last4 = 'token' in request.card ? (/^tok_(\d{4})_/.exec(request.card.token)?.[1] ?? '0000') : request.card.number.slice(-4);
    const card: SeenCard =
      'token' in request.card
        ? { last4, brand: 'card', expMonth: 12, expYear: 2099 }
        : { last4, brand: cardBrand(request.card.number)?.type ?? 'card', expMonth: request.card.expMonth, expYear: request.card.expYear };
    const outcome = outcomeByLast4.get(last4) ?? 'succeeds';
    const answer: AcquirerAnswer =
      outcome === 'insufficient-funds'
        ? { outcome: 'declined', reason: 'insufficient-funds' }
        : outcome === 'asks-3ds'
          ? { outcome: 'challenge' }
          : this.success(request.tokenize, card);
    this.payments.set(request.paymentId, { answer, tokenize: request.tokenize, card });
    if (answer.outcome === 'succeeded') this.charged += 1;
    if (outcome === 'times-out') throw new AcquirerTimeoutError();
    return answer;
  }

  async completeChallenge(paymentId: string, code: string): Promise<AcquirerAnswer> {
    const known = this.payments.get(paymentId);
    if (!known) return { outcome: 'declined', reason: 'not-found-at-acquirer' };
    if (known.answer.outcome !== 'challenge') return known.answer;
    known.answer = code === TEST_3DS_CODE ? this.success(known.tokenize, known.card) : { outcome: 'declined', reason: 'wrong-3ds-code' };
    if (known.answer.outcome === 'succeeded') this.charged += 1;
    return known.answer;
  }

  async status(paymentId: string): Promise<AcquirerAnswer | { outcome: 'unknown' }> {
    return this.payments.get(paymentId)?.answer ?? { outcome: 'unknown' };
  }

  /** The cards it remembers, as a bank's test console would show them: last four digits, brand and expiry. */
  rememberedCards(): SeenCard[] {
    const cards: SeenCard[] = [];
    for (const { answer, card } of this.payments.values()) {
      if (card) cards.push({ ...card });
      if (answer.outcome === 'succeeded' && answer.token) cards.push({ last4: answer.token.last4, brand: answer.token.brand, expMonth: answer.token.expMonth, expYear: answer.token.expYear });
    }
    return cards;
  }

  /** Keeps each payment's outcome (a status check still answers), forgets the card and any token it made. */
  forgetCardData(): void {
    for (const known of this.payments.values()) {
      known.card = null;
      known.tokenize = false;
      if (known.answer.outcome === 'succeeded') known.answer = { outcome: 'succeeded' };
    }
  }

  private success(tokenize: boolean, card: SeenCard | null): AcquirerAnswer {
    if (!tokenize || !card) return { outcome: 'succeeded' };
    return { outcome: 'succeeded', token: { token: `tok_${card.last4}_${randomBytes(12).toString('hex')}`, ...card } };
  }
}

/** Test-mode e-wallets: the person approves or declines on the wallet's page, nothing else can fail. */
export class TestWallets implements WalletGateway {
  private readonly begun = new Set<string>();

  async begin(request: { paymentId: string }): Promise<void> {
    this.begun.add(request.paymentId);
  }

  async finish(paymentId: string, approved: boolean): Promise<{ outcome: 'succeeded' } | { outcome: 'declined' }> {
    // A wallet page opened before a restart is gone; the person starts again.
    if (!this.begun.delete(paymentId)) return { outcome: 'declined' };
    return approved ? { outcome: 'succeeded' } : { outcome: 'declined' };
  }
}
