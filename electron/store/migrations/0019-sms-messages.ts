import type { Migration } from './index';

/**
 * The journal of SMS through the operator's SMS centre (SMPP): each message to or from a subscriber's phone,
 * and each of its parts with the id the SMS centre gave it, which its delivery receipt comes back with.
 * Texts are kept with their codes hidden.
 */
export const smsMessages: Migration = {
  version: 19,
  name: 'SMS to and from subscribers through the SMS centre, their parts and delivery receipts',
  statements: [
    `CREATE TABLE sms_messages (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL,
       direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
       preview TEXT NOT NULL,
       parts INTEGER NOT NULL CHECK (parts >= 1),
       status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'undeliverable', 'failed', 'received')),
       detail TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     )`,
    `CREATE INDEX sms_messages_by_msisdn ON sms_messages (msisdn, created_at)`,
    `CREATE TABLE sms_parts (
       message_id TEXT NOT NULL REFERENCES sms_messages(id),
       number INTEGER NOT NULL CHECK (number >= 1),
       smsc_id TEXT,
       status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'undeliverable', 'failed')),
       updated_at TEXT NOT NULL,
       PRIMARY KEY (message_id, number)
     )`,
    `CREATE INDEX sms_parts_by_smsc_id ON sms_parts (smsc_id)`,
  ],
};
