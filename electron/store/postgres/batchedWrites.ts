import type { Client } from 'pg';

/** The part of node-postgres's connection this reaches into: its one write path and the socket (plain or TLS) under it. */
interface WritingConnection {
  _send(buffer: Buffer): boolean;
  stream: { writable: boolean; destroyed?: boolean; cork(): void; uncork(): void };
}

function writingConnection(client: Client): WritingConnection | null {
  const connection = (client as unknown as { connection?: Partial<WritingConnection> }).connection;
  if (!connection || typeof connection._send !== 'function' || !connection.stream || typeof connection.stream.cork !== 'function') return null;
  return connection as WritingConnection;
}

/**
 * Writes what a connection sends in one turn of the event loop as one write to its socket. In pipeline mode each
 * statement was written on its own as soon as it was asked for — a system call each (and on TLS a record each):
 * `writev` and `writeBuffer` were the largest items of a kiosk's CPU profile in `npm run bench:shared`. The socket is corked at
 * the first message and uncorked once the code that asked for the statements has run on (the statements a unit of
 * work asks for together, and its COMMIT, go out in one write). Nothing is held back longer than that turn.
 * Returns false when this node-postgres has no such write path (a newer version): statements then go as before.
 */
export function batchWrites(client: Client): boolean {
  const connection = writingConnection(client);
  if (!connection) return false;
  // A write that fails, fails at the uncork — a moment after it was asked for, when the pool may already have let
  // go of a connection the server cut (a released, broken client has no listener of the pool's or of a unit of
  // work's). The failure reached whoever held the connection through their own listener; after that, a client's
  // error must not escape as an uncaught exception.
  client.on('error', () => undefined);
  const send = connection._send.bind(connection);
  let corked: WritingConnection['stream'] | null = null;
  connection._send = (buffer: Buffer) => {
    const stream = connection.stream;
    if (corked !== stream && stream.writable) {
      stream.cork();
      corked = stream;
      process.nextTick(() => {
        corked = null;
        if (!stream.destroyed) stream.uncork();
      });
    }
    return send(buffer);
  };
  return true;
}
