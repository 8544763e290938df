import type { Migration } from '../migrations/index';

/**
 * The PostgreSQL form of a portable statement. SQLite's INTEGER is 64-bit, PostgreSQL's is 32-bit:
 * times in milliseconds need BIGINT. SQLite compares text byte by byte; PostgreSQL by the database's
 * locale unless told otherwise: COLLATE "C" keeps ordering and comparisons the same in both stores.
 */
export function postgresStatement(statement: string): string {
  return statement.replace(/\bINTEGER\b/g, 'BIGINT').replace(/\bTEXT\b(?!\s+COLLATE)/g, 'TEXT COLLATE "C"');
}

/** A migration's statements for PostgreSQL: its own `postgres` form where it has one, else the portable ones translated. */
export function postgresStatements(migration: Migration): string[] {
  return (migration.postgres ?? migration.statements).map(postgresStatement);
}
