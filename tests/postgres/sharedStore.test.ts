// What only a store chain has: several app instances on one PostgreSQL database.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openCabinet, type Cabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { migrations } from '../../electron/store/migrations/index';
import { NewerStoreVersionError } from '../../electron/store/newerStoreVersionError';
import { PostgresDatabase } from '../../electron/store/postgres/postgresDatabase';
import { demo, demoLine, operatorData, TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';

const opened: Cabinet[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cabinet) => cabinet.close()));
});

/** One kiosk of the chain: its own process state (sessions, handset), the chain's database and secret key. */
async function kiosk(url: string, clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'))): Promise<Cabinet> {
  const cabinet = await openCabinet({
    dataDir: '/nonexistent/unused-with-a-shared-store',
    keyProvider: new StaticKeyProvider(testKey),
    sharedStore: { url, poolSize: 4 },
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    // A test host: the test doubles stand in for the network, said explicitly.
    demo: true,
    clock,
    ids: randomIds,
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  opened.push(cabinet);
  return cabinet;
}

const window = (id: string): CallContext => ({ senderId: id, origin: TEST_ORIGIN, device: `kiosk ${id}` });
const call = async <T = unknown>(cabinet: Cabinet, id: string, method: string, input: unknown): Promise<T> => {
  const result = await cabinet.dispatcher.dispatch(window(id), method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
};
const signIn = (cabinet: Cabinet, id: string) => call(cabinet, id, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
const balance = async (cabinet: Cabinet, id: string) => (await call<{ balanceKopecks: number }>(cabinet, id, 'account.overview', {})).balanceKopecks;
const visa = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('kiosks of a store chain on one database', () => {
  it('two kiosks starting together on an empty database migrate and seed it once', async () => {
    const url = await freshDatabase('start');
    await Promise.all([kiosk(url), kiosk(url)]);
    const versions = await query<{ version: string; times: string }>(url, 'SELECT version, COUNT(*) AS times FROM schema_migrations GROUP BY version ORDER BY version');
    expect(versions.map((row) => Number(row.version))).toEqual(migrations.map((migration) => migration.version));
    expect(versions.every((row) => Number(row.times) === 1)).toBe(true);
    const [counts] = await query<{ subscribers: string; lines: string; sum: string }>(
      url,
      'SELECT (SELECT COUNT(*) FROM subscribers) AS subscribers, (SELECT COUNT(*) FROM lines) AS lines, (SELECT COALESCE(SUM(amount_kopecks), 0) FROM ledger_entries) AS sum',
    );
    expect(Number(counts!.subscribers)).toBe(operatorData.demoSubscribers.length);
    expect(Number(counts!.lines)).toBe(operatorData.demoSubscribers.reduce((total, subscriber) => total + subscriber.lines.length, 0));
    expect(Number(counts!.sum)).toBe(0);
  });

  it('a top-up made in one store is on the balance in the next', async () => {
    const url = await freshDatabase('topup');
    const [first, second] = [await kiosk(url), await kiosk(url)];
    await signIn(first, 'a');
    await signIn(second, 'b');
    const before = await balance(second, 'b');
    const payment = await call<{ status: string }>(first, 'a', 'payments.topUpByCard', { amountKopecks: 25_000, card: visa, idempotencyKey: randomUUID() });
    expect(payment.status).toBe('succeeded');
    expect(await balance(second, 'b')).toBe(before + 25_000);
  });

  it('the same top-up sent to two kiosks at once is made once', async () => {
    const url = await freshDatabase('idem');
    const [first, second] = [await kiosk(url), await kiosk(url)];
    await signIn(first, 'a');
    await signIn(second, 'b');
    const before = await balance(first, 'a');
    const key = randomUUID();
    const input = { amountKopecks: 10_000, card: visa, idempotencyKey: key };
    const [one, other] = await Promise.all([call<{ id: string }>(first, 'a', 'payments.topUpByCard', input), call<{ id: string }>(second, 'b', 'payments.topUpByCard', input)]);
    expect(one.id).toBe(other.id);
    expect(await balance(first, 'a')).toBe(before + 10_000);
    expect(await balance(second, 'b')).toBe(before + 10_000);
  });

  it('a code sent from one kiosk signs in at another, and wrong tries count across kiosks', async () => {
    const url = await freshDatabase('codes');
    const [first, second] = [await kiosk(url), await kiosk(url)];
    const codeIn = (cabinet: Cabinet) => /\b(\d{6})\b/.exec(cabinet.handset!.inbox(demoLine.msisdn as never)[0]?.text ?? '')?.[1];

    await call(first, 'a', 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' });
    const code = codeIn(first)!;
    const session = await call<{ msisdn: string }>(second, 'b', 'auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code });
    expect(session.msisdn).toBe(demoLine.msisdn);

    // A new code, then three wrong tries spread over both kiosks: the code is void everywhere.
    const later = new ManualClock(Date.parse('2026-11-24T09:05:00Z'));
    const third = await kiosk(url, later);
    await call(third, 'c', 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' });
    const fresh = codeIn(third)!;
    const wrong = fresh === '000000' ? '111111' : '000000';
    for (const [cabinet, id] of [[first, 'a2'], [second, 'b2'], [third, 'c2']] as const) {
      expect(await cabinet.dispatcher.dispatch(window(id), 'auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code: wrong })).toMatchObject({ ok: false });
    }
    const refused = await first.dispatcher.dispatch(window('a3'), 'auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code: fresh });
    expect(refused).toMatchObject({ ok: false });
  });

  it('«sign out everywhere» on one kiosk ends the subscriber\'s sessions on the other', async () => {
    const url = await freshDatabase('signout');
    const [first, second] = [await kiosk(url), await kiosk(url)];
    const told: unknown[] = [];
    second.dispatcher.connect('b', (event, payload) => told.push({ event, payload }));
    await signIn(second, 'b');
    await signIn(first, 'a');
    const ended = await call<{ ended: number }>(first, 'a', 'auth.signOutEverywhere', {});
    expect(ended.ended).toBe(1);
    await expect.poll(() => told, { timeout: 10_000 }).toContainEqual({ event: 'session.ended', payload: { reason: 'signed-out-everywhere' } });
    expect(await call(second, 'b', 'auth.currentSession', {})).toBeNull();
  });

  it('a database a newer app migrated is refused and left as it was', async () => {
    const url = await freshDatabase('newer');
    await kiosk(url);
    await query(url, "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    await expect(PostgresDatabase.open({ url, poolSize: 1 })).rejects.toBeInstanceOf(NewerStoreVersionError);
    expect((await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 999'))[0]!.n).toBe('1');
  });
});
