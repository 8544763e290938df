import type { Migration } from './index';

/**
 * Minutes and megabytes move as a ledger of their own, as money does: a transaction's entries sum to zero per
 * kind, and an idempotency key posts it once. An entry names its account and, for a line's account, the line,
 * the bucket (`package`: moves in and out of the period's own package; `received`, `bought`, `exchanged`:
 * spendable packages) and the instants it may be spent between. Lots of the remainders market hold what they
 * offer on an account of their own. Codes may now confirm a share of gigabytes (`share`).
 */
export const remaindersLedger: Migration = {
  version: 21,
  name: 'a ledger of remainders (minutes, kilobytes), the remainders market, codes that confirm a share',
  statements: [
    `CREATE TABLE remainder_transactions (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL,
       idempotency_key TEXT NOT NULL UNIQUE,
       line_id TEXT REFERENCES lines(id),
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE remainder_entries (
       id TEXT PRIMARY KEY,
       transaction_id TEXT NOT NULL REFERENCES remainder_transactions(id),
       account TEXT NOT NULL,
       line_id TEXT REFERENCES lines(id),
       bucket TEXT CHECK (bucket IS NULL OR bucket IN ('package', 'received', 'bought', 'exchanged')),
       kind TEXT NOT NULL CHECK (kind IN ('voice', 'data')),
       units INTEGER NOT NULL,
       valid_from TEXT NOT NULL,
       valid_until TEXT NOT NULL
     )`,
    `CREATE INDEX remainder_entries_by_line ON remainder_entries (line_id, kind, bucket, valid_from)`,
    `CREATE INDEX remainder_entries_by_account ON remainder_entries (account)`,
    `CREATE INDEX remainder_transactions_by_line ON remainder_transactions (line_id, created_at)`,
    `CREATE TABLE remainder_lots (
       id TEXT PRIMARY KEY,
       seller_line_id TEXT NOT NULL REFERENCES lines(id),
       kind TEXT NOT NULL CHECK (kind IN ('voice', 'data')),
       amount INTEGER NOT NULL CHECK (amount > 0),
       price_kopecks INTEGER NOT NULL CHECK (price_kopecks > 0),
       state TEXT NOT NULL CHECK (state IN ('listed', 'sold', 'withdrawn')),
       listed_at TEXT NOT NULL,
       window_from TEXT NOT NULL,
       valid_until TEXT NOT NULL,
       buyer_line_id TEXT REFERENCES lines(id),
       closed_at TEXT,
       idempotency_key TEXT NOT NULL UNIQUE,
       buy_key TEXT UNIQUE
     )`,
    `CREATE INDEX remainder_lots_open ON remainder_lots (state, kind, valid_until)`,
    `CREATE INDEX remainder_lots_by_seller ON remainder_lots (seller_line_id, state)`,
    `CREATE TABLE remainder_shares (
       id TEXT PRIMARY KEY,
       sender_line_id TEXT NOT NULL REFERENCES lines(id),
       recipient_msisdn TEXT NOT NULL,
       gigabytes INTEGER NOT NULL CHECK (gigabytes > 0),
       fee_kopecks INTEGER NOT NULL CHECK (fee_kopecks >= 0),
       state TEXT NOT NULL CHECK (state IN ('awaiting-confirmation', 'done', 'failed')),
       idempotency_key TEXT NOT NULL UNIQUE,
       created_at TEXT NOT NULL,
       confirmed_at TEXT
     )`,
    `CREATE INDEX remainder_shares_by_sender ON remainder_shares (sender_line_id, created_at)`,
    `CREATE TABLE otp_challenges_v21 (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'register', 'recover', 'transfer', 'attach', 'email', 'share')),
       code_hash TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       state TEXT NOT NULL CHECK (state IN ('active', 'used', 'void')),
       subject TEXT NOT NULL DEFAULT '',
       sent_at INTEGER
     )`,
    `INSERT INTO otp_challenges_v21 (id, msisdn, purpose, code_hash, created_at, expires_at, failed_attempts, state, subject, sent_at)
       SELECT id, msisdn, purpose, code_hash, created_at, expires_at, failed_attempts, state, subject, sent_at FROM otp_challenges`,
    `DROP TABLE otp_challenges`,
    `ALTER TABLE otp_challenges_v21 RENAME TO otp_challenges`,
    `CREATE INDEX otp_by_number_time_v21 ON otp_challenges (msisdn, created_at)`,
    `CREATE INDEX otp_by_subject_v21 ON otp_challenges (msisdn, purpose, subject, created_at)`,
  ],
};
