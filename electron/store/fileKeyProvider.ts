import { readFile, stat } from 'node:fs/promises';
import type { KeyProvider } from './keyProvider';

/**
 * A 256-bit key in a file the operator provisions on every instance of a store chain (raw 32 bytes,
 * or base64 of them). It must be readable by its owner only: anyone who reads it can forge code hashes.
 */
export class FileKeyProvider implements KeyProvider {
  constructor(private readonly path: string) {}

  async dataKey(): Promise<Buffer> {
    const info = await stat(this.path);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new Error(`the chain's secret key file ${this.path} is readable by others: chmod 600 it`);
    }
    const content = await readFile(this.path);
    if (content.length === 32) return content;
    const decoded = Buffer.from(content.toString('utf8').trim(), 'base64');
    if (decoded.length === 32) return decoded;
    throw new Error(`the chain's secret key file ${this.path} must hold 32 bytes, raw or base64 (openssl rand -base64 32)`);
  }
}
