import type { UnitOfWork } from '../core/unitOfWork';
import type { SqlDialect, SqlExecutor } from './sqlExecutor';

/**
 * What the app holds as its store, whichever it is: the embedded encrypted sql.js database
 * (one machine) or the shared PostgreSQL database (a store chain).
 */
export interface CabinetStore extends UnitOfWork {
  readonly dialect: SqlDialect;
  /** Raw SQL reads, for maintenance, seeding and tests, not for the core. */
  readSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  /** Raw SQL inside one transaction: for seeding and maintenance, not for the core. */
  writeSql<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
