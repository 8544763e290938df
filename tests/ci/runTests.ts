/**
 * `npm test`: every check and suite, with each phase's time printed at the end.
 *
 * The static checks (type-check, lint, the Electronegativity scan) and the build do not depend on each other:
 * they run side by side, each one's output printed whole when it ends so the logs do not interleave. The suites
 * then run one after the other — vitest (which also reads the built out/ files) and Playwright (the built
 * renderer) — streaming their output. A failed phase stops the run after the phases beside it have finished.
 *
 * `npm test -- lint unit` runs only the named phases (typecheck, lint, scan, build, unit, e2e).
 */
import { spawn } from 'node:child_process';

interface Phase {
  name: string;
  command: string[];
}

const steps: Phase[][] = [
  [
    { name: 'typecheck', command: ['npx', 'vue-tsc', '--noEmit', '-p', 'tsconfig.json'] },
    { name: 'lint', command: ['npx', 'eslint', '-c', '.eslint.config.js', '.'] },
    { name: 'scan', command: ['npx', 'tsx', 'tests/security/electronegativityScan.ts'] },
    { name: 'build', command: ['npx', 'electron-vite', 'build'] },
  ],
  [{ name: 'unit', command: ['npx', 'vitest', 'run', '--config', 'tests/vitest.config.ts'] }],
  [{ name: 'e2e', command: ['npx', 'playwright', 'test', '--config', 'tests/playwright.config.ts'] }],
];

const known = new Set(steps.flat().map((phase) => phase.name));
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !known.has(name));
if (unknown.length > 0) {
  console.error(`unknown phase ${unknown.join(', ')}: expected some of ${[...known].join(', ')}`);
  process.exit(2);
}
const wanted = (phase: Phase) => chosen.length === 0 || chosen.includes(phase.name);

interface Outcome {
  name: string;
  seconds: number;
  code: number;
}

function run(phase: Phase, buffered: boolean): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(phase.command[0]!, phase.command.slice(1), { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => {
      const seconds = (performance.now() - started) / 1000;
      if (buffered) {
        process.stdout.write(`\n── ${phase.name} (${seconds.toFixed(1)} s, ${code === 0 ? 'ok' : `exit ${code}`}) ──\n`);
        process.stdout.write(Buffer.concat(chunks));
      }
      resolve({ name: phase.name, seconds, code });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

const outcomes: Outcome[] = [];
const began = performance.now();
for (const step of steps) {
  const phases = step.filter(wanted);
  if (phases.length === 0) continue;
  if (phases.length > 1) console.log(`\nrunning side by side: ${phases.map((phase) => phase.name).join(', ')}`);
  const results = await Promise.all(phases.map((phase) => run(phase, phases.length > 1)));
  outcomes.push(...results);
  if (results.some((result) => result.code !== 0)) break;
}

console.log('\nphase        seconds  result');
for (const outcome of outcomes) console.log(`${outcome.name.padEnd(12)} ${outcome.seconds.toFixed(1).padStart(7)}  ${outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`}`);
const skipped = steps.flat().filter((phase) => wanted(phase) && !outcomes.some((outcome) => outcome.name === phase.name));
for (const phase of skipped) console.log(`${phase.name.padEnd(12)} ${'—'.padStart(7)}  not run (an earlier phase failed)`);
console.log(`${'total'.padEnd(12)} ${((performance.now() - began) / 1000).toFixed(1).padStart(7)}`);
process.exit(outcomes.some((outcome) => outcome.code !== 0) || skipped.length > 0 ? 1 : 0);
