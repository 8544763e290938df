import { z } from 'zod';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Only a mail server on this computer may be spoken to without TLS: anywhere else the password would cross the wire. */
export const isLoopbackHost = (host: string) => LOOPBACK.has(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * settings.json's `smtp`: the operator's mail server for receipts and security notices. The password is never
 * kept there in the clear: a `password` written by hand is sealed with the OS keystore into `sealedPassword` and
 * removed at the next start (as `sharedStore.password` is).
 */
export const SmtpSettingsEntry = z
  .object({
    host: z.string().min(1, 'a host name, like smtp.example.ru').max(253),
    port: z.number().int().min(1).max(65_535).default(587),
    /** `starttls` (port 587) or `implicit` (port 465); `none` only for a mail server on this computer. */
    tls: z.enum(['starttls', 'implicit', 'none']).default('starttls'),
    /** A CA certificate file (PEM) for a server whose certificate the system does not trust. */
    caFile: z.string().min(1).optional(),
    user: z.string().min(1).max(320).optional(),
    /** Written by hand once; the app seals it into `sealedPassword` and removes it at the next start. */
    password: z.string().min(1).optional(),
    sealedPassword: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the base64 the app wrote when it sealed the password').optional(),
    /** The sender, `Оператор <noreply@example.ru>` or `noreply@example.ru`. */
    from: z.string().min(3).max(320).regex(/^(?:[^<>\r\n]*<)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/, 'an address like noreply@example.ru, or Name <noreply@example.ru>'),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.tls === 'none' && !isLoopbackHost(entry.host)) {
      context.addIssue({ code: 'custom', path: ['tls'], message: 'TLS is required for a mail server on another computer: "starttls" or "implicit"' });
    }
    if ((entry.password !== undefined || entry.sealedPassword !== undefined) && entry.user === undefined) {
      context.addIssue({ code: 'custom', path: ['user'], message: 'a user name to go with the password' });
    }
  });
export type SmtpSettingsEntry = z.infer<typeof SmtpSettingsEntry>;

/** What the SMTP sender needs, the password unsealed (it lives only in this process's memory). */
export interface SmtpSettings {
  host: string;
  port: number;
  tls: 'starttls' | 'implicit' | 'none';
  ca?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

export class SmtpSettingsError extends Error {
  constructor(
    readonly fields: string[],
    detail: string,
  ) {
    super(`settings.json smtp: ${detail}`);
    this.name = 'SmtpSettingsError';
  }
}

/**
 * null when mail is not set up; a bad entry is an error naming each field (never a quiet fallback).
 * `unseal` opens `sealedPassword` (the OS keystore); `readFile` reads `caFile`.
 */
export function parseSmtpSettings(raw: unknown, unseal: ((sealed: string) => string) | undefined, readFile: (path: string) => string): SmtpSettings | null {
  if (raw === undefined || raw === null) return null;
  const parsed = SmtpSettingsEntry.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ['smtp', ...issue.path.map(String), key].join('.')) : [['smtp', ...issue.path.map(String)].join('.')],
    );
    throw new SmtpSettingsError(fields, parsed.error.issues.map((issue, index) => `${fields[index] ?? 'smtp'}: ${issue.message}`).join('; '));
  }
  const { sealedPassword, password, caFile, ...entry } = parsed.data;
  let secret = password;
  if (sealedPassword !== undefined) {
    if (!unseal) throw new SmtpSettingsError(['smtp.sealedPassword'], 'smtp.sealedPassword: this computer cannot unseal it (no OS keystore)');
    try {
      secret = unseal(sealedPassword);
    } catch {
      throw new SmtpSettingsError(['smtp.sealedPassword'], 'smtp.sealedPassword: it was sealed by another user or computer; write the password as smtp.password again to seal it here');
    }
  }
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFile(caFile);
    } catch (error) {
      throw new SmtpSettingsError(['smtp.caFile'], `smtp.caFile: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { ...entry, ca, user: entry.user, password: secret };
}

/** A hand-written `password` sealed in place: the entry to write back, or null when there is nothing to seal. */
export function sealSmtpPassword(raw: unknown, seal: (password: string) => string): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { password?: unknown }).password !== 'string') return null;
  const { password, ...rest } = raw as { password: string } & Record<string, unknown>;
  return { ...rest, sealedPassword: seal(password) };
}
