import type { Migration } from './index';

/**
 * Issue 23, items 4–5: paid content subscriptions of a line (what each costs is operator data, content.json; the
 * charges are ledger transactions), the line's bans (content services, premium-rate SMS, transfers) with an audit
 * trail of every toggle, and the monthly budget the subscriber set for the line.
 */
export const subscriptionsBansBudgets: Migration = {
  version: 22,
  name: 'content subscriptions, bans on content, premium SMS and transfers, monthly budgets',
  statements: [
    `CREATE TABLE content_subscriptions (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       offer_id TEXT NOT NULL,
       started_at TEXT NOT NULL,
       cancelled_at TEXT,
       paid_through TEXT
     )`,
    `CREATE INDEX content_subscriptions_by_line ON content_subscriptions (line_id, started_at)`,
    `CREATE TABLE line_bans (
       line_id TEXT NOT NULL REFERENCES lines(id),
       kind TEXT NOT NULL CHECK (kind IN ('content', 'premium-sms', 'transfers')),
       since TEXT NOT NULL,
       PRIMARY KEY (line_id, kind)
     )`,
    `CREATE TABLE ban_changes (
       id TEXT PRIMARY KEY,
       line_id TEXT NOT NULL REFERENCES lines(id),
       kind TEXT NOT NULL,
       turned_on INTEGER NOT NULL CHECK (turned_on IN (0, 1)),
       at TEXT NOT NULL,
       subscriber_id TEXT NOT NULL
     )`,
    `CREATE INDEX ban_changes_by_line ON ban_changes (line_id, at)`,
    `CREATE TABLE line_budgets (
       line_id TEXT PRIMARY KEY REFERENCES lines(id),
       monthly_kopecks INTEGER NOT NULL CHECK (monthly_kopecks > 0),
       set_at TEXT NOT NULL
     )`,
  ],
};
