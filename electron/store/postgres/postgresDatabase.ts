import { readFileSync } from 'node:fs';
import pg, { type Notification, type PoolClient, type PoolConfig } from 'pg';
import { StoreUnavailableError } from '../../core/errors';
import { silentLogger, type Logger } from '../../core/logger';
import type { Repositories } from '../../core/unitOfWork';
import { migrations as allMigrations, type Migration } from '../migrations/index';
import { NewerStoreVersionError } from '../newerStoreVersionError';
import { sqlRepositories } from '../repositories/index';
import type { SqlExecutor } from '../sqlExecutor';
import type { CabinetStore } from '../cabinetStore';
import { postgresStatements } from './dialect';
import { PostgresExecutor } from './postgresExecutor';

/** How the app reaches the shared database; settings.json's `sharedStore` holds it. */
export interface PostgresConnection {
  /** postgres://user@host:5432/cabinet — a password may be in the URL or in PGPASSWORD. */
  url: string;
  /** TLS: `verify-full` (the default off loopback) checks the server's certificate and name against `caFile` or the system's CAs. */
  tls?: { mode: 'disable' | 'require' | 'verify-full'; caFile?: string; certFile?: string; keyFile?: string };
  /** Connections this app instance keeps (10 by default). */
  poolSize?: number;
}

export interface PostgresOpenOptions extends PostgresConnection {
  migrations?: Migration[];
  logger?: Logger;
  /** Runs after the migrations while the schema lock is still held: seeding happens once however many instances start together. */
  prepare?: (store: PostgresDatabase) => Promise<void>;
  /** How often a write is tried again after a serialization failure or a deadlock. */
  maxAttempts?: number;
}

/** The key of the session-level advisory lock around migrations and seeding (any fixed 64-bit number). */
const SCHEMA_LOCK = 7_310_025_112_026;
/**
 * Serialization failures and deadlocks are retried; so is a unique violation (23505): two SERIALIZABLE
 * transactions inserting the same idempotency key at once may surface as 23505 rather than 40001, and the
 * retry's read then finds the winner's row (PostgreSQL docs, "Serializable Isolation Level").
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/** Connection-level failures: the server went away or refused us; the caller hears STORE_UNAVAILABLE. */
const UNAVAILABLE = /^(08|57P0|53)/;

/** int8 (COUNT, BIGINT columns) and numeric (SUM) come back as JS numbers: kopecks and milliseconds are far below 2^53. */
const numberTypes: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as NonNullable<PoolConfig['types']>['getTypeParser'],
};

export function poolConfig(connection: PostgresConnection): PoolConfig {
  const tls = connection.tls ?? { mode: isLoopback(connection.url) ? 'disable' : 'verify-full' };
  return {
    connectionString: connection.url,
    max: connection.poolSize ?? 10,
    types: numberTypes,
    application_name: 'subscriber-cabinet',
    ssl:
      tls.mode === 'disable'
        ? false
        : {
            rejectUnauthorized: tls.mode === 'verify-full',
            ca: tls.caFile ? readFileSync(tls.caFile, 'utf8') : undefined,
            cert: tls.certFile ? readFileSync(tls.certFile, 'utf8') : undefined,
            key: tls.keyFile ? readFileSync(tls.keyFile, 'utf8') : undefined,
          },
  };
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The shared store: the same repositories over PostgreSQL, for a chain whose kiosks serve one
 * subscriber base. A write is one SERIALIZABLE transaction, tried again from the start when
 * PostgreSQL reports a serialization failure or a deadlock: every unit of work then behaves as if
 * the instances had run them one at a time, which is what the core assumes of the embedded store.
 * Reads see one snapshot (REPEATABLE READ, read only).
 */
export class PostgresDatabase implements CabinetStore {
  readonly dialect = 'postgres';
  private closed = false;
  private listener: pg.Client | null = null;
  private readonly channels = new Map<string, (payload: string) => void>();
  private readonly logger: Logger;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresOpenOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  static async open(options: PostgresOpenOptions): Promise<PostgresDatabase> {
    const pool = new pg.Pool(poolConfig(options));
    // An idle connection the server dropped must not crash the app; the next checkout opens another.
    pool.on('error', (error) => (options.logger ?? silentLogger).warn('a pooled database connection failed', { error: error.message }));
    const store = new PostgresDatabase(pool, options);
    try {
      await store.migrateAndPrepare(options.migrations ?? allMigrations);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw unavailableOr(error);
    }
    return store;
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.readSql((sql) => work(sqlRepositories(sql)));
  }

  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.writeSql((sql) => work(sqlRepositories(sql)));
  }

  async readSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  async writeSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 30;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transaction('BEGIN ISOLATION LEVEL SERIALIZABLE', work);
      } catch (error) {
        if (!(error instanceof RetryableConflict) || attempt >= maxAttempts) throw error instanceof RetryableConflict ? error.cause : error;
        // Back off a random while, growing, so that the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  /** The schema version the database is at. */
  async schemaVersion(): Promise<number> {
    return this.readSql(async (sql) => (await sql.one<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations'))?.version ?? 0);
  }

  /**
   * Delivers this channel's notifications (PostgreSQL LISTEN) to `handler`; `lost` is told when the
   * listening connection fails, because notifications sent meanwhile are gone.
   */
  async listen(channel: string, handler: (payload: string) => void, lost: () => void): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`a channel name is lower-case letters, digits and _: ${channel}`);
    this.channels.set(channel, handler);
    if (!this.listener) {
      const client = new pg.Client(poolConfig(this.options));
      client.on('notification', (message: Notification) => this.channels.get(message.channel)?.(message.payload ?? ''));
      client.on('error', (error) => {
        this.logger.warn('the notification connection failed; reconnecting', { error: error.message });
        this.listener = null;
        client.end().catch(() => undefined);
        lost();
        if (!this.closed) void this.relisten(lost);
      });
      await client.connect();
      this.listener = client;
    }
    await this.listener.query(`LISTEN ${channel}`);
  }

  /** Sends a notification to every instance listening on the channel (this one included), when `sql`'s transaction commits. */
  static async notify(sql: SqlExecutor, channel: string, payload: string): Promise<void> {
    await sql.one('SELECT pg_notify($channel, $payload) AS sent', { channel, payload });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.pool.end();
  }

  private async relisten(lost: () => void): Promise<void> {
    for (let delay = 200; !this.closed; delay = Math.min(delay * 2, 10_000)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        for (const [channel, handler] of [...this.channels]) await this.listen(channel, handler, lost);
        return;
      } catch (error) {
        this.logger.warn('listening for notifications failed; trying again', { error: (error as Error).message });
      }
    }
  }

  private async transaction<T>(begin: string, work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError('the store is closed');
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
    const sql = new PostgresExecutor(client);
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(sql);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const cause = sql.firstFailure ?? error;
      if (RETRYABLE.has(sqlState(cause)) || RETRYABLE.has(sqlState(error))) throw new RetryableConflict(RETRYABLE.has(sqlState(error)) ? error : cause);
      throw unavailableOr(error);
    } finally {
      client.release(broken);
    }
  }

  private async migrateAndPrepare(list: Migration[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Instances starting together queue here; the first migrates and seeds, the others find it done.
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)');
        const current = Number((await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')).rows[0]?.version ?? 0);
        const known = list.at(-1)?.version ?? 0;
        if (current > known) throw new NewerStoreVersionError(current, known);
        for (const migration of list.filter((candidate) => candidate.version > current)) {
          await client.query('BEGIN');
          try {
            for (const statement of postgresStatements(migration)) await client.query(statement);
            await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
          }
          this.logger.info('the shared store was migrated', { version: migration.version });
        }
        await this.options.prepare?.(this);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
      }
    } finally {
      client.release();
    }
  }
}

class RetryableConflict extends Error {
  constructor(override readonly cause: unknown) {
    super('a serialization failure or deadlock; the unit of work is tried again');
  }
}

function sqlState(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function unavailableOr(error: unknown): unknown {
  const code = sqlState(error);
  if (UNAVAILABLE.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) {
    return new StoreUnavailableError(`the shared database cannot be reached (${code})`);
  }
  return error;
}
