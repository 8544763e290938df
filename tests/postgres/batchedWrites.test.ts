// A unit of work's statements leave a kiosk in one write to the socket (electron/store/postgres/batchedWrites.ts):
// counted here as the socket's writes to the kernel, on a real server, with and without the batching.
import { Socket } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { batchWrites } from '../../electron/store/postgres/batchedWrites';

const clients: pg.Client[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
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
