import type { Migration } from './index';

/**
 * Transfer limits count a transfer on the day it was confirmed, in the sender's region's calendar
 * (issue 17 finding 8), not on the day it was started. Transfers confirmed before this step are given
 * the UTC day of their confirmation (the region is not known to SQL): at worst, a few hours of the
 * upgrade's own day count toward the neighbouring day.
 */
export const transferConfirmationDay: Migration = {
  version: 16,
  name: "the day a transfer was confirmed, in the sender's region's calendar: what the daily and monthly limits count by",
  statements: [
    `ALTER TABLE payments ADD COLUMN confirmed_on TEXT`,
    `UPDATE payments SET confirmed_on = substr(updated_at, 1, 10) WHERE kind = 'transfer-out' AND status = 'succeeded'`,
    `CREATE INDEX payments_by_line_confirmed ON payments (line_id, confirmed_on)`,
  ],
};
