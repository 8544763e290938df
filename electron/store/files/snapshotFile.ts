import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyId } from './keyId';
import { StoreFileError } from './storeFileError';

/**
 * A snapshot: the whole SQLite image under AES-256-GCM, the header authenticated too (AAD).
 *   format 1: "SCDB" | 1 | key id (8) | nonce (12) | ciphertext | tag (16)          — generation 0
 *   format 2: "SCDB" | 2 | key id (8) | generation (8) | nonce (12) | ciphertext | tag (16)
 * The generation ties a snapshot to the journal that follows it.
 */
const MAGIC = Buffer.from('SCDB', 'ascii');
export const SNAPSHOT_FORMAT = 2;
const TAG_LENGTH = 16;

export interface Snapshot {
  generation: number;
  image: Buffer;
}

export function sealSnapshot(image: Uint8Array, key: Buffer, generation: number): Buffer {
  const nonce = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([SNAPSHOT_FORMAT]), keyId(key), u64(generation), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(image), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function unsealSnapshot(sealed: Buffer, key: Buffer, file?: string): Snapshot {
  if (sealed.length < 5 || !sealed.subarray(0, 4).equals(MAGIC)) {
    throw new StoreFileError('not-a-store', 'the file is not a Subscriber Cabinet store', file);
  }
  const format = sealed[4]!;
  if (format > SNAPSHOT_FORMAT || format < 1) {
    throw new StoreFileError('newer-format', `the store was made by a newer version of the app (file format ${format})`, file);
  }
  const headerLength = format === 1 ? 4 + 1 + 8 + 12 : 4 + 1 + 8 + 8 + 12;
  if (sealed.length < headerLength + TAG_LENGTH) throw new StoreFileError('damaged', 'the store file is cut short', file);
  if (!sealed.subarray(5, 13).equals(keyId(key))) {
    throw new StoreFileError('wrong-key', 'the store is encrypted with another key', file);
  }
  const generation = format === 1 ? 0 : Number(sealed.readBigUInt64BE(13));
  const header = sealed.subarray(0, headerLength);
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(headerLength - 12));
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  try {
    const image = Buffer.concat([decipher.update(sealed.subarray(headerLength, sealed.length - TAG_LENGTH)), decipher.final()]);
    return { generation, image };
  } catch {
    throw new StoreFileError('damaged', 'the store file is damaged or was altered (authentication failed)', file);
  }
}

export function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}
