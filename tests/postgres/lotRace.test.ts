// Two app instances, as two processes, buying the same lots of the remainders market at the same moment through
// one PostgreSQL database. Afterwards: each lot sold once, each refusal charged nothing, both ledgers balanced.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openCabinet } from '../../electron/cabinet';
import { lineAccount } from '../../electron/core/account/ledgerAccounts';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { operatorData, TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';

const run = promisify(execFile);
const LOTS = 5;
const seller = { msisdn: '+79139876543', password: 'Tundra!Fox9' };
const buyers = [
  { msisdn: '+79001234567', password: 'Sever-2026' },
  { msisdn: '+79246003344', password: 'Vulkan-Avacha3' },
];

it('2 processes buying the same 5 lots at once: each lot sold once, the other buyer refused, both ledgers whole', { timeout: 300_000 }, async () => {
  const url = await freshDatabase('lotrace');
  const price = rules().minKopecksPerUnit;
  const first = await openCabinet({
    dataDir: '/nonexistent/unused-with-a-shared-store',
    keyProvider: new StaticKeyProvider(testKey),
    sharedStore: { url, poolSize: 2 },
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    demo: true,
    clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')),
    ids: randomIds,
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  const lots: string[] = [];
  try {
    const window = { senderId: 'seller', origin: TEST_ORIGIN, device: 'seller' };
    expect(await first.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: seller.msisdn, password: seller.password })).toMatchObject({ ok: true });
    for (let n = 0; n < LOTS; n += 1) {
      // The market holds at most `lotsListedAtOnce` of one seller's lots: the rest wait for the next round.
      const listed = await first.dispatcher.dispatch(window, 'remainders.listLot', { kind: 'data', amount: 1, priceKopecks: price, idempotencyKey: randomUUID() });
      if (!listed.ok) break;
      lots.push((listed.value as { id: string }).id);
    }
  } finally {
    await first.close();
  }
  expect(lots.length).toBe(Math.min(LOTS, operatorData.remainders.market.lotsListedAtOnce));

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const before = await balances(db);
    const startAt = String(Date.now() + 8_000);
    const outcomes = (
      await Promise.all(buyers.map((buyer) => run(process.execPath, ['--import', 'tsx', 'tests/postgres/lotRaceWorker.ts', url, buyer.msisdn, buyer.password, startAt, ...lots], { timeout: 240_000 })))
    ).map(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { bought: string[]; refused: Record<string, number> });
    console.log('lot race outcomes:', JSON.stringify(outcomes));

    // Each lot sold once, to one of the two; the other was refused as the rules say, never a fault.
    const bought = outcomes.flatMap((outcome) => outcome.bought);
    expect(bought.sort()).toEqual([...lots].sort());
    for (const outcome of outcomes) expect(Object.keys(outcome.refused).every((code) => code === 'NOT_ELIGIBLE')).toBe(true);
    expect(outcomes.reduce((sum, outcome) => sum + (outcome.refused.NOT_ELIGIBLE ?? 0), 0)).toBe(lots.length);

    const sold = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM remainder_lots WHERE state = 'sold'");
    expect(Number(sold.rows[0]!.n)).toBe(lots.length);
    const purchases = await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM ledger_transactions WHERE kind = 'remainders-purchase'");
    expect(Number(purchases.rows[0]!.n)).toBe(lots.length);
    const unbalanced = await db.query('SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount_kopecks) <> 0');
    expect(unbalanced.rows).toEqual([]);
    const unbalancedRemainders = await db.query('SELECT transaction_id, kind FROM remainder_entries GROUP BY transaction_id, kind HAVING SUM(units) <> 0');
    expect(unbalancedRemainders.rows).toEqual([]);
    const held = await db.query<{ n: string }>("SELECT COALESCE(SUM(units), 0) AS n FROM remainder_entries WHERE account LIKE 'market:lot:%'");
    expect(Number(held.rows[0]!.n)).toBe(0);

    // Money moved once per lot: the seller got every price, each buyer paid for what it bought.
    const after = await balances(db);
    expect(after[seller.msisdn]! - before[seller.msisdn]!).toBe(lots.length * price);
    outcomes.forEach((outcome, index) => expect(before[buyers[index]!.msisdn]! - after[buyers[index]!.msisdn]!).toBe(outcome.bought.length * price));
  } finally {
    await db.end();
  }
});

function rules() {
  return operatorData.remainders.market.data;
}

async function balances(db: pg.Client): Promise<Record<string, number>> {
  const numbers = [seller.msisdn, ...buyers.map((buyer) => buyer.msisdn)];
  const rows = await db.query<{ msisdn: string; id: string }>('SELECT msisdn, id FROM lines WHERE msisdn = ANY($1)', [numbers]);
  const result: Record<string, number> = {};
  for (const row of rows.rows) {
    const sum = await db.query<{ total: string }>('SELECT COALESCE(SUM(amount_kopecks), 0) AS total FROM ledger_entries WHERE account = $1', [lineAccount(row.id)]);
    result[row.msisdn] = Number(sum.rows[0]!.total);
  }
  return result;
}
