// npm run bench:shared — 1, 4 and 8 app processes (kiosks of a store chain) on one PostgreSQL database,
// each signing in, topping up and opening the main screen in a loop; beside them, one process on the
// embedded store doing the same, measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openCabinet } from '../../electron/cabinet';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { startPostgres } from '../harness/postgresServer';
import { benchOperatorData, BENCH_KEY, BENCH_PASSWORD_COST } from './sharedBenchData';
import { percentile } from './timing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,4,8').split(',').map(Number);
type Op = 'signIn' | 'topUp' | 'mainScreen';
interface Run {
  label: string;
  loopsPerSecond: number;
  times: Record<Op, number[]>;
}

/** Starts `count` workers, lets them all get ready, starts them at once, and gathers their timings. */
async function runWorkers(label: string, target: string, count: number): Promise<Run> {
  const workers = Array.from({ length: count }, (_unused, index) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/sharedBenchWorker.ts', target, String(SECONDS), String(index)], { stdio: ['pipe', 'pipe', 'inherit'] });
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
  const results = (await Promise.all(workers.map((worker) => worker.done))).map((line) => JSON.parse(line) as { loops: number; seconds: number; times: Record<Op, number[]> });
  const times: Record<Op, number[]> = { signIn: [], topUp: [], mainScreen: [] };
  for (const result of results) for (const op of Object.keys(times) as Op[]) times[op].push(...result.times[op]);
  return { label, loopsPerSecond: results.reduce((total, result) => total + result.loops / result.seconds, 0), times };
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

async function main(): Promise<void> {
  console.log(`shared store benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`each process: sign-in + card top-up + main screen (+ sign-out, untimed) in a loop for ${SECONDS} s; one PostgreSQL server (fsync on) on this machine`);
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-shared-'));
  const server = await startPostgres({ durable: true });
  const runs: Run[] = [];
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
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }

  const baseline = runs[0]!;
  console.log('');
  console.log(`${'run'.padEnd(24)} ${'loops/s'.padStart(8)} ${'× embedded'.padStart(10)}   ${'sign-in p50/p99'.padStart(22)}   ${'top-up p50/p99'.padStart(22)}   ${'main screen p50/p99'.padStart(22)}`);
  for (const run of runs) {
    const cell = (op: Op) => `${ms(percentile(run.times[op], 50))} / ${ms(percentile(run.times[op], 99))}`;
    console.log(`${run.label.padEnd(24)} ${run.loopsPerSecond.toFixed(1).padStart(8)} ${(run.loopsPerSecond / baseline.loopsPerSecond).toFixed(2).padStart(9)}×   ${cell('signIn')}   ${cell('topUp')}   ${cell('mainScreen')}`);
  }
  const summary = runs.map((run, index) => `${index === 0 ? 'embedded_1' : `pg_${PROCESSES[index - 1]}`}_loops_per_s=${run.loopsPerSecond.toFixed(1)} ${index === 0 ? 'embedded_1' : `pg_${PROCESSES[index - 1]}`}_topup_p99_ms=${percentile(run.times.topUp, 99).toFixed(2)}`);
  console.log(summary.join(' '));
}

await main();
