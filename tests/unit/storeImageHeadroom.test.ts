// The database loaded from a snapshot grows into room allocated with it, instead of sql.js copying the whole file
// into a 1.125× larger array the first time SQLite writes past its end (a second 100 MB array, in each thread).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { sqlWasmPath } from '../../electron/store/encryptedDatabase';
import { imageHeadroom, loadImage } from '../../electron/store/storeImage';
import { fill, filledImage } from './filledImage';
import { readSnapshotFile, sealSnapshot } from '../../electron/store/files/snapshotFile';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const MB = 1024 * 1024;


/**
 * The arrays the size of the file (or more) allocated while the database grows by `grow` MB after loading it:
 * sql.js's file system allocates its file's new storage with `new Uint8Array(capacity)`, counted here.
 */
async function copiesOfTheFile(image: Uint8Array, room: number, grow: number): Promise<number> {
  const sql = await initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
  const file = Buffer.allocUnsafeSlow(image.length + room).subarray(0, image.length);
  file.set(image);
  const db = loadImage(sql, file);
  const count = () => Number(db.exec('SELECT count(*) FROM fill')[0]!.values[0]![0]);
  const rows = count();
  const original = globalThis.Uint8Array;
  let large = 0;
  globalThis.Uint8Array = new Proxy(original, {
    construct(target, args, newTarget) {
      if (typeof args[0] === 'number' && args[0] >= image.length) large += 1;
      return Reflect.construct(target, args, newTarget === globalThis.Uint8Array ? target : newTarget);
    },
  });
  try {
    fill(db, grow);
  } finally {
    globalThis.Uint8Array = original;
  }
  // Every row is there: the file grew, in place or not.
  expect(count()).toBe(rows + grow * 256);
  db.close();
  return large;
}

describe('a loaded store image', () => {
  it('leaves room of at least 4 MB or an eighth of the image', () => {
    expect(imageHeadroom(1 * MB)).toBe(4 * MB);
    expect(imageHeadroom(100 * MB)).toBe(12.5 * MB);
  });

  it('grows in place into the room behind it; without room, sql.js copies the whole file into a larger one', async () => {
    const image = await filledImage(24);
    // Without room: a new array of 1.125 × 24 MB beside the old one. With room: nothing the size of the file.
    expect(await copiesOfTheFile(image, 0, 2)).toBeGreaterThanOrEqual(1);
    expect(await copiesOfTheFile(image, imageHeadroom(image.length), 2)).toBe(0);
  });

  it('is decrypted once into as many copies as the store’s threads need, each its own allocation with room behind it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cabinet-snapshot-'));
    try {
      const key = randomBytes(32);
      const image = randomBytes(9 * MB + 123);
      await writeFile(join(folder, 'cabinet.store'), sealSnapshot(image, key, 4));
      const read = await readSnapshotFile(join(folder, 'cabinet.store'), key, { chunk: MB, copies: 2, headroom: imageHeadroom });
      const [first, second] = [read!.image, read!.copies![0]!];
      expect(first.equals(image)).toBe(true);
      expect(second.equals(image)).toBe(true);
      expect(first.buffer).not.toBe(second.buffer);
      expect(second.buffer.byteLength).toBe(image.length + imageHeadroom(image.length));
      // A copy can be changed (the thread's database writes into it) without touching the other.
      second[0] = first[0]! ^ 0xff;
      expect(first[0]).toBe(image[0]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
