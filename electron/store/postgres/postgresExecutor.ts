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
 * The shared store's executor: one pooled connection inside one transaction, pipelined (node-postgres's
 * `pipeline` mode): a statement is on the wire as soon as it is asked for, so statements asked for together
 * (Promise.all) share one round trip, and a write (`run`, which answers nothing) is not waited for at all — its
 * answer is collected by `settle()` before the transaction's COMMIT is trusted (a failed write aborts the
 * transaction, and PostgreSQL answers a COMMIT of an aborted one with a ROLLBACK, not an error). The statements
 * after a failed one fail with 25P02: the first failure is kept, since the retry decision needs its cause
 * (a serialization failure or a deadlock).
 */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  firstFailure: unknown = null;
  /** Writes sent whose answers nobody has looked at yet. */
  private readonly unanswered: Array<Promise<unknown>> = [];

  constructor(private readonly client: PoolClient) {}

  all<T extends Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.query<T>(sql, params);
  }

  private async query<T extends Row>(sql: string, params: SqlParams): Promise<T[]> {
    try {
      const statement = positional(sql);
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

  /** Sends the write and returns: its failure surfaces at the next `settle()` (and fails every later statement). */
  run(sql: string, params: SqlParams = {}): Promise<void> {
    const sent = this.query(sql, params);
    sent.catch(() => undefined);
    this.unanswered.push(sent);
    return Promise.resolve();
  }

  /** Waits for every write's answer; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.unanswered.splice(0));
  }
}
