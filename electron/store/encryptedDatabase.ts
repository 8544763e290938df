import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { link, mkdir, readdir, unlink, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { StoreUnavailableError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { Repositories } from '../core/unitOfWork';
import { readIfExists, writeFileAtomically } from './files/atomicFile';
import { AnchorFile, anchorPathFor, type AnchorPoint } from './files/anchorFile';
import { JournalWriter } from './files/journalFile';
import { sealSnapshot, unsealSnapshot } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import { StoreLock } from './files/storeLock';
import type { CabinetStore } from './cabinetStore';
import type { KeyProvider } from './keyProvider';
import { NewerStoreVersionError } from './newerStoreVersionError';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { sqlRepositories } from './repositories/index';
import { encodeStatements, SqlJsExecutor, StatementCache, type RecordedStatement, type SqlExecutor } from './sqlExecutor';
import { StoreFolder } from './storeFolder';
import { applyMigrations, configureConnection, JournalReplay, loadImage, schemaVersionOf, whatToDo, type Replayed, type SnapshotPoint } from './storeImage';
import { StoreWorkerClient } from './storeWorkerClient';
import type { SealedFrom } from './storeWorkerProtocol';

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
  /**
   * Where the store's anchor (the newest committed point this computer saw) is kept: by default beside the
   * folder (`<folder>.anchor`), where a copy of the folder does not take it along. null: no anchor.
   */
  anchorFile?: string | null;
}

/**
 * The encrypted sql.js store: the database lives in memory; every committed transaction is
 * appended to an encrypted journal and made durable (fdatasync) before the caller hears "done";
 * a checkpoint writes a new encrypted snapshot and starts an empty journal. Commit time does not
 * depend on the database's size. Units of work run one at a time.
 *
 * The files are read, and checkpoints exported, sealed and written, by the store's worker thread
 * (storeWorker.ts): it loads the store on open and keeps its own copy of the database, fed every record
 * committed here, so a commit waits for a checkpoint only while the next journal is started.
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
  /** The newest point to record in the anchor, and the write that records it (one at a time, the latest wins). */
  private pendingAnchor: AnchorPoint | null = null;
  private anchorWriting: Promise<void> | null = null;
  /** How the last checkpoint's snapshot was sealed (null: none yet): 'here' is the main-thread fallback. */
  private sealedFrom: SealedFrom | 'here' | null = null;

  private constructor(
    private readonly db: Database,
    private readonly folder: StoreFolder,
    private readonly key: Buffer,
    private journal: JournalWriter,
    private readonly lock: StoreLock,
    private readonly options: OpenOptions,
    private readonly anchor: AnchorFile | null,
    private readonly worker: StoreWorkerClient,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.statements = new StatementCache(db);
  }

  static async open(options: OpenOptions): Promise<EncryptedDatabase> {
    const folder = new StoreFolder(options.folder);
    await mkdir(folder.path, { recursive: true, mode: 0o700 });
    const lock = await StoreLock.acquire(folder.lock);
    // Set from the worker's image callback (a type the compiler does not narrow to null there).
    let db = null as Database | null;
    let anchor: AnchorFile | null = null;
    let worker: StoreWorkerClient | null = null;
    try {
      // Started first: the worker loads sql.js while the key is fetched.
      worker = StoreWorkerClient.start(folder.path, sqlWasmPath());
      const [key, sql] = await Promise.all([options.keyProvider.dataKey(), loadSqlJs()]);
      // The worker decrypts the snapshot and reads the journals (checking their chain); this thread loads the image as
      // soon as it comes and replays the records batch by batch while the worker reads the rest.
      let replay: JournalReplay | null = null;
      const opened = await worker.open(key, {
        image: (image) => {
          db = loadImage(sql, image);
          replay = new JournalReplay(db);
        },
        records: (generation, path, payloads, first) => replay!.add(generation, path, payloads, first),
      });
      if (db === null || replay === null) throw new Error('the store worker answered the open without the database image');
      (replay as JournalReplay).finish();
      const { snapshot, replayed, sealed } = opened;

      anchor = options.anchorFile === null ? null : await AnchorFile.open(options.anchorFile ?? anchorPathFor(folder.path), key);
      const emptyFolder = !sealed && replayed.last === null;
      if (anchor?.found && emptyFolder) {
        // No snapshot and no journal at all: the store was removed on purpose (a reset), not put back. It starts anew.
        (options.logger ?? silentLogger).warn('the store folder is empty but an anchor from an earlier store exists; a new store and anchor are started', {});
      } else if (anchor?.found) {
        const problem = comparedWithAnchor(anchor.found, snapshot, replayed);
        if (problem) throw new StoreFileError('rolled-back', `${problem}. ${await whatToDo(folder)}`, folder.path);
      } else if (anchor && (sealed || replayed.last)) {
        (options.logger ?? silentLogger).warn('the store had no anchor (an older version, or the anchor was removed); one is kept from now on', {});
      }
      const pending = pendingMigrations(db, options.migrations ?? allMigrations);

      // Continue the newest journal; one whose header never reached the disk is started afresh, and one of the
      // older format (no chain) is followed by a new one at once and folded into a snapshot below.
      const last = replayed.last;
      const legacy = last !== null && last.headerWritten && last.format !== 2;
      const journal =
        last && last.headerWritten && !legacy
          ? await JournalWriter.resume(folder.journal(last.generation), key, last)
          : legacy
            ? await JournalWriter.create(folder.journal(last.generation + 1), key, last.generation + 1, replayed.head)
            : await JournalWriter.create(folder.journal(last?.generation ?? snapshot.generation), key, last?.generation ?? snapshot.generation, replayed.head);
      const store = new EncryptedDatabase(db, folder, key, journal, lock, options, anchor, worker);
      await store.removeJournalsBefore(snapshot.generation);
      await store.removeUnfinishedSnapshots();
      store.noteAnchor();
      if (pending.length > 0) {
        applyMigrations(db, pending);
        worker.migrate(pending);
      }
      // Migrations are not journaled: a checkpoint makes them durable at once.
      if (pending.length > 0 || legacy) await store.checkpoint();
      return store;
    } catch (error) {
      db?.close();
      await worker?.close();
      await anchor?.close().catch(() => undefined);
      await lock.release();
      throw error;
    }
  }

  schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  /** How the last checkpoint's snapshot was sealed: from the worker's file in place, an export of it, or here. */
  lastCheckpointSealedFrom(): SealedFrom | 'here' | null {
    return this.sealedFrom;
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
   * Writes a new snapshot and starts an empty journal. Commits wait only while the next journal is started;
   * the worker exports, seals and writes the snapshot from its copy while they go on (into the new journal).
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
    await this.worker.close();
    await this.anchorWriting;
    await this.anchor?.close().catch(() => undefined);
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
    const payload = encodeStatements(statements);
    try {
      await this.journal.append(payload);
    } catch (error) {
      // Not on disk, so not committed: memory goes back too.
      this.db.run('ROLLBACK');
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.logger.error('a commit could not be written to the journal', { reason });
      throw new StoreUnavailableError(`the change could not be saved (${reason}); nothing was changed`);
    }
    this.noteAnchor();
    this.worker.apply(payload);
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
    if (this.worker.failure) return this.checkpointHere(this.worker.failure);
    const { generation, previous, next, headerSynced, written } = await this.exclusive(async () => {
      const generation = this.journal.generation + 1;
      const previous = this.journal;
      // The snapshot holds every record of the journal so far; the next journal's chain continues from its last tag.
      const covered = { records: previous.records, tag: previous.headTag };
      // Its header is synced in the background (the first commit into it waits for that): commits wait here only
      // for the file to be opened and its header written.
      const next = await JournalWriter.start(this.folder.journal(generation), this.key, generation, covered.tag);
      this.journal = next;
      // Asked before any later commit posts its record: the worker's copy holds exactly the records of `previous`.
      const written = this.worker.checkpoint(generation, covered, this.options.keepBackups ?? 3);
      // The first attempt's outcome is the checkpoint's (a later commit retries a failed sync by itself).
      return { generation, previous, next, headerSynced: next.durable(), written };
    });
    // The anchor names the new journal only once its header is on the disk (a crash before that leaves a journal
    // without a header, which holds nothing; an anchor naming it would be taken for a rollback).
    const synced = headerSynced.then(() => {
      if (this.journal === next) this.noteAnchor();
    });
    // Until the worker's rename lands, the old snapshot and every journal since it still hold everything.
    const [closed, snapshot, durable] = await Promise.allSettled([previous.close(), written, synced]);
    if (durable.status === 'rejected') throw durable.reason;
    if (snapshot.status === 'rejected') throw snapshot.reason;
    if (closed.status === 'rejected') throw closed.reason;
    this.sealedFrom = snapshot.value;
    await this.removeJournalsBefore(generation);
  }

  /**
   * The checkpoint without the worker (it stopped, or its copy fell out of step): exported and sealed on this
   * thread, commits waiting while the image is taken. Slower, never wrong: the image is this thread's database.
   */
  private async checkpointHere(why: Error): Promise<void> {
    this.logger.warn('checkpoint on the main thread: the store worker is not available', { reason: why.message });
    const { image, generation, previous, covered } = await this.exclusive(async () => {
      const image = this.db.export();
      configureConnection(this.db);
      const generation = this.journal.generation + 1;
      const previous = this.journal;
      const covered = { records: previous.records, tag: previous.headTag };
      const next = await JournalWriter.create(this.folder.journal(generation), this.key, generation, covered.tag);
      this.journal = next;
      this.noteAnchor();
      return { image, generation, previous, covered };
    });
    await previous.close();
    await this.keepBackupOfCurrentSnapshot();
    await writeFileAtomically(this.folder.snapshot, sealSnapshot(image, this.key, generation, covered));
    this.sealedFrom = 'here';
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

  /** Temp files of snapshots a crash interrupted (the lock is held: no one else writes one). */
  private async removeUnfinishedSnapshots(): Promise<void> {
    for (const name of await readdir(this.folder.path)) {
      if (/^cabinet\.store\.[0-9a-f]{16}\.tmp$/.test(name)) await unlink(join(this.folder.path, name)).catch(() => undefined);
    }
  }

  private async removeJournalsBefore(generation: number): Promise<void> {
    for (const old of await this.folder.journalGenerations()) {
      if (old < generation) await unlink(this.folder.journal(old)).catch(() => undefined);
    }
  }

  /** Records the journal's head in the anchor, after it is durable in the journal; never in a commit's path. */
  private noteAnchor(): void {
    if (!this.anchor) return;
    this.pendingAnchor = { generation: this.journal.generation, records: this.journal.records, tag: this.journal.headTag };
    this.anchorWriting ??= this.writeAnchor();
  }

  private async writeAnchor(): Promise<void> {
    try {
      for (let point = this.pendingAnchor; point; point = this.pendingAnchor) {
        this.pendingAnchor = null;
        await this.anchor!.write(point);
      }
    } catch (error) {
      this.logger.warn('the store anchor could not be written; rollback detection lags until the next commit', { reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    } finally {
      this.anchorWriting = null;
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

/**
 * What the store on disk lacks compared with the anchor (the newest point this computer saw committed),
 * or null when it holds that point. The anchor may lag behind the files (a crash before it was written), never lead.
 */
function comparedWithAnchor(anchor: AnchorPoint, snapshot: SnapshotPoint, replayed: Replayed): string | null {
  const generation = replayed.last?.generation ?? snapshot.generation;
  const records = replayed.last?.records ?? 0;
  const saw = `generation ${anchor.generation}, record ${anchor.records}`;
  if (generation < anchor.generation) {
    return `the store ends at generation ${generation}, record ${records}, older than ${saw}, the last change this computer saved: an older copy of the store folder or an older backup was put back, or the newer journal was deleted`;
  }
  const journal = replayed.chain.get(anchor.generation) ?? (anchor.generation === generation ? { startTag: replayed.head, tags: [] } : undefined);
  if (journal) {
    if (journal.tags.length < anchor.records) {
      return `journal ${anchor.generation} ends at record ${journal.tags.length}, but this computer saved ${anchor.records} records in it: the journal was cut short, deleted or replaced by an older copy`;
    }
    const tag = anchor.records === 0 ? journal.startTag : journal.tags[anchor.records - 1]!;
    if (!tag.equals(anchor.tag)) return `record ${anchor.records} of journal ${anchor.generation} is not the one this computer saved: the store was replaced by another copy`;
    return null;
  }
  // The anchor's journal is folded into the snapshot: the snapshot names what it holds of it.
  if (snapshot.generation === anchor.generation + 1 && snapshot.format >= 3) {
    const { covered } = snapshot;
    if (covered.records < anchor.records || (covered.records === anchor.records && !covered.tag.equals(anchor.tag))) {
      return `the snapshot holds ${covered.records} records of journal ${anchor.generation}, not the ${anchor.records} this computer saved: the store was replaced by another copy`;
    }
  }
  return null;
}

function pendingMigrations(db: Database, list: Migration[]): Migration[] {
  const current = schemaVersionOf(db);
  const known = list.at(-1)?.version ?? 0;
  if (current > known) throw new NewerStoreVersionError(current, known);
  return list.filter((migration) => migration.version > current);
}
