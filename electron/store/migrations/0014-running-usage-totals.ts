import type { Migration } from './index';

/** Adds a usage event's billed units to every kept window of its line that holds it (free app traffic counts against none). */
const ADD_TO_WINDOWS = `UPDATE usage_windows
     SET voice = voice + (CASE WHEN NEW.kind = 'voice' THEN NEW.billed_units ELSE 0 END),
         sms = sms + (CASE WHEN NEW.kind = 'sms' THEN NEW.billed_units ELSE 0 END),
         data = data + (CASE WHEN NEW.kind = 'data' THEN NEW.billed_units ELSE 0 END)
   WHERE line_id = NEW.line_id AND from_iso <= NEW.occurred_at AND NEW.occurred_at < to_iso`;

const CREATE_TABLE = `CREATE TABLE usage_windows (
       line_id TEXT NOT NULL REFERENCES lines(id),
       from_iso TEXT NOT NULL,
       to_iso TEXT NOT NULL,
       voice INTEGER NOT NULL,
       sms INTEGER NOT NULL,
       data INTEGER NOT NULL,
       PRIMARY KEY (line_id, from_iso, to_iso)
     )`;

/**
 * Rating reads what the current package window has used before every event. Summing the window's events
 * each time grows with the month (a heavy line has thousands): the window's running totals are kept in
 * `usage_windows` instead, started from the sum the first time a rating needs them, and a trigger adds
 * every later event of that window in the same transaction — whoever inserts it. The events stay the
 * truth; a window's totals are always their sum.
 *
 * The balance stays a sum of ledger entries; its index now covers the amounts, so the sum reads the index
 * alone. The (line, time) index on usage events is dropped: the covering one of step 10 starts with the same columns.
 */
export const runningUsageTotals: Migration = {
  version: 14,
  name: 'running usage totals per package window kept by a trigger; the balance sum reads its index alone',
  statements: [
    CREATE_TABLE,
    `CREATE TRIGGER usage_windows_follow AFTER INSERT ON usage_events WHEN NEW.free_by IS NULL
     BEGIN
       ${ADD_TO_WINDOWS};
     END`,
    `DROP INDEX ledger_entries_by_account`,
    `CREATE INDEX ledger_entries_by_account_amount ON ledger_entries (account, amount_kopecks)`,
    `DROP INDEX usage_by_line_time`,
  ],
  postgres: [
    CREATE_TABLE,
    // PL/pgSQL: the same UPDATE, in a trigger function.
    `CREATE FUNCTION usage_windows_follow() RETURNS trigger LANGUAGE plpgsql AS $body$
     BEGIN
       IF NEW.free_by IS NULL THEN
         ${ADD_TO_WINDOWS};
       END IF;
       RETURN NULL;
     END
     $body$`,
    `CREATE TRIGGER usage_windows_follow AFTER INSERT ON usage_events FOR EACH ROW EXECUTE FUNCTION usage_windows_follow()`,
    `DROP INDEX ledger_entries_by_account`,
    `CREATE INDEX ledger_entries_by_account_amount ON ledger_entries (account, amount_kopecks)`,
    `DROP INDEX usage_by_line_time`,
  ],
};
