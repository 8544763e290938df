import { randomBytes } from 'node:crypto';
import type { SafeStorage } from 'electron';
import { readIfExists, writeFileAtomically } from './store/files/atomicFile';
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
    if (wrapped) {
      const key = Buffer.from(this.safeStorage.decryptString(wrapped), 'base64');
      if (key.length !== 32) throw new Error('the wrapped store key is damaged');
      return key;
    }
    const key = randomBytes(32);
    await writeFileAtomically(this.keyFile, this.safeStorage.encryptString(key.toString('base64')));
    return key;
  }
}
