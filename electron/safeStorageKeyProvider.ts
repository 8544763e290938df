import { randomBytes } from 'node:crypto';
import type { SafeStorage } from 'electron';
import { createFileExclusively, readIfExists } from './store/files/atomicFile';
import type { KeyProvider } from './store/keyProvider';

/**
 * A random 256-bit data key, kept on disk only wrapped by the OS keystore through Electron's
 * safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux).
 */
export class SafeStorageKeyProvider implements KeyProvider {
  constructor(
    private readonly keyFile: string,
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  ) {}

  async dataKey(): Promise<Buffer> {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('the OS keystore is not available, so the store key cannot be protected');
    }
    const wrapped = await readIfExists(this.keyFile);
    if (wrapped) return this.unwrap(wrapped);
    const key = randomBytes(32);
    // Created only if absent: two starts racing end with one key file, and both use its key.
    if (!(await createFileExclusively(this.keyFile, this.safeStorage.encryptString(key.toString('base64'))))) {
      const theirs = await readIfExists(this.keyFile);
      if (!theirs) throw new Error('the store key file vanished while it was being created');
      return this.unwrap(theirs);
    }
    return key;
  }

  private unwrap(wrapped: Buffer): Buffer {
    const key = Buffer.from(this.safeStorage.decryptString(wrapped), 'base64');
    if (key.length !== 32) throw new Error('the wrapped store key is damaged');
    return key;
  }
}
