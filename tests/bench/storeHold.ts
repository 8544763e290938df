// The child of `npm run bench:store` whose peak memory is measured: it holds the store in <folder> as the app's main
// process does (with its worker thread) — opens it, commits, checkpoints while committing, closes — and prints its
// peak resident memory. Run bundled by storeBench.ts.
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const key = Buffer.alloc(32, 3);
const MB = 1024 * 1024;

/** The process's peak so far, MB: printed after each phase, so that a high figure says where it came from. */
const peakMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function hold(folder: string): Promise<void> {
  const store = await EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(key), idleCheckpointMs: 0, checkpointBytes: 1024 * MB, checkpointOnClose: false, ...(process.env.BENCH_NO_ANCHOR ? { anchorFile: null } : {}) });
  const commit = () => store.writeSql(async (sql) => sql.run('INSERT INTO bench_commits (at, note) VALUES ($at, $note)', { at: new Date().toISOString(), note: 'sign-in' }));
  const afterOpen = peakMb();
  for (let i = 0; i < 200; i += 1) await commit();
  const afterCommits = peakMb();
  let done = false;
  const checkpoint = store.checkpoint().then(() => (done = true));
  while (!done) await commit();
  await checkpoint;
  const sealedFrom = store.lastCheckpointSealedFrom();
  await store.close();
  console.log(`sealed_from=${sealedFrom}`);
  console.log(`peaks_mb=open ${afterOpen}, 200 commits ${afterCommits}, checkpoint while committing ${peakMb()}`);
  console.log(`peak_rss_mb=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
}

void hold(process.argv[2]!);
