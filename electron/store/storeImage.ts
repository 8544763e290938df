import { readFile } from 'node:fs/promises';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { readIfExists } from './files/atomicFile';
import { CHAIN_ORIGIN, headTag, readJournal, type JournalContents } from './files/journalFile';
import { SNAPSHOT_FORMAT, unsealSnapshot, type Snapshot } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import type { Migration } from './migrations/index';
import { decodeStatements, prefixedParams, SqlJsExecutor, type RecordedStatement } from './sqlExecutor';
import { StoreFolder } from './storeFolder';

/**
 * The store's database as the files hold it: the snapshot decrypted and loaded, the journals after it replayed
 * with their chain checked. Run by the store worker (electron/store/storeWorker.ts), off the main thread.
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

export interface LoadedStore {
  db: Database;
  snapshot: SnapshotPoint;
  /** Whether a snapshot file was there (false: a new or an emptied folder). */
  sealed: boolean;
  replayed: Replayed;
}

/** Decrypts the snapshot, loads it and replays the journals that follow it. */
export async function loadStore(sql: SqlJsStatic, folder: StoreFolder, key: Buffer): Promise<LoadedStore> {
  let sealedBytes = await readIfExists(folder.snapshot);
  const sealed = sealedBytes !== null;
  let snapshot: SnapshotPoint;
  let db: Database;
  if (sealedBytes) {
    const unsealed = unsealSnapshot(sealedBytes, key, folder.snapshot);
    sealedBytes = null;
    snapshot = { generation: unsealed.generation, format: unsealed.format, covered: unsealed.covered };
    db = new sql.Database(unsealed.image);
  } else {
    snapshot = { generation: 0, format: SNAPSHOT_FORMAT, covered: { records: 0, tag: CHAIN_ORIGIN } };
    db = new sql.Database();
  }
  try {
    configureConnection(db);
    const replayed = await replayJournals(db, folder, key, snapshot);
    // The migrations' own table, made here so that every copy of the database has it.
    schemaVersionOf(db);
    return { db, snapshot, sealed, replayed };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Replays the journals that follow the snapshot, oldest first, checking that each continues the chain before it. */
async function replayJournals(db: Database, folder: StoreFolder, key: Buffer, snapshot: Pick<Snapshot, 'generation' | 'covered'>): Promise<Replayed> {
  const snapshotGeneration = snapshot.generation;
  let last: Replayed['last'] = null;
  const chain: Replayed['chain'] = new Map();
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
    const contents = readJournal(await readFile(path), key, path);
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
    // Every record was committed, so one journal replays as one transaction, with statements prepared once.
    const prepared = new Map<string, Statement>();
    db.run('BEGIN');
    try {
      for (const entry of contents.entries) {
        let statements: RecordedStatement[];
        try {
          statements = decodeStatements(entry.payload);
        } catch {
          throw new StoreFileError('damaged', `journal ${generation} record ${entry.sequence} cannot be read`, path);
        }
        try {
          runStatements(db, statements, prepared);
        } catch (error) {
          throw new StoreFileError('damaged', `journal ${generation} record ${entry.sequence} cannot be applied: ${(error as Error).message}`, path);
        }
      }
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw error;
    } finally {
      for (const statement of prepared.values()) statement.free();
    }
    chain.set(generation, { startTag: contents.startTag, tags: contents.tags });
    head = headTag(contents);
    last = { ...summary(contents), headerWritten: true };
  }
  return { last, chain, head };
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
