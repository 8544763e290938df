import type { Migration } from './index';

export const signInSecrets: Migration = {
  version: 2,
  name: 'one-time codes, password failure counts and PUKs, all as keyed or slow hashes',
  statements: [
    `CREATE TABLE otp_challenges (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'register', 'recover')),
       code_hash TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       state TEXT NOT NULL CHECK (state IN ('active', 'used', 'void'))
     )`,
    `CREATE INDEX otp_by_number_time ON otp_challenges (msisdn, created_at)`,
    `CREATE TABLE password_failures (
       msisdn TEXT PRIMARY KEY,
       consecutive INTEGER NOT NULL CHECK (consecutive > 0),
       locked_until INTEGER
     )`,
    `CREATE TABLE puk_codes (
       line_id TEXT PRIMARY KEY REFERENCES lines(id),
       puk_hash TEXT NOT NULL,
       failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
       disabled_at INTEGER
     )`,
  ],
};
