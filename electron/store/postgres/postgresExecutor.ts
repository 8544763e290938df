import type { PoolClient } from 'pg';
import type { Row, SqlExecutor, SqlParams, SqlValue } from '../sqlExecutor';

/** `$name` → `$1…$n` once per statement text; the same name binds the same position. */
interface PositionalStatement {
  /** A name per statement text: each connection parses and plans it once (a prepared statement). */
  name: string;
  text: string;
  names: string[];
}

const converted = new Map<string, PositionalStatement>();
const NAMED_PARAMETER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Rewrites named parameters to PostgreSQL's positional ones, leaving quoted text alone. */
export function positional(sql: string): PositionalStatement {
  let statement = converted.get(sql);
  if (statement) return statement;
  const names: string[] = [];
  const text = sql.replace(NAMED_PARAMETER, (match: string, name: string | undefined) => {
    if (name === undefined) return match;
    let index = names.indexOf(name);
    if (index === -1) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  statement = { name: `cabinet_${converted.size + 1}`, text, names };
  // Texts are the repositories' own (a handful of shapes each), so the cache stays small; past the cap a
  // statement is still correct, only parsed each time.
  if (converted.size < 5_000) converted.set(sql, statement);
  else statement.name = '';
  return statement;
}

function bind(statement: PositionalStatement, params: SqlParams, sql: string): unknown[] {
  return statement.names.map((name) => {
    if (!(name in params)) throw new RangeError(`no value for the parameter $${name} of: ${sql.slice(0, 120)}`);
    const value: SqlValue | undefined = params[name];
    return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value;
  });
}

/**
 * The shared store's executor: one pooled connection inside one transaction. The first failure
 * is kept, because PostgreSQL answers every later statement of the transaction with 25P02 and the
 * retry decision needs the cause (a serialization failure or a deadlock).
 */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  firstFailure: unknown = null;
  /** A connection runs one statement at a time: calls made together (Promise.all) wait their turn here. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: PoolClient) {}

  all<T extends Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    const run = this.turn.then(() => this.query<T>(sql, params));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async query<T extends Row>(sql: string, params: SqlParams): Promise<T[]> {
    const statement = positional(sql);
    try {
      const result = await this.client.query<T>({ ...(statement.name ? { name: statement.name } : {}), text: statement.text, values: bind(statement, params, sql) });
      return result.rows;
    } catch (error) {
      this.firstFailure ??= error;
      throw error;
    }
  }

  async one<T extends Row>(sql: string, params: SqlParams = {}): Promise<T | null> {
    return (await this.all<T>(sql, params))[0] ?? null;
  }

  async run(sql: string, params: SqlParams = {}): Promise<void> {
    await this.all(sql, params);
  }
}
