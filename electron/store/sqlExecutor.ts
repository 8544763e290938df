import type { Database } from 'sql.js';

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
 * The embedded store's executor over sql.js. Statements are freed at once, so nothing outlives a
 * call; writes (`run`) are recorded for the journal when a recorder is given. sql.js answers
 * synchronously: the promises are already settled when returned.
 */
export class SqlJsExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';

  constructor(
    private readonly db: Database,
    private readonly recorder?: RecordedStatement[],
  ) {}

  async all<T extends Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.allNow<T>(sql, params);
  }

  async one<T extends Row>(sql: string, params: SqlParams = {}): Promise<T | null> {
    return this.allNow<T>(sql, params)[0] ?? null;
  }

  async run(sql: string, params: SqlParams = {}): Promise<void> {
    this.db.run(sql, prefixedParams(params));
    this.recorder?.push({ sql, params });
  }

  /** The synchronous form, for the store's own bookkeeping (schema version, replay). */
  allNow<T extends Row>(sql: string, params: SqlParams = {}): T[] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(prefixedParams(params));
      const rows: T[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as T);
      return rows;
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
  const parsed = JSON.parse(payload.toString('utf8'), (_key, value: unknown) =>
    typeof value === 'object' && value !== null && '$blob' in value ? new Uint8Array(Buffer.from(String((value as { $blob: string }).$blob), 'base64')) : value,
  ) as Array<[string, SqlParams]>;
  if (!Array.isArray(parsed)) throw new TypeError('a journal record is not a list of statements');
  return parsed.map(([sql, params]) => ({ sql, params }));
}
