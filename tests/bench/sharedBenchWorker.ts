// One app instance of `npm run bench:shared`: signs in, tops up and opens the main screen in a loop,
// timing each call through the dispatcher, on the shared store (a URL) or on an embedded store (a folder).
// Usage: tsx tests/bench/sharedBenchWorker.ts <postgres url | embedded:<folder>> <seconds> <worker index>
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { openCabinet } from '../../electron/cabinet';
import type { Logger } from '../../electron/core/logger';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { benchOperatorData, benchSubscriber, BENCH_KEY, BENCH_PASSWORD_COST } from './sharedBenchData';

const [target, secondsArg, indexArg] = process.argv.slice(2);
if (!target) throw new Error('usage: sharedBenchWorker.ts <postgres url | embedded:<folder>> <seconds> <worker index>');
const seconds = Number(secondsArg ?? 10);
const index = Number(indexArg ?? 0);
const embedded = target.startsWith('embedded:') ? target.slice('embedded:'.length) : null;

// Faults go to stderr with their cause (the dispatcher answers INTERNAL and logs why).
const errors: Logger = { info: () => undefined, warn: () => undefined, error: (message, fields) => console.error(message, JSON.stringify(fields ?? {})) };
const cabinet = await openCabinet({
  logger: errors,
  dataDir: embedded ?? '/nonexistent/unused-with-a-shared-store',
  keyProvider: new StaticKeyProvider(BENCH_KEY),
  ...(embedded ? { storeTuning: { idleCheckpointMs: 0 } } : { sharedStore: { url: target, poolSize: 4 } }),
  operatorData: benchOperatorData(),
  settings: new MemorySettingsStore(),
  trustedOrigins: ['app://cabinet'],
  // A test host: the test doubles stand in for the network, said explicitly.
  demo: true,
  passwordCost: BENCH_PASSWORD_COST,
  sweepIntervalMs: 0,
  autopayIntervalMs: 0,
});

const window = { senderId: `bench-${index}`, origin: 'app://cabinet', device: 'bench' };
const call = async (method: string, input: unknown) => {
  const result = await cabinet.dispatcher.dispatch(window, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
};
const times: Record<'signIn' | 'topUp' | 'mainScreen', number[]> = { signIn: [], topUp: [], mainScreen: [] };
const timed = async (name: keyof typeof times, work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  times[name].push(performance.now() - started);
};

// Every worker signs in as its own subscriber: a chain's kiosks serve different people at once.
const subscriber = benchSubscriber(index);
const card = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };
const loop = async (time: typeof timed) => {
  await time('signIn', () => call('auth.signInWithPassword', { phone: subscriber.msisdn, password: subscriber.password }));
  await time('topUp', () => call('payments.topUpByCard', { amountKopecks: 10_000, card, idempotencyKey: randomUUID() }));
  await time('mainScreen', () => call('account.overview', {}));
  await call('auth.signOut', {});
};
// A few untimed rounds first: the first calls compile code and fill caches, on both stores alike.
for (let round = 0; round < 5; round += 1) await loop(async (_name, work) => void (await work()));
console.log('ready');
// All workers start together: the parent says "go" once every one of them is ready.
await new Promise<void>((resolve) => {
  const input = createInterface({ input: process.stdin });
  input.once('line', () => {
    input.close();
    resolve();
  });
});

const started = performance.now();
// The kiosk's own CPU (user + system) over the timed loops: what one sign-in, top-up and main screen cost the app.
const cpuBefore = process.cpuUsage();
let loops = 0;
while (performance.now() - started < seconds * 1000) {
  await loop(timed);
  loops += 1;
}
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await cabinet.close();
console.log(JSON.stringify({ loops, seconds: elapsed, times, cpuMs: (cpu.user + cpu.system) / 1000 }));
