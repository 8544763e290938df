import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './atomicFile';
import { keyId } from './keyId';
import { u64 } from './snapshotFile';
import { StoreFileError } from './storeFileError';

/**
 * The journal: every committed transaction since the snapshot of the same generation, one sealed record each.
 *   header: "SCJL" | format 1 | key id (8) | generation (8)
 *   record: length u32 (of what follows) | nonce (12) | ciphertext | tag (16)
 * A record's generation and sequence number are authenticated (AAD), so a record moved to another
 * place or another journal fails its tag.
 */
const MAGIC = Buffer.from('SCJL', 'ascii');
export const JOURNAL_FORMAT = 1;
export const JOURNAL_HEADER_LENGTH = 4 + 1 + 8 + 8;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const MAX_RECORD = 256 * 1024 * 1024;

export interface JournalEntry {
  sequence: number;
  /** The transaction's data: what to execute again on replay. */
  payload: Buffer;
}

export interface JournalContents {
  generation: number;
  entries: JournalEntry[];
  /** Bytes of the file that hold whole, authentic records (with the header). */
  validLength: number;
  /** A record cut short by a crash mid-append: it was never acknowledged, so it is dropped. */
  tornTail: boolean;
}

function recordAad(generation: number, sequence: number): Buffer {
  return Buffer.concat([u64(generation), u64(sequence)]);
}

export function sealRecord(payload: Uint8Array, key: Buffer, generation: number, sequence: number): Buffer {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(recordAad(generation, sequence));
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(NONCE_LENGTH + body.length + TAG_LENGTH);
  return Buffer.concat([length, nonce, body, cipher.getAuthTag()]);
}

export function readJournal(bytes: Buffer, key: Buffer, file?: string): JournalContents {
  if (bytes.length < JOURNAL_HEADER_LENGTH) {
    // A journal whose header never reached the disk holds nothing that was acknowledged.
    if (bytes.length === 0 || bytes.subarray(0, Math.min(4, bytes.length)).equals(MAGIC.subarray(0, Math.min(4, bytes.length)))) {
      return { generation: -1, entries: [], validLength: 0, tornTail: bytes.length > 0 };
    }
    throw new StoreFileError('not-a-store', 'the journal is not a Subscriber Cabinet journal', file);
  }
  if (!bytes.subarray(0, 4).equals(MAGIC)) throw new StoreFileError('not-a-store', 'the journal is not a Subscriber Cabinet journal', file);
  if (bytes[4]! > JOURNAL_FORMAT) throw new StoreFileError('newer-format', `the journal was made by a newer version of the app (format ${bytes[4]})`, file);
  if (!bytes.subarray(5, 13).equals(keyId(key))) throw new StoreFileError('wrong-key', 'the journal is encrypted with another key', file);
  const generation = Number(bytes.readBigUInt64BE(13));

  const entries: JournalEntry[] = [];
  let offset = JOURNAL_HEADER_LENGTH;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < 4 || isAllZero(bytes, offset)) return { generation, entries, validLength: offset, tornTail: true };
    const length = bytes.readUInt32BE(offset);
    if (length < NONCE_LENGTH + TAG_LENGTH || length > MAX_RECORD) {
      throw new StoreFileError('damaged', `the journal is damaged at byte ${offset} (impossible record length)`, file);
    }
    if (4 + length > remaining) return { generation, entries, validLength: offset, tornTail: true };
    const sequence = entries.length + 1;
    const record = bytes.subarray(offset + 4, offset + 4 + length);
    const decipher = createDecipheriv('aes-256-gcm', key, record.subarray(0, NONCE_LENGTH));
    decipher.setAAD(recordAad(generation, sequence));
    decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
    try {
      const payload = Buffer.concat([decipher.update(record.subarray(NONCE_LENGTH, record.length - TAG_LENGTH)), decipher.final()]);
      entries.push({ sequence, payload });
    } catch {
      throw new StoreFileError('damaged', `journal record ${sequence} is damaged or was altered (authentication failed)`, file);
    }
    offset += 4 + length;
  }
  return { generation, entries, validLength: offset, tornTail: false };
}

function isAllZero(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i += 1) if (bytes[i] !== 0) return false;
  return true;
}

/** Appends records; each append is durable (fdatasync) before it resolves. */
export class JournalWriter {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly generation: number,
    private readonly key: Buffer,
    private nextSequence: number,
    private length: number,
  ) {}

  /** Starts a new, empty journal for a generation (replacing any file of that name). */
  static async create(path: string, key: Buffer, generation: number): Promise<JournalWriter> {
    const handle = await open(path, 'w', 0o600);
    try {
      const header = Buffer.concat([MAGIC, Buffer.from([JOURNAL_FORMAT]), keyId(key), u64(generation)]);
      await handle.write(header, 0, header.length, 0);
      await handle.sync();
      await syncFolder(dirname(path));
      return new JournalWriter(handle, path, generation, key, 1, header.length);
    } catch (error) {
      await handle.close();
      await unlink(path).catch(() => undefined);
      throw error;
    }
  }

  /** Continues a journal read on open; a torn tail is cut off first. */
  static async resume(path: string, key: Buffer, contents: JournalContents): Promise<JournalWriter> {
    const handle = await open(path, 'r+');
    try {
      if (contents.tornTail) {
        await handle.truncate(contents.validLength);
        await handle.sync();
      }
      return new JournalWriter(handle, path, contents.generation, key, contents.entries.length + 1, contents.validLength);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get size(): number {
    return this.length;
  }

  get records(): number {
    return this.nextSequence - 1;
  }

  /** Appends one transaction and waits until it is on the disk. On failure the file is cut back. */
  async append(payload: Uint8Array): Promise<void> {
    const record = sealRecord(payload, this.key, this.generation, this.nextSequence);
    try {
      const { bytesWritten } = await this.handle.write(record, 0, record.length, this.length);
      if (bytesWritten !== record.length) throw Object.assign(new Error('short write to the journal'), { code: 'EIO' });
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(this.length).catch(() => undefined);
      throw error;
    }
    this.length += record.length;
    this.nextSequence += 1;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
