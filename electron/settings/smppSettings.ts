import { z } from 'zod';

/**
 * settings.json's `smpp`: the operator's SMS centre (Kannel's opensmppbox, or any SMPP 3.4 SMSC) that SMS go
 * through outside demo mode. The password is never kept there in the clear: a `password` written by hand is sealed
 * with the OS keystore into `sealedPassword` and removed at the next start (as sharedStore's is).
 */
export const SmppSettings = z
  .object({
    host: z.string().min(1, 'the SMS centre host name or address').max(255),
    port: z.number().int().min(1).max(65535),
    /** The ESME's system_id the SMS centre knows this app by (at most 15 characters, SMPP 3.4 §5.2.1). */
    systemId: z.string().min(1, 'the system id the SMS centre gave').max(15),
    /** Written by hand once; the app seals it into `sealedPassword` and removes it at the next start. */
    password: z.string().min(1).max(8, 'at most 8 characters (SMPP 3.4 §5.2.2)').optional(),
    /** The password sealed with the OS keystore (base64), readable only by this user on this computer. */
    sealedPassword: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the base64 the app wrote when it sealed the password').optional(),
    /** system_type of the bind; Kannel's opensmppbox routes by it. */
    systemType: z.string().max(12).default(''),
    /** The sender subscribers see: a short code (digits) or an alphanumeric name of at most 11 characters. */
    sourceAddress: z.string().regex(/^(\d{1,15}|[A-Za-z0-9 ._-]{1,11})$/, 'a short code of digits or a name of at most 11 letters and digits'),
    /** How often the link is checked with enquire_link when quiet. */
    enquireLinkSeconds: z.number().int().min(5).max(600).default(30),
    /** Requests in flight at once (the SMPP window the operator allows): throughput through Kannel grows with it. */
    window: z.number().int().min(1).max(200).default(10),
  })
  .strict();
export type SmppSettingsInput = z.input<typeof SmppSettings>;

/** What the SMPP adapter is given: the password unsealed, held in memory only. */
export interface SmppConnectionSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  sourceAddress: string;
  enquireLinkSeconds: number;
  /** Requests in flight at once; 10 when not given. */
  window?: number;
}

export class SmppSettingsError extends Error {
  constructor(
    readonly fields: string[],
    detail: string,
  ) {
    super(`settings.json smpp: ${detail}`);
    this.name = 'SmppSettingsError';
  }
}

/** null when no SMS centre is configured; a bad entry is an error naming each field. */
export function parseSmppSettings(raw: unknown, unseal?: (sealed: string) => string): SmppConnectionSettings | null {
  if (raw === undefined || raw === null) return null;
  const parsed = SmppSettings.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ['smpp', ...issue.path.map(String), key].join('.')) : [['smpp', ...issue.path.map(String)].join('.')],
    );
    throw new SmppSettingsError(fields, parsed.error.issues.map((issue, index) => `${fields[index] ?? 'smpp'}: ${issue.message}`).join('; '));
  }
  const { sealedPassword, password, ...settings } = parsed.data;
  if (sealedPassword === undefined) {
    if (password === undefined) throw new SmppSettingsError(['smpp.password'], 'smpp.password: the password the SMS centre gave (it is sealed at the next start)');
    return { ...settings, password };
  }
  if (!unseal) throw new SmppSettingsError(['smpp.sealedPassword'], 'smpp.sealedPassword: this computer cannot unseal it (no OS keystore)');
  try {
    return { ...settings, password: unseal(sealedPassword) };
  } catch {
    throw new SmppSettingsError(['smpp.sealedPassword'], 'smpp.sealedPassword: it was sealed by another user or computer; write the password as smpp.password again to seal it here');
  }
}

/** A hand-written `password` sealed in place: the entry to write back, or null when there is nothing to seal. */
export function sealSmppPassword(raw: unknown, seal: (password: string) => string): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { password?: unknown }).password !== 'string') return null;
  const { password, ...rest } = raw as { password: string } & Record<string, unknown>;
  return { ...rest, sealedPassword: seal(password) };
}
