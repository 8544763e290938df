import { describe, expect, it } from 'vitest';
import { CardAcquirerSettingsError, parseCardAcquirerSettings, sealSecretKey } from '../../electron/settings/cardAcquirerSettings';

// A stand-in for safeStorage: what matters here is where the key goes, not the cipher.
const seal = (secret: string) => Buffer.from(`sealed:${secret}`).toString('base64');
const unseal = (sealed: string) => {
  const text = Buffer.from(sealed, 'base64').toString();
  if (!text.startsWith('sealed:')) throw new Error('not ours');
  return text.slice('sealed:'.length);
};
const written = { provider: 'yookassa', shopId: '123456', secretKey: 'live_Abcdefgh12345678' };

function fieldsOf(raw: unknown, withUnseal = true): string[] {
  try {
    parseCardAcquirerSettings(raw, withUnseal ? unseal : undefined);
  } catch (error) {
    if (error instanceof CardAcquirerSettingsError) return error.fields;
    throw error;
  }
  return [];
}

describe('the cardAcquirer setting', () => {
  it('is absent: card payments are not set up', () => {
    expect(parseCardAcquirerSettings(undefined, unseal)).toBeNull();
  });

  it('takes a secret key written by hand out of the file, sealed, and reads it back with the defaults', () => {
    const sealed = sealSecretKey(written, seal)!;
    expect(sealed).not.toHaveProperty('secretKey');
    expect(JSON.stringify(sealed)).not.toContain('live_Abcdefgh12345678');
    expect(parseCardAcquirerSettings(sealed, unseal)).toEqual({
      provider: 'yookassa',
      shopId: '123456',
      secretKey: 'live_Abcdefgh12345678',
      apiUrl: 'https://api.yookassa.ru/v3/',
      returnUrl: 'https://cabinet.invalid/payments/return',
      confirmationHosts: [],
      timeoutMs: 8_000,
      attempts: 3,
    });
  });

  it('refuses a key left in the clear (no keystore sealed it), a key it cannot unseal, and a missing key', () => {
    expect(fieldsOf(written)).toEqual(['cardAcquirer.secretKey']);
    expect(fieldsOf({ ...written, secretKey: undefined, sealedSecretKey: Buffer.from('other').toString('base64') })).toEqual(['cardAcquirer.sealedSecretKey']);
    expect(fieldsOf(sealSecretKey(written, seal), false)).toEqual(['cardAcquirer.sealedSecretKey']);
    expect(fieldsOf({ provider: 'yookassa', shopId: '123456' })).toEqual(['cardAcquirer.secretKey']);
  });

  it('names each bad field: plain http, credentials in an address, an unknown provider, a stray key', () => {
    const sealed = sealSecretKey(written, seal)!;
    expect(fieldsOf({ ...sealed, apiUrl: 'http://api.yookassa.ru/v3/' })).toEqual(['cardAcquirer.apiUrl']);
    expect(fieldsOf({ ...sealed, returnUrl: 'https://u:p@cabinet.invalid/return' })).toEqual(['cardAcquirer.returnUrl']);
    expect(fieldsOf({ ...sealed, provider: 'stripe' })).toEqual(['cardAcquirer.provider']);
    expect(fieldsOf({ ...sealed, password: 'x' })).toEqual(['cardAcquirer.password']);
  });

  it('leaves a mistyped key unsealed, where the error names it', () => {
    expect(sealSecretKey({ ...written, secretKey: 'oops' }, seal)).toBeNull();
  });
});
