import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { open, rename, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The store's file on disk: AES-256-GCM over the whole SQLite image.
 *   magic "SCDB" | format u8 | key id (8) | nonce (12) | ciphertext | tag (16)
 * The header is authenticated too (AAD), so a changed version or key id fails the tag.
 */
const MAGIC = Buffer.from('SCDB', 'ascii');
export const SNAPSHOT_FORMAT = 1;
const HEADER_LENGTH = MAGIC.length + 1 + 8 + 12;
const TAG_LENGTH = 16;

export class StoreFileError extends Error {
  constructor(
    readonly reason: 'not-a-store' | 'newer-format' | 'wrong-key' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'StoreFileError';
  }
}

/** Names a key without revealing it, so a wrong key is told apart from damage. */
export function keyId(key: Buffer): Buffer {
  return createHash('sha256').update('subscriber-cabinet key id').update(key).digest().subarray(0, 8);
}

export function seal(plain: Uint8Array, key: Buffer): Buffer {
  const nonce = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([SNAPSHOT_FORMAT]), keyId(key), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function unseal(sealed: Buffer, key: Buffer): Buffer {
  if (sealed.length < HEADER_LENGTH + TAG_LENGTH || !sealed.subarray(0, 4).equals(MAGIC)) {
    throw new StoreFileError('not-a-store', 'the file is not a Subscriber Cabinet store');
  }
  const format = sealed[4]!;
  if (format > SNAPSHOT_FORMAT) {
    throw new StoreFileError('newer-format', `the store was made by a newer version of the app (file format ${format})`);
  }
  if (!sealed.subarray(5, 13).equals(keyId(key))) {
    throw new StoreFileError('wrong-key', 'the store is encrypted with another key');
  }
  const header = sealed.subarray(0, HEADER_LENGTH);
  const nonce = sealed.subarray(13, HEADER_LENGTH);
  const tag = sealed.subarray(sealed.length - TAG_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_LENGTH, sealed.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    throw new StoreFileError('damaged', 'the store file is damaged or was altered (authentication failed)');
  }
}

/** Writes a file so that a crash leaves either the old or the new content: temp file, fsync, rename, fsync folder. */
export async function writeFileAtomically(path: string, content: Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is already durable enough (NTFS journals it).
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
