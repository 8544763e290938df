// npm run bench:shared — 1, 4 and 8 app processes (kiosks of a store chain) on one PostgreSQL database,
// each signing in, topping up and opening the main screen in a loop; beside them, one process on the
// embedded store doing the same, measured in the same run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { openCabinet } from '../../electron/cabinet';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { startPostgres } from '../harness/postgresServer';
import { FaultProxy } from '../postgres/faultProxy';
import { benchOperatorData, benchSubscriber, BENCH_KEY, BENCH_PASSWORD_COST } from './sharedBenchData';
import { percentile } from './timing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,4,8').split(',').map(Number);
type Op = 'signIn' | 'topUp' | 'mainScreen';
interface Run {
  label: string;
  loopsPerSecond: number;
  times: Record<Op, number[]>;
  /** The app processes' own CPU per loop (user + system), averaged over the workers. */
  cpuMsPerLoop: number;
}

/** Starts `count` workers, lets them all get ready, starts them at once, and gathers their timings. */
async function runWorkers(label: string, target: string, count: number): Promise<Run> {
  const workers = Array.from({ length: count }, (_unused, index) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'tests/bench/sharedBenchWorker.ts', target, String(SECONDS), String(index)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines: string[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line === 'ready') resolve();
      });
      child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker ${index} exited with ${code}`))));
    });
    const done = new Promise<string>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(lines.at(-1)!) : reject(new Error(`worker ${index} exited with ${code}`)))));
    return { child, ready, done };
  });
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.child.stdin.end('go\n');
  const results = (await Promise.all(workers.map((worker) => worker.done))).map(
    (line) => JSON.parse(line) as { loops: number; seconds: number; times: Record<Op, number[]>; cpuMs: number },
  );
  const times: Record<Op, number[]> = { signIn: [], topUp: [], mainScreen: [] };
  for (const result of results) for (const op of Object.keys(times) as Op[]) times[op].push(...result.times[op]);
  const cpuMsPerLoop = results.reduce((total, result) => total + result.cpuMs, 0) / Math.max(1, results.reduce((total, result) => total + result.loops, 0));
  return { label, loopsPerSecond: results.reduce((total, result) => total + result.loops / result.seconds, 0), times, cpuMsPerLoop };
}

/** A first start migrates and seeds (the 16 benchmark subscribers), outside the measured runs. */
async function prepare(target: { sharedStore: { url: string } } | { dataDir: string }): Promise<void> {
  const cabinet = await openCabinet({
    dataDir: 'dataDir' in target ? target.dataDir : '/nonexistent/unused-with-a-shared-store',
    ...('sharedStore' in target ? { sharedStore: target.sharedStore } : { storeTuning: { idleCheckpointMs: 0 } }),
    keyProvider: new StaticKeyProvider(BENCH_KEY),
    operatorData: benchOperatorData(),
    settings: new MemorySettingsStore(),
    trustedOrigins: ['app://cabinet'],
    // A test host: the test doubles stand in for the network, said explicitly.
    demo: true,
    passwordCost: BENCH_PASSWORD_COST,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  await cabinet.close();
}

const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;

interface FarDatabase {
  roundTrips: Record<'signIn' | 'overview' | 'numbers' | 'topUp', number>;
  /** Sign-in + the main screen's overview with `LATENCY_MS` added to every round trip: the median of the tries. */
  mainScreenMs: number;
  mainScreenWithNumbersMs: number;
}
const LATENCY_MS = 50;

/**
 * One app in this process reaching the database through the test suite's proxy (tests/postgres/faultProxy.ts):
 * first the round trips of each call are counted on the wire, then every answer is held back 50 ms (a database
 * 50 ms of round trip away) and sign-in + the main screen are timed.
 */
async function farDatabase(url: string): Promise<FarDatabase> {
  const proxy = await FaultProxy.start(url);
  const cabinet = await openCabinet({
    dataDir: '/nonexistent/unused-with-a-shared-store',
    sharedStore: { url: proxy.url(url), poolSize: 4 },
    keyProvider: new StaticKeyProvider(BENCH_KEY),
    operatorData: benchOperatorData(),
    settings: new MemorySettingsStore(),
    trustedOrigins: ['app://cabinet'],
    // A test host: the test doubles stand in for the network, said explicitly.
    demo: true,
    passwordCost: BENCH_PASSWORD_COST,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  const window = { senderId: 'far', origin: 'app://cabinet', device: 'bench' };
  const subscriber = benchSubscriber(15);
  const call = async (method: string, input: unknown = {}) => {
    const result = await cabinet.dispatcher.dispatch(window, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  };
  const card = { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300 + 20 * proxy.latencyMs));
  const counted = async (work: () => Promise<void>) => {
    await settle(); // what the call before left running in the background is done
    const before = proxy.roundTrips;
    await work();
    return proxy.roundTrips - before;
  };
  const signIn = () => call('auth.signInWithPassword', { phone: subscriber.msisdn, password: subscriber.password });
  try {
    // Warm: the pool's connections open and the statements prepared, as on a kiosk that has served before.
    for (let round = 0; round < 3; round += 1) {
      await signIn();
      await call('account.overview');
      await call('numbers.list');
      await call('payments.topUpByCard', { amountKopecks: 10_000, card, idempotencyKey: randomUUID() });
      await call('auth.signOut');
    }
    const roundTrips = {
      signIn: await counted(signIn),
      overview: await counted(() => call('account.overview')),
      numbers: await counted(() => call('numbers.list')),
      topUp: await counted(() => call('payments.topUpByCard', { amountKopecks: 10_000, card, idempotencyKey: randomUUID() })),
    };
    await call('auth.signOut');
    proxy.latencyMs = LATENCY_MS;
    const tries: number[] = [];
    const withNumbers: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      await settle();
      const started = performance.now();
      await signIn();
      await call('account.overview');
      tries.push(performance.now() - started);
      await call('numbers.list');
      withNumbers.push(performance.now() - started);
      await call('auth.signOut');
    }
    return { roundTrips, mainScreenMs: percentile(tries, 50), mainScreenWithNumbersMs: percentile(withNumbers, 50) };
  } finally {
    await cabinet.close();
    await proxy.stop();
  }
}

async function main(): Promise<void> {
  console.log(`shared store benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`each process: sign-in + card top-up + main screen (+ sign-out, untimed) in a loop for ${SECONDS} s; one PostgreSQL server (fsync on) on this machine`);
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-shared-'));
  const server = await startPostgres({ durable: true });
  const runs: Run[] = [];
  let far: FarDatabase | null = null;
  try {
    console.error('· embedded store: seeding, then 1 process');
    await prepare({ dataDir: folder });
    runs.push(await runWorkers('embedded, 1 process', `embedded:${folder}`, 1));
    for (const count of PROCESSES) {
      console.error(`· PostgreSQL: a new database, seeding, then ${count} process(es)`);
      const url = await server.createDatabase(`bench_${count}`);
      await prepare({ sharedStore: { url } });
      runs.push(await runWorkers(`PostgreSQL, ${count} process${count > 1 ? 'es' : ''}`, url, count));
    }
    console.error(`· PostgreSQL ${LATENCY_MS} ms away: round trips, then sign-in + main screen`);
    const url = await server.createDatabase('bench_far');
    await prepare({ sharedStore: { url } });
    far = await farDatabase(url);
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }

  const baseline = runs[0]!;
  console.log('');
  console.log(
    `${'run'.padEnd(24)} ${'loops/s'.padStart(8)} ${'× embedded'.padStart(10)}   ${'sign-in p50/p99'.padStart(22)}   ${'top-up p50/p99'.padStart(22)}   ${'main screen p50/p99'.padStart(22)}   ${'app CPU/loop'.padStart(12)}`,
  );
  for (const run of runs) {
    const cell = (op: Op) => `${ms(percentile(run.times[op], 50))} / ${ms(percentile(run.times[op], 99))}`;
    console.log(
      `${run.label.padEnd(24)} ${run.loopsPerSecond.toFixed(1).padStart(8)} ${(run.loopsPerSecond / baseline.loopsPerSecond).toFixed(2).padStart(9)}×   ${cell('signIn')}   ${cell('topUp')}   ${cell('mainScreen')}   ${ms(run.cpuMsPerLoop)}`,
    );
  }
  const summary = runs.map((run, index) => {
    const name = index === 0 ? 'embedded_1' : `pg_${PROCESSES[index - 1]}`;
    return `${name}_loops_per_s=${run.loopsPerSecond.toFixed(1)} ${name}_topup_p99_ms=${percentile(run.times.topUp, 99).toFixed(2)} ${name}_kiosk_cpu_ms_per_loop=${run.cpuMsPerLoop.toFixed(2)}`;
  });
  console.log(summary.join(' '));
  if (far) {
    console.log('');
    console.log(`round trips to the database (counted on the wire): sign-in ${far.roundTrips.signIn} (goal ≤ 3), overview ${far.roundTrips.overview} (goal ≤ 3), numbers list ${far.roundTrips.numbers}, card top-up ${far.roundTrips.topUp} (goal ≤ 6)`);
    console.log(
      `round_trips_sign_in=${far.roundTrips.signIn} round_trips_overview=${far.roundTrips.overview} round_trips_numbers=${far.roundTrips.numbers} round_trips_top_up=${far.roundTrips.topUp} ` +
        `main_screen_ms_50ms_rtt=${far.mainScreenMs.toFixed(0)} main_screen_with_numbers_ms_50ms_rtt=${far.mainScreenWithNumbersMs.toFixed(0)}`,
    );
  }
}

await main();
