import type { Migration } from './index';

export const autopay: Migration = {
  version: 9,
  name: 'autopay: a saved card tops the line up below a threshold or on a day of the month',
  statements: [
    `CREATE TABLE autopay_rules (
       line_id TEXT PRIMARY KEY REFERENCES lines(id),
       card_id TEXT NOT NULL REFERENCES saved_cards(id),
       amount_kopecks INTEGER NOT NULL CHECK (amount_kopecks > 0),
       mode TEXT NOT NULL CHECK (mode IN ('threshold', 'monthly')),
       threshold_kopecks INTEGER,
       day_of_month INTEGER CHECK (day_of_month BETWEEN 1 AND 28),
       paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
       updated_at TEXT NOT NULL
     )`,
    `ALTER TABLE payments ADD COLUMN autopay INTEGER NOT NULL DEFAULT 0`,
  ],
};
