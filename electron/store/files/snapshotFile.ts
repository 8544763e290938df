import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { keyId } from './keyId';
import { StoreFileError } from './storeFileError';
import { collectYoungGarbage } from './youngGarbage';

/**
 * A snapshot: the whole SQLite image under AES-256-GCM, the header authenticated too (AAD).
 *   format 1: "SCDB" | 1 | key id (8) | nonce (12) | ciphertext | tag (16)          — generation 0
 *   format 2: "SCDB" | 2 | key id (8) | generation (8) | nonce (12) | ciphertext | tag (16)
 *   format 3: "SCDB" | 3 | key id (8) | generation (8) | records covered (8) | last tag covered (16) | nonce (12) | ciphertext | tag (16)
 * The generation ties a snapshot to the journal that follows it; format 3 also names how many records of
 * the journal before it (generation - 1) it holds and that journal's last record tag, where the next
 * journal's chain starts.
 */
const MAGIC = Buffer.from('SCDB', 'ascii');
export const SNAPSHOT_FORMAT = 3;
const TAG_LENGTH = 16;

export interface Covered {
  /** How many records of journal generation - 1 the image holds. */
  records: number;
  /** That journal's last record tag: the chain value the next journal starts from. */
  tag: Buffer;
}

export interface Snapshot {
  generation: number;
  image: Buffer;
  /** Further copies of the image, when asked for (`copies`), each in an allocation of its own. */
  copies?: Buffer[];
  format: number;
  covered: Covered;
}

export interface SnapshotReadOptions {
  /** Bytes read and decrypted at a time (small, for the reason given at sealedSnapshotParts). */
  chunk?: number;
  /** Room to allocate behind each copy of the image for the database to grow into (untouched, it costs nothing). */
  headroom?: (size: number) => number;
  /** How many copies of the image to decrypt into, in the one pass over the file (the store's two threads each take one). */
  copies?: number;
}

/** How often the snapshot's readers and writers collect the cipher's dead pieces (see youngGarbage.ts). */
const COLLECT_EVERY = 1024 * 1024;

const NOTHING_COVERED: Covered = { records: 0, tag: Buffer.alloc(TAG_LENGTH) };

export function sealSnapshot(image: Uint8Array, key: Buffer, generation: number, covered: Covered = NOTHING_COVERED): Buffer {
  return Buffer.concat([...sealedSnapshotParts(image, key, generation, covered)]);
}

/**
 * The same bytes as sealSnapshot, a piece at a time (header, ciphertext in `chunk`-sized pieces, tag): written to a
 * file as they come, a snapshot never needs a second whole copy of the image in memory. Small pieces: each is a new
 * buffer that lives until the next garbage collection, and freed ones stay in the thread's malloc arena — with 4 MB
 * pieces a 100 MB checkpoint or open left 30–40 MB more resident than with 256 KB ones.
 */
export function* sealedSnapshotParts(image: Uint8Array, key: Buffer, generation: number, covered: Covered = NOTHING_COVERED, chunk = 256 * 1024): Generator<Buffer> {
  const nonce = randomBytes(12);
  const header = Buffer.concat([MAGIC, Buffer.from([SNAPSHOT_FORMAT]), keyId(key), u64(generation), u64(covered.records), covered.tag, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  yield header;
  for (let offset = 0; offset < image.length; offset += chunk) {
    yield cipher.update(image.subarray(offset, offset + chunk));
    // The pieces yielded so far are written by now (the caller asks for the next one after writing).
    if (offset % COLLECT_EVERY < chunk) collectYoungGarbage();
  }
  const rest = cipher.final();
  if (rest.length > 0) yield rest;
  yield cipher.getAuthTag();
}

const MAX_HEADER_LENGTH = 4 + 1 + 8 + 8 + 8 + 16 + 12;

function headerLengthOf(format: number): number {
  return format === 1 ? 4 + 1 + 8 + 12 : format === 2 ? 4 + 1 + 8 + 8 + 12 : 4 + 1 + 8 + 8 + 8 + 16 + 12;
}

interface SnapshotHeader {
  format: number;
  header: Buffer;
  generation: number;
  covered: Covered;
}

/** Checks a snapshot's header (the file's first bytes, `total` its whole length) and reads what it names. */
function parseHeader(head: Buffer, total: number, key: Buffer, file?: string): SnapshotHeader {
  if (head.length < 5 || !head.subarray(0, 4).equals(MAGIC)) {
    throw new StoreFileError('not-a-store', 'the file is not a Subscriber Cabinet store', file);
  }
  const format = head[4]!;
  if (format > SNAPSHOT_FORMAT || format < 1) {
    throw new StoreFileError('newer-format', `the store was made by a newer version of the app (file format ${format})`, file);
  }
  const headerLength = headerLengthOf(format);
  if (total < headerLength + TAG_LENGTH || head.length < headerLength) throw new StoreFileError('damaged', 'the store file is cut short', file);
  if (!head.subarray(5, 13).equals(keyId(key))) {
    throw new StoreFileError('wrong-key', 'the store is encrypted with another key', file);
  }
  const generation = format === 1 ? 0 : Number(head.readBigUInt64BE(13));
  const covered = format === 3 ? { records: Number(head.readBigUInt64BE(21)), tag: Buffer.from(head.subarray(29, 45)) } : NOTHING_COVERED;
  return { format, header: Buffer.from(head.subarray(0, headerLength)), generation, covered };
}

const altered = (file?: string) => new StoreFileError('damaged', 'the store file is damaged or was altered (authentication failed)', file);

export function unsealSnapshot(sealed: Buffer, key: Buffer, file?: string): Snapshot {
  const { format, header, generation, covered } = parseHeader(sealed.subarray(0, MAX_HEADER_LENGTH), sealed.length, key, file);
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(header.length - 12));
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  try {
    // GCM gives the whole plaintext from update(): no second copy of it (a store can be 100 MB).
    const body = decipher.update(sealed.subarray(header.length, sealed.length - TAG_LENGTH));
    const rest = decipher.final();
    const image = rest.length === 0 ? body : Buffer.concat([body, rest]);
    return { generation, image, format, covered };
  } catch {
    throw altered(file);
  }
}

/**
 * Reads and unseals a snapshot file a piece at a time into one buffer: the sealed file is never held whole beside
 * the image (a store can be 100 MB). Null when there is no file. Nothing is returned unless the whole file authenticates.
 */
export async function readSnapshotFile(path: string, key: Buffer, options: SnapshotReadOptions = {}): Promise<Snapshot | null> {
  const { chunk = 256 * 1024, headroom = () => 0, copies = 1 } = options;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const total = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(MAX_HEADER_LENGTH, total));
    await readFully(handle, head, 0, path);
    const { format, header, generation, covered } = parseHeader(head, total, key, path);
    const tag = Buffer.alloc(TAG_LENGTH);
    await readFully(handle, tag, total - TAG_LENGTH, path);
    const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(header.length - 12));
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    // Never from the shared pool: the image's buffer may be handed to another thread whole.
    // With room behind it for the database to grow into (see imageHeadroom in storeImage.ts); pages not written stay unmapped.
    const size = total - header.length - TAG_LENGTH;
    const images = Array.from({ length: copies }, () => Buffer.allocUnsafeSlow(size + headroom(size)).subarray(0, size));
    const image = images[0]!;
    const piece = Buffer.allocUnsafe(Math.min(chunk, image.length));
    try {
      for (let done = 0; done < image.length; ) {
        const length = Math.min(piece.length, image.length - done);
        await readFully(handle, piece.subarray(0, length), header.length + done, path);
        // GCM: as many bytes out as in.
        // Each copy is written while the piece is in the cache: no second pass over the whole image.
        const plain = decipher.update(piece.subarray(0, length));
        for (const copy of images) plain.copy(copy, done);
        done += plain.length;
        if (done % COLLECT_EVERY < plain.length) collectYoungGarbage();
      }
      decipher.final();
    } catch (error) {
      // A failed read (a system error, or the file cut short) is that; anything else is the authentication failing.
      if (error instanceof StoreFileError || (error instanceof Error && 'syscall' in error)) throw error;
      throw altered(path);
    }
    return { generation, image, copies: images.slice(1), format, covered };
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, into: Buffer, position: number, file: string): Promise<void> {
  for (let done = 0; done < into.length; ) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new StoreFileError('damaged', 'the store file is cut short', file);
    done += bytesRead;
  }
}

export function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}
