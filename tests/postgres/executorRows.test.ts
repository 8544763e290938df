// The shared store's executor builds rows itself from node-postgres's arrays (electron/store/postgres/postgresExecutor.ts):
// the rows a repository gets must be what node-postgres's own objects were — names, parsed values, NULLs.
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../electron/store/postgres/postgresDatabase';
import { freshDatabase } from '../integration/testStore';

const stores: PostgresDatabase[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function openStore(label: string): Promise<PostgresDatabase> {
  const store = await PostgresDatabase.open({ url: await freshDatabase(label), poolSize: 2, migrations: [] });
  stores.push(store);
  return store;
}

describe('rows from the shared store', () => {
  it('carry each column by name with the value parsed as before: numbers, text, bytes and NULL, on every run of a statement', async () => {
    const store = await openStore('executor_rows');
    await store.writeSql(async (sql) => {
      await sql.run('CREATE TABLE items (id TEXT PRIMARY KEY, amount BIGINT NOT NULL, note TEXT, photo BYTEA)');
      await sql.run('INSERT INTO items (id, amount, note, photo) VALUES ($id, $amount, $note, $photo)', { id: 'a', amount: 9_007_199_254, note: null, photo: new Uint8Array([1, 2, 3]) });
      await sql.run('INSERT INTO items (id, amount, note, photo) VALUES ($id, $amount, $note, $photo)', { id: 'b', amount: -5, note: 'второй', photo: null });
    });
    const select = 'SELECT id, amount, note, photo, SUM(amount) OVER () AS total FROM items ORDER BY id';
    for (let run = 0; run < 3; run += 1) {
      const rows = await store.readSql((sql) => sql.all(select));
      expect(rows).toEqual([
        { id: 'a', amount: 9_007_199_254, note: null, photo: Buffer.from([1, 2, 3]), total: 9_007_199_249 },
        { id: 'b', amount: -5, note: 'второй', photo: null, total: 9_007_199_249 },
      ]);
      expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    }
    expect(await store.readSql((sql) => sql.one('SELECT id FROM items WHERE id = $id', { id: 'none' }))).toBeNull();
  });

  it('keep the last of two columns of one name, as node-postgres did', async () => {
    const store = await openStore('executor_names');
    expect(await store.readSql((sql) => sql.one("SELECT 'first' AS name, 'second' AS name"))).toEqual({ name: 'second' });
  });

  it('follow a table whose columns changed under a statement the connection knows', async () => {
    const store = await openStore('executor_shape');
    await store.writeSql((sql) => sql.run('CREATE TABLE notes (id INT PRIMARY KEY, text TEXT NOT NULL)'));
    await store.writeSql((sql) => sql.run("INSERT INTO notes (id, text) VALUES (1, 'one')"));
    expect(await store.readSql((sql) => sql.all('SELECT * FROM notes'))).toEqual([{ id: 1, text: 'one' }]);
    await store.writeSql((sql) => sql.run('ALTER TABLE notes ADD COLUMN extra INT'));
    // PostgreSQL refuses the prepared statement's changed result type; a fresh connection prepares it anew.
    const again = await store.readSql((sql) => sql.all('SELECT * FROM notes')).catch((error: Error) => error);
    if (again instanceof Error) expect(again.message).toMatch(/cached plan must not change result type/);
    else expect(again).toEqual([{ id: 1, text: 'one', extra: null }]);
  });
});
