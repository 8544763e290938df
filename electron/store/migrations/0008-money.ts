import type { Migration } from './index';

export const money: Migration = {
  version: 8,
  name: 'payments, saved cards and promised payments; one-time codes may confirm a transfer',
  statements: [
    `CREATE TABLE payments (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       kind TEXT NOT NULL CHECK (kind IN ('card', 'wallet', 'transfer-out', 'transfer-in', 'promised', 'promised-repayment', 'promised-write-off')),
       status TEXT NOT NULL CHECK (status IN ('pending', 'challenge', 'awaiting-confirmation', 'succeeded', 'declined', 'failed')),
       amount_kopecks INTEGER NOT NULL CHECK (amount_kopecks > 0),
       fee_kopecks INTEGER NOT NULL CHECK (fee_kopecks >= 0),
       method TEXT NOT NULL,
       counterparty TEXT,
       decline_reason TEXT,
       idempotency_key TEXT NOT NULL UNIQUE,
       related_id TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     )`,
    `CREATE INDEX payments_by_line_time ON payments (line_id, created_at)`,
    `CREATE INDEX payments_by_status ON payments (status)`,
    `CREATE TABLE saved_cards (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       token TEXT NOT NULL,
       brand TEXT NOT NULL,
       last4 TEXT NOT NULL CHECK (length(last4) = 4),
       exp_month INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
       exp_year INTEGER NOT NULL,
       saved_at TEXT NOT NULL,
       UNIQUE (line_id, brand, last4, exp_month, exp_year)
     )`,
    `CREATE TABLE promised_payments (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       amount_kopecks INTEGER NOT NULL CHECK (amount_kopecks > 0),
       fee_kopecks INTEGER NOT NULL CHECK (fee_kopecks >= 0),
       owed_kopecks INTEGER NOT NULL CHECK (owed_kopecks >= 0),
       taken_at TEXT NOT NULL,
       due_at TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('open', 'repaid', 'written-off')),
       closed_at TEXT
     )`,
    `CREATE INDEX promised_by_line ON promised_payments (line_id, taken_at)`,
    // SQLite cannot change a CHECK in place: the table is rebuilt with 'transfer' among the purposes.
    `CREATE TABLE otp_challenges_v8 (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'register', 'recover', 'transfer')),
       code_hash TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       state TEXT NOT NULL CHECK (state IN ('active', 'used', 'void'))
     )`,
    `INSERT INTO otp_challenges_v8 SELECT id, msisdn, purpose, code_hash, created_at, expires_at, failed_attempts, state FROM otp_challenges`,
    `DROP TABLE otp_challenges`,
    `ALTER TABLE otp_challenges_v8 RENAME TO otp_challenges`,
    `CREATE INDEX otp_by_number_time_v8 ON otp_challenges (msisdn, created_at)`,
  ],
};
