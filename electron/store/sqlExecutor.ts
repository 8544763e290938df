import type { Database, Statement } from 'sql.js';

/** What a parameter or a column may hold in both stores: integers, text, bytes or NULL. */
export type SqlValue = number | string | Uint8Array | null;
export type SqlParams = Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/** Which SQL the executor speaks; repositories branch on it only where a statement truly differs. */
export type SqlDialect = 'sqlite' | 'postgres';

/** A statement that changed the database, as it will be executed again on replay. */
export interface RecordedStatement {
  sql: string;
  params: SqlParams;
}

/**
 * The only way repositories touch SQL, in both stores. Parameters are named (`$id` in the text,
 * `{ id }` here); each store binds them its own way. Writes must be deterministic (ids and times
 * come from the core): the embedded store replays them from its journal.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  all<T extends Row>(sql: string, params?: SqlParams): Promise<T[]>;
  one<T extends Row>(sql: string, params?: SqlParams): Promise<T | null>;
  run(sql: string, params?: SqlParams): Promise<void>;
}

/**
 * The embedded store's prepared statements, each prepared once and kept (a repository's SQL is a fixed
 * text): SQLite parses and plans a statement in about the time it takes to run a small one. A statement is
 * reset after every use, so none holds the database between calls; the least recently used go past `limit`.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly limit = 256,
  ) {}

  use<T>(sql: string, work: (statement: Statement) => T): T {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql); // to the back: most recently used
    } else {
      statement = this.db.prepare(sql);
      const oldest = this.statements.size >= this.limit ? this.statements.keys().next().value : undefined;
      if (oldest !== undefined) {
        this.statements.get(oldest)!.free();
        this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    try {
      return work(statement);
    } finally {
      statement.reset();
    }
  }

  get size(): number {
    return this.statements.size;
  }

  /** Frees every statement (before the database is closed). */
  clear(): void {
    for (const statement of this.statements.values()) statement.free();
    this.statements.clear();
  }
}

/**
 * The embedded store's executor over sql.js. Without a cache a statement is prepared and freed within
 * the call; with one it is prepared once. Writes (`run`) are recorded for the journal when a recorder is
 * given. sql.js answers synchronously: the promises are already settled when returned.
 */
export class SqlJsExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';

  constructor(
    private readonly db: Database,
    private readonly recorder?: RecordedStatement[],
    private readonly cache?: StatementCache,
  ) {}

  async all<T extends Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.allNow<T>(sql, params);
  }

  async one<T extends Row>(sql: string, params: SqlParams = {}): Promise<T | null> {
    return this.allNow<T>(sql, params)[0] ?? null;
  }

  async run(sql: string, params: SqlParams = {}): Promise<void> {
    if (this.cache) this.cache.use(sql, (statement) => statement.run(prefixedParams(params)));
    else this.db.run(sql, prefixedParams(params));
    this.recorder?.push({ sql, params });
  }

  /** The synchronous form, for the store's own bookkeeping (schema version, replay). */
  allNow<T extends Row>(sql: string, params: SqlParams = {}): T[] {
    const rows = (statement: Statement): T[] => {
      statement.bind(prefixedParams(params));
      const found: T[] = [];
      while (statement.step()) found.push(statement.getAsObject() as T);
      return found;
    };
    if (this.cache) return this.cache.use(sql, rows);
    const statement = this.db.prepare(sql);
    try {
      return rows(statement);
    } finally {
      statement.free();
    }
  }
}

/** `{ id }` → `{ $id }`, the form sql.js binds. */
export function prefixedParams(params: SqlParams): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params)) out[`$${name}`] = value;
  return out;
}

/** A transaction's statements as journal bytes; blobs travel as base64. */
export function encodeStatements(statements: RecordedStatement[]): Buffer {
  return Buffer.from(
    JSON.stringify(statements.map(({ sql, params }) => [sql, params]), (_key, value: unknown) =>
      value instanceof Uint8Array ? { $blob: Buffer.from(value).toString('base64') } : value,
    ),
    'utf8',
  );
}

export function decodeStatements(payload: Buffer): RecordedStatement[] {
  // Parsed without a reviver (one call per key and value made replaying a journal 3–4 times slower): a blob can only
  // be a parameter's value, so only those are looked at.
  const parsed = JSON.parse(payload.toString('utf8')) as Array<[string, SqlParams]>;
  if (!Array.isArray(parsed)) throw new TypeError('a journal record is not a list of statements');
  return parsed.map(([sql, params]) => {
    for (const name in params) {
      const value = params[name] as unknown;
      if (typeof value === 'object' && value !== null && '$blob' in value) params[name] = new Uint8Array(Buffer.from(String((value as { $blob: string }).$blob), 'base64'));
    }
    return { sql, params };
  });
}
