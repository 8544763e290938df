import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { link, mkdir, readFile, unlink, copyFile } from 'node:fs/promises';
import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';
import { StoreUnavailableError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { Repositories } from '../core/unitOfWork';
import { readIfExists, writeFileAtomically } from './files/atomicFile';
import { JournalWriter, readJournal, type JournalContents } from './files/journalFile';
import { sealSnapshot, unsealSnapshot } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import { StoreLock } from './files/storeLock';
import type { CabinetStore } from './cabinetStore';
import type { KeyProvider } from './keyProvider';
import { NewerStoreVersionError } from './newerStoreVersionError';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { sqlRepositories } from './repositories/index';
import { decodeStatements, encodeStatements, prefixedParams, SqlJsExecutor, StatementCache, type RecordedStatement, type SqlExecutor } from './sqlExecutor';
import { StoreFolder } from './storeFolder';

// Not named `require`: the bundle's ESM shim declares that name at its top, and a second one does not parse.
const resolveFromHere = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | null = null;

/**
 * sql.js's WebAssembly: the copy the build puts beside the main bundle (out/main/sql-wasm.wasm, packaged with it),
 * else — running from source, in tests — the package's own.
 */
export function sqlWasmPath(file = 'sql-wasm.wasm', from: string = import.meta.url): string {
  const beside = fileURLToPath(new URL(file, from));
  return existsSync(beside) ? beside : resolveFromHere.resolve(`sql.js/dist/${file}`);
}

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
  return sqlJs;
}

export { NewerStoreVersionError };

export interface OpenOptions {
  /** The store's folder: snapshot, journals, lock and backups live in it. */
  folder: string;
  keyProvider: KeyProvider;
  migrations?: Migration[];
  /** A checkpoint starts once the journal passes this size. */
  checkpointBytes?: number;
  /** A checkpoint starts after this long without commits (0: never on idle). */
  idleCheckpointMs?: number;
  /** Fold the journal into a snapshot on close (default); off only to leave the files as a crash would. */
  checkpointOnClose?: boolean;
  /** How many earlier snapshots to keep in backups/. */
  keepBackups?: number;
  logger?: Logger;
}

/**
 * The encrypted sql.js store: the database lives in memory; every committed transaction is
 * appended to an encrypted journal and made durable (fdatasync) before the caller hears "done";
 * a checkpoint writes a new encrypted snapshot and starts an empty journal. Commit time does not
 * depend on the database's size. Units of work run one at a time.
 */
export class EncryptedDatabase implements CabinetStore {
  readonly dialect = 'sqlite';
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Set when memory and journal could disagree: every later write is refused until reopened. */
  private broken: Error | null = null;
  private checkpointRun: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly logger: Logger;
  /** Prepared once for the store's life: the core's SQL is a few hundred fixed texts. */
  private readonly statements: StatementCache;

  private constructor(
    private readonly db: Database,
    private readonly folder: StoreFolder,
    private readonly key: Buffer,
    private journal: JournalWriter,
    private readonly lock: StoreLock,
    private readonly options: OpenOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.statements = new StatementCache(db);
  }

  static async open(options: OpenOptions): Promise<EncryptedDatabase> {
    const folder = new StoreFolder(options.folder);
    await mkdir(folder.path, { recursive: true, mode: 0o700 });
    const lock = await StoreLock.acquire(folder.lock);
    let db: Database | null = null;
    try {
      const key = await options.keyProvider.dataKey();
      const sql = await loadSqlJs();
      const sealed = await readIfExists(folder.snapshot);
      const snapshot = sealed ? unsealSnapshot(sealed, key, folder.snapshot) : { generation: 0, image: null };
      db = snapshot.image ? new sql.Database(snapshot.image) : new sql.Database();
      configureConnection(db);

      const replayed = await replayJournals(db, folder, key, snapshot.generation);
      const pending = pendingMigrations(db, options.migrations ?? allMigrations);

      // Continue the newest journal; one whose header never reached the disk is started afresh.
      const journal =
        replayed.last && replayed.last.headerWritten
          ? await JournalWriter.resume(folder.journal(replayed.last.generation), key, replayed.last)
          : await JournalWriter.create(folder.journal(replayed.last?.generation ?? snapshot.generation), key, replayed.last?.generation ?? snapshot.generation);
      const store = new EncryptedDatabase(db, folder, key, journal, lock, options);
      await store.removeJournalsBefore(snapshot.generation);
      if (pending.length > 0) {
        applyMigrations(db, pending);
        // Migrations are not journaled: a checkpoint makes them durable at once.
        await store.checkpoint();
      }
      return store;
    } catch (error) {
      db?.close();
      await lock.release();
      throw error;
    }
  }

  schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  /** How many committed transactions wait in the journal for the next checkpoint. */
  journalRecords(): number {
    return this.journal.records;
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(sqlRepositories(new SqlJsExecutor(this.db, undefined, this.statements))));
  }

  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.commit((sql) => work(sqlRepositories(sql))));
  }

  /** Raw SQL reads, for maintenance and tests, not for the core. */
  readSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(new SqlJsExecutor(this.db, undefined, this.statements)));
  }

  /** Raw SQL inside one durable transaction: for seeding and maintenance, not for the core. */
  writeSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.commit(work));
  }

  /**
   * Writes a new snapshot and starts an empty journal. Commits wait only while the database is
   * exported; sealing and writing the snapshot happen while they go on (into the new journal).
   */
  checkpoint(): Promise<void> {
    this.checkpointRun ??= this.runCheckpoint().finally(() => {
      this.checkpointRun = null;
    });
    return this.checkpointRun;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.clearIdleTimer();
    await this.checkpointRun?.catch(() => undefined);
    if (!this.broken && this.journal.records > 0 && this.options.checkpointOnClose !== false) await this.checkpoint().catch((error: Error) => this.logger.warn('checkpoint on close failed', { error: error.message }));
    await this.exclusive(async () => {
      this.closed = true;
      await this.journal.close();
      this.statements.clear();
      this.db.close();
    });
    await this.lock.release();
  }

  private async commit<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.broken) throw new StoreUnavailableError(`the store stopped accepting changes: ${this.broken.message}`);
    const statements: RecordedStatement[] = [];
    this.db.run('BEGIN');
    let result: T;
    try {
      result = await work(new SqlJsExecutor(this.db, statements, this.statements));
    } catch (error) {
      this.db.run('ROLLBACK');
      throw error;
    }
    if (statements.length === 0) {
      this.db.run('COMMIT');
      return result;
    }
    try {
      await this.journal.append(encodeStatements(statements));
    } catch (error) {
      // Not on disk, so not committed: memory goes back too.
      this.db.run('ROLLBACK');
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.logger.error('a commit could not be written to the journal', { reason });
      throw new StoreUnavailableError(`the change could not be saved (${reason}); nothing was changed`);
    }
    try {
      this.db.run('COMMIT');
    } catch (error) {
      this.broken = error as Error;
      throw new StoreUnavailableError(`the store could not commit: ${(error as Error).message}`);
    }
    this.afterCommit();
    return result;
  }

  private afterCommit(): void {
    if (this.journal.size >= (this.options.checkpointBytes ?? 8 * 1024 * 1024)) {
      void this.checkpoint().catch((error: Error) => this.logger.warn('checkpoint failed; the journal keeps every commit', { error: error.message }));
    }
    const idle = this.options.idleCheckpointMs ?? 30_000;
    if (idle > 0) {
      this.clearIdleTimer();
      this.idleTimer = setTimeout(() => {
        if (this.journal.records > 0) void this.checkpoint().catch(() => undefined);
      }, idle);
      this.idleTimer.unref();
    }
  }

  private async runCheckpoint(): Promise<void> {
    const { image, generation, previous } = await this.exclusive(async () => {
      const image = this.db.export();
      configureConnection(this.db); // older sql.js reopened the connection to export it
      const generation = this.journal.generation + 1;
      const next = await JournalWriter.create(this.folder.journal(generation), this.key, generation);
      const previous = this.journal;
      this.journal = next;
      return { image, generation, previous };
    });
    await previous.close();
    await this.keepBackupOfCurrentSnapshot();
    // Until this rename lands, the old snapshot and every journal since it still hold everything.
    await writeFileAtomically(this.folder.snapshot, sealSnapshot(image, this.key, generation));
    await this.removeJournalsBefore(generation);
  }

  private async keepBackupOfCurrentSnapshot(): Promise<void> {
    const keep = this.options.keepBackups ?? 3;
    const current = await readIfExists(this.folder.snapshot);
    if (!current || keep <= 0) return;
    const { generation } = unsealSnapshot(current, this.key, this.folder.snapshot);
    await mkdir(this.folder.backups, { recursive: true, mode: 0o700 });
    const target = this.folder.backup(generation);
    await unlink(target).catch(() => undefined);
    await link(this.folder.snapshot, target).catch(() => copyFile(this.folder.snapshot, target));
    for (const old of (await this.folder.backupGenerations()).slice(keep)) await unlink(this.folder.backup(old)).catch(() => undefined);
  }

  private async removeJournalsBefore(generation: number): Promise<void> {
    for (const old of await this.folder.journalGenerations()) {
      if (old < generation) await unlink(this.folder.journal(old)).catch(() => undefined);
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new StoreUnavailableError('the store is closed');
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Replays the journals that follow the snapshot, oldest first; returns the newest one read. */
async function replayJournals(db: Database, folder: StoreFolder, key: Buffer, snapshotGeneration: number) {
  let last: (JournalContents & { headerWritten: boolean }) | null = null;
  const generations = (await folder.journalGenerations()).filter((generation) => generation >= snapshotGeneration);
  for (const [index, generation] of generations.entries()) {
    if (generation !== snapshotGeneration + index) {
      throw new StoreFileError('damaged', `journal ${snapshotGeneration + index} is missing`, folder.journal(snapshotGeneration + index));
    }
    const path = folder.journal(generation);
    const contents = readJournal(await readFile(path), key, path);
    if (contents.generation === -1) {
      // The header of the newest journal never reached the disk: nothing in it was acknowledged.
      last = { ...contents, generation, validLength: 0, headerWritten: false };
      continue;
    }
    if (contents.generation !== generation) throw new StoreFileError('damaged', `journal ${generation} belongs to generation ${contents.generation}`, path);
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
          for (const { sql, params } of statements) {
            let statement = prepared.get(sql);
            if (!statement) {
              statement = db.prepare(sql);
              prepared.set(sql, statement);
            }
            statement.run(prefixedParams(params));
          }
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
    last = { ...contents, headerWritten: true };
  }
  return { last };
}

function schemaVersionOf(db: Database): number {
  db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const row = new SqlJsExecutor(db).allNow<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')[0];
  return row?.version ?? 0;
}

function pendingMigrations(db: Database, list: Migration[]): Migration[] {
  const current = schemaVersionOf(db);
  const known = list.at(-1)?.version ?? 0;
  if (current > known) throw new NewerStoreVersionError(current, known);
  return list.filter((migration) => migration.version > current);
}

/**
 * The in-memory database's settings. Durability is the encrypted journal's job, so SQLite keeps its own
 * rollback journal in memory (it only ever undoes a transaction that failed) instead of writing a journal
 * file into sql.js's in-memory file system on every commit.
 */
function configureConnection(db: Database): void {
  db.run('PRAGMA foreign_keys = ON');
  db.run('PRAGMA journal_mode = MEMORY');
}

function applyMigrations(db: Database, pending: Migration[]): void {
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
