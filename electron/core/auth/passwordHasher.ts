import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** About 50–100 ms and 32 MiB per hash on a desktop: slow for a guesser, unnoticed by a person. */
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (base64), a fresh salt per hash;
 * the cost travels with the hash so it can be raised later without breaking old ones.
 */
export class PasswordHasher {
  /** Made at start, so that the first unknown number is not the one that pays for it (a timing tell). */
  private readonly decoy: Promise<string>;

  constructor(private readonly cost: ScryptCost = defaultScryptCost) {
    this.decoy = this.hash(randomBytes(18).toString('base64'));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [, n, r, p, salt, expected] = parts as [string, string, string, string, string, string];
    const expectedKey = Buffer.from(expected, 'base64');
    const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
  }

  /**
   * Spends the same time as a real check, for a number we do not serve,
   * so that timing does not tell an unknown number from a wrong password.
   */
  async verifyAgainstDecoy(password: string): Promise<false> {
    await this.verify(password, await this.decoy);
    return false;
  }
}
