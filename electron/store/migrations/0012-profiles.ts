import type { Migration } from './index';

export const profiles: Migration = {
  version: 12,
  name: 'subscriber profiles (e-mail, contact address, notification preferences); one-time codes may confirm an e-mail',
  statements: [
    `CREATE TABLE subscriber_profiles (
       subscriber_id TEXT PRIMARY KEY REFERENCES subscribers(id),
       email TEXT,
       email_confirmed_at TEXT,
       pending_email TEXT,
       contact_address TEXT NOT NULL DEFAULT '',
       notify_low_balance_kopecks INTEGER,
       notify_package_percent INTEGER,
       notify_promised_due INTEGER NOT NULL DEFAULT 1,
       notify_payment_arrived INTEGER NOT NULL DEFAULT 1,
       updated_at TEXT NOT NULL
     )`,
    `CREATE TABLE otp_challenges_v12 (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'register', 'recover', 'transfer', 'attach', 'email')),
       code_hash TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       state TEXT NOT NULL CHECK (state IN ('active', 'used', 'void'))
     )`,
    `INSERT INTO otp_challenges_v12 SELECT id, msisdn, purpose, code_hash, created_at, expires_at, failed_attempts, state FROM otp_challenges`,
    `DROP TABLE otp_challenges`,
    `ALTER TABLE otp_challenges_v12 RENAME TO otp_challenges`,
    `CREATE INDEX otp_by_number_time_v12 ON otp_challenges (msisdn, created_at)`,
  ],
};
