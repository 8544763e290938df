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
import { batchWrites } from './batchedWrites';
import { applyChainSchema } from './chainSchema';
import { postgresStatements } from './dialect';
import { PostgresExecutor } from './postgresExecutor';

/** How the app reaches the shared database; settings.json's `sharedStore` holds it. */
export interface PostgresConnection {
  /** postgres://user@host:5432/cabinet — no password and no query parameters in it (both are refused). */
  url: string;
  /**
   * TLS: `verify-full` checks the server's certificate and name against `caFile` (or the system's CAs). Off
   * loopback it is the only mode accepted; `disable` and `require` are for a server on this machine.
   */
  tls?: { mode: 'disable' | 'require' | 'verify-full'; caFile?: string; certFile?: string; keyFile?: string };
  /** Connections this app instance keeps (10 by default). */
  poolSize?: number;
  /** The database password (from a sealed setting or the environment); absent: PGPASSWORD, ~/.pgpass or a client certificate. */
  password?: string;
}

/** A connection setting that cannot be used: names the setting and what is expected. Never carries a password. */
export class ConnectionSettingsError extends Error {
  constructor(
    readonly setting: string,
    expected: string,
  ) {
    super(`${setting}: ${expected}`);
    this.name = 'ConnectionSettingsError';
  }
}

export interface PostgresOpenOptions extends PostgresConnection {
  migrations?: Migration[];
  logger?: Logger;
  /** Runs after the migrations while the schema lock is still held: seeding happens once however many instances start together. */
  prepare?: (store: PostgresDatabase) => Promise<void>;
  /** How often a write is tried again after a serialization failure or a deadlock. */
  maxAttempts?: number;
}

/** What listens on a channel: its messages, and the news that some may have been missed and when that is repaired. */
export interface ChannelSubscriber {
  message(payload: string): void;
  /** The listening connection failed: notices sent from now on are lost until `caughtUp` has run. */
  lost?(): void;
  /** Runs after LISTEN is issued again and before the gap is declared closed: reads what was missed. */
  caughtUp?(): Promise<void>;
}

/** The key of the session-level advisory lock around migrations and seeding (any fixed 64-bit number). */
const SCHEMA_LOCK = 7_310_025_112_026;
/**
 * Serialization failures and deadlocks are retried; so is a unique violation (23505): two SERIALIZABLE
 * transactions inserting the same idempotency key at once may surface as 23505 rather than 40001, and the
 * retry's read then finds the winner's row (PostgreSQL docs, "Serializable Isolation Level").
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/**
 * How long a read-only transaction's COMMIT may wait for the connection's next statements to go out with: long
 * enough for the unit of work that follows in the same call (sign-in's, the alerts' reads), short enough that
 * the snapshot and the tables' share locks it holds meanwhile are nobody's concern.
 */
const COMMIT_DELAY_MS = 20;
/** Connection-level failures: the server went away or refused us; the caller hears STORE_UNAVAILABLE. */
const UNAVAILABLE = /^(08|57P0|53)/;

/** int8 (COUNT, BIGINT columns) and numeric (SUM) come back as JS numbers: kopecks and milliseconds are far below 2^53. */
const numberTypes: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as NonNullable<PoolConfig['types']>['getTypeParser'],
};

/**
 * node-postgres merges a connection string's query over the explicit options (`?sslmode=disable` would turn
 * TLS off, `?host=` send the password elsewhere): the URL is taken apart here and only its parts are passed on.
 */
export function poolConfig(connection: PostgresConnection): PoolConfig {
  const target = parseConnectionUrl(connection.url);
  const local = isLoopback(target.host);
  const tls = connection.tls ?? { mode: local ? 'disable' : 'verify-full' };
  if (!local && tls.mode !== 'verify-full') {
    throw new ConnectionSettingsError('sharedStore.tls.mode', `"verify-full" for the database host ${target.host} (only a server on this machine may use "${tls.mode}")`);
  }
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    ...(connection.password !== undefined ? { password: connection.password } : {}),
    max: connection.poolSize ?? 10,
    types: numberTypes,
    application_name: 'subscriber-cabinet',
    // Statements are written as soon as they are asked for, without waiting for the answer to the one before:
    // independent statements and a transaction's BEGIN, writes and COMMIT share round trips.
    pipeline: true,
    // A peer that vanished without a word (a cut cable) is noticed by the operating system's keepalives; a server
    // that does not answer at all is STORE_UNAVAILABLE after 10 s rather than a call that never ends.
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
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

interface ConnectionTarget {
  host: string;
  port: number;
  user: string | undefined;
  database: string;
}

/** postgres://user@host:port/database and nothing more. */
export function parseConnectionUrl(url: string): ConnectionTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectionSettingsError('sharedStore.url', 'a URL like postgres://user@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new ConnectionSettingsError('sharedStore.url', 'a URL starting with postgres://');
  if (parsed.search !== '' || url.includes('?')) {
    throw new ConnectionSettingsError('sharedStore.url', 'no query parameters (?sslmode=, ?password=, ?host=…): TLS is set by sharedStore.tls, the password by PGPASSWORD or a sealed setting');
  }
  if (parsed.hash !== '') throw new ConnectionSettingsError('sharedStore.url', 'no #fragment');
  if (parsed.password !== '') throw new ConnectionSettingsError('sharedStore.url', 'no password in the URL: use PGPASSWORD, ~/.pgpass, a sealed setting or a client certificate');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw new ConnectionSettingsError('sharedStore.url', 'a database name after the host: postgres://user@host:5432/database');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new ConnectionSettingsError('sharedStore.url', 'a host: postgres://user@host:5432/database');
  const port = parsed.port ? Number(parsed.port) : 5432;
  return { host, port, user: parsed.username ? decodeURIComponent(parsed.username) : undefined, database };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
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
  /** `off`: nobody listens; `up`: listening and caught up; `down`: the connection was lost, notices may be missing. */
  private listenState: 'off' | 'up' | 'down' = 'off';
  private relistening = false;
  private nextListenAttempt = 0;
  private relistenTimer: NodeJS.Timeout | null = null;
  private readonly channels = new Map<string, ChannelSubscriber>();
  private readonly logger: Logger;
  /** The last connection failure, for the diagnostics screen: when, and the driver's message. */
  private lastFailure: { at: Date; message: string } | null = null;
  private lastSuccess: Date | null = null;
  /**
   * Connections back in the pool with a read-only transaction's COMMIT not yet sent: it goes out with the
   * connection's next statements (the next unit of work's BEGIN), or alone after `COMMIT_DELAY_MS`.
   */
  private readonly uncommitted = new Map<PoolClient, NodeJS.Timeout>();

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
    pool.on('error', (error) => store.noteFailure(error));
    // A unit of work's statements leave in one write to the socket, not a system call per protocol message.
    pool.on('connect', (client) => void batchWrites(client));
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

  /** How the connection looks to whoever maintains the kiosk: where it goes, what failed last, who waits, LISTEN's state. */
  connectionHealth(): { endpoint: string; lastFailure: { at: Date; message: string } | null; lastSuccess: Date | null; waiting: number; listening: 'off' | 'up' | 'down' } {
    const target = parseConnectionUrl(this.options.url);
    return {
      endpoint: `${target.host}:${target.port}/${target.database}`,
      lastFailure: this.lastFailure,
      lastSuccess: this.lastSuccess,
      waiting: this.pool.waitingCount,
      listening: this.listenState,
    };
  }

  private noteFailure(error: unknown): void {
    this.lastFailure = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The schema version the database is at. */
  async schemaVersion(): Promise<number> {
    return this.readSql(async (sql) => (await sql.one<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations'))?.version ?? 0);
  }

  /**
   * Delivers this channel's notifications (PostgreSQL LISTEN) to `subscriber.message`. When the listening
   * connection fails, notices sent meanwhile are gone: `lost` is told, the connection is made again, LISTEN
   * issued, and only then `caughtUp` runs (it reads what was missed from a table), so nothing falls in between.
   * Until it has finished, `notificationGap()` says the chain's notices cannot be trusted.
   */
  async listen(channel: string, subscriber: ChannelSubscriber): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`a channel name is lower-case letters, digits and _: ${channel}`);
    this.channels.set(channel, subscriber);
    if (this.listener) {
      await this.listener.query(`LISTEN ${channel}`).catch((error: unknown) => {
        throw unavailableOr(error);
      });
      return;
    }
    if (this.listenState === 'down') return; // the reconnection listens on every channel
    try {
      this.listener = await this.connectListener();
    } catch (error) {
      throw unavailableOr(error);
    }
    this.listenState = 'up';
  }

  /** While the notification connection is down or catching up: the answer a call that depends on the chain's notices gets. */
  notificationGap(): StoreUnavailableError | null {
    if (this.listenState !== 'down') return null;
    const seconds = Math.max(1, Math.ceil((this.nextListenAttempt - Date.now()) / 1000));
    return new StoreUnavailableError('the chain\'s notices are being caught up after a lost connection', { retryAfterSeconds: seconds, state: 'catching-up' });
  }

  /** Sends a notification to every instance listening on the channel (this one included), when `sql`'s transaction commits. */
  static async notify(sql: SqlExecutor, channel: string, payload: string): Promise<void> {
    await sql.one('SELECT pg_notify($channel, $payload) AS sent', { channel, payload });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    // A read-only transaction's COMMIT still held back is not needed: ending the connection ends it (it changed nothing).
    for (const timer of this.uncommitted.values()) clearTimeout(timer);
    this.uncommitted.clear();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.pool.end();
  }

  /** A connection of its own for LISTEN, with an error listener for its whole life. */
  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client(poolConfig(this.options));
    let gone = false;
    const lose = (error: Error) => {
      if (gone) return;
      gone = true;
      this.noteFailure(error);
      this.listenerLost(client, error);
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('the notification connection ended')));
    client.on('notification', (message: Notification) => {
      try {
        this.channels.get(message.channel)?.message(message.payload ?? '');
      } catch (error) {
        this.logger.warn('a notification could not be handled', { channel: message.channel, error: (error as Error).message });
      }
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      gone = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private listenerLost(client: pg.Client, error: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = null;
    this.listenState = 'down';
    this.logger.warn('the notification connection failed; reconnecting', { error: error.message });
    client.end().catch(() => undefined);
    for (const subscriber of this.channels.values()) {
      try {
        subscriber.lost?.();
      } catch (failure) {
        this.logger.warn('a notification subscriber failed', { error: (failure as Error).message });
      }
    }
    void this.relisten();
  }

  private async relisten(): Promise<void> {
    if (this.relistening) return;
    this.relistening = true;
    try {
      for (let delay = 100; !this.closed; delay = Math.min(delay * 2, 2_000)) {
        this.nextListenAttempt = Date.now() + delay;
        await new Promise<void>((resolve) => {
          this.relistenTimer = setTimeout(resolve, delay);
        });
        if (this.closed) return;
        let client: pg.Client | null = null;
        try {
          client = await this.connectListener();
          this.listener = client;
          for (const subscriber of this.channels.values()) await subscriber.caughtUp?.();
          if (this.listener !== client) continue; // lost again while catching up
          this.listenState = 'up';
          this.logger.info('notifications are back; what was missed meanwhile was read');
          return;
        } catch (error) {
          this.logger.warn('listening for notifications failed; trying again', { error: (error as Error).message });
          if (client && this.listener === client) {
            this.listener = null;
            await client.end().catch(() => undefined);
          }
        }
      }
    } finally {
      this.relistening = false;
    }
  }

  private async transaction<T>(begin: string, work: (sql: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError('the store is closed');
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.noteFailure(error);
      throw unavailableOr(error);
    }
    // The last read-only unit of work's COMMIT, if still held back, goes first, in the same write as this BEGIN.
    this.commitNow(client);
    // The pool takes its own error listener off a client it lends: without ours, a connection lost while this
    // unit of work holds it (idle in the transaction, or mid-statement) would be an uncaught 'error' event.
    let lost: Error | null = null;
    const onError = (error: Error) => {
      if (lost) return;
      lost = error;
      this.logger.warn('a database connection failed during a unit of work', { error: error.message });
    };
    client.on('error', onError);
    const sql = new PostgresExecutor(client);
    let broken = false;
    const readOnly = begin.includes('READ ONLY');
    try {
      // Pipelined: BEGIN goes out with the unit of work's first statements, COMMIT with its last writes.
      const began = client.query(begin);
      began.catch(() => undefined);
      const result = await work(sql);
      if (readOnly) {
        // A read-only transaction's COMMIT changes nothing and nobody waits for it: it is held back to leave with the
        // connection's next statements, in their write to the socket (a system call each was a large part of a
        // kiosk's CPU), or alone a moment later. A failure of it is the connection's, which the next user hears of
        // (or the pool's idle listener).
        await began;
        this.commitLater(client);
        this.lastSuccess = new Date();
        return result;
      }
      const committed = client.query('COMMIT');
      committed.catch(() => undefined);
      await began;
      await sql.settle();
      await committed;
      this.lastSuccess = new Date();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      if (lost) {
        broken = true;
        this.noteFailure(lost);
        throw unavailableOr(lost, true);
      }
      const cause = sql.firstFailure ?? error;
      if (RETRYABLE.has(sqlState(cause)) || RETRYABLE.has(sqlState(error))) throw new RetryableConflict(RETRYABLE.has(sqlState(error)) ? error : cause);
      throw unavailableOr(isConnectionFailure(cause) ? cause : error);
    } finally {
      client.release(broken || lost !== null);
      client.removeListener('error', onError);
    }
  }

  /** Holds a read-only transaction's COMMIT back until the connection's next use, or `COMMIT_DELAY_MS`. */
  private commitLater(client: PoolClient): void {
    const timer = setTimeout(() => this.commitNow(client), COMMIT_DELAY_MS);
    timer.unref();
    this.uncommitted.set(client, timer);
  }

  /** Sends the COMMIT held back on this connection, if any (pipelined: it goes before whatever is sent next). */
  private commitNow(client: PoolClient): void {
    const timer = this.uncommitted.get(client);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.uncommitted.delete(client);
    client.query('COMMIT').catch(() => undefined);
  }

  private async migrateAndPrepare(list: Migration[]): Promise<void> {
    const client = await this.pool.connect();
    this.commitNow(client);
    let lost = false;
    const onError = (error: Error) => {
      lost = true;
      this.logger.warn('the database connection failed while migrating', { error: error.message });
    };
    client.on('error', onError);
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
        await applyChainSchema(client);
        await this.options.prepare?.(this);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => (lost = true));
      }
    } finally {
      client.release(lost);
      client.removeListener('error', onError);
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

/** Node's codes for a socket that could not be opened or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
/** node-postgres's own connection errors carry no code, only these words. */
const CONNECTION_WORDS = /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|socket hang up|This socket has been ended|write after end/i;
/** How long a caller is told to wait before trying again after a lost connection. */
const RETRY_AFTER_SECONDS = 2;

/** A failure of the connection itself (the server went away, refused us, or the socket was cut), not of a statement. */
export function isConnectionFailure(error: unknown): boolean {
  const code = sqlState(error);
  if (UNAVAILABLE.test(code) || SOCKET_CODES.has(code)) return true;
  return error instanceof Error && code === '' && CONNECTION_WORDS.test(error.message);
}

function unavailableOr(error: unknown, connectionLost = false): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (connectionLost || isConnectionFailure(error)) {
    const code = sqlState(error);
    return new StoreUnavailableError(`the shared database cannot be reached (${code || (error as Error)?.message || 'connection lost'})`, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
  return error;
}
