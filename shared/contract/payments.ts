import { z } from 'zod';
import { CARD_EXPECTED, cardProblems } from '../card';
import { method } from './method';
import { CodeLength, E164Schema, Instant, Kopecks, LocalDate, LocalizedText, NoInput, OneTimeCodeInput, PhoneInput } from './common';

export const PaymentKind = z.enum(['card', 'wallet', 'transfer-out', 'transfer-in', 'promised', 'promised-repayment', 'promised-write-off']);
export type PaymentKind = z.infer<typeof PaymentKind>;

/**
 * pending: sent to the acquirer, no answer yet (a status check resolves it); challenge: the bank asks
 * for a 3-D Secure code; awaiting-confirmation: waits for the wallet's page or the SMS code.
 */
export const PaymentStatus = z.enum(['pending', 'challenge', 'awaiting-confirmation', 'succeeded', 'declined', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** Why a payment did not go through, in terms the renderer turns into words. */
export const DeclineReason = z.enum([
  'insufficient-funds',
  'card-expired',
  'do-not-honor',
  'wrong-3ds-code',
  'wallet-declined',
  'code-failed',
  'not-found-at-acquirer',
  'cancelled',
  /** The acquirer could not be reached (or refused our shop's credentials): the request never got there, nothing was charged. */
  'acquirer-unavailable',
]);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const Payment = z.object({
  id: z.string(),
  kind: PaymentKind,
  status: PaymentStatus,
  amountKopecks: Kopecks,
  /** A commission or fee on top of the amount (a transfer's commission, a promised payment's fee). */
  feeKopecks: Kopecks,
  /** How it was paid, as the receipt shows it: "Visa •• 1111", a wallet's name, a number. */
  method: z.string(),
  /** The other number of a transfer. */
  counterparty: E164Schema.nullable(),
  declineReason: DeclineReason.nullable(),
  /** Made by the autopay rule. */
  autopay: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Payment = z.infer<typeof Payment>;

export const SavedCard = z.object({
  id: z.string(),
  brand: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export type SavedCard = z.infer<typeof SavedCard>;

const Limits = z.object({ minKopecks: Kopecks, maxKopecks: Kopecks });

export const PaymentOptions = z.object({
  /** The card top-up's limits and the amounts offered as chips beside its field (payments.json). */
  card: Limits.extend({ quickAmountsKopecks: z.array(Kopecks) }),
  wallets: z.array(z.object({ id: z.string(), name: LocalizedText, minKopecks: Kopecks, maxKopecks: Kopecks })),
  /** Limits and what is already sent today and this month, counted by the day a transfer was confirmed in the line's region. */
  transfer: z.object({
    minKopecks: Kopecks,
    maxKopecks: Kopecks,
    perDayKopecks: Kopecks,
    perMonthKopecks: Kopecks,
    commissionKopecks: Kopecks,
    sentTodayKopecks: Kopecks,
    sentThisMonthKopecks: Kopecks,
    /**
     * Why no transfer at all can be made from this line now, whatever the number and amount (null: one can): said
     * before the form is filled, with the same reasons the preview gives.
     */
    unavailable: z.enum(['sim-blocked', 'line-restricted', 'promised-payment-open', 'daily-limit', 'monthly-limit', 'insufficient-funds']).nullable(),
  }),
  savedCards: z.array(SavedCard),
  /** The embedded acquirer is a test one: its cards are listed so that a person can try each outcome. */
  testCards: z.array(z.object({ number: z.string(), outcome: z.enum(['succeeds', 'insufficient-funds', 'asks-3ds', 'times-out']) })),
  /** How the bank asks for 3-D Secure: a code typed into the cabinet (the test acquirer), or the bank's own page in a window of its own. */
  challenge: z.enum(['code', 'redirect']),
});
export type PaymentOptions = z.infer<typeof PaymentOptions>;

const IdempotencyKey = z.uuid({ error: 'expected a UUID made by the window for this payment' });
const Amount = z.number({ error: 'expected an amount in kopecks' }).int('expected whole kopecks').positive('expected an amount above zero');
const PaymentId = z.string({ error: 'expected a payment id' }).regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a payment id');

/** A new card as typed: each field is checked with the card library, and an error names the field. */
export const NewCard = z
  .strictObject({
    number: z.string({ error: `expected ${CARD_EXPECTED.number}` }).max(40),
    expiry: z.string({ error: `expected ${CARD_EXPECTED.expiry}` }).max(10),
    cvc: z.string({ error: `expected ${CARD_EXPECTED.cvc}` }).max(4),
  })
  .superRefine((card, ctx) => {
    // The form only: whether the card has expired is the core's to say, by the app's clock.
    for (const problem of cardProblems(card, null)) ctx.addIssue({ code: 'custom', path: [problem.field], message: `expected ${problem.expected}` });
  });

export const TransferPreview = z.object({
  to: E164Schema,
  amountKopecks: Kopecks,
  commissionKopecks: Kopecks,
  /** What lands on the recipient's balance: the whole amount (the commission is on top). */
  recipientGetsKopecks: Kopecks,
  /** What leaves the sender's balance: amount plus commission. */
  totalKopecks: Kopecks,
  balanceAfterKopecks: Kopecks,
  allowed: z.boolean(),
  /** When not allowed, why. */
  reason: z
    .enum(['below-minimum', 'above-maximum', 'daily-limit', 'monthly-limit', 'insufficient-funds', 'promised-payment-open', 'sim-blocked', 'line-restricted', 'same-number', 'not-a-subscriber', 'transfers-banned'])
    .nullable(),
});
export type TransferPreview = z.infer<typeof TransferPreview>;

export const PromisedIneligibility = z.enum(['line-too-young', 'already-open', 'taken-recently', 'balance-too-low', 'line-restricted', 'sim-blocked']);
export type PromisedIneligibility = z.infer<typeof PromisedIneligibility>;

export const PromisedOffer = z.object({
  eligible: z.boolean(),
  reasons: z.array(PromisedIneligibility),
  minKopecks: Kopecks,
  /** The most on offer for this line now (0 when not eligible). */
  maxKopecks: Kopecks,
  termDays: z.number().int(),
  /** The operator's fee rule (see shared/promisedFee.ts). */
  fee: z.object({ freeUpToKopecks: Kopecks, percentAbove: z.number(), percentOf: z.enum(['whole-amount', 'part-above']) }),
  lineAgeDays: z.number().int(),
  /** The operator's rules the reasons refer to, so that the words about them come from the operator data. */
  rules: z.object({ minLineAgeDays: z.number().int().nonnegative(), cooldownDays: z.number().int().nonnegative(), lowestBalanceKopecks: z.number().int() }),
  /** The open promised payment, if there is one. */
  open: z.object({ amountKopecks: Kopecks, feeKopecks: Kopecks, owedKopecks: Kopecks, takenAt: Instant, dueAt: Instant }).nullable(),
  /** When the next one may be taken, if the last one was too recent. */
  availableFrom: Instant.nullable(),
});
export type PromisedOffer = z.infer<typeof PromisedOffer>;

export const HistoryFilter = z.enum(['all', 'top-ups', 'transfers', 'promised']);

export const Receipt = z.object({
  number: z.string(),
  issuedAt: Instant,
  operator: z.object({ name: z.string(), inn: z.string() }),
  msisdn: E164Schema,
  payment: Payment,
});
export type Receipt = z.infer<typeof Receipt>;

export const AutopayRule = z.object({
  cardId: z.string(),
  amountKopecks: Kopecks,
  mode: z.enum(['threshold', 'monthly']),
  thresholdKopecks: Kopecks.nullable(),
  dayOfMonth: z.number().int().nullable(),
  paused: z.boolean(),
});
export type AutopayRule = z.infer<typeof AutopayRule>;

export const AutopaySetting = z
  .strictObject({
    cardId: z.string({ error: 'expected a saved card' }).regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a saved card id'),
    amountKopecks: Amount,
    mode: z.enum(['threshold', 'monthly'], { error: 'expected "threshold" or "monthly"' }),
    thresholdKopecks: z.number().int('expected whole kopecks').min(0, 'expected a threshold of 0 ₽ or more').max(1_000_000, 'expected a threshold up to 10 000 ₽').optional(),
    dayOfMonth: z.number().int('expected a day of the month').min(1, 'expected a day from 1 to 28').max(28, 'expected a day from 1 to 28').optional(),
  })
  .superRefine((setting, ctx) => {
    if (setting.mode === 'threshold' && setting.thresholdKopecks === undefined) {
      ctx.addIssue({ code: 'custom', path: ['thresholdKopecks'], message: 'expected the balance below which to top up' });
    }
    if (setting.mode === 'monthly' && setting.dayOfMonth === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dayOfMonth'], message: 'expected a day from 1 to 28' });
    }
  });

export const payments = {
  /** Limits, wallets, saved cards and today's transfers: what the «Платежи» forms need. */
  options: method({ access: 'session', input: NoInput, output: PaymentOptions }),
  /**
   * Tops the balance up by a new card or a saved one. Idempotent under the key: a retry answers with the
   * same payment. The answer may be `challenge` (ask for the 3-D Secure code) or `pending` (no answer yet).
   */
  topUpByCard: method({
    access: 'session',
    input: z
      .strictObject({
        amountKopecks: Amount,
        /** A new card, or `savedCardId`: exactly one of them. */
        card: NewCard.optional(),
        savedCardId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a saved card id').optional(),
        remember: z.boolean().default(false),
        idempotencyKey: IdempotencyKey,
      })
      .superRefine((input, ctx) => {
        if ((input.card === undefined) === (input.savedCardId === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['card'], message: 'expected either a new card or a saved card id' });
        }
      }),
    output: Payment,
  }),
  /** The 3-D Secure code the bank asked for. */
  confirmChallenge: method({
    access: 'session',
    input: z.strictObject({ paymentId: PaymentId, code: z.string({ error: 'expected the code from the bank' }).regex(/^\d{4,8}$/, 'expected the 4–8 digits the bank sent') }),
    output: Payment,
  }),
  /**
   * For an acquirer whose bank confirms on its own page (options' `challenge: 'redirect'`): opens that page in a
   * window of its own and answers when the person is back (or closed it), with what the acquirer then says.
   */
  confirmInBankWindow: method({ access: 'session', input: z.strictObject({ paymentId: PaymentId }), output: Payment }),
  /** Closes the bank's window: `confirmInBankWindow` answers; a payment the bank has not confirmed stays pending until the acquirer says. */
  cancelBankWindow: method({ access: 'session', input: z.strictObject({ paymentId: PaymentId }), output: z.object({ closed: z.boolean() }) }),
  /** Asks the acquirer what became of a pending payment. */
  checkStatus: method({ access: 'session', input: z.strictObject({ paymentId: PaymentId }), output: Payment }),
  topUpByWallet: method({
    access: 'session',
    input: z.strictObject({ walletId: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a wallet id'), amountKopecks: Amount, idempotencyKey: IdempotencyKey }),
    output: Payment,
  }),
  /** The person's answer on the wallet's page. */
  confirmWallet: method({ access: 'session', input: z.strictObject({ paymentId: PaymentId, approve: z.boolean() }), output: Payment }),
  forgetCard: method({ access: 'session', input: z.strictObject({ cardId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }), output: z.array(SavedCard) }),
  /** What a transfer would do, and whether the rules allow it: nothing is sent. */
  previewTransfer: method({ access: 'session', input: z.strictObject({ to: PhoneInput, amountKopecks: Amount }), output: TransferPreview }),
  /** Checks the rules and sends an SMS code to the sender's phone; the money moves on `confirmTransfer`. */
  startTransfer: method({
    access: 'session',
    input: z.strictObject({ to: PhoneInput, amountKopecks: Amount, idempotencyKey: IdempotencyKey }),
    output: z.object({ payment: Payment, codeExpiresAt: Instant, codeLength: CodeLength }),
  }),
  confirmTransfer: method({
    access: 'session',
    input: z.strictObject({ paymentId: PaymentId, code: OneTimeCodeInput('SMS') }),
    output: Payment,
  }),
  promisedOffer: method({ access: 'session', input: NoInput, output: PromisedOffer }),
  takePromised: method({ access: 'session', input: z.strictObject({ amountKopecks: Amount, idempotencyKey: IdempotencyKey }), output: PromisedOffer }),
  history: method({
    access: 'session',
    input: z.strictObject({ filter: HistoryFilter.default('all'), from: LocalDate.optional(), to: LocalDate.optional() }),
    output: z.array(Payment),
  }),
  receipt: method({ access: 'session', input: z.strictObject({ paymentId: PaymentId }), output: Receipt }),
  /** The line's autopay rule (null: none). */
  autopay: method({ access: 'session', input: NoInput, output: AutopayRule.nullable() }),
  /** Sets (or replaces) the rule; it may top up at once if its condition already holds. */
  setAutopay: method({ access: 'session', input: AutopaySetting, output: AutopayRule.nullable() }),
  pauseAutopay: method({ access: 'session', input: z.strictObject({ paused: z.boolean() }), output: AutopayRule.nullable() }),
  removeAutopay: method({ access: 'session', input: NoInput, output: AutopayRule.nullable() }),
};
