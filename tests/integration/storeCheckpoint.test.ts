import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedDatabase, type OpenOptions } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { tempDir } from './tempDir';

/**
 * Checkpoints run in the store's worker thread: commits go on, and are durable, while one runs; a crash in the
 * middle of one loses nothing that was acknowledged.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
const open: EncryptedDatabase[] = [];
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await dir.remove();
});

async function openStore(options: Partial<OpenOptions> = {}): Promise<EncryptedDatabase> {
  const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 4)), idleCheckpointMs: 0, checkpointOnClose: false, ...options });
  open.push(store);
  return store;
}
async function closeStore(store: EncryptedDatabase): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}
const addRegion = (store: EncryptedDatabase, id: string) =>
  store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'during', 'Europe/Moscow')", { id }));
const regionIds = (store: EncryptedDatabase) =>
  store.readSql(async (sql) => (await sql.all<{ id: string }>("SELECT id FROM regions WHERE name_en = 'during' ORDER BY id")).map((row) => row.id));

describe('a checkpoint in the worker thread', () => {
  it('lets commits go on while it runs; they are in the new journal, the snapshot holds the rest', { timeout: 60_000 }, async () => {
    const store = await openStore();
    await store.writeSql(async (sql) => sql.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)'));
    for (let part = 0; part < 6; part += 1) {
      await store.writeSql(async (sql) => {
        for (let row = 0; row < 1000; row += 1) await sql.run('INSERT INTO filler (payload) VALUES ($payload)', { payload: randomBytes(512).toString('hex') });
      });
    }
    await addRegion(store, 'before');

    let checkpointed = false;
    const checkpoint = store.checkpoint().then(() => (checkpointed = true));
    const committed: string[] = [];
    let acknowledgedDuring = 0;
    while (!checkpointed) {
      const id = `during-${String(committed.length).padStart(5, '0')}`;
      await addRegion(store, id);
      committed.push(id);
      // Acknowledged while the checkpoint is still running.
      if (!checkpointed) acknowledgedDuring += 1;
    }
    await checkpoint;
    expect(acknowledgedDuring).toBeGreaterThan(0);
    const journalAfter = store.journalRecords();
    await closeStore(store);

    // Reopened from the files alone (no checkpoint on close): the new snapshot and the journal after it.
    const reopened = await openStore();
    expect(await regionIds(reopened)).toEqual(['before', ...committed].sort());
    // The commits made during the checkpoint are in the new journal, not in the snapshot it wrote; the old journal is gone.
    expect(reopened.journalRecords()).toBe(journalAfter);
    expect(journalAfter).toBe(committed.length);
    expect((await readdir(dir.path)).filter((name) => name.endsWith('.journal'))).toHaveLength(1);
  });

  it('with the worker gone, a checkpoint is made on the store\'s own thread and loses nothing', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    // The worker thread ends (as a crash of the worker would end it).
    await (store as unknown as { worker: { worker: { terminate(): Promise<number> } } }).worker.worker.terminate();
    await addRegion(store, 'b');
    await store.checkpoint();
    expect(store.journalRecords()).toBe(0);
    await addRegion(store, 'c');
    await closeStore(store);
    expect(await regionIds(await openStore())).toEqual(['a', 'b', 'c']);
  });

  it('a crash during a worker checkpoint loses no acknowledged commit and leaves nothing half there', { timeout: 180_000 }, async () => {
    const rounds = 6;
    let next = 1;
    let acknowledgedUpTo = 0;
    let killedMidCheckpoint = 0;
    for (let round = 0; round < rounds; round += 1) {
      const run = await runAndKill(dir.path, next, Math.floor(Math.random() * 120));
      if (run.acks.length > 0) acknowledgedUpTo = Math.max(acknowledgedUpTo, ...run.acks);
      if (run.midCheckpoint) killedMidCheckpoint += 1;

      const store = await openStore({ keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)) });
      const ids = await store.readSql(async (sql) => (await sql.all<{ id: string }>("SELECT id FROM regions WHERE name_en = 'checkpoint crash'")).map((row) => row.id));
      await closeStore(store);
      const present = new Map<number, Set<string>>();
      for (const id of ids) {
        const [, n, half] = /^n(\d+)-([ab])$/.exec(id)!;
        present.set(Number(n), (present.get(Number(n)) ?? new Set()).add(half!));
      }
      for (const [n, halves] of present) expect(halves.size, `transaction ${n} is half there`).toBe(2);
      for (let n = 1; n <= acknowledgedUpTo; n += 1) expect(present.has(n), `acknowledged transaction ${n} is lost`).toBe(true);
      // A snapshot the kill interrupted leaves a temp file; opening removes it.
      expect((await readdir(dir.path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const highest = Math.max(0, ...present.keys());
      expect(highest).toBeLessThanOrEqual(acknowledgedUpTo + 1);
      acknowledgedUpTo = highest;
      next = highest + 1;
    }
    // The writer checkpoints back to back: the kills came in the middle of one.
    expect(killedMidCheckpoint).toBeGreaterThan(0);
    expect(acknowledgedUpTo).toBeGreaterThan(0);
  });
});

/** Runs the writer until `killAfterMs` after it is ready, then SIGKILLs it; its acks, and whether a checkpoint was running. */
function runAndKill(folder: string, start: number, killAfterMs: number): Promise<{ acks: number[]; midCheckpoint: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/checkpointCrashWriter.ts', folder, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let running = false;
    let midCheckpoint = false;
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') {
          setTimeout(() => {
            midCheckpoint = running;
            child.kill('SIGKILL');
          }, killAfterMs);
        }
        if (line === 'checkpointing') running = true;
        if (line === 'checkpointed') running = false;
        const match = /^ack (\d+)$/.exec(line);
        if (match) acks.push(Number(match[1]));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve({ acks, midCheckpoint });
      else reject(new Error(`the writer stopped by itself: ${stderr.slice(0, 2000)}`));
    });
  });
}
