// How many times a kiosk waits for the shared database (issue 19 finding 6): a round trip is each time a
// connection sends after the server last answered, counted on the wire by the test's proxy. At 50 ms to the
// database every one is 50 ms the subscriber waits. Goals: sign-in ≤ 3, the main screen's overview ≤ 3, a card
// top-up ≤ 6 — each with the letter it writes; the spend forecast beside the overview, 1.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openCabinet, type Cabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import type { Result } from '../../shared/contract/errors';
import { demo, demoLine, TEST_ORIGIN, testKey, testPasswordCost } from '../integration/support';
import { freshDatabase } from '../integration/testStore';
import { FaultProxy } from './faultProxy';

let proxy: FaultProxy;
const opened: Cabinet[] = [];

beforeEach(async () => {
  proxy = await FaultProxy.start(inject('postgresUrl'));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((cabinet) => cabinet.close().catch(() => undefined)));
  await proxy.stop();
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
    acquirer: new TestAcquirer(),
  });
  opened.push(cabinet);
  return cabinet;
}

const window: CallContext = { senderId: 'w', origin: TEST_ORIGIN, device: 'kiosk' };
async function call(cabinet: Cabinet, method: string, input: unknown = {}): Promise<unknown> {
  const result = (await cabinet.dispatcher.dispatch(window, method, input)) as Result<unknown>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Until no connection has sent anything for a while: what earlier calls left running in the background is done. */
async function quiet(): Promise<void> {
  for (let seen = -1; seen !== proxy.roundTrips; ) {
    seen = proxy.roundTrips;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The round trips made while `work` ran (the alerts a call starts run after its answer, so they are not among them). */
async function counted(work: () => Promise<unknown>): Promise<{ during: number; flights: string }> {
  await quiet();
  const start = proxy.roundTrips;
  const firstFlight = proxy.flights.length;
  await work();
  const during = proxy.roundTrips - start;
  const flights = proxy.flights.slice(firstFlight, firstFlight + during).map((flight) => flight.map((text) => text.replace(/\s+/g, ' ').slice(0, 70)).join(' ; '));
  return { during, flights: `\n${flights.join('\n')}` };
}

const signIn = { phone: demoLine.msisdn, password: demo.password };
const visa = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };

describe('round trips to the shared database', () => {
  it('sign-in ≤ 3 with its «new sign-in» letter, the main screen\'s overview ≤ 3, a card top-up ≤ 6 with its receipt', async () => {
    const cabinet = await kiosk(proxy.url(await freshDatabase('round_trips')));
    // A confirmed address: the sign-in writes its letter and the top-up its receipt, and both are counted.
    const at = '2026-11-24T09:00:00.000Z';
    await cabinet.database.write(async (repos) => {
      const profile = await repos.profiles.get(demo.id, at);
      await repos.profiles.save({ ...profile, email: 'anna.petrova@example.ru', emailConfirmedAt: at, language: 'ru' });
    });
    // Warm: the pool's connections are open and the statements prepared, as on a kiosk that has served before.
    for (let round = 0; round < 2; round += 1) {
      await call(cabinet, 'auth.signInWithPassword', signIn);
      await call(cabinet, 'account.overview');
      await call(cabinet, 'numbers.list');
      await call(cabinet, 'payments.topUpByCard', { amountKopecks: 10_000, card: visa, idempotencyKey: randomUUID() });
      await call(cabinet, 'auth.signOut');
    }
    const signedIn = await counted(() => call(cabinet, 'auth.signInWithPassword', signIn));
    const overview = await counted(() => call(cabinet, 'account.overview'));
    const topUp = await counted(() => call(cabinet, 'payments.topUpByCard', { amountKopecks: 10_000, card: visa, idempotencyKey: randomUUID() }));
    // Each message lists what every round trip carried.
    // The sign-in: the attempt counted with the credential, the line and the profile read (the letter's), its COMMIT;
    // then the sign-in, its letter and the count cleared written in one transaction.
    expect(signedIn.during, signedIn.flights).toBeLessThanOrEqual(3);
    const letters = await cabinet.database.read((repos) => repos.mailOutbox.ofSubscriber(demo.id));
    expect(letters.filter((letter) => letter.kind === 'new-sign-in')).toHaveLength(3);
    expect(letters.filter((letter) => letter.kind === 'top-up-receipt')).toHaveLength(3);
    expect(overview.during, overview.flights).toBeLessThanOrEqual(3);
    expect(topUp.during, topUp.flights).toBeLessThanOrEqual(6);
    // The main screen's spend forecast: the line, its movements, fees, budget and content subscriptions asked together.
    const forecast = await counted(() => call(cabinet, 'subscriptions.forecast'));
    expect(forecast.during, forecast.flights).toBe(1);
  });

  it('the main screen asks for each thing once: the line in one statement, read once though the upkeep checks and the screen each need it', async () => {
    const cabinet = await kiosk(proxy.url(await freshDatabase('statements_once')));
    for (let round = 0; round < 2; round += 1) {
      await call(cabinet, 'auth.signInWithPassword', signIn);
      await call(cabinet, 'account.overview');
    }
    await quiet();
    const first = proxy.flights.length;
    await call(cabinet, 'account.overview');
    await quiet();
    const sent = proxy.flights.slice(first).flat().map((text) => text.replace(/\s+/g, ' ')).filter((text) => !/^(BEGIN|COMMIT)/.test(text));
    const listed = `\n${sent.join('\n')}`;
    // The line with its tariff, region, price, packages and services' unlimited kinds: one statement, asked once.
    expect(sent.filter((text) => /FROM lines l JOIN subscribers s ON s.id = l.subscriber_id JOIN regions/.test(text)), listed).toHaveLength(1);
    expect(sent.filter((text) => /JOIN (tariff|service)_packages/.test(text) && !/string_agg/.test(text)), listed).toHaveLength(0);
    // The open promised payment: the fee upkeep's and the screen's question, asked once.
    expect(sent.filter((text) => /FROM promised_payments WHERE line_id = \$1 AND state = 'open'/.test(text)), listed).toHaveLength(1);
    // The screen still says what it said: the line's balance and packages.
    const overview = (await call(cabinet, 'account.overview')) as { msisdn: string; remainders: unknown[] };
    expect(overview.msisdn).toBe(demoLine.msisdn);
    expect(overview.remainders.length).toBeGreaterThan(0);
  });
});
