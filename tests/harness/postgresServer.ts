// A throwaway PostgreSQL server from the system's packages (Debian: apt-get install postgresql):
// initdb into a temporary folder, a server on a loopback port, everything removed on stop.
// initdb and postgres refuse to run as root; as root they run as the `postgres` user (setpriv).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** The URL of a database on this server (created by `createDatabase`, or the `postgres` database). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Keep fsync and synchronous commit on (a benchmark); tests turn them off, they need no durability. */
  durable?: boolean;
  maxConnections?: number;
}

/** The newest server binaries installed: $PG_BIN, or /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'postgres'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const USER = 'cabinet';

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server binaries were not found: install them (Debian: apt-get install postgresql) or set PG_BIN');
  const folder = mkdtempSync(join(tmpdir(), 'cabinet-pg-'));
  const data = join(folder, 'data');
  const asRoot = userInfo().uid === 0;
  // The server's own user must own its folder; the socket goes there too (not /var/run/postgresql).
  if (asRoot) {
    const postgresUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const postgresGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (postgresUser.status !== 0) throw new Error('running as root needs the `postgres` user (created by the postgresql package) to run the server as');
    chownSync(folder, Number(postgresUser.stdout.trim()), Number(postgresGroup.stdout.trim()));
  }
  chmodSync(folder, 0o700);
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', join(bin, program), ...args]] : [join(bin, program), args];

  const [initdb, initArgs] = command('initdb', ['-D', data, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8', cwd: '/' });
  if (init.status !== 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }

  const port = await freePort();
  const settings = [
    ['listen_addresses', '127.0.0.1'],
    ['port', String(port)],
    ['unix_socket_directories', folder],
    ['max_connections', String(options.maxConnections ?? 200)],
    ['shared_buffers', '64MB'],
    ...(options.durable ? [] : [['fsync', 'off'], ['synchronous_commit', 'off'], ['full_page_writes', 'off']]),
  ].flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const [postgres, serverArgs] = command('postgres', ['-D', data, ...settings]);
  const server: ChildProcess = spawn(postgres, serverArgs, { cwd: '/', stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  const url = (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  try {
    await waitUntilAccepting(url(), server);
  } catch (error) {
    server.kill('SIGKILL');
    await exited;
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
  }

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  return {
    url,
    async createDatabase(name) {
      await admin((client) => client.query(`CREATE DATABASE ${quoteName(name)}`));
      return url(name);
    },
    async dropDatabase(name) {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`));
    },
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGINT'); // fast shutdown: sessions are ended, nothing is written that a test needs
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function quoteName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`a test database name is lower-case letters, digits and _: ${name}`);
  return `"${name}"`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function waitUntilAccepting(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
