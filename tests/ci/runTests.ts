/**
 * `npm test`: every check and suite, with each phase's time printed at the end.
 *
 * Each phase starts as soon as the phases it needs have passed: the static checks (type-check, lint, the
 * Electronegativity scan) need nothing; vitest (its conformance project reads the built out/ files) and Playwright
 * (the built renderer) need the build. So both suites run side by side with each other and with whatever static
 * check is still going: on a 2-core machine one suite's waits (a store's worker, PostgreSQL, Kannel, Postfix, a
 * page's timers) are the other's CPU. Playwright streams its output; every other phase's output is printed whole
 * when it ends, so the logs do not interleave line by line. A failed phase starts nothing more; the phases already
 * running finish.
 *
 * `npm test -- lint unit` runs only the named phases (typecheck, lint, scan, build, unit, e2e); a phase then waits
 * only for the named phases it needs. `npm test -- --one-by-one` runs the phases one after the other (for timing one
 * phase alone).
 */
import { spawn } from 'node:child_process';

interface Phase {
  name: string;
  command: string[];
  /** Phases that must have passed first (when they are part of this run). */
  needs: string[];
  /** Its output goes straight to the terminal (one phase at most: the long one people watch). */
  streamed?: boolean;
}

const phases: Phase[] = [
  { name: 'typecheck', command: ['npx', 'vue-tsc', '--noEmit', '-p', 'tsconfig.json'], needs: [] },
  { name: 'lint', command: ['npx', 'eslint', '-c', '.eslint.config.js', '.'], needs: [] },
  { name: 'scan', command: ['npx', 'tsx', 'tests/security/electronegativityScan.ts'], needs: [] },
  { name: 'build', command: ['npx', 'electron-vite', 'build'], needs: [] },
  { name: 'unit', command: ['npx', 'vitest', 'run', '--config', 'tests/vitest.config.ts'], needs: ['build'] },
  // After vitest, not beside it: side by side on 2 cores (twice, this session's CI runs) the suites' time together was the
  // same (1,266 s against 1,375 s one after the other) and a store test ran past its time limit.
  { name: 'e2e', command: ['npx', 'playwright', 'test', '--config', 'tests/playwright.config.ts'], needs: ['build', 'unit'], streamed: true },
];

const known = new Set(phases.map((phase) => phase.name));
const args = process.argv.slice(2);
const oneByOne = args.includes('--one-by-one');
const chosen = args.filter((arg) => arg !== '--one-by-one');
const unknown = chosen.filter((name) => !known.has(name));
if (unknown.length > 0) {
  console.error(`unknown phase ${unknown.join(', ')}: expected some of ${[...known].join(', ')} (and --one-by-one)`);
  process.exit(2);
}
const wanted = phases.filter((phase) => chosen.length === 0 || chosen.includes(phase.name));

interface Outcome {
  name: string;
  /** Seconds from the start of `npm test` to this phase's start and end. */
  began: number;
  seconds: number;
  code: number;
}

const began = performance.now();
const sinceStart = () => (performance.now() - began) / 1000;

function run(phase: Phase, buffered: boolean): Promise<Outcome> {
  const started = sinceStart();
  if (buffered) console.log(`[${started.toFixed(0).padStart(4)} s] ${phase.name} started`);
  return new Promise((resolve) => {
    const child = spawn(phase.command[0]!, phase.command.slice(1), { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => {
      const seconds = sinceStart() - started;
      if (buffered) {
        process.stdout.write(`\n── ${phase.name} (${seconds.toFixed(1)} s, ${code === 0 ? 'ok' : `exit ${code}`}) ──\n`);
        process.stdout.write(Buffer.concat(chunks));
        process.stdout.write(`── end of ${phase.name} ──\n\n`);
      }
      resolve({ name: phase.name, began: started, seconds, code });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

const outcomes: Outcome[] = [];
const running = new Map<string, Promise<Outcome>>();
const pending = [...wanted];
const passed = (name: string) => outcomes.some((outcome) => outcome.name === name && outcome.code === 0);
const inRun = (name: string) => wanted.some((phase) => phase.name === name);
let failed = false;

while (pending.length > 0 || running.size > 0) {
  if (!failed) {
    for (const phase of [...pending]) {
      const ready = phase.needs.every((need) => !inRun(need) || passed(need));
      if (!ready || (oneByOne && running.size > 0)) continue;
      pending.splice(pending.indexOf(phase), 1);
      // Streamed only when it may run beside others and is the one meant to stream, or when it runs alone.
      const buffered = oneByOne ? false : !phase.streamed;
      running.set(phase.name, run(phase, buffered));
    }
  }
  if (running.size === 0) break;
  const outcome = await Promise.race(running.values());
  running.delete(outcome.name);
  outcomes.push(outcome);
  if (outcome.code !== 0) failed = true;
}

console.log('\nphase        from (s)  seconds  result');
for (const outcome of outcomes) {
  console.log(`${outcome.name.padEnd(12)} ${outcome.began.toFixed(0).padStart(8)} ${outcome.seconds.toFixed(1).padStart(8)}  ${outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`}`);
}
const skipped = wanted.filter((phase) => !outcomes.some((outcome) => outcome.name === phase.name));
for (const phase of skipped) console.log(`${phase.name.padEnd(12)} ${'—'.padStart(8)} ${'—'.padStart(8)}  not run (an earlier phase failed)`);
console.log(`${'total'.padEnd(12)} ${''.padStart(8)} ${sinceStart().toFixed(1).padStart(8)}`);
process.exit(outcomes.some((outcome) => outcome.code !== 0) || skipped.length > 0 ? 1 : 0);
