// The store's worker thread: loads the store from its files on open, keeps a copy of the database fed the
// journal records the store commits, and writes each checkpoint (export, seal, atomic write) from that copy.
// Built as its own entry (out/main/storeWorker.js); see storeWorkerClient.ts for the main side.
import { copyFile, link, mkdir, stat, unlink } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import initSqlJs, { type Database, type Statement } from 'sql.js';
import { writeFileAtomically } from './files/atomicFile';
import { sealedSnapshotParts } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import { applyMigrations, imageInStorage, JournalReplay, loadImageKeepingStorage, readStore, runStatements } from './storeImage';
import { decodeStatements } from './sqlExecutor';
import { StoreFolder } from './storeFolder';
import type { FromWorker, OpenedStore, SealedFrom, StoreWorkerSetup, ToWorker, WorkerFailure } from './storeWorkerProtocol';

const port = parentPort!;
const setup = workerData as StoreWorkerSetup;
let folder: StoreFolder | null = null;
const sqlJs = initSqlJs({ locateFile: () => setup.wasmPath });

let db: Database | null = null;
/** The memory the copy was loaded into: its file while the file grows within it (see imageInStorage). */
let storage: Uint8Array | null = null;
let key: Buffer | null = null;
/** The generation of the snapshot file on disk (null: none yet), for naming its backup. */
let snapshotOnDisk: number | null = null;
/** Set once the copy failed to apply something: it no longer matches the store. */
let diverged: WorkerFailure | null = null;
/** Statements of the records applied, prepared once (the core's SQL is a few hundred fixed texts). */
const prepared = new Map<string, Statement>();
/** Messages are handled one after another; a checkpoint's writing goes on while later records are applied. */
let queue: Promise<void> = Promise.resolve();

/** Set when the store closes: an open's replay still running stops, so that the next store's open does not wait for it. */
let closing = false;

port.on('message', (message: ToWorker) => {
  if (message.type === 'reset') closing = true;
  queue = queue.then(() => handle(message)).catch((error: unknown) => failed(error));
});

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function failure(error: unknown): WorkerFailure {
  const { message, code } = error as NodeJS.ErrnoException;
  if (error instanceof StoreFileError) return { message, reason: error.reason, ...(error.file ? { file: error.file } : {}) };
  return { message: String(message ?? error), ...(code ? { code } : {}) };
}

function failed(error: unknown): void {
  diverged ??= failure(error);
  send({ type: 'diverged', error: diverged });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'open': {
      let answered = false;
      try {
        await open(new StoreFolder(message.folder), Buffer.from(message.key), message.id, () => (answered = true));
      } catch (error) {
        // Before the answer: the open fails. After it, the store's own replay meets the same error.
        if (!answered) send({ type: 'failed', id: message.id, error: failure(error) });
        else failed(error);
      }
      return;
    }
    case 'reset':
      reset();
      closing = false;
      return;
    case 'apply':
      if (diverged) return;
      runStatements(database(), decodeInTransaction(message.payload), prepared);
      return;
    case 'migrate':
      if (diverged) return;
      applyMigrations(database(), message.migrations);
      return;
    case 'checkpoint': {
      if (diverged) {
        send({ type: 'failed', id: message.id, error: { message: `the checkpoint copy is out of step: ${diverged.message}` } });
        return;
      }
      const { id, generation, covered, keepBackups } = message;
      const write = async (image: Uint8Array, sealedFrom: SealedFrom) => {
        try {
          const files = folder!;
          await keepBackupOfSnapshot(files, keepBackups);
          const parts = sealedSnapshotParts(image, key!, generation, { records: covered.records, tag: Buffer.from(covered.tag) });
          await writeFileAtomically(files.snapshot, parts);
          snapshotOnDisk = generation;
          send({ type: 'checkpointed', id, sealedFrom });
        } catch (error) {
          send({ type: 'failed', id, error: failure(error) });
        }
      };
      // Sealed from the copy's own file where that is proved to be it: no third image in memory. Later records wait
      // in this thread's queue until the snapshot is written (the store's commits do not: they only post them).
      const inPlace = imageInStorage(database(), storage);
      if (inPlace) {
        await write(inPlace, 'file');
        return;
      }
      // Otherwise the image is exported now, in order; sealing and writing it go on while later records are applied.
      void write(database().export(), 'export');
      return;
    }
  }
}

function database(): Database {
  if (!db) throw new Error('the store worker has no database (not opened)');
  return db;
}

/** A record's statements; it is applied as one transaction, like the commit it came from. */
function decodeInTransaction(payload: Uint8Array): Parameters<typeof runStatements>[1] {
  const statements = decodeStatements(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
  return [{ sql: 'BEGIN', params: {} }, ...statements, { sql: 'COMMIT', params: {} }];
}

function reset(): void {
  for (const statement of prepared.values()) statement.free();
  prepared.clear();
  db?.close();
  db = null;
  storage = null;
  key = null;
  folder = null;
  snapshotOnDisk = null;
  diverged = null;
}

async function open(files: StoreFolder, dataKey: Buffer, id: number, answered: () => void): Promise<void> {
  reset();
  const sql = await sqlJs;
  // Decrypted once into two copies: this thread's and the store's. The store's thread gets its copy and then the
  // journals' records as they are read, and replays them while the rest are read; this thread replays them after.
  const read = await readStore(files, dataKey, 2, {
    snapshot: (unsealed) => {
      const image = unsealed?.copies?.[0] ?? null;
      send({ type: 'image', id, image }, image ? [image.buffer as ArrayBuffer] : []);
    },
    records: (generation, path, payloads, first) => send({ type: 'records', id, generation, path, payloads, first }),
  });
  ({ db, storage } = loadImageKeepingStorage(sql, read.image));
  read.image = null;
  key = dataKey;
  folder = files;
  snapshotOnDisk = read.sealed ? read.snapshot.generation : null;
  const { last, chain, head } = read.replayed;
  const store: OpenedStore = { snapshot: read.snapshot, sealed: read.sealed, last, chain: [...chain.entries()], head };
  send({ type: 'opened', id, store });
  answered();
  // Replayed a slice at a time, stopping if the store is closed meanwhile (records posted later wait in the queue).
  const replay = new JournalReplay(db);
  for (const { generation, path, payloads } of read.journals) {
    for (let from = 0; from < payloads.length; from += REPLAY_SLICE) {
      if (closing) return;
      replay.add(generation, path, payloads.slice(from, from + REPLAY_SLICE), from + 1);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!closing) replay.finish();
}

const REPLAY_SLICE = 500;

/** Keeps the snapshot about to be replaced in backups/ (a hard link, else a copy), and the newest `keep` of them. */
async function keepBackupOfSnapshot(folder: StoreFolder, keep: number): Promise<void> {
  if (keep <= 0 || snapshotOnDisk === null || !(await stat(folder.snapshot).then(() => true, () => false))) return;
  await mkdir(folder.backups, { recursive: true, mode: 0o700 });
  const target = folder.backup(snapshotOnDisk);
  await unlink(target).catch(() => undefined);
  await link(folder.snapshot, target).catch(() => copyFile(folder.snapshot, target));
  for (const old of (await folder.backupGenerations()).slice(keep)) await unlink(folder.backup(old)).catch(() => undefined);
}
