/** Remainders that move between lines: voice minutes and data (kept in kilobytes, the rating's unit). */
export type MovableKind = 'voice' | 'data';

/**
 * Where a line's movable remainders sit. `package` holds moves in and out of the period's own package (an
 * exchange or a lot takes from it; what a spendable bucket paid for is put back, since the usage event counts
 * against the package's window too). The spendable ones are spent in this order: `received`, `bought`, `exchanged`.
 */
export type RemainderBucket = 'package' | 'received' | 'bought' | 'exchanged';

export interface RemainderEntry {
  account: string;
  /** The line whose remainders these are; null for the operator's and the market's accounts. */
  lineId: string | null;
  bucket: RemainderBucket | null;
  kind: MovableKind;
  /** Minutes, or kilobytes of data; negative out of the account, positive into it. */
  units: number;
  /** The instants the units may be spent between, [from, until). */
  validFrom: string;
  validUntil: string;
}

export interface RemainderTransaction {
  id: string;
  kind: string;
  idempotencyKey: string;
  lineId: string | null;
  at: string;
  entries: RemainderEntry[];
}

/** A spendable package of a line, as the ledger sums it. */
export interface SpendableBucket {
  account: string;
  bucket: Exclude<RemainderBucket, 'package'>;
  kind: MovableKind;
  units: number;
  validFrom: string;
  validUntil: string;
}

export interface LotRecord {
  id: string;
  sellerLineId: string;
  kind: MovableKind;
  /** Minutes, or whole gigabytes. */
  amount: number;
  priceKopecks: number;
  state: 'listed' | 'sold' | 'withdrawn';
  listedAt: string;
  /** The seller's package window the lot was taken from. */
  windowFrom: string;
  /** A lot can be bought until the end of the seller's period. */
  validUntil: string;
  buyerLineId: string | null;
  closedAt: string | null;
  idempotencyKey: string;
  buyKey: string | null;
}

export interface ShareRecord {
  id: string;
  senderLineId: string;
  recipientMsisdn: string;
  gigabytes: number;
  feeKopecks: number;
  state: 'awaiting-confirmation' | 'done' | 'failed';
  idempotencyKey: string;
  createdAt: string;
  confirmedAt: string | null;
}

export interface RemainderRepository {
  /** Refuses a transaction whose entries do not sum to zero for each kind. */
  post(transaction: RemainderTransaction, entryId: () => string): Promise<void>;
  hasKey(idempotencyKey: string): Promise<boolean>;
  /**
   * In one read: what moved in and out of the line's package with `valid_from` in [windowFrom, windowTo), per
   * kind, and its spendable buckets at `atIso` (positive balances only).
   */
  position(lineId: string, windowFrom: string, windowTo: string, atIso: string): Promise<{ moved: Record<MovableKind, number>; buckets: SpendableBucket[] }>;
  /** The line's ledger transactions, newest first, with the line's own entries. */
  history(lineId: string, limit: number): Promise<Array<{ id: string; kind: string; at: string; entries: Array<{ bucket: RemainderBucket; kind: MovableKind; units: number }> }>>;
  /** The sum of every entry of a kind over the whole ledger: zero, always. */
  totals(): Promise<Record<MovableKind, number>>;
  /** The balance of one account. */
  accountBalance(account: string, kind: MovableKind): Promise<number>;
  /** Units moved out of the line's package by transactions of `kind` posted in [fromIso, toIso) (for per-period limits). */
  movedOutBy(lineId: string, transactionKind: string, fromIso: string, toIso: string): Promise<number>;

  addLot(lot: LotRecord): Promise<void>;
  lot(id: string): Promise<LotRecord | null>;
  lotByKey(idempotencyKey: string): Promise<LotRecord | null>;
  lotByBuyKey(buyKey: string): Promise<LotRecord | null>;
  /** Marks a listed lot sold to the buyer; false when it was no longer listed (sold or withdrawn first). */
  sell(id: string, buyerLineId: string, buyKey: string, at: string): Promise<boolean>;
  /** Marks a listed lot withdrawn; false when it was no longer listed. */
  withdraw(id: string, at: string): Promise<boolean>;
  /** Listed lots of a kind still valid at `atIso`, cheapest per unit first. */
  openLots(kind: MovableKind, atIso: string, limit: number): Promise<LotRecord[]>;
  /** The seller's lots, newest first. */
  lotsOf(sellerLineId: string, limit: number): Promise<LotRecord[]>;

  addShare(share: ShareRecord): Promise<void>;
  share(id: string): Promise<ShareRecord | null>;
  shareByKey(idempotencyKey: string): Promise<ShareRecord | null>;
  /** Moves an awaiting share to done or failed; false when it was not awaiting (confirmed by a parallel call). */
  settleShare(id: string, state: 'done' | 'failed', at: string): Promise<boolean>;
}
