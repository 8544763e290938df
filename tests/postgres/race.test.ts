// Two app instances, as two processes, moving money on the same three balances at once through one
// PostgreSQL database. Afterwards: every ledger transaction balances, no transfer took a balance below
// zero, and nothing was made twice.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openCabinet } from '../../electron/cabinet';
import { lineAccount } from '../../electron/core/account/ledgerAccounts';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';

const run = promisify(execFile);
const OPERATIONS = 100;

it('2 processes × 100 transfers and top-ups on the same balances keep the ledger whole and every floor', { timeout: 600_000 }, async () => {
  const url = await freshDatabase('race');
  // A first start migrates and seeds the database (as a chain's first kiosk would).
  await (
    await openCabinet({
      dataDir: '/nonexistent/unused-with-a-shared-store',
      keyProvider: new StaticKeyProvider(testKey),
      sharedStore: { url, poolSize: 2 },
      settings: new MemorySettingsStore(),
      trustedOrigins: [TEST_ORIGIN],
      // A test host: the test doubles stand in for the network, said explicitly.
      demo: true,
      clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')),
      ids: randomIds,
      passwordCost: testPasswordCost,
      sweepIntervalMs: 0,
      autopayIntervalMs: 0,
    })
  ).close();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let workers: Array<Promise<{ stdout: string }>> = [];
  try {
    // What each committed debit left on its line's balance, as seen by the transaction that made it, at its commit.
    await db.query(`CREATE TABLE floor_audit (account TEXT NOT NULL, balance BIGINT NOT NULL)`);
    await db.query(`CREATE FUNCTION floor_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.amount_kopecks < 0 AND NEW.account LIKE 'line:%' THEN
          INSERT INTO floor_audit SELECT NEW.account, SUM(amount_kopecks) FROM ledger_entries WHERE account = NEW.account;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE CONSTRAINT TRIGGER floor_audit AFTER INSERT ON ledger_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION floor_audit()`);

    workers = [1, 2].map((seed) => run(process.execPath, ['--import', 'tsx', 'tests/postgres/raceWorker.ts', url, String(OPERATIONS), String(seed * 7919)], { timeout: 540_000 }));

    const outcomes = (await Promise.all(workers)).map(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { transfers: number; topUps: number; refused: Record<string, number> });
    console.log('race outcomes:', JSON.stringify(outcomes));
    const transfers = outcomes.reduce((total, outcome) => total + outcome.transfers, 0);
    expect(outcomes.map((outcome) => outcome.topUps)).toEqual([OPERATIONS / 2, OPERATIONS / 2]);
    // Refusals are the rules' own (the floor, code timing); never a fault, never two answers to one click.
    const refusals = new Set(outcomes.flatMap((outcome) => Object.keys(outcome.refused)));
    for (const code of refusals) expect(['INSUFFICIENT_FUNDS', 'RATE_LIMITED', 'OTP_INVALID', 'OTP_EXPIRED', 'LIMIT_EXCEEDED', 'NOT_ELIGIBLE']).toContain(code);
    // Enough money really moved for the race to mean something.
    expect(transfers).toBeGreaterThan(10);

    const unbalanced = await db.query('SELECT transaction_id, SUM(amount_kopecks) AS sum FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount_kopecks) <> 0');
    expect(unbalanced.rows).toEqual([]);
    const orphans = await db.query('SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id WHERE e.id IS NULL');
    expect(orphans.rows).toEqual([]);

    const lines = ['+79001234567', '+79139876543', '+79147001122'];
    const ids = (await db.query<{ id: string }>('SELECT id FROM lines WHERE msisdn = ANY($1) ORDER BY msisdn', [lines])).rows.map((row) => row.id);
    const balances = await db.query<{ account: string; balance: string }>('SELECT account, SUM(amount_kopecks) AS balance FROM ledger_entries WHERE account = ANY($1) GROUP BY account', [ids.map(lineAccount)]);
    expect(balances.rows).toHaveLength(3);
    for (const row of balances.rows) expect(Number(row.balance)).toBeGreaterThanOrEqual(0);
    const audited = await db.query<{ n: string; lowest: string | null }>('SELECT COUNT(*) AS n, MIN(balance) AS lowest FROM floor_audit');
    expect(Number(audited.rows[0]!.n)).toBe(transfers);
    expect(Number(audited.rows[0]!.lowest)).toBeGreaterThanOrEqual(0);

    // Each succeeded transfer moved money exactly once; each top-up key made one payment.
    const moved = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM ledger_transactions WHERE kind = 'mobile-transfer'");
    expect(Number(moved.rows[0]!.n)).toBe(transfers);
    const succeeded = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM payments WHERE kind = 'transfer-out' AND status = 'succeeded'");
    expect(Number(succeeded.rows[0]!.n)).toBe(transfers);
    const cardTopUps = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM payments WHERE kind = 'card' AND status = 'succeeded'");
    expect(Number(cardTopUps.rows[0]!.n)).toBe(OPERATIONS);
  } finally {
    await Promise.allSettled(workers);
    await db.end();
  }
});
