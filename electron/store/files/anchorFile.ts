import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { close, fdatasync, fsync, open, read, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { u64 } from './snapshotFile';

/**
 * The anchor: the newest point of the store's chain this computer saw committed — journal generation,
 * record count and that record's tag — kept outside the store folder (beside it: `<folder>.anchor`), so a
 * copy of the folder put back, an older backup, or a journal cut short is told apart from the store as it
 * was left. Sealed (AES-256-GCM) under a key derived from the data key, which the key provider keeps (the OS
 * keychain through safeStorage in the app): it cannot be forged without that key.
 *
 * Two 128-byte slots written in turn, each with a counter: a crash mid-write leaves the other slot whole.
 * Written with plain fs calls (not FileHandle) and never in the commit's path: a commit is acknowledged when
 * its journal record is durable, the anchor follows it (so it may lag by the commits in flight at a crash).
 */
export interface AnchorPoint {
  generation: number;
  records: number;
  tag: Buffer;
}

const SLOT = 128;
const AAD = Buffer.from('subscriber-cabinet store anchor, format 1');
const fsOpen = promisify(open);
const fsRead = promisify(read);
const fsWrite = promisify(write);
const fsDatasync = promisify(fdatasync);
const fsFsync = promisify(fsync);
const fsClose = promisify(close);

/** Where the anchor of a store folder lives by default: beside the folder, not in it. */
export function anchorPathFor(folder: string): string {
  const trimmed = folder.replace(/[\\/]+$/, '');
  return join(dirname(trimmed), `${basename(trimmed)}.anchor`);
}

export class AnchorFile {
  private constructor(
    private readonly fd: number,
    readonly path: string,
    private readonly key: Buffer,
    private counter: number,
    /** What the file held when opened; null when there was no (readable) anchor. */
    readonly found: AnchorPoint | null,
  ) {}

  static async open(path: string, dataKey: Buffer): Promise<AnchorFile> {
    const key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'subscriber-cabinet store anchor', 32));
    let fd: number;
    let created = false;
    try {
      fd = await fsOpen(path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fd = await fsOpen(path, 'wx+', 0o600);
      created = true;
    }
    try {
      if (created) await syncFolderPlain(dirname(path));
      const bytes = Buffer.alloc(2 * SLOT);
      const { bytesRead } = await fsRead(fd, bytes, 0, bytes.length, 0);
      let best: { counter: number; point: AnchorPoint } | null = null;
      for (let slot = 0; slot < 2; slot += 1) {
        if (bytesRead < (slot + 1) * SLOT) continue;
        const opened = unseal(bytes.subarray(slot * SLOT, (slot + 1) * SLOT), key);
        if (opened && (!best || opened.counter > best.counter)) best = opened;
      }
      return new AnchorFile(fd, path, key, best?.counter ?? 0, best?.point ?? null);
    } catch (error) {
      await fsClose(fd).catch(() => undefined);
      throw error;
    }
  }

  /** Writes the point into the older slot and waits until it is on the disk. */
  async write(point: AnchorPoint): Promise<void> {
    const counter = this.counter + 1;
    const slot = Buffer.alloc(SLOT);
    seal({ counter, point }, this.key).copy(slot);
    await fsWrite(this.fd, slot, 0, SLOT, (counter % 2) * SLOT);
    await fsDatasync(this.fd);
    this.counter = counter;
  }

  async close(): Promise<void> {
    await fsClose(this.fd);
  }
}

function seal({ counter, point }: { counter: number; point: AnchorPoint }, key: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(Buffer.concat([u64(counter), u64(point.generation), u64(point.records), point.tag])), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function unseal(slot: Buffer, key: Buffer): { counter: number; point: AnchorPoint } | null {
  const bodyLength = 8 + 8 + 8 + 16;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, slot.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(slot.subarray(12 + bodyLength, 12 + bodyLength + 16));
    const body = Buffer.concat([decipher.update(slot.subarray(12, 12 + bodyLength)), decipher.final()]);
    return {
      counter: Number(body.readBigUInt64BE(0)),
      point: { generation: Number(body.readBigUInt64BE(8)), records: Number(body.readBigUInt64BE(16)), tag: Buffer.from(body.subarray(24, 40)) },
    };
  } catch {
    return null;
  }
}

async function syncFolderPlain(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = await fsOpen(folder, 'r');
  try {
    await fsFsync(fd);
  } finally {
    await fsClose(fd);
  }
}
