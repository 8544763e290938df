import type { Database, SqlValue } from 'sql.js';

export type SqlParams = Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/** A statement that changed the database, as it will be executed again on replay. */
export interface RecordedStatement {
  sql: string;
  params: SqlParams;
}

/**
 * The only way repositories touch SQL. Parameters are named (`$id` in the text, `{ id }` here);
 * statements are freed at once, so nothing outlives a call. Writes (`run`) are recorded for the
 * journal when a recorder is given; they must be deterministic (ids and times come from the core).
 */
export class SqlExecutor {
  constructor(
    private readonly db: Database,
    private readonly recorder?: RecordedStatement[],
  ) {}

  all<T extends Row>(sql: string, params: SqlParams = {}): T[] {
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

  one<T extends Row>(sql: string, params: SqlParams = {}): T | null {
    return this.all<T>(sql, params)[0] ?? null;
  }

  run(sql: string, params: SqlParams = {}): void {
    this.db.run(sql, prefixedParams(params));
    this.recorder?.push({ sql, params });
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
