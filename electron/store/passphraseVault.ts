import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { createFileExclusively, readIfExists, writeFileAtomically } from './files/atomicFile';
import type { KeyProvider } from './keyProvider';

export type VaultState = 'needs-new-passphrase' | 'needs-passphrase' | 'unlocked';

export class WrongPassphraseError extends Error {
  constructor() {
    super('the passphrase does not open this store');
    this.name = 'WrongPassphraseError';
  }
}

export const MIN_PASSPHRASE_LENGTH = 10;

const WrappedKeyFile = z.object({
  format: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  nonce: z.string(),
  wrappedKey: z.string(),
  tag: z.string(),
});
type WrappedKeyFile = z.infer<typeof WrappedKeyFile>;

const AAD = Buffer.from('subscriber-cabinet data key, format 1');

/**
 * For a computer with no OS keyring (Linux with safeStorage's `basic_text` backend, which protects
 * nothing): the data key is wrapped with a key derived by scrypt from a passphrase the person types.
 * `dataKey()` waits until `unlock` is called; changing the passphrase re-wraps the data key only.
 */
export class PassphraseVault implements KeyProvider {
  private key: Buffer | null = null;
  private readonly waiting: Array<(key: Buffer) => void> = [];
  /** The unlock or passphrase change in progress: the next one starts after it. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cost: { N: number; r: number; p: number } = { N: 2 ** 16, r: 8, p: 1 },
  ) {}

  async state(): Promise<VaultState> {
    if (this.key) return 'unlocked';
    return (await readIfExists(this.file)) ? 'needs-passphrase' : 'needs-new-passphrase';
  }

  dataKey(): Promise<Buffer> {
    if (this.key) return Promise.resolve(Buffer.from(this.key));
    return new Promise((resolve) => this.waiting.push((key) => resolve(Buffer.from(key))));
  }

  /**
   * Opens an existing vault, or creates one with this passphrase on the first start. Unlocks and
   * passphrase changes run one at a time: a second unlock waits for the first and then finds the key.
   * A new key is handed to the store only after its wrapped form is on the disk (written, synced,
   * linked into place); if another start created the key file first, that file's key is used.
   */
  unlock(passphrase: string): Promise<void> {
    return this.oneAtATime(async () => {
      if (this.key) return;
      let key: Buffer;
      const stored = await this.readWrapped();
      if (stored) {
        key = await unwrap(stored, passphrase);
      } else {
        requireStrongEnough(passphrase);
        const fresh = randomBytes(32);
        const created = await createFileExclusively(this.file, Buffer.from(JSON.stringify(await wrap(fresh, passphrase, this.cost))));
        if (created) {
          key = fresh;
        } else {
          // Another start created the vault between our read and our write: its key is the store's key.
          const theirs = await this.readWrapped();
          if (!theirs) throw new Error('the vault key file vanished while it was being created');
          key = await unwrap(theirs, passphrase);
        }
      }
      this.key = key;
      for (const deliver of this.waiting.splice(0)) deliver(key);
    });
  }

  changePassphrase(current: string, next: string): Promise<void> {
    return this.oneAtATime(async () => {
      const stored = await this.readWrapped();
      if (!stored) throw new WrongPassphraseError();
      const key = await unwrap(stored, current);
      requireStrongEnough(next);
      await writeFileAtomically(this.file, Buffer.from(JSON.stringify(await wrap(key, next, this.cost))));
    });
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.inFlight.then(work);
    this.inFlight = run.catch(() => undefined);
    return run;
  }

  private async readWrapped(): Promise<WrappedKeyFile | null> {
    const bytes = await readIfExists(this.file);
    if (!bytes) return null;
    return WrappedKeyFile.parse(JSON.parse(bytes.toString('utf8')));
  }
}

export class WeakPassphraseError extends Error {
  constructor() {
    super(`a passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters`);
    this.name = 'WeakPassphraseError';
  }
}

function requireStrongEnough(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new WeakPassphraseError();
}

async function wrap(key: Buffer, passphrase: string, cost: { N: number; r: number; p: number }): Promise<WrappedKeyFile> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const wrappingKey = await derive(passphrase, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce);
  cipher.setAAD(AAD);
  const wrappedKey = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    format: 1,
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    wrappedKey: wrappedKey.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

async function unwrap(stored: WrappedKeyFile, passphrase: string): Promise<Buffer> {
  const wrappingKey = await derive(passphrase, Buffer.from(stored.salt, 'base64'), stored);
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(stored.nonce, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(stored.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFKC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
