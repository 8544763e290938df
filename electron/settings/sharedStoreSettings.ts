import { z } from 'zod';
import type { PostgresConnection } from '../store/postgres/postgresDatabase';

/**
 * settings.json's `sharedStore`: when present, the app uses the chain's PostgreSQL database instead
 * of the embedded store. Nothing secret is written here: the database password comes from
 * PGPASSWORD or ~/.pgpass (or a client certificate), the chain's secret key from a file.
 */
export const SharedStoreSettings = z
  .object({
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'a postgres://user@host:5432/database URL')
      .refine((url) => !/^postgres(ql)?:\/\/[^@/]*:[^@/]*@/.test(url), 'no password in the URL: put it in ~/.pgpass or PGPASSWORD, or use a client certificate'),
    tls: z
      .object({
        mode: z.enum(['disable', 'require', 'verify-full']),
        caFile: z.string().min(1).optional(),
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    poolSize: z.number().int().min(1).max(100).default(10),
    /** 32 bytes (raw or base64) every instance of the chain shares: codes and PUKs are keyed hashes under it. */
    secretKeyFile: z.string().min(1),
  })
  .strict();
export type SharedStoreSettings = z.infer<typeof SharedStoreSettings>;

export class SharedStoreSettingsError extends Error {
  constructor(readonly fields: string[], detail: string) {
    super(`settings.json sharedStore: ${detail}`);
    this.name = 'SharedStoreSettingsError';
  }
}

/** null when the chain store is not configured; a bad entry is an error naming each field (the app must not quietly fall back to a store of its own). */
export function parseSharedStoreSettings(raw: unknown): SharedStoreSettings | null {
  if (raw === undefined || raw === null) return null;
  const parsed = SharedStoreSettings.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ['sharedStore', ...issue.path.map(String), key].join('.')) : [['sharedStore', ...issue.path.map(String)].join('.')],
  );
  throw new SharedStoreSettingsError(fields, parsed.error.issues.map((issue, index) => `${fields[index] ?? 'sharedStore'}: ${issue.message}`).join('; '));
}

export function connectionOf(settings: SharedStoreSettings): PostgresConnection {
  return { url: settings.url, tls: settings.tls, poolSize: settings.poolSize };
}
