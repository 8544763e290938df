import initSqlJs, { type Database } from 'sql.js';
import { sqlWasmPath } from '../../electron/store/encryptedDatabase';

/** Adds `megabytes` of 4,000-byte rows to the table `fill`, in one transaction. */
export function fill(db: Database, megabytes: number): void {
  db.run('BEGIN');
  for (let row = 0; row < megabytes * 256; row += 1) db.run('INSERT INTO fill (payload) VALUES (randomblob(4000))');
  db.run('COMMIT');
}

/** A database file of about `megabytes` MB: a table `fill` of 4,000-byte rows. */
export async function filledImage(megabytes: number): Promise<Uint8Array> {
  const sql = await initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
  const db = new sql.Database();
  db.run('CREATE TABLE fill (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
  fill(db, megabytes);
  const image = db.export();
  db.close();
  return image;
}
