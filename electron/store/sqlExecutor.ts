import type { Database, SqlValue } from 'sql.js';

export type SqlParams = Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/**
 * The only way repositories touch SQL. Parameters are named (`$id` in the text, `{ id }` here);
 * statements are freed at once, so nothing outlives a call.
 */
export class SqlExecutor {
  constructor(private readonly db: Database) {}

  all<T extends Row>(sql: string, params: SqlParams = {}): T[] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(prefixed(params));
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
    this.db.run(sql, prefixed(params));
  }
}

function prefixed(params: SqlParams): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params)) out[`$${name}`] = value;
  return out;
}
