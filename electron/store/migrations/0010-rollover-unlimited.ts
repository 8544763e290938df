import type { Migration } from './index';

export const rolloverAndUnlimited: Migration = {
  version: 10,
  name: 'tariffs roll unused minutes and data over; unlimited options make app traffic free',
  statements: [
    // Comma-separated lists: package kinds that roll over, app categories that are free.
    `ALTER TABLE tariffs ADD COLUMN rollover TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE tariffs ADD COLUMN unlimited TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE services ADD COLUMN unlimited TEXT NOT NULL DEFAULT ''`,
    // The app category that made a data session free; such usage counts against no package.
    `ALTER TABLE usage_events ADD COLUMN free_by TEXT`,
    // Package sums per window read only this index (the rollover looks back over several periods).
    `CREATE INDEX usage_billed_by_line_time ON usage_events (line_id, occurred_at, kind, billed_units, free_by)`,
    // Stores seeded before this step get the bundled operator data's values for the same ids.
    `UPDATE tariffs SET rollover = 'voice,data' WHERE id IN ('moy-onlayn', 'moy-razgovor')`,
    `UPDATE tariffs SET unlimited = 'messengers,social' WHERE id = 'bezlimit-plus'`,
    `UPDATE tariffs SET unlimited = 'messengers,social,video,music' WHERE id = 'premium'`,
    `UPDATE tariffs SET unlimited = 'social' WHERE id = 'moy-onlayn'`,
    `UPDATE services SET unlimited = 'messengers' WHERE id = 'unlimited-messengers'`,
    `UPDATE services SET unlimited = 'music' WHERE id = 'music'`,
  ],
};
