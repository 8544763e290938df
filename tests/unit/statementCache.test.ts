import { createRequire } from 'node:module';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlJsExecutor, StatementCache } from '../../electron/store/sqlExecutor';

const require = createRequire(import.meta.url);
let db: Database;
beforeAll(async () => {
  const sql = await initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  db = new sql.Database();
  db.run('CREATE TABLE kinds (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.run("INSERT INTO kinds (id, name) VALUES (1, 'voice'), (2, 'sms'), (3, 'data')");
});

describe('the embedded store’s prepared statements', () => {
  it('are prepared once per text and give each call its own parameters', async () => {
    const cache = new StatementCache(db);
    const executor = new SqlJsExecutor(db, undefined, cache);
    const select = 'SELECT name FROM kinds WHERE id = $id';
    expect(await executor.one(select, { id: 1 })).toEqual({ name: 'voice' });
    expect(await executor.one(select, { id: 3 })).toEqual({ name: 'data' });
    expect(await executor.one(select, { id: 9 })).toBeNull();
    expect(cache.size).toBe(1);
    cache.clear();
  });

  it('hold nothing open between calls: a transaction commits and the database exports after reads', async () => {
    const cache = new StatementCache(db);
    const executor = new SqlJsExecutor(db, undefined, cache);
    await executor.one('SELECT id FROM kinds ORDER BY id');
    db.run('BEGIN');
    await executor.run('INSERT INTO kinds (id, name) VALUES ($id, $name)', { id: 4, name: 'mms' });
    db.run('COMMIT');
    expect(() => db.export()).not.toThrow();
    expect(await executor.all('SELECT id FROM kinds ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    cache.clear();
  });

  it('keep at most their limit, dropping the least recently used', async () => {
    const cache = new StatementCache(db, 2);
    const executor = new SqlJsExecutor(db, undefined, cache);
    const texts = ['SELECT 1 AS n', 'SELECT 2 AS n', 'SELECT 3 AS n'];
    await executor.one(texts[0]!);
    await executor.one(texts[1]!);
    await executor.one(texts[0]!); // the first is now the most recent
    await executor.one(texts[2]!);
    expect(cache.size).toBe(2);
    // Whatever was dropped is prepared again when asked for: the answers stay right.
    for (const [index, text] of texts.entries()) expect(await executor.one(text)).toEqual({ n: index + 1 });
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('follow a change of the schema', async () => {
    const cache = new StatementCache(db);
    const executor = new SqlJsExecutor(db, undefined, cache);
    const count = 'SELECT COUNT(*) AS n FROM kinds';
    expect(await executor.one(count)).toEqual({ n: 4 });
    db.run('ALTER TABLE kinds ADD COLUMN price INTEGER NOT NULL DEFAULT 0');
    db.run('DELETE FROM kinds WHERE id > 2');
    expect(await executor.one(count)).toEqual({ n: 2 });
    expect(await executor.one('SELECT price FROM kinds WHERE id = $id', { id: 1 })).toEqual({ price: 0 });
    cache.clear();
  });
});
