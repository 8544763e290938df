import { z } from 'zod';

const httpsUrl = (what: string) =>
  z.url({ protocol: /^https$/, error: `${what}: an https:// address` }).refine((url) => !/^https:\/\/[^/]*@/.test(url), `${what}: no user or password in the address`);

/**
 * settings.json's `cardAcquirer`: the shop's YooKassa account. The secret key is never kept there in the clear: a
 * `secretKey` written by hand is sealed with the OS keystore into `sealedSecretKey` at the next start, and
 * leaves the file. Absent: card payments are not set up (demo mode uses its test acquirer whatever this says).
 */
export const CardAcquirerSettings = z
  .object({
    provider: z.literal('yookassa', { error: 'the only acquirer the app speaks: "yookassa"' }),
    shopId: z.string({ error: 'the shop id from the YooKassa account' }).regex(/^\d{1,12}$/, 'the shop id from the YooKassa account (digits)'),
    /** Written by hand once; sealed into `sealedSecretKey` and removed at the next start. */
    secretKey: z.string().regex(/^(live|test)_[A-Za-z0-9_-]{8,}$/, 'the secret key from the YooKassa account (live_… or test_…)').optional(),
    sealedSecretKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the base64 the app wrote when it sealed the secret key').optional(),
    apiUrl: httpsUrl('cardAcquirer.apiUrl').default('https://api.yookassa.ru/v3/'),
    /** Where the bank's page sends the person back; the window closes there without loading it. */
    returnUrl: httpsUrl('cardAcquirer.returnUrl').default('https://cabinet.invalid/payments/return'),
    /** Hosts besides the confirmation page's own that the bank window may visit (an issuer's 3-D Secure pages). */
    confirmationHosts: z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'a host name, as host or host:port')).default([]),
    /** One attempt's deadline; attempts × deadline should stay under the core's 30 s, after which a payment waits for a status query. */
    timeoutMs: z.number().int().min(1_000).max(30_000).default(8_000),
    attempts: z.number().int().min(1).max(5).default(3),
  })
  .strict();
export type CardAcquirerSettings = Omit<z.infer<typeof CardAcquirerSettings>, 'sealedSecretKey' | 'secretKey'> & { secretKey: string };

export class CardAcquirerSettingsError extends Error {
  constructor(
    readonly fields: string[],
    detail: string,
  ) {
    super(`settings.json cardAcquirer: ${detail}`);
    this.name = 'CardAcquirerSettingsError';
  }
}

/**
 * null when no acquirer is set up; a bad entry is an error naming each field. A secret key still in the clear
 * (the keystore could not seal it) is refused: it must not be used from a file anyone on the computer may read.
 */
export function parseCardAcquirerSettings(raw: unknown, unseal?: (sealed: string) => string): CardAcquirerSettings | null {
  if (raw === undefined || raw === null) return null;
  const parsed = CardAcquirerSettings.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ['cardAcquirer', ...issue.path.map(String), key].join('.')) : [['cardAcquirer', ...issue.path.map(String)].join('.')],
    );
    throw new CardAcquirerSettingsError(fields, parsed.error.issues.map((issue, index) => `${fields[index] ?? 'cardAcquirer'}: ${issue.message}`).join('; '));
  }
  const { sealedSecretKey, secretKey, ...settings } = parsed.data;
  if (secretKey !== undefined) {
    throw new CardAcquirerSettingsError(['cardAcquirer.secretKey'], 'cardAcquirer.secretKey: this computer has no OS keystore to seal it with; card payments stay off');
  }
  if (sealedSecretKey === undefined) throw new CardAcquirerSettingsError(['cardAcquirer.secretKey'], 'cardAcquirer.secretKey: the secret key from the YooKassa account');
  if (!unseal) throw new CardAcquirerSettingsError(['cardAcquirer.sealedSecretKey'], 'cardAcquirer.sealedSecretKey: this computer cannot unseal it (no OS keystore)');
  try {
    return { ...settings, secretKey: unseal(sealedSecretKey) };
  } catch {
    throw new CardAcquirerSettingsError(['cardAcquirer.sealedSecretKey'], 'cardAcquirer.sealedSecretKey: it was sealed by another user or computer; write the key as cardAcquirer.secretKey again to seal it here');
  }
}

/** A hand-written `secretKey` sealed in place: the entry to write back, or null when there is nothing to seal. */
export function sealSecretKey(raw: unknown, seal: (secret: string) => string): Record<string, unknown> | null {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { secretKey?: unknown }).secretKey !== 'string') return null;
  const { secretKey, ...rest } = raw as { secretKey: string } & Record<string, unknown>;
  // A mistyped key stays in the file, where parsing names it, rather than sealed out of sight.
  if (!CardAcquirerSettings.shape.secretKey.safeParse(secretKey).success) return null;
  return { ...rest, sealedSecretKey: seal(secretKey) };
}
