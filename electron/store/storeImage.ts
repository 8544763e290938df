import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { CHAIN_ORIGIN, headTag, readJournal, type JournalContents } from './files/journalFile';
import { readSnapshotFile, SNAPSHOT_FORMAT, type Snapshot } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import type { Migration } from './migrations/index';
import { decodeStatements, prefixedParams, SqlJsExecutor, type RecordedStatement } from './sqlExecutor';
import { StoreFolder } from './storeFolder';

/**
 * The store's database as the files hold it: the snapshot decrypted, the journals after it read with their chain
 * checked (by the store worker, electron/store/storeWorker.ts, off the main thread), then replayed into each copy.
 */

/** The newest journal as read on open, without its records' data: where to continue it. */
export interface LastJournal extends Pick<JournalContents, 'generation' | 'format' | 'startTag' | 'tags' | 'validLength' | 'tornTail'> {
  /** How many records it holds. */
  records: number;
  /** False: its header never reached the disk, nothing in it was acknowledged. */
  headerWritten: boolean;
}

export interface Replayed {
  /** The newest journal read (null: none). */
  last: LastJournal | null;
  /** Each journal replayed, by generation: where its chain starts and its records' tags. */
  chain: Map<number, Pick<JournalContents, 'startTag' | 'tags'>>;
  /** The chain's head after the replay. */
  head: Buffer;
}

export type SnapshotPoint = Pick<Snapshot, 'generation' | 'format' | 'covered'>;

/** A journal's records as read (authenticated, chain checked), to replay into a copy of the database. */
export interface JournalRecords {
  generation: number;
  path: string;
  payloads: Uint8Array[];
}

/**
 * What `readStore` hands over as it reads, before it returns: the snapshot as soon as it is decrypted, then each
 * journal's records a batch at a time (`first`: the batch's first record's sequence number). A later error still
 * fails the read: whatever was built from them is dropped.
 */
export interface ReadStream {
  snapshot(unsealed: Snapshot | null): void;
  records(generation: number, path: string, payloads: Buffer[], first: number): void;
}

export interface ReadStore {
  /** The snapshot's SQLite image (null: no snapshot, an empty database). */
  image: Buffer | null;
  /** The further copies asked for (`copies` − 1 of them; none without a snapshot). */
  copies: Buffer[];
  snapshot: SnapshotPoint;
  /** Whether a snapshot file was there (false: a new or an emptied folder). */
  sealed: boolean;
  /** The journals after the snapshot, oldest first. */
  journals: JournalRecords[];
  replayed: Replayed;
}

/**
 * Reads the store's files: decrypts the snapshot, reads the journals that follow it, oldest first, and checks that
 * each continues the chain before it. Nothing is loaded: each copy of the database replays the records itself.
 */
export async function readStore(folder: StoreFolder, key: Buffer, copies = 1, stream?: ReadStream): Promise<ReadStore> {
  const unsealed = await readSnapshotFile(folder.snapshot, key, { headroom: imageHeadroom, copies });
  stream?.snapshot(unsealed);
  const snapshot: SnapshotPoint = unsealed
    ? { generation: unsealed.generation, format: unsealed.format, covered: unsealed.covered }
    : { generation: 0, format: SNAPSHOT_FORMAT, covered: { records: 0, tag: CHAIN_ORIGIN } };
  const snapshotGeneration = snapshot.generation;
  let last: Replayed['last'] = null;
  const chain: Replayed['chain'] = new Map();
  const journals: JournalRecords[] = [];
  let head = snapshot.covered.tag;
  const generations = (await folder.journalGenerations()).filter((generation) => generation >= snapshotGeneration);
  if (generations.length > 0 && generations[0]! > snapshotGeneration) {
    throw new StoreFileError(
      'rolled-back',
      `the snapshot (generation ${snapshotGeneration}) is older than the journals beside it (from generation ${generations[0]}): an older snapshot or backup was put back. ${await whatToDo(folder)}`,
      folder.snapshot,
    );
  }
  for (const [index, generation] of generations.entries()) {
    if (generation !== snapshotGeneration + index) {
      throw new StoreFileError('damaged', `journal ${snapshotGeneration + index} is missing`, folder.journal(snapshotGeneration + index));
    }
    const path = folder.journal(generation);
    let first = 1;
    const contents = readJournal(await readFile(path), key, path, (entries) => {
      stream?.records(generation, path, entries.map((entry) => entry.payload), first);
      first += entries.length;
    });
    if (contents.generation === -1) {
      // The header of the newest journal never reached the disk: nothing in it was acknowledged.
      last = { ...summary(contents), generation, startTag: head, validLength: 0, headerWritten: false };
      chain.set(generation, { startTag: head, tags: [] });
      continue;
    }
    if (contents.generation !== generation) throw new StoreFileError('damaged', `journal ${generation} belongs to generation ${contents.generation}`, path);
    if (contents.format >= 2 && !contents.startTag.equals(head)) {
      const before = index === 0 ? `the snapshot (generation ${snapshotGeneration})` : `journal ${generation - 1}`;
      throw new StoreFileError(
        'rolled-back',
        `journal ${generation} does not continue ${before}: records were cut from its end, or an older copy was put back. ${await whatToDo(folder)}`,
        path,
      );
    }
    journals.push({ generation, path, payloads: contents.entries.map((entry) => entry.payload) });
    chain.set(generation, { startTag: contents.startTag, tags: contents.tags });
    head = headTag(contents);
    last = { ...summary(contents), headerWritten: true };
  }
  return { image: unsealed?.image ?? null, copies: unsealed?.copies ?? [], snapshot, sealed: unsealed !== null, journals, replayed: { last, chain, head } };
}

/**
 * A database loaded from an image (null: empty), with the store's connection settings. The image becomes the
 * database's file: sql.js takes it with slice(), which on a Buffer is a view, so no second copy is made (a store can
 * be 100 MB) — the caller must not use the image afterwards.
 */
export function loadImage(sql: SqlJsStatic, image: Uint8Array | null): Database {
  return loadImageKeepingStorage(sql, image).db;
}

/** A loaded database and the memory it was loaded into, which stays its file while the file grows within it. */
export interface LoadedImage {
  db: Database;
  /** The file's storage as given to sql.js, with the room behind it (null: an empty database, sql.js's own array). */
  storage: Uint8Array | null;
}

export function loadImageKeepingStorage(sql: SqlJsStatic, image: Uint8Array | null): LoadedImage {
  const file = image && withCapacity(Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  const db = file ? new sql.Database(file) : new sql.Database();
  configureConnection(db);
  return { db, storage: file && new Uint8Array(file.buffer, file.byteOffset, file.buffer.byteLength - file.byteOffset) };
}

/**
 * The database's file as it is now, read in place from `storage` without a copy — or null when that cannot be proved
 * to still be the file. sql.js replaces a file's storage when SQLite writes past its end (beyond the room) or
 * truncates it; it does not say so. The proof: a changed user_version is put into page 1 of `storage` with the change
 * counter bumped, as another process would; SQLite, which re-reads the counter at each transaction's start, reads
 * the new user_version only if `storage` is its file. The header is put back before returning.
 * Call it between transactions; the view is valid until the database is next written.
 */
export function imageInStorage(db: Database, storage: Uint8Array | null): Uint8Array | null {
  if (!storage) return null;
  const [pageSize, pageCount] = db.exec('PRAGMA page_size; PRAGMA page_count').map((result) => Number(result.values[0]![0]));
  const size = pageSize! * pageCount!;
  if (!(size >= 100 && size <= storage.length)) return null;
  const file = Buffer.from(storage.buffer, storage.byteOffset, size);
  const header = Buffer.from(file.subarray(0, 100));
  const probe = (header.readInt32BE(60) + 1 + randomInt(1 << 30)) | 0;
  try {
    file.writeInt32BE(probe, 60);
    // The change counter and its "version valid for" copy, moved together: SQLite drops its cached pages.
    file.writeUInt32BE((header.readUInt32BE(24) + 1) >>> 0, 24);
    file.writeUInt32BE((header.readUInt32BE(92) + 1) >>> 0, 92);
    const seen = Number(db.exec('PRAGMA user_version')[0]!.values[0]![0]);
    return seen === probe ? new Uint8Array(storage.buffer, storage.byteOffset, size) : null;
  } finally {
    // Put back whether or not it is the file (a replaced storage is no one's): SQLite re-reads page 1 once more.
    header.copy(file, 0);
  }
}

/**
 * How much room to leave behind a loaded image for the database to grow into: sql.js keeps the file in one array and,
 * the first time SQLite writes past its end, allocates 1.125 times the size and copies — for a 100 MB store, a second
 * 112 MB array beside the first until the old one is collected, in each of the two threads. With the room allocated at
 * load (its pages are not touched, so cost no memory until written), the file grows in place until the next open.
 */
export function imageHeadroom(size: number): number {
  return Math.max(4 * 1024 * 1024, Math.ceil(size / 8));
}

/**
 * The image as sql.js's in-memory file system takes it: it keeps `file.slice(0, length)` as the file's storage and
 * the length as its size, so a view that reaches to the end of the image's allocation gives it that room to grow
 * (sql.js's MEMFS, `write` on an empty file). Where the allocation has no room, the image is given as it is.
 */
function withCapacity(file: Buffer): Buffer {
  const capacity = file.buffer.byteLength - file.byteOffset;
  if (capacity <= file.length) return file;
  const length = file.length;
  Object.defineProperty(file, 'slice', {
    value: (start = 0, end = length) => (start === 0 && end === length ? new Uint8Array(file.buffer, file.byteOffset, capacity) : Buffer.prototype.subarray.call(file, start, end)),
  });
  return file;
}

/**
 * A replay fed a batch of records at a time, as the store worker reads them (see ReadStream): each journal is one
 * transaction, committed when the next journal's records start or at `finish`; a record that cannot be read or
 * applied rolls its journal back and throws.
 */
export class JournalReplay {
  private generation: number | null = null;
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  add(generation: number, path: string, payloads: Uint8Array[], first: number): void {
    if (generation !== this.generation) {
      this.commit();
      this.db.run('BEGIN');
      this.generation = generation;
    }
    try {
      for (const [index, payload] of payloads.entries()) {
        const sequence = first + index;
        let statements: RecordedStatement[];
        try {
          statements = decodeStatements(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
        } catch {
          throw new StoreFileError('damaged', `journal ${generation} record ${sequence} cannot be read`, path);
        }
        try {
          runStatements(this.db, statements, this.prepared);
        } catch (error) {
          throw new StoreFileError('damaged', `journal ${generation} record ${sequence} cannot be applied: ${(error as Error).message}`, path);
        }
      }
    } catch (error) {
      this.db.run('ROLLBACK');
      this.generation = null;
      this.freeStatements();
      throw error;
    }
  }

  /** Commits the last journal's records and makes sure the migrations' table exists. */
  finish(): void {
    this.commit();
    schemaVersionOf(this.db);
  }

  private commit(): void {
    if (this.generation === null) return;
    this.db.run('COMMIT');
    this.generation = null;
    this.freeStatements();
  }

  private freeStatements(): void {
    for (const statement of this.prepared.values()) statement.free();
    this.prepared.clear();
  }
}

function summary(contents: JournalContents): Omit<LastJournal, 'headerWritten'> {
  const { generation, format, startTag, tags, validLength, tornTail } = contents;
  return { generation, format, startTag, tags, validLength, tornTail, records: contents.entries.length };
}

/** Runs a record's statements, preparing each text once per `prepared` map. */
export function runStatements(db: Database, statements: RecordedStatement[], prepared: Map<string, Statement>): void {
  for (const { sql, params } of statements) {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    statement.run(prefixedParams(params));
  }
}

/** The advice that ends a rollback error: the newer copy, or the newest backup by name. */
export async function whatToDo(folder: StoreFolder): Promise<string> {
  const newest = (await folder.backupGenerations())[0];
  const backup = newest === undefined ? 'there is no backup in backups/' : `the newest is ${folder.backup(newest)}`;
  return `Nothing was changed. Put back the newer copy of the store folder if you have one; otherwise go back to a backup (${backup}): changes made after it are lost`;
}

export function schemaVersionOf(db: Database): number {
  db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const row = new SqlJsExecutor(db).allNow<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')[0];
  return row?.version ?? 0;
}

/**
 * The in-memory database's settings. Durability is the encrypted journal's job, so SQLite keeps its own
 * rollback journal in memory (it only ever undoes a transaction that failed) instead of writing a journal
 * file into sql.js's in-memory file system on every commit.
 */
export function configureConnection(db: Database): void {
  db.run('PRAGMA foreign_keys = ON');
  db.run('PRAGMA journal_mode = MEMORY');
}

export function applyMigrations(db: Database, pending: Migration[]): void {
  for (const migration of pending) {
    db.run('BEGIN');
    try {
      for (const statement of [...migration.statements, ...(migration.sqliteOnly ?? [])]) db.run(statement);
      db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [migration.version, migration.name]);
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw error;
    }
  }
}
