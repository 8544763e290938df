import pg, { type FieldDef, type PoolClient } from 'pg';
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
      const values = bind(statement, params, sql);
      if (!statement.name) return (await this.client.query<T>({ text: statement.text, values })).rows;
      return (await leanQuery(this.client, statement.name, statement.text, values)) as T[];
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

type Parser = (value: string) => unknown;
/** A prepared statement's answer as node-postgres described it the first time: column names and value parsers. */
interface RowShape {
  names: string[];
  types: number[];
  parsers: Parser[];
}
/** By statement name (one text each, see `positional`): the same statement always describes the same columns. */
const shapes = new Map<string, RowShape>();

/** What `StatementQuery` uses of node-postgres's Query beyond its typings (pg 8); checked once below. */
interface QueryInternals {
  name?: string;
  values?: unknown[];
  callback?: (error: Error | null, result?: { rows: unknown[][] }) => void;
  _accumulateRows: boolean;
  _result: { fields: FieldDef[]; _parsers: Parser[] | undefined; rowAsArray: boolean; parseRow: (values: unknown[]) => unknown; _parseRowAsArray?: (values: unknown[]) => unknown };
  handleRowDescription(message: { fields: FieldDef[] }): void;
}

const Query = pg.Query as unknown as new (text: string) => QueryInternals;

/**
 * node-postgres's Query for the executor's prepared statements, without its costs that a kiosk's profile showed
 * for every statement (bench:shared): the query config copied property descriptor by property descriptor, and
 * every answer's column list turned into a dictionary-mode row template, then each row copied from it. Here the
 * query is made from its text, rows come as arrays and become plain objects by the statement's column names,
 * and a statement's parsers are worked out once (node-postgres's own, for the connection's types).
 */
class StatementQuery extends Query {
  shape: RowShape | null = null;

  constructor(name: string, text: string, values: unknown[]) {
    super(text);
    this.name = name;
    this.values = values;
    this._result.rowAsArray = true;
    this._result.parseRow = this._result._parseRowAsArray!;
  }

  override handleRowDescription(message: { fields: FieldDef[] }): void {
    const known = shapes.get(this.name!);
    if (known && sameColumns(known, message.fields)) {
      this._result.fields = message.fields;
      this._result._parsers = known.parsers;
      this._accumulateRows = true;
      this.shape = known;
      return;
    }
    super.handleRowDescription(message);
    this.shape = { names: message.fields.map((field) => field.name), types: message.fields.map((field) => field.dataTypeID), parsers: this._result._parsers ?? [] };
    shapes.set(this.name!, this.shape);
  }
}

function sameColumns(shape: RowShape, fields: FieldDef[]): boolean {
  if (shape.names.length !== fields.length) return false;
  for (let i = 0; i < fields.length; i += 1) if (shape.names[i] !== fields[i]!.name || shape.types[i] !== fields[i]!.dataTypeID) return false;
  return true;
}

/** Whether this node-postgres has what StatementQuery relies on; if not (another version), statements go the ordinary way. */
const leanQueries = (() => {
  try {
    const probe = new StatementQuery('probe', 'SELECT 1', []);
    return typeof probe._result._parseRowAsArray === 'function' && typeof probe.handleRowDescription === 'function' && Array.isArray(probe._result.fields);
  } catch {
    return false;
  }
})();

/** A prepared statement's rows as plain objects (a column named twice keeps its last value, as node-postgres's rows do). */
function leanQuery(client: PoolClient, name: string, text: string, values: unknown[]): Promise<Row[]> {
  if (!leanQueries) return client.query<Row>({ name, text, values }).then((result) => result.rows);
  const query = new StatementQuery(name, text, values);
  const answered = new Promise<Row[]>((resolve, reject) => {
    query.callback = (error, result) => {
      if (error) return reject(error);
      const names = query.shape?.names ?? [];
      const rows = (result?.rows ?? []).map((cells) => {
        const row: Row = {};
        for (let i = 0; i < names.length; i += 1) row[names[i]!] = cells[i] as Row[string];
        return row;
      });
      resolve(rows);
    };
  });
  client.query(query as unknown as pg.Submittable);
  return answered;
}
