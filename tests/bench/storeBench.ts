// npm run bench:store — commit latency and open time of the journaled store against the naive
// "export, encrypt, write the whole database" approach, measured side by side in this process; the peak memory
// of a process holding the store (with its worker thread) is measured in a child of its own, without the naive one.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BuildOptions } from 'esbuild';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { percentile, timeEach } from './timing';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { writeFileAtomically } from '../../electron/store/files/atomicFile';
import { sealSnapshot } from '../../electron/store/files/snapshotFile';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const key = Buffer.alloc(32, 3);
const MB = 1024 * 1024;
const sizes = (process.env.BENCH_SIZES_MB ?? '1,20,100').split(',').map(Number);

interface SizeResult {
  sizeMb: number;
  commitP50: number;
  commitP99: number;
  naiveP50: number;
  naiveP99: number;
  openMs: number;
  checkpointMaxStallMs: number;
  /** Commits made while the checkpoint ran, and their median and 99th percentile. */
  commitsDuringCheckpoint: number;
  duringP50: number;
  duringP99: number;
  rssMb: number | null;
}

async function main(): Promise<void> {
  console.log(`store benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);
  const results: SizeResult[] = [];
  for (const sizeMb of sizes) results.push(await benchSize(sizeMb));

  console.log('\nsize     commit p50  commit p99  naive p50  naive p99  ratio p50  open+replay(10k) med.5  checkpoint max stall (commits, p50 / p99 of them)  peak RSS');
  for (const r of results) {
    console.log(
      `${String(r.sizeMb).padStart(4)} MB  ${ms(r.commitP50)}  ${ms(r.commitP99)}  ${ms(r.naiveP50)}  ${ms(r.naiveP99)}  ${(r.naiveP50 / r.commitP50).toFixed(0).padStart(8)}×  ${ms(r.openMs).padStart(16)}  ${ms(r.checkpointMaxStallMs).padStart(20)} (${String(r.commitsDuringCheckpoint).padStart(5)}, ${r.duringP50.toFixed(2)} / ${r.duringP99.toFixed(2)} ms)  ${r.rssMb === null ? 'NA' : `${r.rssMb.toFixed(0)} MB`}`,
    );
  }
  console.log(`load average at the end: ${load()} (other processes on the machine slow every figure above)`);
  const at = (size: number) => results.find((r) => r.sizeMb === size);
  const r20 = at(20);
  const r100 = at(100);
  console.log(
    [
      `commit_p50_ms_20mb=${fixed(r20?.commitP50)}`,
      `commit_p99_ms_20mb=${fixed(r20?.commitP99)}`,
      `naive_p50_ms_20mb=${fixed(r20?.naiveP50)}`,
      `ratio_20mb=${r20 ? (r20.naiveP50 / r20.commitP50).toFixed(1) : 'NA'}`,
      `commit_p99_ms_100mb=${fixed(r100?.commitP99)}`,
      `open_ms_20mb=${fixed(r20?.openMs)}`,
      `checkpoint_stall_ms_100mb=${fixed(r100?.checkpointMaxStallMs)}`,
      `open_ms_100mb=${fixed(r100?.openMs)}`,
      `rss_mb_100mb=${r100?.rssMb == null ? 'NA' : r100.rssMb.toFixed(0)}`,
    ].join(' '),
  );
}

async function benchSize(sizeMb: number): Promise<SizeResult> {
  const folder = await mkdtemp(join(tmpdir(), `cabinet-bench-${sizeMb}mb-`));
  try {
    const open = (checkpointBytes = 1024 * MB) =>
      EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(key), idleCheckpointMs: 0, checkpointBytes, checkpointOnClose: false, ...(process.env.BENCH_NO_ANCHOR ? { anchorFile: null } : {}) });
    let store = await open();
    await store.writeSql(async (sql) => {
      await sql.run('CREATE TABLE bench_fill (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
      await sql.run('CREATE TABLE bench_commits (id INTEGER PRIMARY KEY, at TEXT NOT NULL, note TEXT NOT NULL)');
    });
    // Fill to the size in 1 MB transactions of 1 KB rows, then fold it into a snapshot.
    let id = 0;
    for (let filled = 0; filled < sizeMb; filled += 1) {
      await store.writeSql(async (sql) => {
        for (let row = 0; row < 1000; row += 1) await sql.run('INSERT INTO bench_fill (id, payload) VALUES ($id, $payload)', { id: ++id, payload: randomBytes(512).toString('hex') });
      });
    }
    await store.checkpoint();

    // A commit as the cabinet makes them: one small row.
    let commitId = 0;
    const commit = () =>
      store.writeSql(async (sql) => sql.run('INSERT INTO bench_commits (id, at, note) VALUES ($id, $at, $note)', { id: ++commitId, at: new Date().toISOString(), note: 'sign-in' }));
    const journaled = await timeEach(400, commit);

    // The naive way, on the same database: export it whole, seal it, write it atomically.
    const naivePath = join(folder, 'naive.store');
    const naiveRuns = sizeMb >= 100 ? 15 : sizeMb >= 20 ? 40 : 100;
    const naive = await timeEach(naiveRuns, async () => {
      const image = await store.readSql(async () => (store as unknown as { db: { export(): Uint8Array } }).db.export());
      await writeFileAtomically(naivePath, sealSnapshot(image, key, 0));
    });

    // Checkpoint while commits keep coming: the longest a commit waits.
    const stalls: number[] = [];
    let checkpointDone = false;
    const checkpoint = store.checkpoint().then(() => (checkpointDone = true));
    while (!checkpointDone) {
      const started = performance.now();
      await commit();
      stalls.push(performance.now() - started);
    }
    await checkpoint;
    // Where the longest ones fell: the first commits after the checkpoint started wait for the new journal's header.
    const longest = stalls.map((ms, index) => ({ ms, index })).sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`  ${sizeMb} MB: longest commits during the checkpoint ${longest.map(({ ms, index }) => `${ms.toFixed(1)} ms (#${index + 1})`).join(', ')} of ${stalls.length}`);

    // Open: decrypt + load + replay of a 10,000-record journal.
    for (let i = 0; i < 10_000; i += 1) await commit();
    await store.close();
    // The median of five opens of the same files (one open is at the mercy of whatever else the machine does).
    const opens: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const openStarted = performance.now();
      store = await open();
      opens.push(performance.now() - openStarted);
      await store.close();
    }
    const openMs = percentile(opens, 50);
    console.log(`  ${sizeMb} MB: opens ${opens.map((value) => value.toFixed(0)).join(', ')} ms`);
    // Peak memory of a process that opens the store, commits, checkpoints while committing and closes.
    const rssMb = process.env.BENCH_NO_RSS ? null : holdInChild(folder);

    const result = {
      sizeMb,
      commitP50: percentile(journaled, 50),
      commitP99: percentile(journaled, 99),
      naiveP50: percentile(naive, 50),
      naiveP99: percentile(naive, 99),
      openMs,
      checkpointMaxStallMs: Math.max(...stalls),
      commitsDuringCheckpoint: stalls.length,
      duringP50: percentile(stalls, 50),
      duringP99: percentile(stalls, 99),
      rssMb,
    };
    console.log(`  ${sizeMb} MB: done (${journaled.length} journaled commits, ${naive.length} naive, ${stalls.length} during checkpoint)`);
    return result;
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(`${folder}.anchor`, { force: true }); // the store's anchor, kept beside its folder
  }
}


/**
 * The peak resident memory (MB) of a child Node process that holds the store (tests/bench/storeHold.ts). The child
 * runs bundled, as the app's main process does — not through tsx's loader, which keeps 35 MB of its own — and its
 * store worker is bundled beside it as the app's build puts out/main/storeWorker.js beside the main bundle.
 */
function holdInChild(folder: string): number {
  const output = execFileSync(process.execPath, [bundledHold(), folder], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  const sealedFrom = /^sealed_from=(\w+)/m.exec(output)?.[1];
  console.log(`  the holding child's checkpoint was sealed from: ${sealedFrom ?? 'unknown'}`);
  console.log(`  the holding child's peak after each phase (MB): ${/^peaks_mb=(.*)$/m.exec(output)?.[1] ?? 'unknown'}`);
  const match = /^peak_rss_mb=(\d+(?:\.\d+)?)/m.exec(output);
  if (!match) throw new Error(`the holding child printed no peak: ${output.slice(0, 500)}`);
  return Number(match[1]);
}

function bundledHold(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, '..', '..', 'node_modules', '.cache', 'cabinet-bench-hold');
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  mkdirSync(out, { recursive: true });
  // .js is CommonJS in this folder (the project's package.json says "module"): the worker is loaded as a script.
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', external: ['sql.js'], logLevel: 'silent' };
  // The holder as an ES module (the store finds sql.js's WebAssembly from import.meta.url), with a require for the
  // CommonJS it bundles; the worker as the script the app's build makes of it.
  const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
  esbuild.buildSync({ ...common, format: 'esm', banner, entryPoints: [join(here, 'storeHold.ts')], outfile: join(out, 'storeHold.mjs') });
  esbuild.buildSync({ ...common, format: 'cjs', entryPoints: [join(here, '..', '..', 'electron', 'store', 'storeWorker.ts')], outfile: join(out, 'storeWorker.js') });
  return join(out, 'storeHold.mjs');
}

const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');
const ms = (value: number) => `${value.toFixed(3)} ms`.padStart(10);
const fixed = (value: number | undefined) => (value === undefined ? 'NA' : value.toFixed(3));

await main();
