import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { StoreUnavailableError } from '../core/errors';
import type { Repositories, UnitOfWork } from '../core/unitOfWork';
import { readIfExists, seal, unseal, writeFileAtomically } from './encryptedFile';
import type { KeyProvider } from './keyProvider';
import { migrations as allMigrations, type Migration } from './migrations/index';
import { sqlRepositories } from './repositories/index';
import { SqlExecutor } from './sqlExecutor';

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | null = null;

function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  return sqlJs;
}

export class NewerStoreVersionError extends Error {
  constructor(found: number, known: number) {
    super(`the store was made by a newer version of the app (schema ${found}, this app knows up to ${known}); it was left untouched`);
    this.name = 'NewerStoreVersionError';
  }
}

export interface OpenOptions {
  path: string;
  keyProvider: KeyProvider;
  migrations?: Migration[];
}

/**
 * The encrypted sql.js store. The database lives in memory; each committed unit of work is
 * sealed with AES-256-GCM and written atomically before the caller hears "done".
 * Units of work run one at a time, so an async repository call never sees another's half-done work.
 */
export class EncryptedDatabase implements UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private db: Database,
    private readonly path: string,
    private readonly key: Buffer,
    private readonly sql: SqlJsStatic,
  ) {}

  static async open(options: OpenOptions): Promise<EncryptedDatabase> {
    const sql = await loadSqlJs();
    const key = await options.keyProvider.dataKey();
    const existing = await readIfExists(options.path);
    const db = existing ? new sql.Database(unseal(existing, key)) : new sql.Database();
    const store = new EncryptedDatabase(db, options.path, key, sql);
    try {
      store.applyConnectionSettings();
      const applied = store.migrate(options.migrations ?? allMigrations);
      if (applied > 0) await store.persist();
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  /** The schema version this store is at. */
  schemaVersion(): number {
    const row = new SqlExecutor(this.db).one<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    return row?.version ?? 0;
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(sqlRepositories(new SqlExecutor(this.db))));
  }

  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const result = await this.transaction((sql) => work(sqlRepositories(sql)));
      await this.persistOrRevert();
      return result;
    });
  }

  /** Raw SQL reads, for maintenance, not for the core. */
  readSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(new SqlExecutor(this.db)));
  }

  /** Raw SQL inside one durable transaction: for seeding and maintenance, not for the core. */
  writeSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const result = await this.transaction(work);
      await this.persistOrRevert();
      return result;
    });
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      this.db.close();
    });
  }

  private async transaction<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    this.db.run('BEGIN');
    try {
      const result = await work(new SqlExecutor(this.db));
      this.db.run('COMMIT');
      return result;
    } catch (error) {
      this.db.run('ROLLBACK');
      throw error;
    }
  }

  /**
   * If the commit cannot reach the disk, memory goes back to what the disk holds:
   * the two never disagree about what was committed.
   */
  private async persistOrRevert(): Promise<void> {
    try {
      await this.persist();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const onDisk = await readIfExists(this.path);
      this.db.close();
      this.db = onDisk ? new this.sql.Database(unseal(onDisk, this.key)) : new this.sql.Database();
      this.applyConnectionSettings();
      if (!onDisk) this.migrate(allMigrations);
      throw new StoreUnavailableError(`the change could not be saved (${reason}); nothing was changed`);
    }
  }

  private async persist(): Promise<void> {
    const image = this.db.export();
    // sql.js may reopen the connection to export it, which resets pragmas.
    this.applyConnectionSettings();
    await writeFileAtomically(this.path, seal(image, this.key));
  }

  private applyConnectionSettings(): void {
    this.db.run('PRAGMA foreign_keys = ON');
  }

  private migrate(list: Migration[]): number {
    this.db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const current = this.schemaVersion();
    const known = list.at(-1)?.version ?? 0;
    if (current > known) throw new NewerStoreVersionError(current, known);
    let applied = 0;
    for (const migration of list) {
      if (migration.version <= current) continue;
      this.db.run('BEGIN');
      try {
        for (const statement of migration.statements) this.db.run(statement);
        this.db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [migration.version, migration.name]);
        this.db.run('COMMIT');
      } catch (error) {
        this.db.run('ROLLBACK');
        throw error;
      }
      applied += 1;
    }
    return applied;
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
