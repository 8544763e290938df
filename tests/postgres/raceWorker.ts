// One app instance of the race test (tests/postgres/race.test.ts): a kiosk process on the shared
// database doing transfers and top-ups on the same few balances as the other one, as fast as it can.
// Usage: tsx tests/postgres/raceWorker.ts <database url> <operations> <seed>
import { randomUUID } from 'node:crypto';
import { openCabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const [url, operationsArg, seedArg] = process.argv.slice(2);
if (!url) throw new Error('usage: raceWorker.ts <database url> <operations> <seed>');
const operations = Number(operationsArg ?? 100);
let seed = Number(seedArg ?? 1);
/** A small deterministic generator (mulberry32): each worker makes its own sequence of choices. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// The demo lines of Анна (347,50 ₽), Дмитрий (1 520,30 ₽) and Ольга (45 ₽): small balances, so the floor is reached.
const lines = [
  { msisdn: '+79001234567', password: 'Sever-2026' },
  { msisdn: '+79139876543', password: 'Tundra!Fox9' },
  { msisdn: '+79147001122', password: 'Primorye#77' },
] as const;

const clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
const cabinet = await openCabinet({
  dataDir: '/nonexistent/unused-with-a-shared-store',
  keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
  sharedStore: { url, poolSize: 4 },
  settings: new MemorySettingsStore(),
  trustedOrigins: ['app://cabinet'],
  // A test host: the test doubles stand in for the network, said explicitly.
  demo: true,
  clock,
  ids: randomIds,
  passwordCost: { N: 1024, r: 8, p: 1 },
  // The clock runs hours ahead during the run; the windows stay signed in.
  sessionPolicy: { idleMs: 1e12, absoluteMs: 1e12 },
  sweepIntervalMs: 0,
  autopayIntervalMs: 0,
});
const window = (msisdn: string) => ({ senderId: `window-${msisdn}`, origin: 'app://cabinet', device: `race ${process.pid}` });
const call = (msisdn: string, method: string, input: unknown) => cabinet.dispatcher.dispatch(window(msisdn), method, input);

const outcome = { transfers: 0, topUps: 0, refused: {} as Record<string, number> };
const refused = (code: string) => (outcome.refused[code] = (outcome.refused[code] ?? 0) + 1);
try {
  for (const line of lines) {
    const result = await call(line.msisdn, 'auth.signInWithPassword', { phone: line.msisdn, password: line.password });
    if (!result.ok) throw new Error(`sign-in of ${line.msisdn}: ${result.error.message}`);
  }
  for (let n = 0; n < operations; n += 1) {
    // Five minutes between operations: codes may be asked again (60 s) and no more than five an hour.
    clock.advance(5 * 60_000);
    const from = pick(lines).msisdn;
    if (n % 2 === 0) {
      const to = pick(lines.filter((line) => line.msisdn !== from)).msisdn;
      // 100–400 ₽ against balances of tens to hundreds of rubles: the floor is reached often.
      const started = await call(from, 'payments.startTransfer', { to, amountKopecks: 10_000 + Math.floor(random() * 7) * 5_000, idempotencyKey: randomUUID() });
      if (!started.ok) {
        refused(started.error.code);
        continue;
      }
      const code = /\b(\d{6})\b/.exec(cabinet.handset!.inbox(from as never)[0]?.text ?? '')?.[1] ?? '000000';
      const paymentId = (started.value as { payment: { id: string } }).payment.id;
      // Confirmed twice at once (a double click): the money moves once, and both answers say so.
      const [confirmed, again] = await Promise.all([
        call(from, 'payments.confirmTransfer', { paymentId, code }),
        call(from, 'payments.confirmTransfer', { paymentId, code }),
      ]);
      const status = (result: typeof confirmed) => (result.ok ? (result.value as { status: string }).status : result.error.code);
      // (Two wrong codes may be answered differently: the second wrong try can be the one that voids the code.)
      const succeeded = [confirmed, again].filter((result) => status(result) === 'succeeded').length;
      if (succeeded === 1) refused(`DISAGREED ${status(confirmed)}/${status(again)}`);
      if (succeeded > 0) outcome.transfers += 1;
      // Neither moved money: the refusal is the one a click was given (the other click, served after it, finds the
      // transfer already failed and says so with its status).
      else refused(status([confirmed, again].find((result) => !result.ok) ?? confirmed));
    } else {
      // The same top-up sent twice at once (a double click): it must be made once.
      const input = { amountKopecks: 1_000 + Math.floor(random() * 5) * 1_000, card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' }, idempotencyKey: randomUUID() };
      const [first, second] = await Promise.all([call(from, 'payments.topUpByCard', input), call(from, 'payments.topUpByCard', input)]);
      if (!first.ok || !second.ok) throw new Error(`a top-up failed: ${JSON.stringify(first.ok ? second : first)}`);
      if ((first.value as { id: string }).id !== (second.value as { id: string }).id) throw new Error('one top-up key made two payments');
      outcome.topUps += 1;
    }
  }
} finally {
  await cabinet.close();
}
console.log(JSON.stringify(outcome));
