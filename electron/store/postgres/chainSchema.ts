import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';

/**
 * Tables only a store chain has (the embedded store has no other instance to tell anything), numbered apart
 * from the portable migrations in `chain_schema_versions`. Forward only, like them.
 *
 * - `chain_secrets`: the chain's own secrets, readable by the app's role only (PUBLIC is refused). The
 *   `notice-key` salts the key that signs the chain's notices: a role that may connect and NOTIFY but read
 *   no table cannot sign one.
 * - `chain_sign_outs`: every «sign out everywhere» and password change, in commit order (writers take one
 *   transaction lock), so an instance that lost its LISTEN connection reads what it missed by sequence number.
 */
const CHAIN_STEPS: Array<{ version: number; name: string; statements: string[] }> = [
  {
    version: 1,
    name: 'chain secrets; sign-outs in commit order',
    statements: [
      `CREATE TABLE chain_secrets (name TEXT COLLATE "C" PRIMARY KEY, value BYTEA NOT NULL)`,
      `REVOKE ALL ON chain_secrets FROM PUBLIC`,
      `CREATE TABLE chain_sign_outs (
         seq BIGSERIAL PRIMARY KEY,
         subscriber_id TEXT COLLATE "C" NOT NULL,
         reason TEXT COLLATE "C" NOT NULL,
         from_instance TEXT COLLATE "C" NOT NULL,
         recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
      `REVOKE ALL ON chain_sign_outs FROM PUBLIC`,
    ],
  },
];

/** Brings the chain's own tables up to date; runs under the schema lock with the portable migrations. */
export async function applyChainSchema(client: ClientBase): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS chain_schema_versions (version BIGINT PRIMARY KEY, name TEXT NOT NULL)');
  const current = Number((await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM chain_schema_versions')).rows[0]?.version ?? 0);
  for (const step of CHAIN_STEPS.filter((candidate) => candidate.version > current)) {
    await client.query('BEGIN');
    try {
      for (const statement of step.statements) await client.query(statement);
      await client.query('INSERT INTO chain_schema_versions (version, name) VALUES ($1, $2)', [step.version, step.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`chain schema step ${step.version} (${step.name}) failed: ${(error as Error).message}`, { cause: error });
    }
  }
  // The first instance makes the notice key; every later one finds it.
  await client.query(`INSERT INTO chain_secrets (name, value) VALUES ('notice-key', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32)]);
}
