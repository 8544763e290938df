import type { Row, SqlDialect, SqlExecutor, SqlParams } from '../sqlExecutor';

/**
 * A unit of work's executor as its repositories see it. Some reads are asked for several times in one unit of
 * work — the main screen's upkeep checks (monthly fees, the promised payment, content subscriptions, SIM blocks)
 * and the screen itself each read the line — and on the shared store each is a statement to build, send and parse.
 * A read marked as such (`oneRemembered`) is answered by the first asking until the unit of work writes: inside
 * one transaction both stores show one snapshot (the embedded store runs one unit of work at a time; PostgreSQL's
 * REPEATABLE READ and SERIALIZABLE keep the transaction's first snapshot), so only this unit of work's own writes
 * can change the answer, and every write forgets all that was remembered. Nothing outlives the unit of work.
 */
export class UnitOfWorkReads implements SqlExecutor {
  readonly dialect: SqlDialect;
  private readonly remembered = new Map<string, Promise<Row | null>>();

  constructor(private readonly sql: SqlExecutor) {
    this.dialect = sql.dialect;
  }

  all<T extends Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.sql.all<T>(sql, params);
  }

  one<T extends Row>(sql: string, params?: SqlParams): Promise<T | null> {
    return this.sql.one<T>(sql, params);
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    this.remembered.clear();
    return this.sql.run(sql, params);
  }

  /**
   * `one`, answered from the first asking of the same statement with the same parameters since the last write.
   * The row is shared by whoever asked: the caller builds its own objects from it and never changes it.
   */
  oneRemembered<T extends Row>(sql: string, params: SqlParams): Promise<T | null> {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let answer = this.remembered.get(key);
    if (!answer) {
      answer = this.sql.one<Row>(sql, params);
      this.remembered.set(key, answer);
      // A failed read is not an answer to give again (the unit of work fails with it in any case).
      answer.catch(() => {
        if (this.remembered.get(key) === answer) this.remembered.delete(key);
      });
    }
    return answer as Promise<T | null>;
  }
}

/** A read the unit of work may answer from its first asking (see `UnitOfWorkReads`); elsewhere a plain `one`. */
export function oneRemembered<T extends Row>(sql: SqlExecutor, text: string, params: SqlParams): Promise<T | null> {
  return sql instanceof UnitOfWorkReads ? sql.oneRemembered<T>(text, params) : sql.one<T>(text, params);
}
