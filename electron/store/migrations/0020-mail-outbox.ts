import type { Migration } from './index';

/**
 * Letters (receipts, security notices) wait in an outbox written in the same transaction as the event
 * they tell of; a sender drains it. The profile keeps the language the subscriber last used, which the
 * letters are written in.
 */
export const mailOutbox: Migration = {
  version: 20,
  name: "the mail outbox (receipts and security notices, one per event) and the profile's language",
  statements: [
    `ALTER TABLE subscriber_profiles ADD COLUMN language TEXT CHECK (language IN ('ru', 'en'))`,
    `CREATE TABLE mail_outbox (
       id TEXT PRIMARY KEY,
       event_key TEXT NOT NULL UNIQUE,
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       kind TEXT NOT NULL,
       recipient TEXT NOT NULL,
       language TEXT NOT NULL CHECK (language IN ('ru', 'en')),
       subject TEXT NOT NULL,
       text_body TEXT NOT NULL,
       html_body TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
       attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
       next_attempt_at INTEGER NOT NULL,
       lease_until INTEGER,
       last_error TEXT,
       message_id TEXT,
       created_at TEXT NOT NULL,
       sent_at TEXT
     )`,
    `CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)`,
    `CREATE INDEX mail_outbox_by_subscriber ON mail_outbox (subscriber_id, created_at)`,
  ],
};
