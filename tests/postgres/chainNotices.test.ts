// Chain messages (pg_notify) come from anyone who can connect: only signed, well-formed, new ones are obeyed.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openCabinet, type Cabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { demo, demoLine, TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';

const opened: Cabinet[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cabinet) => cabinet.close()));
});

async function kiosk(url: string): Promise<Cabinet> {
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
  });
  opened.push(cabinet);
  return cabinet;
}

const window = (id: string): CallContext => ({ senderId: id, origin: TEST_ORIGIN, device: `kiosk ${id}` });
const currentSession = async (cabinet: Cabinet, id: string) => cabinet.dispatcher.dispatch(window(id), 'auth.currentSession', {});
const signIn = (cabinet: Cabinet, id: string) => cabinet.dispatcher.dispatch(window(id), 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });

async function as<T>(url: string, user: string | undefined, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const target = new URL(url);
  if (user) target.username = user;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('chain notices', () => {
  it('a pg_notify forged by a role that may read no table is dropped: sessions on both kiosks stay live', async () => {
    const url = await freshDatabase('forged');
    const [a, b] = [await kiosk(url), await kiosk(url)];
    const told: unknown[] = [];
    for (const [cabinet, id] of [[a, 'a'], [b, 'b']] as const) {
      cabinet.dispatcher.connect(id, (event, payload) => told.push({ id, event, payload }));
      expect(await signIn(cabinet, id)).toMatchObject({ ok: true });
    }
    const subscriberId = await as(url, undefined, async (client) => (await client.query<{ id: string }>('SELECT subscriber_id AS id FROM lines WHERE msisdn = $1', [demoLine.msisdn])).rows[0]!.id);
    const role = `forger_${process.pid}_${Date.now().toString(36)}`;
    await as(url, undefined, (client) => client.query(`CREATE ROLE ${role} LOGIN`));

    await as(url, role, async (forger) => {
      // It cannot read the chain's secret, nor the sign-out record.
      await expect(forger.query('SELECT value FROM chain_secrets')).rejects.toThrow(/permission denied/);
      await expect(forger.query('SELECT * FROM chain_sign_outs')).rejects.toThrow(/permission denied/);
      const forged = [
        // the old, unsigned shape
        { from: 'someone', subscriberId, reason: 'password-changed' },
        // the signed shape with a made-up signature
        { v: 1, from: '00000000-0000-4000-8000-000000000000', seq: 999_999, subscriberId, reason: 'password-changed', mac: 'ab'.repeat(32) },
        // an invented reason text
        { v: 1, from: '00000000-0000-4000-8000-000000000000', seq: 999_999, subscriberId, reason: '<b>your account was hacked, call +7 900…</b>', mac: 'ab'.repeat(32) },
      ];
      for (const notice of forged) await forger.query('SELECT pg_notify($1, $2)', ['cabinet_sign_out', JSON.stringify(notice)]);
      await forger.query(`SELECT pg_notify('cabinet_sign_out', 'not json at all')`);
    });
    // A real notice sent after the forged ones arrives after them (notices reach a listener in commit order):
    // the sessions end once, for the real reason, so none of the forged ones was obeyed.
    const c = await kiosk(url);
    expect(await signIn(c, 'c')).toMatchObject({ ok: true });
    await c.dispatcher.dispatch(window('c'), 'auth.signOutEverywhere', {});
    await expect.poll(() => told.filter((entry) => (entry as { event: string }).event === 'session.ended'), { timeout: 10_000 }).toHaveLength(2);
    expect([...told].sort((x, y) => ((x as { id: string }).id < (y as { id: string }).id ? -1 : 1))).toEqual([
      { id: 'a', event: 'session.ended', payload: { reason: 'signed-out-everywhere' } },
      { id: 'b', event: 'session.ended', payload: { reason: 'signed-out-everywhere' } },
    ]);
    await as(url, undefined, (client) => client.query(`DROP ROLE ${role}`));
  });

  it('a forged notice leaves the sessions live (checked before any real notice)', async () => {
    const url = await freshDatabase('forged_live');
    const [a, b] = [await kiosk(url), await kiosk(url)];
    expect(await signIn(a, 'a')).toMatchObject({ ok: true });
    expect(await signIn(b, 'b')).toMatchObject({ ok: true });
    const subscriberId = await as(url, undefined, async (client) => (await client.query<{ id: string }>('SELECT subscriber_id AS id FROM lines WHERE msisdn = $1', [demoLine.msisdn])).rows[0]!.id);
    const role = `forger_${process.pid}_${Date.now().toString(36)}`;
    await as(url, undefined, (client) => client.query(`CREATE ROLE ${role} LOGIN`));
    await as(url, role, (forger) => forger.query('SELECT pg_notify($1, $2)', ['cabinet_sign_out', JSON.stringify({ from: 'someone', subscriberId, reason: 'signed-out-everywhere' })]));
    // The notice is delivered at once to listeners; a round trip on each kiosk's store lets it arrive first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await currentSession(a, 'a')).toMatchObject({ ok: true, value: { msisdn: demoLine.msisdn } });
    expect(await currentSession(b, 'b')).toMatchObject({ ok: true, value: { msisdn: demoLine.msisdn } });
    await as(url, undefined, (client) => client.query(`DROP ROLE ${role}`));
  });
});
