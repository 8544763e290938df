// A TCP proxy between the app and the test's PostgreSQL server that cuts connections at chosen points of the
// wire protocol: before or after a COMMIT, while a connection sits idle in a transaction, on the LISTEN
// connection. It reads just enough of the protocol to know where it is: the client's messages are
// [type byte][int32 length][body] (the startup packet has no type byte), and a simple query's ('Q') body is the
// statement text. node-postgres sends BEGIN, COMMIT, ROLLBACK and LISTEN as simple queries.
import { createServer, Socket, type Server } from 'node:net';

export interface Link {
  readonly id: number;
  /** The simple-query texts this connection sent, in order. */
  readonly sent: string[];
  /** Whether it issued LISTEN (the notification connection). */
  listening: boolean;
  /** Inside a transaction (a BEGIN sent, no COMMIT or ROLLBACK yet). */
  inTransaction: boolean;
  cut(): void;
}

export type CutRule =
  /** The statement never reaches the server: the connection is cut as it is sent. */
  | { when: 'before'; statement: RegExp; times?: number; skip?: number; inTransactionWith?: RegExp }
  /** The server runs the statement; its answer is dropped and the connection cut. `inTransactionWith`: only in a transaction that sent a matching statement. */
  | { when: 'after'; statement: RegExp; times?: number; skip?: number; inTransactionWith?: RegExp };

export class FaultProxy {
  private readonly links = new Set<Link>();
  private rules: Array<CutRule & { left: number; skipLeft: number }> = [];
  private refusing = false;
  private nextId = 1;
  /** How many connections were cut by a rule or by a call. */
  cuts = 0;
  /**
   * Round trips: each time a connection's client sends after the server last spoke (or first), it waits for
   * one more answer. Pipelined statements sent together are one; connections used at once each count.
   */
  roundTrips = 0;
  /** What each counted round trip carried (statement texts, or a prepared statement's text by its name), for a failing test's message. */
  readonly flights: string[][] = [];
  /** Added to every answer from the server: a database this far away (one-way, so once per round trip). */
  latencyMs = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    let proxy: FaultProxy | null = null;
    const server = createServer((socket) => proxy!.accept(socket));
    proxy = new FaultProxy(server, { host: target.hostname, port: Number(target.port) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The same database, reached through the proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.port = String((this.server.address() as { port: number }).port);
    return url.toString();
  }

  /** Lets `skip` (0) matching statements through, then cuts the next `times` (1) connections that send one. */
  cutOn(rule: CutRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1, skipLeft: rule.skip ?? 0 });
  }

  clearRules(): void {
    this.rules = [];
  }

  /** Cuts every open connection now (a server crash, a network break). */
  cutAll(): number {
    const open = [...this.links];
    for (const link of open) link.cut();
    return open.length;
  }

  /** Cuts the connections that are inside a transaction now (idle in transaction, or waiting for an answer). */
  cutInTransaction(): number {
    const open = [...this.links].filter((link) => link.inTransaction);
    for (const link of open) link.cut();
    return open.length;
  }

  /** Cuts the pooled connections, leaving the LISTEN one. */
  cutPool(): number {
    const open = [...this.links].filter((link) => !link.listening);
    for (const link of open) link.cut();
    return open.length;
  }

  /** Cuts the LISTEN connection(s). */
  cutListeners(): number {
    const open = [...this.links].filter((link) => link.listening);
    for (const link of open) link.cut();
    return open.length;
  }

  /** While refusing, a new connection is closed as soon as it arrives (the server is down). */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  get open(): Link[] {
    return [...this.links];
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    let closed = false;
    // After a statement matched an 'after' rule: the server's next bytes (its answer) are dropped and the link cut.
    // Pipelined connections have several statements on the wire at once: the statement's own answer is found by
    // counting ReadyForQuery messages ('Z', one per simple query or Sync the client sent; the startup's not counted).
    let cutAtReady: number | null = null;
    let answersAwaited = 0;
    let readySeen = -1;
    let serverBuffered = Buffer.alloc(0);
    const link: Link = {
      id: this.nextId++,
      sent: [],
      listening: false,
      inTransaction: false,
      cut: () => {
        if (closed) return;
        closed = true;
        this.cuts += 1;
        this.links.delete(link);
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      },
    };
    this.links.add(link);
    const close = () => {
      if (closed) return;
      closed = true;
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    // Without this, Nagle's algorithm and delayed acknowledgements add tens of milliseconds to every round trip.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    upstream.connect(this.target.port, this.target.host);

    let buffered = Buffer.alloc(0);
    let started = false;
    // Whether the client has sent since the server last answered: its next bytes are then the same round trip.
    let awaitingAnswer = false;
    let flight: string[] = [];
    const prepared = new Map<string, string>();
    // The statements of the transaction now open on this connection (simple queries and prepared ones alike).
    let transaction: string[] = [];
    client.on('data', (chunk: Buffer) => {
      if (started && !awaitingAnswer) {
        awaitingAnswer = true;
        this.roundTrips += 1;
        flight = [];
        this.flights.push(flight);
      }
      buffered = Buffer.concat([buffered, chunk]);
      // Forward whole messages only, each after its rules were looked at.
      for (;;) {
        const headerLength = started ? 5 : 4;
        if (buffered.length < headerLength) return;
        const length = started ? buffered.readInt32BE(1) + 1 : buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        if (!started) {
          // The startup packet, or an SSL request (the server then answers one byte and the real startup follows).
          const code = message.length >= 8 ? message.readInt32BE(4) : 0;
          if (code !== 80877103) started = true;
        } else if (message[0] === 0x53) {
          answersAwaited += 1; // Sync
        } else if (message[0] === 0x50) {
          // Parse: statement name, then its text.
          const [name = '', text = ''] = message.subarray(5).toString('utf8').split('\0');
          prepared.set(name, text);
          flight.push(text);
          transaction.push(text);
        } else if (message[0] === 0x42) {
          // Bind: portal name, then the statement's name.
          const [, name = ''] = message.subarray(5).toString('utf8').split('\0');
          if (name !== '' && flight.at(-1) !== prepared.get(name)) flight.push(prepared.get(name) ?? name);
          if (name !== '') transaction.push(prepared.get(name) ?? name);
        } else if (message[0] === 0x51) {
          answersAwaited += 1;
          const text = message.subarray(5, message.length - 1).toString('utf8');
          link.sent.push(text);
          flight.push(text);
          if (/^\s*LISTEN\b/i.test(text)) link.listening = true;
          if (/^\s*BEGIN\b/i.test(text)) {
            link.inTransaction = true;
            transaction = [];
          }
          let rule = this.rules.find(
            (candidate) =>
              candidate.left > 0 && candidate.statement.test(text) && (!candidate.inTransactionWith || transaction.some((sent) => candidate.inTransactionWith!.test(sent))),
          );
          if (rule && rule.skipLeft > 0) {
            rule.skipLeft -= 1;
            rule = undefined;
          }
          if (rule) {
            rule.left -= 1;
            if (rule.when === 'before') {
              link.cut();
              return;
            }
            cutAtReady = answersAwaited;
          }
          if (/^\s*(COMMIT|ROLLBACK)\b/i.test(text)) link.inTransaction = false;
        }
        if (closed) return;
        upstream.write(message);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      // Counted always, so that a rule that fires later knows which answer is its statement's.
      serverBuffered = Buffer.concat([serverBuffered, chunk]);
      while (serverBuffered.length >= 5 && serverBuffered.length >= serverBuffered.readInt32BE(1) + 1) {
        const type = serverBuffered[0];
        serverBuffered = serverBuffered.subarray(serverBuffered.readInt32BE(1) + 1);
        if (type === 0x5a) readySeen += 1;
      }
      if (cutAtReady !== null && readySeen >= cutAtReady) {
        // The statement ran and its answer is in this chunk: it never arrives.
        link.cut();
        return;
      }
      const deliver = () => {
        awaitingAnswer = false;
        if (!closed) client.write(chunk);
      };
      // Timers of one delay fire in the order they were set: the answers keep their order.
      if (this.latencyMs > 0) setTimeout(deliver, this.latencyMs);
      else deliver();
    });
  }
}
