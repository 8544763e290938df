import { createRequire } from 'node:module';
import initSqlJs, { type Database } from 'sql.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { oneRemembered, UnitOfWorkReads } from '../../electron/store/repositories/unitOfWorkReads';
import { SqlJsExecutor, type SqlExecutor } from '../../electron/store/sqlExecutor';

const require = createRequire(import.meta.url);
let db: Database;
let asked: string[];
/** The embedded store's executor, noting every statement that reaches the database. */
let executor: SqlExecutor;

beforeEach(async () => {
  const sql = await initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  db = new sql.Database();
  db.run('CREATE TABLE lines (id TEXT PRIMARY KEY, status TEXT NOT NULL)');
  db.run("INSERT INTO lines (id, status) VALUES ('a', 'active'), ('b', 'active')");
  const inner = new SqlJsExecutor(db);
  asked = [];
  executor = {
    dialect: inner.dialect,
    all: (text, params) => (asked.push(text), inner.all(text, params)),
    one: (text, params) => (asked.push(text), inner.one(text, params)),
    run: (text, params) => (asked.push(text), inner.run(text, params)),
  };
});

const statusOf = 'SELECT status FROM lines WHERE id = $id';

describe('a unit of work’s reads asked for again', () => {
  it('reach the database once, whoever asks and however many ask at once', async () => {
    const reads = new UnitOfWorkReads(executor);
    const [first, second] = await Promise.all([reads.oneRemembered(statusOf, { id: 'a' }), reads.oneRemembered(statusOf, { id: 'a' })]);
    const third = await reads.oneRemembered(statusOf, { id: 'a' });
    expect([first, second, third]).toEqual([{ status: 'active' }, { status: 'active' }, { status: 'active' }]);
    expect(asked).toEqual([statusOf]);
  });

  it('with other parameters are other reads', async () => {
    const reads = new UnitOfWorkReads(executor);
    db.run("UPDATE lines SET status = 'blocked' WHERE id = 'b'");
    expect(await reads.oneRemembered(statusOf, { id: 'a' })).toEqual({ status: 'active' });
    expect(await reads.oneRemembered(statusOf, { id: 'b' })).toEqual({ status: 'blocked' });
    expect(asked).toHaveLength(2);
  });

  it('see the unit of work’s own writes: a write forgets every remembered answer', async () => {
    const reads = new UnitOfWorkReads(executor);
    expect(await reads.oneRemembered(statusOf, { id: 'a' })).toEqual({ status: 'active' });
    await reads.run("UPDATE lines SET status = 'blocked' WHERE id = $id", { id: 'a' });
    expect(await reads.oneRemembered(statusOf, { id: 'a' })).toEqual({ status: 'blocked' });
    expect(asked.filter((text) => text === statusOf)).toHaveLength(2);
  });

  it('are not remembered when they failed', async () => {
    const reads = new UnitOfWorkReads(executor);
    const broken = 'SELECT status FROM no_such_table WHERE id = $id';
    await expect(reads.oneRemembered(broken, { id: 'a' })).rejects.toThrow(/no such table/);
    db.run('CREATE TABLE no_such_table (id TEXT, status TEXT)');
    db.run("INSERT INTO no_such_table VALUES ('a', 'found')");
    expect(await reads.oneRemembered(broken, { id: 'a' })).toEqual({ status: 'found' });
  });

  it('are remembered by nothing outside a unit of work: a plain executor is asked each time', async () => {
    await oneRemembered(executor, statusOf, { id: 'a' });
    await oneRemembered(executor, statusOf, { id: 'a' });
    expect(asked).toEqual([statusOf, statusOf]);
    // And every unit of work starts afresh.
    await new UnitOfWorkReads(executor).oneRemembered(statusOf, { id: 'a' });
    await new UnitOfWorkReads(executor).oneRemembered(statusOf, { id: 'a' });
    expect(asked).toHaveLength(4);
  });
});
