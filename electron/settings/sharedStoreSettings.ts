import { z } from 'zod';
import type { PostgresConnection } from '../store/postgres/postgresDatabase';

/**
 * settings.json's `sharedStore`: when present, the app uses the chain's PostgreSQL database instead
 * of the embedded store. The database password is never kept there in the clear: it comes from
 * PGPASSWORD or ~/.pgpass (or a client certificate), or from `sealedPassword` (sealed with the OS keystore:
 * a `password` written by hand is sealed and removed at the next start). The chain's secret key comes from a file.
 */
export const SharedStoreSettings = z
  .object({
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'a postgres://user@host:5432/database URL')
      .refine((url) => !url.includes('?') && !url.includes('#'), 'no query parameters (?sslmode=, ?password=, ?host=…): TLS is set by sharedStore.tls, the password by PGPASSWORD or sharedStore.password (sealed at start)')
      .refine((url) => !/^postgres(ql)?:\/\/[^@/]*:[^@/]*@/.test(url), 'no password in the URL: put it in ~/.pgpass or PGPASSWORD, or use a client certificate'),
    /** Written by hand once; the app seals it into `sealedPassword` and removes it at the next start. */
    password: z.string().min(1).optional(),
    /** The password sealed with the OS keystore (base64), readable only by this user on this computer. */
    sealedPassword: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the base64 the app wrote when it sealed the password').optional(),
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
export function parseSharedStoreSettings(raw: unknown, unseal?: (sealed: string) => string): SharedStoreSettings | null {
  if (raw === undefined || raw === null) return null;
  const parsed = SharedStoreSettings.safeParse(raw);
  if (parsed.success) {
    const { sealedPassword, ...settings } = parsed.data;
    if (sealedPassword === undefined) return settings;
    if (!unseal) throw new SharedStoreSettingsError(['sharedStore.sealedPassword'], 'sharedStore.sealedPassword: this computer cannot unseal it (no OS keystore); use PGPASSWORD instead');
    try {
      return { ...settings, password: unseal(sealedPassword) };
    } catch {
      throw new SharedStoreSettingsError(['sharedStore.sealedPassword'], 'sharedStore.sealedPassword: it was sealed by another user or computer; write the password as sharedStore.password again to seal it here');
    }
  }
  const fields = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ['sharedStore', ...issue.path.map(String), key].join('.')) : [['sharedStore', ...issue.path.map(String)].join('.')],
  );
  throw new SharedStoreSettingsError(fields, parsed.error.issues.map((issue, index) => `${fields[index] ?? 'sharedStore'}: ${issue.message}`).join('; '));
}

/** A hand-written `password` sealed in place: the entry to write back, or null when there is nothing to seal. */
export function sealPassword(raw: unknown, seal: (password: string) => string): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { password?: unknown }).password !== 'string') return null;
  const { password, ...rest } = raw as { password: string } & Record<string, unknown>;
  return { ...rest, sealedPassword: seal(password) };
}

export function connectionOf(settings: SharedStoreSettings): PostgresConnection {
  return { url: settings.url, tls: settings.tls, poolSize: settings.poolSize, ...(settings.password ? { password: settings.password } : {}) };
}
