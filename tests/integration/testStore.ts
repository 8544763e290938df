// Which store the integration suites run on: the embedded one, or (the `postgres` vitest project)
// a database of their own on the run's throwaway PostgreSQL server.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { PostgresConnection } from '../../electron/store/postgres/postgresDatabase';

export const onPostgres = process.env.CABINET_TEST_STORE === 'postgres';

/**
 * How a new database gets its schema and operator data the way the app would make them (migrations
 * and the seeding of a first start); done once per key into a template that later databases copy.
 */
export interface SeededTemplate {
  key: string;
  /** Seeds the database at `url` as a first start would; answers how many ids the seeding took. */
  seed(url: string): Promise<number>;
}

const open = new Set<string>();
const made = new Set<string>();
const templates = new Map<string, Promise<{ name: string; idsUsed: number }>>();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlOf(name: string): string {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function templateFor(template: SeededTemplate): Promise<{ name: string; idsUsed: number }> {
  let made = templates.get(template.key);
  if (!made) {
    made = (async () => {
      const name = `tpl_${process.pid}_${hashOf(template.key)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      return { name, idsUsed: await template.seed(urlOf(name)) };
    })();
    templates.set(template.key, made);
  }
  return made;
}

/**
 * The database a test folder's cabinet keeps using across reopenings; earlier closed ones are dropped.
 * A new one is a copy of the seeded template when one is given (`idsUsed`: ids its seeding took).
 */
export async function sharedStoreFor(dataDir: string, template?: SeededTemplate): Promise<{ connection: PostgresConnection; idsUsed: number; closed(): void }> {
  const name = `t_${process.pid}_${hashOf(dataDir)}`;
  let idsUsed = 0;
  const source = template && !made.has(name) ? await templateFor(template) : null;
  await admin(async (client) => {
    for (const old of made) {
      if (old !== name && !open.has(old)) {
        await client.query(`DROP DATABASE IF EXISTS ${old} WITH (FORCE)`);
        made.delete(old);
      }
    }
    if (made.has(name)) return;
    await client.query(source ? `CREATE DATABASE ${name} TEMPLATE ${source.name} STRATEGY FILE_COPY` : `CREATE DATABASE ${name} STRATEGY FILE_COPY`);
    idsUsed = source?.idsUsed ?? 0;
  });
  made.add(name);
  open.add(name);
  return { connection: { url: urlOf(name), poolSize: 4 }, idsUsed, closed: () => open.delete(name) };
}

/** A fresh, empty database of its own (for tests that open several instances on one database). */
export async function freshDatabase(label: string): Promise<string> {
  const name = `t_${process.pid}_${label}_${Date.now().toString(36)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`));
  made.add(name);
  open.add(name);
  return urlOf(name);
}
