import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './atomicFile';
import { keyId } from './keyId';
import { u64 } from './snapshotFile';
import { StoreFileError } from './storeFileError';

/**
 * The journal: every committed transaction since the snapshot of the same generation, one sealed record each.
 *   format 2 header: "SCJL" | 2 | key id (8) | generation (8) | chain start (16)
 *   format 2 record: length u32 (of nonce, ciphertext and tag) | length check u32 | nonce (12) | ciphertext | tag (16)
 * Records are chained: a record's AES-GCM tag covers (as AAD) the generation, its sequence number, the
 * previous record's tag (the chain start for the first) and its own length. The chain start is the last tag
 * of the journal before, which the snapshot of this generation names too: a record cut away, moved, or a
 * journal that does not continue its snapshot fails. The length check (a keyed hash of the same AAD) tells
 * a flipped bit in a length field (damage) from a record cut short by a crash (a torn tail).
 *   format 1 (read only): header "SCJL" | 1 | key id | generation; record: length u32 | nonce | ciphertext | tag.
 */
const MAGIC = Buffer.from('SCJL', 'ascii');
export const JOURNAL_FORMAT = 2;
const V1_HEADER_LENGTH = 4 + 1 + 8 + 8;
export const JOURNAL_HEADER_LENGTH = V1_HEADER_LENGTH + 16;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const MAX_RECORD = 256 * 1024 * 1024;
/** The chain's value before any record of a store: sixteen zero bytes. */
export const CHAIN_ORIGIN = Buffer.alloc(TAG_LENGTH);

export interface JournalEntry {
  sequence: number;
  /** The transaction's data: what to execute again on replay. */
  payload: Buffer;
}

export interface JournalContents {
  generation: number;
  format: number;
  /** The chain value the first record continues (format 1: the origin). */
  startTag: Buffer;
  entries: JournalEntry[];
  /** The tag of each record, in order: tags[i] is record i + 1's. */
  tags: Buffer[];
  /** Bytes of the file that hold whole, authentic records (with the header). */
  validLength: number;
  /** A record cut short by a crash mid-append: it was never acknowledged, so it is dropped. */
  tornTail: boolean;
}

/** The chain's head after these contents: the last record's tag, or the start. */
export function headTag(contents: Pick<JournalContents, 'startTag' | 'tags'>): Buffer {
  return contents.tags.at(-1) ?? contents.startTag;
}

function macKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'subscriber-cabinet journal length check', 32));
}

/** A record's associated data: generation, sequence, the previous record's tag, its length; written into `into` when given. */
function recordAad(generation: number, sequence: number, previous: Buffer, length: number, into: Buffer = Buffer.alloc(20 + previous.length)): Buffer {
  into.writeBigUInt64BE(BigInt(generation), 0);
  into.writeBigUInt64BE(BigInt(sequence), 8);
  previous.copy(into, 16);
  into.writeUInt32BE(length, 16 + previous.length);
  return into;
}

function lengthCheck(mac: Buffer, aad: Buffer): Buffer {
  return createHmac('sha256', mac).update(aad).digest().subarray(0, 4);
}

export function journalHeader(key: Buffer, generation: number, startTag: Buffer): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([JOURNAL_FORMAT]), keyId(key), u64(generation), startTag]);
}

/** Seals one record; returns its bytes and its tag (the chain's next value). */
export function sealRecord(payload: Uint8Array, key: Buffer, generation: number, sequence: number, previous: Buffer, mac = macKey(key)): { bytes: Buffer; tag: Buffer } {
  const nonce = randomBytes(NONCE_LENGTH);
  const length = NONCE_LENGTH + payload.length + TAG_LENGTH; // GCM: ciphertext as long as the payload
  const aad = recordAad(generation, sequence, previous, length);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  const tag = cipher.getAuthTag();
  const head = Buffer.alloc(4);
  head.writeUInt32BE(length);
  return { bytes: Buffer.concat([head, lengthCheck(mac, aad), nonce, body, tag]), tag };
}

/**
 * Reads and authenticates a journal. With `onEntries`, its records are also handed over as they are read, a batch
 * at a time (the store replays them while the rest are read); a later error still fails the whole read.
 */
export function readJournal(bytes: Buffer, key: Buffer, file?: string, onEntries?: (entries: JournalEntry[]) => void): JournalContents {
  const torn = (): JournalContents => ({ generation: -1, format: JOURNAL_FORMAT, startTag: CHAIN_ORIGIN, entries: [], tags: [], validLength: 0, tornTail: bytes.length > 0 });
  const prefix = Math.min(4, bytes.length);
  if (!bytes.subarray(0, prefix).equals(MAGIC.subarray(0, prefix))) throw new StoreFileError('not-a-store', 'the journal is not a Subscriber Cabinet journal', file);
  // A journal whose header never reached the disk holds nothing that was acknowledged.
  if (bytes.length < 5) return torn();
  const format = bytes[4]!;
  if (format > JOURNAL_FORMAT) throw new StoreFileError('newer-format', `the journal was made by a newer version of the app (format ${format})`, file);
  if (format < 1) throw new StoreFileError('not-a-store', 'the journal is not a Subscriber Cabinet journal', file);
  const headerLength = format === 1 ? V1_HEADER_LENGTH : JOURNAL_HEADER_LENGTH;
  if (bytes.length < headerLength) return torn();
  if (!bytes.subarray(5, 13).equals(keyId(key))) throw new StoreFileError('wrong-key', 'the journal is encrypted with another key', file);
  const generation = Number(bytes.readBigUInt64BE(13));
  const startTag = format === 1 ? CHAIN_ORIGIN : Buffer.from(bytes.subarray(21, 37));
  if (format === 1) {
    const contents = readV1Records(bytes, key, generation, file);
    if (contents.entries.length > 0) onEntries?.(contents.entries);
    return contents;
  }
  return readV2Records(bytes, key, generation, startTag, file, onEntries);
}

/** Records handed over at a time while a journal is read. */
const ENTRIES_PER_BATCH = 1000;

function readV2Records(bytes: Buffer, key: Buffer, generation: number, startTag: Buffer, file?: string, onEntries?: (entries: JournalEntry[]) => void): JournalContents {
  const mac = macKey(key);
  const entries: JournalEntry[] = [];
  const tags: Buffer[] = [];
  let previous = startTag;
  const aadBuffer = Buffer.alloc(20 + startTag.length);
  let offset = JOURNAL_HEADER_LENGTH;
  let handedOver = 0;
  const handOver = () => {
    if (onEntries && entries.length > handedOver) onEntries(entries.slice(handedOver));
    handedOver = entries.length;
  };
  const result = (tornTail: boolean): JournalContents => {
    handOver();
    return { generation, format: 2, startTag, entries, tags, validLength: offset, tornTail };
  };
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    // Only a crash leaves a record head shorter than 8 bytes or zeros at the end: a torn tail.
    if (remaining < 8 || isAllZero(bytes, offset)) return result(true);
    const sequence = entries.length + 1;
    const length = bytes.readUInt32BE(offset);
    // One buffer for every record's associated data: it is only read before the next record.
    const aad = recordAad(generation, sequence, previous, length, aadBuffer);
    if (!lengthCheck(mac, aad).equals(bytes.subarray(offset + 4, offset + 8))) {
      throw new StoreFileError(
        'damaged',
        `the journal is damaged at byte ${offset}: record ${sequence}'s length does not match its check (a changed length, or a record that does not follow record ${sequence - 1})`,
        file,
      );
    }
    if (length < NONCE_LENGTH + TAG_LENGTH || length > MAX_RECORD) {
      throw new StoreFileError('damaged', `the journal is damaged at byte ${offset} (impossible record length)`, file);
    }
    // A whole, checked head with its body cut short: the append a crash interrupted.
    if (8 + length > remaining) return result(true);
    const record = bytes.subarray(offset + 8, offset + 8 + length);
    const tag = Buffer.from(record.subarray(record.length - TAG_LENGTH));
    const decipher = createDecipheriv('aes-256-gcm', key, record.subarray(0, NONCE_LENGTH));
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      // GCM gives the whole payload from update(); final() only checks the tag.
      const payload = decipher.update(record.subarray(NONCE_LENGTH, record.length - TAG_LENGTH));
      decipher.final();
      entries.push({ sequence, payload });
      tags.push(tag);
    } catch {
      throw new StoreFileError('damaged', `journal record ${sequence} is damaged or was altered (authentication failed)`, file);
    }
    previous = tag;
    offset += 8 + length;
    if (entries.length - handedOver >= ENTRIES_PER_BATCH) handOver();
  }
  return result(false);
}

function readV1Records(bytes: Buffer, key: Buffer, generation: number, file?: string): JournalContents {
  const entries: JournalEntry[] = [];
  let offset = V1_HEADER_LENGTH;
  const result = (tornTail: boolean): JournalContents => ({ generation, format: 1, startTag: CHAIN_ORIGIN, entries, tags: [], validLength: offset, tornTail });
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < 4 || isAllZero(bytes, offset)) return result(true);
    const length = bytes.readUInt32BE(offset);
    if (length < NONCE_LENGTH + TAG_LENGTH || length > MAX_RECORD) {
      throw new StoreFileError('damaged', `the journal is damaged at byte ${offset} (impossible record length)`, file);
    }
    if (4 + length > remaining) return result(true);
    const sequence = entries.length + 1;
    const record = bytes.subarray(offset + 4, offset + 4 + length);
    const decipher = createDecipheriv('aes-256-gcm', key, record.subarray(0, NONCE_LENGTH));
    decipher.setAAD(Buffer.concat([u64(generation), u64(sequence)]));
    decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
    try {
      entries.push({ sequence, payload: Buffer.concat([decipher.update(record.subarray(NONCE_LENGTH, record.length - TAG_LENGTH)), decipher.final()]) });
    } catch {
      throw new StoreFileError('damaged', `journal record ${sequence} is damaged or was altered (authentication failed)`, file);
    }
    offset += 4 + length;
  }
  return result(false);
}

function isAllZero(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i += 1) if (bytes[i] !== 0) return false;
  return true;
}

/** Appends records; each append is durable (fdatasync) before it resolves. Writes format 2 only. */
export class JournalWriter {
  private readonly mac: Buffer;
  /** The header's and the folder's syncs of a journal started with `start` (null: done, or a resumed journal). */
  private headerSync: Promise<void> | null = null;
  private headerSyncFailed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly generation: number,
    private readonly key: Buffer,
    private nextSequence: number,
    private length: number,
    private head: Buffer,
  ) {
    this.mac = macKey(key);
  }

  /** Starts a new, empty journal for a generation (replacing any file of that name), continuing the chain from `startTag`. */
  static async create(path: string, key: Buffer, generation: number, startTag: Buffer = CHAIN_ORIGIN): Promise<JournalWriter> {
    const writer = await JournalWriter.start(path, key, generation, startTag);
    await writer.durable();
    return writer;
  }

  /**
   * Starts a new journal like `create`, but resolves once its header is written, not yet synced: the syncs (the file
   * and its folder) run in the background, and the first append waits for them before it answers. A checkpoint
   * switches journals this way so that commits do not wait for two fsyncs. Until `durable()` resolves, a crash may
   * leave the file without its header — a journal that holds nothing (it is started afresh on open).
   */
  static async start(path: string, key: Buffer, generation: number, startTag: Buffer = CHAIN_ORIGIN): Promise<JournalWriter> {
    const handle = await open(path, 'w', 0o600);
    try {
      const header = journalHeader(key, generation, startTag);
      await handle.write(header, 0, header.length, 0);
    } catch (error) {
      await handle.close();
      await unlink(path).catch(() => undefined);
      throw error;
    }
    const writer = new JournalWriter(handle, path, generation, key, 1, JOURNAL_HEADER_LENGTH, Buffer.from(startTag));
    writer.headerSync = writer.syncHeader();
    return writer;
  }

  /**
   * Resolves once the header and the file's name are on the disk (at once for a resumed journal). After a failed
   * sync (EIO, ENOSPC) the next call tries again: the journal is not lost for good to one failure.
   */
  durable(): Promise<void> {
    if (this.headerSyncFailed) {
      this.headerSyncFailed = false;
      this.headerSync = this.syncHeader();
    }
    return this.headerSync ?? Promise.resolve();
  }

  private syncHeader(): Promise<void> {
    // Side by side, not one after the other (the first record waited for both): a crash between them leaves either a
    // name without its header, which holds nothing, or a header nobody finds — neither holds an acknowledged record.
    const run = Promise.all([this.handle.sync(), syncFolder(dirname(this.path))]).then(() => undefined);
    // Whoever waits sees a failure; here it only marks the sync to be tried again.
    run.then(
      () => {
        if (this.headerSync === run) this.headerSync = null;
      },
      () => {
        if (this.headerSync === run) this.headerSyncFailed = true;
      },
    );
    return run;
  }

  /** Continues a (format 2) journal read on open; a torn tail is cut off first. */
  static async resume(path: string, key: Buffer, contents: Pick<JournalContents, 'generation' | 'format' | 'startTag' | 'tags' | 'validLength' | 'tornTail'>): Promise<JournalWriter> {
    if (contents.format !== JOURNAL_FORMAT) throw new Error(`a format ${contents.format} journal is not continued; start a new one`);
    const handle = await open(path, 'r+');
    try {
      if (contents.tornTail) {
        await handle.truncate(contents.validLength);
        await handle.sync();
      }
      // Format 2 keeps a tag per record: their count is the record count.
      return new JournalWriter(handle, path, contents.generation, key, contents.tags.length + 1, contents.validLength, headTag(contents));
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

  /** The chain's head: the tag of the last record appended (or the chain start). */
  get headTag(): Buffer {
    return Buffer.from(this.head);
  }

  /** Appends one transaction and waits until it is on the disk. On failure the file is cut back. */
  async append(payload: Uint8Array): Promise<void> {
    const { bytes, tag } = sealRecord(payload, this.key, this.generation, this.nextSequence, this.head, this.mac);
    try {
      const { bytesWritten } = await this.handle.write(bytes, 0, bytes.length, this.length);
      if (bytesWritten !== bytes.length) throw Object.assign(new Error('short write to the journal'), { code: 'EIO' });
      // A record is durable only in a journal whose header and name are.
      await Promise.all([this.handle.datasync(), this.durable()]);
    } catch (error) {
      await this.handle.truncate(this.length).catch(() => undefined);
      throw error;
    }
    this.length += bytes.length;
    this.nextSequence += 1;
    this.head = tag;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
