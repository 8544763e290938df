import type { DeclineReason, PaymentKind, PaymentStatus } from './model';

export interface PaymentRecord {
  id: string;
  lineId: string;
  kind: PaymentKind;
  status: PaymentStatus;
  amountKopecks: number;
  feeKopecks: number;
  method: string;
  counterparty: string | null;
  declineReason: DeclineReason | null;
  /** Scoped by operation and line, so that one window's key never answers for another line. */
  idempotencyKey: string;
  /** The payment this one belongs to (a transfer's other half, a repayment's top-up). */
  relatedId: string | null;
  /** Made by the autopay rule, not by a person. */
  autopay?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentRepository {
  add(payment: PaymentRecord): Promise<void>;
  byId(id: string): Promise<PaymentRecord | null>;
  byKey(idempotencyKey: string): Promise<PaymentRecord | null>;
  /** `confirmedOn`: the day (in the payer's region's calendar) a transfer was confirmed; kept once set. */
  update(id: string, change: { status: PaymentStatus; declineReason?: DeclineReason | null; updatedAt: string; confirmedOn?: string }): Promise<void>;
  /** The line's payments within [fromIso, toIso), newest first. */
  forLine(lineId: string, kinds: PaymentKind[], fromIso: string, toIso: string): Promise<PaymentRecord[]>;
  /** Every payment sent to an acquirer that has not settled it yet (pending, or waiting for 3-D Secure), across lines (recovered on start). */
  pending(): Promise<PaymentRecord[]>;
  /** The sum of the line's succeeded outgoing transfers confirmed on the days fromDay…throughDay (YYYY-MM-DD, both included). */
  transfersConfirmed(lineId: string, fromDay: string, throughDay: string): Promise<number>;
}

export interface SavedCardRecord {
  id: string;
  lineId: string;
  /** The acquirer's token: useless without the acquirer, and not the card number. */
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  savedAt: string;
}

export interface SavedCardRepository {
  forLine(lineId: string): Promise<SavedCardRecord[]>;
  /** Saves a card, or leaves the one with the same brand, last four and expiry in place. */
  save(card: SavedCardRecord): Promise<void>;
  remove(lineId: string, cardId: string): Promise<void>;
}

export interface PromisedRecord {
  id: string;
  lineId: string;
  amountKopecks: number;
  feeKopecks: number;
  /** What is still to be repaid: amount plus fee, less what top-ups repaid. */
  owedKopecks: number;
  takenAt: string;
  dueAt: string;
  state: 'open' | 'repaid' | 'written-off';
  closedAt: string | null;
}

export interface PromisedRepository {
  open(lineId: string): Promise<PromisedRecord | null>;
  latest(lineId: string): Promise<PromisedRecord | null>;
  add(record: PromisedRecord): Promise<void>;
  update(id: string, change: Pick<PromisedRecord, 'owedKopecks' | 'state' | 'closedAt'>): Promise<void>;
}

/** A card as the acquirer receives it: the only place the number and CVC go, never stored. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type AcquirerAnswer =
  | { outcome: 'succeeded'; token?: { token: string; brand: string; last4: string; expMonth: number; expYear: number } }
  | { outcome: 'declined'; reason: DeclineReason }
  /** The bank asks the person to confirm (3-D Secure): by a code in our dialog, or on its own page (`confirmationUrl`). */
  | { outcome: 'challenge'; confirmationUrl?: string };

/** No answer in time: the acquirer may or may not have charged; a status check will tell. */
export class AcquirerTimeoutError extends Error {
  constructor() {
    super('the acquirer did not answer in time');
    this.name = 'AcquirerTimeoutError';
  }
}

/**
 * The bank that charges cards. Every call names our payment id, and the acquirer treats a repeat of
 * an id as the same payment: that is what makes a retry after a timeout safe.
 */
export interface Acquirer {
  /** `false` on the adapter wired when nothing is set up: the core refuses with NOT_CONFIGURED before writing anything. */
  readonly configured?: boolean;
  readonly testMode: boolean;
  /**
   * How the bank asks for 3-D Secure: a code typed into our dialog (`code`, the test acquirer), or the bank's own
   * page opened in a window of its own (`redirect`, a real acquirer). `code` when absent.
   */
  readonly challenge?: 'code' | 'redirect';
  /** With `redirect`: the bank's page for a payment waiting for confirmation, and the address it returns to when done; null when none waits. */
  confirmationPage?(paymentId: string): Promise<{ url: string; returnUrl: string } | null>;
  charge(request: { paymentId: string; amountKopecks: number; card: CardDetails | { token: string }; tokenize: boolean }): Promise<AcquirerAnswer>;
  completeChallenge(paymentId: string, code: string): Promise<AcquirerAnswer>;
  /** What became of a payment; `unknown` when the acquirer has no record of it (nothing was charged). */
  status(paymentId: string): Promise<AcquirerAnswer | { outcome: 'unknown' } | { outcome: 'in-progress' }>;
  /**
   * Forgets what it remembers of the cards it saw in this process (digits, expiry, tokens), keeping only each
   * payment's outcome: a kiosk calls it at the end of every visit. An acquirer that keeps nothing locally has none.
   */
  forgetCardData?(): void;
}

/**
 * Where the bank's 3-D Secure page is shown to the person (in the app: a locked-down window of its own that may
 * visit only the acquirer's host and closes when the page sends the person to the return address).
 */
export interface BankPageHost {
  /** Shows the page for a window's payment; `returned` when it reached the return address, `closed` when closed first. */
  show(request: { windowId: string; paymentId: string; url: string; returnUrl: string }): Promise<'returned' | 'closed'>;
  /** Closes the page a window opened for a payment (the person cancelled); false when that window has none open. */
  close(windowId: string, paymentId: string): boolean;
  /** Closes every bank page (a kiosk visit ended: none may be left for the next person). */
  closeAll(): void;
}

/** An e-wallet: the person confirms on the wallet's own page. */
export interface WalletGateway {
  /** `false` on the adapter wired when nothing is set up: the core refuses with NOT_CONFIGURED before writing anything. */
  readonly configured?: boolean;
  begin(request: { paymentId: string; walletId: string; amountKopecks: number }): Promise<void>;
  finish(paymentId: string, approved: boolean): Promise<{ outcome: 'succeeded' } | { outcome: 'declined' }>;
}

export interface AutopayRule {
  lineId: string;
  cardId: string;
  amountKopecks: number;
  /** threshold: when the balance falls below `thresholdKopecks`; monthly: on `dayOfMonth` in the region's calendar. */
  mode: 'threshold' | 'monthly';
  thresholdKopecks: number | null;
  dayOfMonth: number | null;
  paused: boolean;
  updatedAt: string;
}

export interface AutopayRepository {
  forLine(lineId: string): Promise<AutopayRule | null>;
  /** Every rule that is not paused. */
  active(): Promise<AutopayRule[]>;
  save(rule: AutopayRule): Promise<void>;
  remove(lineId: string): Promise<void>;
}
