import type { Migration } from './index';

export const securityAndNumbers: Migration = {
  version: 11,
  name: 'voluntary SIM blocks, numbers attached to a profile; one-time codes may prove a number to attach',
  statements: [
    `CREATE TABLE sim_blocks (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       blocked_at TEXT NOT NULL,
       unblocked_at TEXT,
       fees_paid_through TEXT
     )`,
    `CREATE INDEX sim_blocks_by_line ON sim_blocks (line_id, blocked_at)`,
    `CREATE TABLE profile_lines (
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       line_id TEXT NOT NULL REFERENCES lines(id),
       attached_at TEXT NOT NULL,
       PRIMARY KEY (subscriber_id, line_id)
     )`,
    `CREATE TABLE otp_challenges_v11 (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'register', 'recover', 'transfer', 'attach')),
       code_hash TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       state TEXT NOT NULL CHECK (state IN ('active', 'used', 'void'))
     )`,
    `INSERT INTO otp_challenges_v11 SELECT id, msisdn, purpose, code_hash, created_at, expires_at, failed_attempts, state FROM otp_challenges`,
    `DROP TABLE otp_challenges`,
    `ALTER TABLE otp_challenges_v11 RENAME TO otp_challenges`,
    `CREATE INDEX otp_by_number_time_v11 ON otp_challenges (msisdn, created_at)`,
  ],
};
