// A unit of work's statements leave a kiosk in one write to the socket (electron/store/postgres/batchedWrites.ts):
// counted here as the socket's writes to the kernel, on a real server, with and without the batching; and a
// read-only unit of work's COMMIT, held back to leave with the connection's next statements.
import { Socket } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { batchWrites } from '../../electron/store/postgres/batchedWrites';
import { PostgresDatabase } from '../../electron/store/postgres/postgresDatabase';
import { freshDatabase } from '../integration/testStore';

const clients: pg.Client[] = [];
const stores: PostgresDatabase[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
});

/** A transaction of six statements asked for together, as the core's units of work do; the socket writes it took. */
async function socketWritesFor(batched: boolean): Promise<{ writes: number; answers: unknown[] }> {
  const client = new pg.Client({ connectionString: inject('postgresUrl'), pipeline: true } as pg.ClientConfig);
  clients.push(client);
  await client.connect();
  if (batched) expect(batchWrites(client)).toBe(true);
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  let writes = 0;
  const writeGeneric = Object.getPrototypeOf(socket)._writeGeneric as (...args: unknown[]) => unknown;
  vi.spyOn(socket as unknown as { _writeGeneric: typeof writeGeneric }, '_writeGeneric').mockImplementation(function (this: Socket, ...args: unknown[]) {
    writes += 1;
    return writeGeneric.apply(this, args);
  });
  const answers = await Promise.all([
    client.query('BEGIN'),
    ...[1, 2, 3, 4].map((n) => client.query({ text: 'SELECT $1::int + 1 AS n', values: [n] }).then((result) => result.rows[0].n)),
    client.query('COMMIT'),
  ]);
  return { writes, answers: answers.slice(1, 5) };
}

describe('batched writes to the shared database', () => {
  it('six pipelined statements go out in one write, not one each; the answers are the same', async () => {
    const plain = await socketWritesFor(false);
    const batched = await socketWritesFor(true);
    expect(batched.answers).toEqual([2, 3, 4, 5]);
    expect(plain.answers).toEqual(batched.answers);
    expect(plain.writes).toBeGreaterThanOrEqual(6);
    expect(batched.writes).toBe(1);
  });

  it('a client of another shape is left as it is', () => {
    expect(batchWrites({} as pg.Client)).toBe(false);
  });
});

/** What every socket of this process writes from now on, as the protocol's simple queries and statement texts in each write. */
function recordWrites(): string[][] {
  const writes: string[][] = [];
  type WriteGeneric = (this: Socket, writev: boolean, data: unknown, encoding: string, cb: () => void) => unknown;
  const prototype = Socket.prototype as unknown as { _writeGeneric: WriteGeneric };
  const writeGeneric = prototype._writeGeneric;
  vi.spyOn(prototype, '_writeGeneric').mockImplementation(function (this: Socket, writev, data, encoding, cb) {
    const chunks = writev ? (data as Array<{ chunk: Buffer }>).map((entry) => entry.chunk) : [data as Buffer];
    writes.push(messagesOf(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)))));
    return writeGeneric.call(this, writev, data, encoding, cb);
  });
  return writes;
}

/** A write's Query and Parse messages: their SQL text. */
function messagesOf(bytes: Buffer): string[] {
  const texts: string[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readUInt32BE(at + 1)) {
    const type = String.fromCharCode(bytes[at]!);
    const body = bytes.subarray(at + 5, at + 1 + bytes.readUInt32BE(at + 1));
    if (type === 'Q') texts.push(body.toString('utf8', 0, body.indexOf(0)));
    if (type === 'P') texts.push(body.toString('utf8', body.indexOf(0) + 1, body.indexOf(0, body.indexOf(0) + 1)));
  }
  return texts;
}

async function openStore(label: string): Promise<{ store: PostgresDatabase; database: string }> {
  const url = await freshDatabase(label);
  const store = await PostgresDatabase.open({ url, poolSize: 1, migrations: [] });
  stores.push(store);
  return { store, database: new URL(url).pathname.slice(1) };
}

/** The store's connections that sit inside a transaction (`idle in transaction`), as the server sees them. */
async function idleInTransaction(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  clients.push(client);
  await client.connect();
  const { rows } = await client.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'", [database]);
  return rows[0]!.n;
}

describe('a read-only unit of work\'s COMMIT', () => {
  it('leaves with the next unit of work\'s BEGIN, in one write', async () => {
    const { store } = await openStore('commit_with_next');
    const writes = recordWrites();
    expect(await store.readSql((sql) => sql.one('SELECT 1 AS n'))).toEqual({ n: 1 });
    expect(await store.readSql((sql) => sql.one('SELECT 2 AS n'))).toEqual({ n: 2 });
    const second = writes.findIndex((texts) => texts.includes('SELECT 2 AS n'));
    expect(writes[second], JSON.stringify(writes)).toEqual(['COMMIT', 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', 'SELECT 2 AS n']);
    // Before, the first unit of work's COMMIT was a write of its own.
    expect(writes.filter((texts) => texts.length === 1 && texts[0] === 'COMMIT')).toHaveLength(0);
  });

  it('goes alone a moment later when nothing follows: no connection is left inside a transaction', async () => {
    const { store, database } = await openStore('commit_alone');
    const writes = recordWrites();
    await store.readSql((sql) => sql.one('SELECT 1 AS n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(writes.at(-1)).toEqual(['COMMIT']);
    expect(await idleInTransaction(database)).toBe(0);
  });

  it('is sent before a writing unit of work on the same connection, which commits and is read back', async () => {
    const { store, database } = await openStore('commit_then_write');
    await store.writeSql((sql) => sql.run('CREATE TABLE notes (id INT PRIMARY KEY, text TEXT NOT NULL)'));
    expect(await store.readSql((sql) => sql.all('SELECT * FROM notes'))).toEqual([]);
    await store.writeSql((sql) => sql.run('INSERT INTO notes (id, text) VALUES ($id, $text)', { id: 1, text: 'written' }));
    expect(await store.readSql((sql) => sql.all('SELECT * FROM notes'))).toEqual([{ id: 1, text: 'written' }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await idleInTransaction(database)).toBe(0);
  });
});
