import type { LocalizedText } from '../model';

/**
 * Money's read models as the core makes them. The IPC contract (shared/contract/payments.ts) declares the same
 * shapes for the wire; `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same.
 */
export type PaymentKind = 'card' | 'wallet' | 'transfer-out' | 'transfer-in' | 'promised' | 'promised-repayment' | 'promised-write-off';

/**
 * pending: sent to the acquirer, no answer yet (a status check resolves it); challenge: the bank asks for a 3-D
 * Secure code; awaiting-confirmation: waits for the wallet's page or the SMS code.
 */
export type PaymentStatus = 'pending' | 'challenge' | 'awaiting-confirmation' | 'succeeded' | 'declined' | 'failed';

/** Why a payment did not go through. */
export type DeclineReason =
  | 'insufficient-funds'
  | 'card-expired'
  | 'do-not-honor'
  | 'wrong-3ds-code'
  | 'wallet-declined'
  | 'code-failed'
  | 'not-found-at-acquirer'
  | 'cancelled'
  /** The acquirer could not be reached: the request never got there, nothing was charged. */
  | 'acquirer-unavailable';

export interface Payment {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
  amountKopecks: number;
  /** A commission or fee on top of the amount (a transfer's commission, a promised payment's fee). */
  feeKopecks: number;
  /** How it was paid, as the receipt shows it: "Visa •• 1111", a wallet's name, a number. */
  method: string;
  /** The other number of a transfer. */
  counterparty: string | null;
  declineReason: DeclineReason | null;
  /** Made by the autopay rule. */
  autopay: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** Why no transfer at all can be made from a line now, whatever the number and amount. */
export type TransferUnavailable = 'sim-blocked' | 'line-restricted' | 'promised-payment-open' | 'daily-limit' | 'monthly-limit' | 'insufficient-funds';

export interface PaymentOptions {
  /** The card top-up's limits and the amounts offered as chips beside its field (payments.json). */
  card: { minKopecks: number; maxKopecks: number; quickAmountsKopecks: number[] };
  wallets: Array<{ id: string; name: LocalizedText; minKopecks: number; maxKopecks: number }>;
  /** Limits and what is already sent today and this month (by the day a transfer was confirmed, region's calendar). */
  transfer: {
    minKopecks: number;
    maxKopecks: number;
    perDayKopecks: number;
    perMonthKopecks: number;
    commissionKopecks: number;
    sentTodayKopecks: number;
    sentThisMonthKopecks: number;
    unavailable: TransferUnavailable | null;
  };
  savedCards: SavedCard[];
  /** The embedded acquirer is a test one: its cards are listed so that a person can try each outcome. */
  testCards: Array<{ number: string; outcome: 'succeeds' | 'insufficient-funds' | 'asks-3ds' | 'times-out' }>;
  /** How the bank asks for 3-D Secure: a code typed into the cabinet, or the bank's own page in a window of its own. */
  challenge: 'code' | 'redirect';
}

export type TransferRefusal = TransferUnavailable | 'below-minimum' | 'above-maximum' | 'same-number' | 'not-a-subscriber' | 'transfers-banned';

export interface TransferPreview {
  to: string;
  amountKopecks: number;
  commissionKopecks: number;
  /** What lands on the recipient's balance: the whole amount (the commission is on top). */
  recipientGetsKopecks: number;
  /** What leaves the sender's balance: amount plus commission. */
  totalKopecks: number;
  balanceAfterKopecks: number;
  allowed: boolean;
  /** When not allowed, why. */
  reason: TransferRefusal | null;
}

export type PromisedIneligibility = 'line-too-young' | 'already-open' | 'taken-recently' | 'balance-too-low' | 'line-restricted' | 'sim-blocked';

export interface PromisedOffer {
  eligible: boolean;
  reasons: PromisedIneligibility[];
  minKopecks: number;
  /** The most on offer for this line now (0 when not eligible). */
  maxKopecks: number;
  termDays: number;
  /** The operator's fee rule (see shared/promisedFee.ts). */
  fee: { freeUpToKopecks: number; percentAbove: number; percentOf: 'whole-amount' | 'part-above' };
  lineAgeDays: number;
  /** The operator's rules the reasons refer to. */
  rules: { minLineAgeDays: number; cooldownDays: number; lowestBalanceKopecks: number };
  /** The open promised payment, if there is one. */
  open: { amountKopecks: number; feeKopecks: number; owedKopecks: number; takenAt: string; dueAt: string } | null;
  /** When the next one may be taken, if the last one was too recent. */
  availableFrom: string | null;
}

export interface Receipt {
  number: string;
  issuedAt: string;
  operator: { name: string; inn: string };
  msisdn: string;
  payment: Payment;
}

/** The autopay rule as the payments screen shows it. */
export interface AutopayView {
  cardId: string;
  amountKopecks: number;
  mode: 'threshold' | 'monthly';
  thresholdKopecks: number | null;
  dayOfMonth: number | null;
  paused: boolean;
}
