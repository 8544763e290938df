/** The core's own model of paid content subscriptions, bans and budgets (the store implements the repositories). */

export interface LocalText {
  ru: string;
  en: string;
}

/** How often a content subscription is charged, counted from the moment it started, in the region's calendar. */
export type ChargeEvery = 'day' | 'week' | 'month';

/** One subscription a content provider offers (operator data, content.json). */
export interface ContentOffer {
  id: string;
  name: LocalText;
  feeKopecks: number;
  every: ChargeEvery;
  provider: { id: string; name: LocalText; shortNumber: string };
}

export interface ContentSubscriptionRecord {
  id: string;
  lineId: string;
  offerId: string;
  startedAt: string;
  cancelledAt: string | null;
  /** The instant the last charged (or skipped) period ends; null: no period charged yet. */
  paidThrough: string | null;
}

export interface ContentSubscriptionRepository {
  /** The line's subscriptions, active and cancelled, oldest first. */
  ofLine(lineId: string): Promise<ContentSubscriptionRecord[]>;
  add(record: ContentSubscriptionRecord): Promise<void>;
  /** Marks it cancelled unless it already is (a second cancel keeps the first time). */
  cancel(id: string, at: string): Promise<void>;
  setPaidThrough(id: string, paidThrough: string): Promise<void>;
}

export type BanKind = 'content' | 'premium-sms' | 'transfers';
export const banKinds: readonly BanKind[] = ['content', 'premium-sms', 'transfers'];

export interface BanChange {
  id: string;
  lineId: string;
  kind: BanKind;
  on: boolean;
  at: string;
  /** Whose password confirmed it. */
  subscriberId: string;
}

export interface LineBanRepository {
  /** The bans in force on the line, with when each was set. */
  ofLine(lineId: string): Promise<Array<{ kind: BanKind; since: string }>>;
  set(lineId: string, kind: BanKind, on: boolean, at: string): Promise<void>;
  /** The audit trail: every toggle, kept. */
  record(change: BanChange): Promise<void>;
  history(lineId: string, limit: number): Promise<BanChange[]>;
}

export interface BudgetRecord {
  lineId: string;
  /** Kopecks a billing period. */
  monthlyKopecks: number;
  setAt: string;
}

export interface BudgetRepository {
  of(lineId: string): Promise<BudgetRecord | null>;
  set(record: BudgetRecord): Promise<void>;
  clear(lineId: string): Promise<void>;
}
