// The store chain under the faults a store's network has: connections cut before and after COMMIT, idle in
// a transaction, mid-statement, by a server shutting a backend down, and on the LISTEN connection. Every case
// ends with no exception escaping, no INTERNAL answer, and money neither lost nor doubled.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openCabinet, type Cabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { PostgresDatabase } from '../../electron/store/postgres/postgresDatabase';
import type { Result } from '../../shared/contract/errors';
import type { E164 } from '../../shared/phone';
import { demo, demoLine, operatorData, TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';
import { FaultProxy } from './faultProxy';

const escaped: unknown[] = [];
const onEscape = (fault: unknown) => escaped.push(fault);
const opened: Array<{ close(): Promise<void> }> = [];
let proxy: FaultProxy;

beforeEach(async () => {
  escaped.length = 0;
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  proxy = await FaultProxy.start(inject('postgresUrl'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  await proxy.stop();
  // A fault may surface a moment after the case: give it the chance, then look.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.removeListener('uncaughtException', onEscape);
  process.removeListener('unhandledRejection', onEscape);
  expect(escaped.map((fault) => String(fault))).toEqual([]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function store(url: string): Promise<PostgresDatabase> {
  const opened_ = await PostgresDatabase.open({ url, poolSize: 2 });
  opened.push(opened_);
  return opened_;
}

async function kiosk(url: string, acquirer = new TestAcquirer()): Promise<Cabinet> {
  const cabinet = await openCabinet({
    dataDir: '/nonexistent/unused-with-a-shared-store',
    keyProvider: new StaticKeyProvider(testKey),
    sharedStore: { url, poolSize: 3 },
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    // A test host: the test doubles stand in for the network, said explicitly.
    demo: true,
    clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')),
    ids: randomIds,
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
    acquirer,
  });
  opened.push(cabinet);
  return cabinet;
}

const window = (id: string): CallContext => ({ senderId: id, origin: TEST_ORIGIN, device: `kiosk ${id}` });
const dispatch = (cabinet: Cabinet, id: string, method: string, input: unknown = {}) => cabinet.dispatcher.dispatch(window(id), method, input) as Promise<Result<unknown>>;
async function call<T>(cabinet: Cabinet, id: string, method: string, input: unknown = {}): Promise<T> {
  const result = await dispatch(cabinet, id, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
/** Calls until the answer is not STORE_UNAVAILABLE (what the renderer's «try again» does); every answer is kept. */
async function retried(cabinet: Cabinet, id: string, method: string, input: unknown, answers: Array<Result<unknown>>): Promise<Result<unknown>> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const result = await dispatch(cabinet, id, method, input);
    answers.push(result);
    if (result.ok || result.error.code !== 'STORE_UNAVAILABLE') return result;
    await sleep(100);
  }
  throw new Error(`${method} stayed STORE_UNAVAILABLE`);
}
const signIn = (cabinet: Cabinet, id: string) => call(cabinet, id, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
const visa = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
const ledgerSum = async (url: string) => Number((await query<{ sum: string }>(url, 'SELECT COALESCE(SUM(amount_kopecks), 0) AS sum FROM ledger_entries'))[0]!.sum);

describe('a connection lost during a unit of work', () => {
  it('idle in a transaction: the unit of work answers STORE_UNAVAILABLE with a retry hint, nothing escapes, the store goes on', async () => {
    const url = await freshDatabase('idle');
    const db = await store(proxy.url(url));
    const failure = await db
      .writeSql(async (sql) => {
        await sql.one('SELECT 1 AS one');
        expect(proxy.cutInTransaction()).toBe(1);
        await sleep(100); // the client learns of the cut while it holds no query
        await sql.one('SELECT 2 AS two');
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } });
    expect(await db.readSql((sql) => sql.one<{ one: number }>('SELECT 1 AS one'))).toEqual({ one: 1 });
  });

  it('mid-statement: STORE_UNAVAILABLE, nothing escapes', async () => {
    const url = await freshDatabase('midstatement');
    const db = await store(proxy.url(url));
    const running = db.writeSql((sql) => sql.one('SELECT pg_sleep(1) AS slept')).catch((error: unknown) => error);
    await expect.poll(() => proxy.open.some((link) => link.inTransaction), { timeout: 5_000 }).toBe(true);
    await sleep(100);
    proxy.cutInTransaction();
    expect(await running).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('the server ends the backend (fast shutdown, 57P01) while it is idle in a transaction: STORE_UNAVAILABLE, nothing escapes', async () => {
    const url = await freshDatabase('terminated');
    const db = await store(url);
    const failure = await db
      .writeSql(async (sql) => {
        const me = await sql.one<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await query(url, 'SELECT pg_terminate_backend($1)', [me!.pid]);
        await sleep(100);
        await sql.one('SELECT 1 AS one');
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await db.readSql((sql) => sql.one<{ one: number }>('SELECT 1 AS one'))).toEqual({ one: 1 });
  });

  it('the server cannot be reached at all: STORE_UNAVAILABLE, not INTERNAL', async () => {
    const url = await freshDatabase('refused');
    const db = await store(proxy.url(url));
    proxy.refuse(true);
    proxy.cutAll();
    expect(await db.readSql((sql) => sql.one('SELECT 1 AS one')).catch((error: unknown) => error)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});

describe('top-ups with connections cut around each COMMIT', () => {
  for (const when of ['before', 'after'] as const) {
    it(`cut ${when} the 1st…6th COMMIT of a top-up: retried with its key it is credited at most once, charged as often as credited, never INTERNAL`, async () => {
      const url = await freshDatabase(`commit_${when}`);
      const acquirer = new TestAcquirer();
      const cabinet = await kiosk(proxy.url(url), acquirer);
      await signIn(cabinet, 'a');
      const before = (await call<{ balanceKopecks: number }>(cabinet, 'a', 'account.overview')).balanceKopecks;
      const answers: Array<Result<unknown>> = [];
      const keys: string[] = [];
      const finals: Array<Result<unknown>> = [];
      for (let skip = 0; skip < 6; skip += 1) {
        const key = randomUUID();
        keys.push(key);
        proxy.clearRules();
        proxy.cutOn({ when, statement: /^\s*COMMIT\b/i, skip });
        const first = await dispatch(cabinet, 'a', 'payments.topUpByCard', { amountKopecks: 10_000, card: visa, idempotencyKey: key });
        answers.push(first);
        proxy.clearRules();
        // The same request again, as the renderer's «try again» sends it (also when the first answer was a success).
        finals.push(await retried(cabinet, 'a', 'payments.topUpByCard', { amountKopecks: 10_000, card: visa, idempotencyKey: key }, answers));
      }
      expect(proxy.cuts).toBeGreaterThan(0);
      expect(answers.filter((answer) => !answer.ok).map((answer) => (answer.ok ? '' : answer.error.code))).not.toContain('INTERNAL');
      const after = (await retried(cabinet, 'a', 'account.overview', {}, answers)) as { ok: true; value: { balanceKopecks: number } };
      // Money neither lost nor doubled: what reached the balance is what the acquirer charged, once per key at most.
      expect(acquirer.charged).toBeLessThanOrEqual(keys.length);
      expect(after.value.balanceKopecks - before).toBe(acquirer.charged * 10_000);
      expect(await ledgerSum(url)).toBe(0);
      const perKey = await query<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM payments GROUP BY idempotency_key HAVING COUNT(*) > 1');
      expect(perKey).toEqual([]);
      // A retry resumes a payment where it stopped (issue 19 finding 3): every one ends charged and credited once.
      expect(finals.map((answer) => (answer.ok ? (answer.value as { status: string }).status : answer.error.code))).toEqual(keys.map(() => 'succeeded'));
      expect(acquirer.charged).toBe(keys.length);
    });
  }
});

describe('a transfer whose answer is lost after its COMMIT', () => {
  it('cut right after the COMMIT that wrote it (before its SMS left): the retry with its key sends the code, and the transfer moves the money once', async () => {
    const url = await freshDatabase('transfer_commit');
    const cabinet = await kiosk(proxy.url(url));
    const marina = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
    const from = marina.lines[0]!.msisdn as E164;
    await call(cabinet, 'a', 'auth.signInWithPassword', { phone: from, password: marina.password });
    const request = { to: '+79139876543', amountKopecks: 50_000, idempotencyKey: randomUUID() };
    proxy.cutOn({ when: 'after', statement: /^\s*COMMIT\b/i, inTransactionWith: /^INSERT INTO payments\b/ });
    const first = await dispatch(cabinet, 'a', 'payments.startTransfer', request);
    proxy.clearRules();
    expect(first).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect(proxy.cuts).toBe(1);
    expect(cabinet.handset!.inbox(from)).toEqual([]);
    const written = await query<{ id: string; status: string }>(url, "SELECT id, status FROM payments WHERE kind = 'transfer-out'");
    expect(written).toEqual([{ id: expect.any(String), status: 'awaiting-confirmation' }]);

    const answers: Array<Result<unknown>> = [];
    const again = await retried(cabinet, 'a', 'payments.startTransfer', request, answers);
    expect(again).toMatchObject({ ok: true, value: { payment: { id: written[0]!.id } } });
    const inbox = cabinet.handset!.inbox(from);
    expect(inbox).toHaveLength(1);
    const code = /Код: (\d{4,6})\./.exec(inbox[0]!.text)![1]!;
    expect(await retried(cabinet, 'a', 'payments.confirmTransfer', { paymentId: written[0]!.id, code }, answers)).toMatchObject({ ok: true, value: { status: 'succeeded' } });
    expect(await query(url, "SELECT status FROM payments WHERE kind IN ('transfer-out', 'transfer-in') ORDER BY kind")).toEqual([{ status: 'succeeded' }, { status: 'succeeded' }]);
    expect(await query(url, "SELECT COUNT(*)::int AS n FROM ledger_transactions WHERE kind = 'mobile-transfer'")).toEqual([{ n: 1 }]);
    expect(await ledgerSum(url)).toBe(0);
  });
});

describe('the LISTEN connection of a chain kiosk', () => {
  it('lost and back: the kiosk\'s sessions stay; while it is down, session calls answer STORE_UNAVAILABLE with a retry hint', async () => {
    const url = await freshDatabase('listen_lost');
    const cabinet = await kiosk(proxy.url(url));
    const told: unknown[] = [];
    cabinet.dispatcher.connect('a', (event, payload) => told.push({ event, payload }));
    await signIn(cabinet, 'a');
    await signIn(cabinet, 'w');
    proxy.refuse(true);
    expect(proxy.cutListeners()).toBe(1);
    await expect.poll(() => dispatch(cabinet, 'a', 'account.overview'), { timeout: 5_000 }).toMatchObject({
      ok: false,
      error: { code: 'STORE_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } },
    });
    // Signing a window out only ends something here: it is answered even now.
    expect(await dispatch(cabinet, 'w', 'auth.signOut')).toMatchObject({ ok: true });
    proxy.refuse(false);
    const answers: Array<Result<unknown>> = [];
    expect(await retried(cabinet, 'a', 'account.overview', {}, answers)).toMatchObject({ ok: true });
    expect(told).not.toContainEqual(expect.objectContaining({ event: 'session.ended' }));
  });

  it('a «sign out everywhere» on kiosk B while kiosk A cannot listen ends A\'s sessions once A is back — also one signed in right after the database returned', async () => {
    const url = await freshDatabase('listen_gap');
    const [a, b] = [await kiosk(proxy.url(url)), await kiosk(url)];
    const told: Array<{ window: string; event: string; payload: unknown }> = [];
    for (const id of ['a1', 'a2']) a.dispatcher.connect(id, (event, payload) => told.push({ window: id, event, payload }));
    await signIn(a, 'a1');
    await signIn(b, 'b1');

    // The database goes away for kiosk A (LISTEN included); B signs the subscriber out everywhere meanwhile.
    proxy.refuse(true);
    proxy.cutAll();
    await sleep(1_500);
    await call(b, 'b1', 'auth.signOutEverywhere');
    proxy.refuse(false);

    // Right after the database is back a subscriber signs in on A (retrying while A answers STORE_UNAVAILABLE),
    // and B signs out everywhere again at once.
    const answers: Array<Result<unknown>> = [];
    expect(await retried(a, 'a2', 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }, answers)).toMatchObject({ ok: true });
    await signIn(b, 'b2');
    await call(b, 'b2', 'auth.signOutEverywhere');

    await expect.poll(() => told.filter((entry) => entry.event === 'session.ended').map((entry) => entry.window).sort(), { timeout: 10_000 }).toEqual(['a1', 'a2']);
    expect(told.filter((entry) => entry.event === 'session.ended').map((entry) => entry.payload)).toEqual([
      { reason: 'signed-out-everywhere' },
      { reason: 'signed-out-everywhere' },
    ]);
    expect(await retried(a, 'a1', 'auth.currentSession', {}, answers)).toEqual({ ok: true, value: null });
    expect(await retried(a, 'a2', 'auth.currentSession', {}, answers)).toEqual({ ok: true, value: null });
    expect(answers.some((answer) => !answer.ok && answer.error.code === 'INTERNAL')).toBe(false);
  });

  it('a «sign out everywhere» made while the kiosk cannot write to the store reaches the other kiosks once it can', async () => {
    const url = await freshDatabase('announce_retry');
    const [a, b] = [await kiosk(url), await kiosk(proxy.url(url))];
    const told: unknown[] = [];
    a.dispatcher.connect('a', (event, payload) => told.push({ event, payload }));
    await signIn(a, 'a');
    await signIn(b, 'b');
    // B keeps its LISTEN connection but can open no other: its sessions end at once, the record waits.
    proxy.refuse(true);
    proxy.cutPool();
    expect(await call<{ ended: number }>(b, 'b', 'auth.signOutEverywhere')).toEqual({ ended: 1 });
    await sleep(1_000);
    proxy.refuse(false);
    await expect.poll(() => told, { timeout: 15_000 }).toContainEqual({ event: 'session.ended', payload: { reason: 'signed-out-everywhere' } });
  });

  it('a server restart mid-session (every connection cut, none accepted for a while): the session outlives it, calls answer STORE_UNAVAILABLE meanwhile', async () => {
    const url = await freshDatabase('restart');
    const cabinet = await kiosk(proxy.url(url));
    await signIn(cabinet, 'a');
    const before = (await call<{ balanceKopecks: number }>(cabinet, 'a', 'account.overview')).balanceKopecks;
    proxy.refuse(true);
    proxy.cutAll();
    const during = await dispatch(cabinet, 'a', 'account.overview');
    expect(during).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE', details: { retryAfterSeconds: expect.any(Number) } } });
    await sleep(1_000);
    proxy.refuse(false);
    const answers: Array<Result<unknown>> = [];
    expect(await retried(cabinet, 'a', 'account.overview', {}, answers)).toMatchObject({ ok: true, value: { balanceKopecks: before } });
    expect(answers.some((answer) => !answer.ok && answer.error.code !== 'STORE_UNAVAILABLE')).toBe(false);
  });
});
