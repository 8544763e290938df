import type { Migration } from './index';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema: regions, catalog, subscribers, lines, ledger, usage, sign-ins',
  statements: [
    `CREATE TABLE regions (
       id TEXT PRIMARY KEY,
       name_ru TEXT NOT NULL,
       name_en TEXT NOT NULL,
       time_zone TEXT NOT NULL
     )`,
    `CREATE TABLE tariffs (
       id TEXT PRIMARY KEY,
       name_ru TEXT NOT NULL,
       name_en TEXT NOT NULL,
       description_ru TEXT NOT NULL,
       description_en TEXT NOT NULL,
       archived INTEGER NOT NULL
     )`,
    `CREATE TABLE tariff_packages (
       tariff_id TEXT NOT NULL REFERENCES tariffs(id),
       kind TEXT NOT NULL CHECK (kind IN ('voice', 'sms', 'data')),
       amount INTEGER NOT NULL CHECK (amount > 0),
       PRIMARY KEY (tariff_id, kind)
     )`,
    `CREATE TABLE tariff_prices (
       tariff_id TEXT NOT NULL REFERENCES tariffs(id),
       region_id TEXT NOT NULL REFERENCES regions(id),
       monthly_fee_kopecks INTEGER NOT NULL CHECK (monthly_fee_kopecks >= 0),
       PRIMARY KEY (tariff_id, region_id)
     )`,
    `CREATE TABLE services (
       id TEXT PRIMARY KEY,
       category TEXT NOT NULL,
       name_ru TEXT NOT NULL,
       name_en TEXT NOT NULL,
       description_ru TEXT NOT NULL,
       description_en TEXT NOT NULL
     )`,
    `CREATE TABLE service_prices (
       service_id TEXT NOT NULL REFERENCES services(id),
       region_id TEXT NOT NULL REFERENCES regions(id),
       monthly_fee_kopecks INTEGER NOT NULL CHECK (monthly_fee_kopecks >= 0),
       PRIMARY KEY (service_id, region_id)
     )`,
    `CREATE TABLE subscribers (
       id TEXT PRIMARY KEY,
       full_name TEXT NOT NULL,
       region_id TEXT NOT NULL REFERENCES regions(id),
       password_hash TEXT,
       password_set_at TEXT,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE lines (
       id TEXT PRIMARY KEY,
       msisdn TEXT NOT NULL UNIQUE,
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       tariff_id TEXT NOT NULL REFERENCES tariffs(id),
       status TEXT NOT NULL CHECK (status IN ('active', 'restricted', 'blocked')),
       billing_day INTEGER NOT NULL CHECK (billing_day BETWEEN 1 AND 28),
       created_at TEXT NOT NULL
     )`,
    `CREATE INDEX lines_by_subscriber ON lines (subscriber_id)`,
    `CREATE TABLE ledger_transactions (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL,
       idempotency_key TEXT UNIQUE,
       created_at TEXT NOT NULL
     )`,
    `CREATE TABLE ledger_entries (
       id TEXT PRIMARY KEY,
       transaction_id TEXT NOT NULL REFERENCES ledger_transactions(id),
       account TEXT NOT NULL,
       amount_kopecks INTEGER NOT NULL
     )`,
    `CREATE INDEX ledger_entries_by_account ON ledger_entries (account)`,
    `CREATE TABLE usage_events (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       kind TEXT NOT NULL CHECK (kind IN ('voice', 'sms', 'data')),
       occurred_at TEXT NOT NULL,
       quantity INTEGER NOT NULL CHECK (quantity > 0),
       billed_units INTEGER NOT NULL CHECK (billed_units > 0)
     )`,
    `CREATE INDEX usage_by_line_time ON usage_events (line_id, occurred_at)`,
    `CREATE TABLE sign_ins (
       id TEXT PRIMARY KEY,
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       line_id TEXT NOT NULL REFERENCES lines(id),
       way TEXT NOT NULL,
       at TEXT NOT NULL,
       device TEXT NOT NULL
     )`,
    `CREATE INDEX sign_ins_by_subscriber ON sign_ins (subscriber_id, at)`,
  ],
};
