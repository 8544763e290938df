/** Where the store's 256-bit data key comes from: Electron safeStorage in the app, a fixed key in tests. */
export interface KeyProvider {
  dataKey(): Promise<Buffer>;
}

export class StaticKeyProvider implements KeyProvider {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError(`a data key is 32 bytes, got ${key.length}`);
    this.key = Buffer.from(key);
  }
  async dataKey(): Promise<Buffer> {
    return Buffer.from(this.key);
  }
}
