import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes for short secrets (one-time codes, PUKs): a 4-digit code has too few values for a
 * plain hash to hide it, so it is an HMAC under a key that lives outside the database.
 */
export class SecretHasher {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new RangeError('the secret-hash key must be at least 32 bytes');
  }

  hash(context: string, secret: string): string {
    return createHmac('sha256', this.key).update(context).update('\0').update(secret).digest('base64');
  }

  matches(context: string, secret: string, stored: string): boolean {
    const expected = Buffer.from(stored, 'base64');
    const actual = Buffer.from(this.hash(context, secret), 'base64');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
